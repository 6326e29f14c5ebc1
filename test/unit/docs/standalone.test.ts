/**
 * The docs stand alone: a clone of this repository has no design notes beside it, so the
 * README and docs/ never send readers to them; what users need is restated in docs/
 * (protocol.md, architecture.md). The README also keeps its CLI table and links current.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { REPO, readRepoFile } from './support.js';

const INTERNAL_NOTES = /\b(DESIGN|PROTOCOL|DOM-CONTRACT|STYLE)\.md\b|\.\.\/shared\b|\bshared\/(DESIGN|PROTOCOL)/;

function markdownUnder(relative: string): string[] {
  return readdirSync(join(REPO, relative)).flatMap((name) => {
    const rel = join(relative, name);
    if (statSync(join(REPO, rel)).isDirectory()) return markdownUnder(rel);
    return name.endsWith('.md') ? [rel] : [];
  });
}

describe('docs: they stand alone', () => {
  const pages = ['README.md', 'ROADMAP.md', 'CHANGELOG.md', ...markdownUnder('docs')];

  it('never mention the internal design notes (DESIGN.md, PROTOCOL.md, DOM-CONTRACT.md, STYLE.md) or ../shared', () => {
    expect(pages).to.include('docs/protocol.md');
    const hits = pages.flatMap((page) => readRepoFile(page).split('\n')
      .map((line, i) => ({ line, at: `${page}:${i + 1}` }))
      .filter(({ line }) => INTERNAL_NOTES.test(line))
      .map(({ line, at }) => `${at}: ${line.trim()}`));
    expect(hits, 'restate what users need in docs/ instead').to.deep.equal([]);
  });

  it('docs/protocol.md and docs/architecture.md carry the protocol and the architecture themselves', () => {
    const protocol = readRepoFile('docs/protocol.md');
    for (const event of ['connection_successful', 'client_message', 'stream_token', 'update_message', 'ask', 'call_fn', 'task_end']) {
      expect(protocol, event).to.include(`\`${event}\``);
    }
    const architecture = readRepoFile('docs/architecture.md');
    for (const part of ['runtime/app.ts', 'AsyncLocalStorage', 'esbuild', 'session.store']) expect(architecture, part).to.include(part);
  });

  it('the README lists every CLI command, links the main docs and says how to run one test file', () => {
    const readme = readRepoFile('README.md');
    const commands = [...readRepoFile('cli/index.ts').matchAll(/\.command\('([a-z-]+)'\)/g)].map((m) => m[1]!);
    expect(commands).to.include.members(['serve', 'test', 'lint-translations']);
    const missing = commands.filter((c) => !readme.includes(`| \`chainlit-rt ${c}`));
    expect(missing, 'commands missing from the README CLI table').to.deep.equal([]);
    for (const link of ['docs/README.md', 'docs/guide/', 'docs/testing.md', 'docs/elements.md', 'docs/ui.md', 'docs/architecture.md', 'docs/cli.md']) {
      expect(readme, link).to.include(`](${link}`);
    }
    expect(readme).to.match(/npx mocha test\/\S+\.test\.ts/);
  });
});
