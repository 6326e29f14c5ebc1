import { expect } from 'chai';
import { missingFrom, readRepoFile, tsFilesUnder } from './support.js';

/**
 * docs/errors.md must describe exactly the codes of the ErrorCode union in runtime/errors.ts,
 * and every code must be raised somewhere, unless errors.md marks it **Reserved**.
 */
const ERRORS_TS = 'runtime/errors.ts';
const DOC = 'docs/errors.md';

function unionCodes(source: string): string[] {
  const union = /export\s+type\s+ErrorCode\s*=([^;]*);/.exec(source)?.[1] ?? '';
  return [...union.matchAll(/'(CRT_[A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

/** `## CRT_X` sections of the doc, with their text. */
function docSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const part of parts) {
    const code = /^(CRT_[A-Z0-9_]+)\s*$/m.exec(part.split('\n')[0] ?? '')?.[1];
    if (code) sections.set(code, part);
  }
  return sections;
}

/**
 * Codes raised outside errors.ts: written literally elsewhere, or carried by an error class of
 * errors.ts (its constructor's code or default code) that is instantiated elsewhere.
 */
function usedCodes(errorsSource: string, files: string[]): Set<string> {
  const others = files.filter((f) => f !== ERRORS_TS).map((f) => readRepoFile(f)).join('\n');
  const used = new Set([...others.matchAll(/['"`](CRT_[A-Z0-9_]+)['"`]/g)].map((m) => m[1]!));
  for (const block of errorsSource.split(/^export class /m).slice(1)) {
    const name = /^(\w+)/.exec(block)?.[1];
    if (!name || !new RegExp(`new ${name}\\(`).test(others)) continue;
    // A class whose constructor takes the code as a typed parameter only forwards callers' literals.
    const fixed = /super\(\s*'(CRT_[A-Z0-9_]+)'/.exec(block)?.[1] ?? /code:\s*ErrorCode\s*=\s*'(CRT_[A-Z0-9_]+)'/.exec(block)?.[1];
    if (fixed) used.add(fixed);
  }
  return used;
}

describe('docs/errors.md: the error-code catalogue', () => {
  const source = readRepoFile(ERRORS_TS);
  const codes = unionCodes(source);
  const sections = docSections(readRepoFile(DOC));

  it('finds the ErrorCode union', () => {
    expect(codes).to.include('CRT_MANIFEST_INVALID');
  });

  it('has a "## CODE" section for every code of the ErrorCode union, and none for other codes', () => {
    const undocumented = missingFrom(codes, sections.keys());
    const stale = missingFrom(sections.keys(), codes);
    expect(undocumented, `codes in ${ERRORS_TS} without a "## CODE" section in ${DOC}: ${undocumented.join(', ')}`).to.deep.equal([]);
    expect(stale, `sections of ${DOC} for codes that ${ERRORS_TS} no longer has: ${stale.join(', ')}`).to.deep.equal([]);
  });

  it('says for every code when it happens, what the user sees and what to do', () => {
    const incomplete = [...sections].filter(([, text]) => !/\*\*When\*\*/.test(text) || !/\*\*(Seen as|User sees)\*\*/.test(text) || !/\*\*Fix\*\*/.test(text)).map(([code]) => code);
    expect(incomplete, `sections missing **When** / **Seen as** / **Fix**: ${incomplete.join(', ')}`).to.deep.equal([]);
  });

  it('raises every code somewhere in runtime/ or cli/, except those errors.md marks **Reserved**', () => {
    const used = usedCodes(source, [...tsFilesUnder('runtime'), ...tsFilesUnder('cli')]);
    const reserved = [...sections].filter(([, text]) => /^\*\*Reserved\*\*/m.test(text)).map(([code]) => code);
    const unused = codes.filter((c) => !used.has(c) && !reserved.includes(c));
    const staleReserved = reserved.filter((c) => used.has(c));
    expect(unused, `codes never raised outside ${ERRORS_TS}: ${unused.join(', ')} (use them, delete them, or mark them **Reserved** in ${DOC})`).to.deep.equal([]);
    expect(staleReserved, `codes marked **Reserved** in ${DOC} but raised now: ${staleReserved.join(', ')} (drop the mark and describe them)`).to.deep.equal([]);
  });
});
