import { readFile } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { ChainlitRtError, type ManifestIssue } from '../errors.js';

/** A manifest file parsed with node positions kept, so any key can be traced to a line. */
export interface ManifestSource {
  /** Absolute path. */
  readonly file: string;
  /** How issues name the file: relative to the working directory when inside it. */
  readonly shownAs: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Reads and parses the YAML; syntax errors come back as issues, not exceptions. */
export async function readSource(file: string): Promise<{ source: ManifestSource; issues: ManifestIssue[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ChainlitRtError('CRT_MANIFEST_NOT_FOUND', `Manifest not found: ${file}`, { cause: err, expose: true });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  const source: ManifestSource = { file, shownAs: displayPath(file), doc, lines };
  const issues: ManifestIssue[] = doc.errors.map((err) => {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    return { file: source.shownAs, line: pos.line, column: pos.col, path: '', message: `YAML syntax error: ${firstLine(err.message)}` };
  });
  if (issues.length === 0 && doc.contents !== null && !isMap(doc.contents)) {
    const pos = lines.linePos(doc.contents.range?.[0] ?? 0);
    issues.push({ file: source.shownAs, line: pos.line, column: pos.col, path: '', message: 'the manifest must be a mapping of keys (name:, ui:, ...)' });
  }
  return { source, issues };
}

function firstLine(message: string): string {
  // yaml appends a code excerpt after the first line; the location is reported separately.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
