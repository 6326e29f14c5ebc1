import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, missingFrom, readRepoFile } from './support.js';

/**
 * docs/cli.md must mention every command and every long option the CLI prints in its help.
 * Runs the built CLI (`npm test` builds dist/ first; locally `npx tsx scripts/build.ts --no-ui --no-types`).
 */
const BIN = join(REPO, 'bin/chainlit-rt.js');
const DOC = 'docs/cli.md';

function help(args: string[]): string {
  const res = spawnSync(process.execPath, [BIN, ...args, '--help'], { cwd: REPO, encoding: 'utf8', timeout: 20_000 });
  expect(res.status, `chainlit-rt ${args.join(' ')} --help failed:\n${res.stdout}${res.stderr}`).to.equal(0);
  return res.stdout;
}

/** Command names listed under "Commands:" of commander's top-level help. */
function commands(text: string): string[] {
  const block = text.split(/^Commands:\s*$/m)[1] ?? '';
  return [...block.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!);
}

function longOptions(text: string): string[] {
  const block = text.split(/^Options:\s*$/m)[1] ?? '';
  return [...block.matchAll(/^\s+(?:-\w,\s+)?(--[a-z][\w-]*)/gm)].map((m) => m[1]!);
}

describe('docs/cli.md: every command and option of the CLI', function () {
  this.timeout(60_000);
  const doc = readRepoFile(DOC);

  before(function () {
    if (!existsSync(join(REPO, 'dist/cli/index.js'))) {
      throw new Error('dist/ is not built: run `npx tsx scripts/build.ts --no-ui --no-types` (npm test does it)');
    }
  });

  it('has a "## command" section for every command of the top-level help', () => {
    const listed = commands(help([]));
    expect(listed, 'could not read the command list of `chainlit-rt --help`').to.include.members(['serve', 'validate', 'init', 'create-secret', 'hello']);
    const sections = [...doc.matchAll(/^## ([\w-]+)\s*$/gm)].map((m) => m[1]!);
    const undocumented = missingFrom(listed, sections);
    expect(undocumented, `commands without a "## name" section in ${DOC}: ${undocumented.join(', ')}`).to.deep.equal([]);
  });

  it('mentions every long option printed by `--help`, for the program and each command', () => {
    const problems: string[] = [];
    const top = help([]);
    for (const option of longOptions(top)) if (!doc.includes(`\`${option}`)) problems.push(`chainlit-rt ${option}`);
    for (const command of commands(top).filter((c) => c !== 'help')) {
      const options = longOptions(help([command]));
      expect(options, `no options parsed for ${command}`).to.include('--help');
      const sectionText = doc.split(new RegExp(`^## ${command}\\s*$`, 'm'))[1]?.split(/^## /m)[0] ?? '';
      for (const option of options.filter((o) => o !== '--help')) {
        if (!sectionText.includes(`\`${option}`)) problems.push(`chainlit-rt ${command} ${option}`);
      }
    }
    expect(problems, `options missing from their section of ${DOC}: ${problems.join(', ')}`).to.deep.equal([]);
  });
});
