import { expect } from 'chai';
import * as sdk from '../../../runtime/sdk/index.js';
import { exportHeadings, missingFrom, readRepoFile, section, tableNames } from '../docs/support.js';

/**
 * Pins the public surface of 'chainlit-rt': the runtime exports of runtime/sdk/index.ts must
 * equal the committed list and the `### \`Name\`` headings of docs/sdk.md, so adding or
 * dropping an export is always a deliberate, documented change.
 */
const EXPORTS_FILE = 'test/unit/sdk/exports.txt';
const DOC = 'docs/sdk.md';

function committedList(): string[] {
  return readRepoFile(EXPORTS_FILE)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Names exported type-only by the SDK entry (`export type { A, B }` and `export { type C }`). */
function typeOnlyExports(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/export\s+type\s*\{([^}]*)\}/g)) names.push(...m[1]!.split(','));
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    names.push(...m[1]!.split(',').filter((n) => /^\s*type\s/.test(n)).map((n) => n.replace(/^\s*type\s+/, '')));
  }
  // `A as B` exports B.
  return names.map((n) => n.trim().split(/\s+as\s+/).pop()!.trim()).filter(Boolean);
}

function report(lines: Array<[string, string[]]>): string {
  return lines.filter(([, names]) => names.length > 0).map(([what, names]) => `${what}: ${names.join(', ')}`).join('\n');
}

describe('SDK public surface (chainlit-rt exports)', () => {
  const actual = Object.keys(sdk).sort();

  it('exports something (the entry point loaded)', () => {
    expect(actual).to.include('definePlugin');
  });

  it(`matches the committed list in ${EXPORTS_FILE}`, () => {
    const committed = committedList();
    const problems = report([
      [`exported by runtime/sdk/index.ts but missing from ${EXPORTS_FILE} (add them if the change is deliberate)`, missingFrom(actual, committed)],
      [`listed in ${EXPORTS_FILE} but no longer exported by runtime/sdk/index.ts`, missingFrom(committed, actual)],
    ]);
    expect(problems, problems).to.equal('');
    expect(committed, `${EXPORTS_FILE} must be sorted and free of duplicates`).to.deep.equal([...new Set(committed)].sort());
  });

  it(`documents every runtime export with a ### \`Name\` heading in ${DOC}, and nothing else`, () => {
    const headings = exportHeadings(readRepoFile(DOC));
    const duplicates = headings.filter((h, i) => headings.indexOf(h) !== i);
    const problems = report([
      [`exported but without a "### \`Name\`" heading in ${DOC}`, missingFrom(actual, headings)],
      [`has a "### \`Name\`" heading in ${DOC} but is not exported`, missingFrom(headings, actual)],
      [`heading repeated in ${DOC}`, duplicates],
    ]);
    expect(problems, problems).to.equal('');
  });

  it(`lists every type-only export in the Types section of ${DOC}`, () => {
    const types = typeOnlyExports(readRepoFile('runtime/sdk/index.ts'));
    expect(types, 'could not find the type-only exports of runtime/sdk/index.ts').to.include('PluginDefinition');
    const documented = tableNames(section(readRepoFile(DOC), 'Types'));
    const problems = report([
      [`type exported but not in the Types table of ${DOC}`, missingFrom(types, documented)],
      [`in the Types table of ${DOC} but not exported as a type`, missingFrom(documented, types)],
    ]);
    expect(problems, problems).to.equal('');
  });
});
