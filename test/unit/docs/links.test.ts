import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { REPO, missingFrom, readRepoFile } from './support.js';

/** The reference pages cite code by path; a rename must not leave them pointing nowhere. */
const PAGES = ['docs/README.md', 'docs/sdk.md', 'docs/cli.md', 'docs/errors.md', 'docs/protocol.md'];

function relativeLinks(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.split('#')[0]!);
}

describe('docs: links and the index', () => {
  it('every relative link of the reference pages points at an existing file', () => {
    const broken = PAGES.flatMap((page) =>
      relativeLinks(readRepoFile(page))
        .map((target) => ({ target, file: normalize(join(REPO, dirname(page), target)) }))
        // Outside the repository a link breaks in every clone, even when it resolves here.
        .filter(({ file }) => !file.startsWith(REPO) || !existsSync(file))
        .map(({ target }) => `${page} → ${target}`),
    );
    expect(broken, `broken links:\n${broken.join('\n')}`).to.deep.equal([]);
  });

  it('docs/README.md links every page of docs/', () => {
    const pages = readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages).to.include('sdk.md');
    const linked = relativeLinks(readRepoFile('docs/README.md'));
    const unlisted = missingFrom(pages, linked);
    expect(unlisted, `pages of docs/ not listed in docs/README.md: ${unlisted.join(', ')}`).to.deep.equal([]);
  });
});
