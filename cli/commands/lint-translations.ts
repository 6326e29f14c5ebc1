import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packagePath } from '../../runtime/paths.js';

type Catalogue = { [key: string]: string | Catalogue };

/** Every string of a nested catalogue by dotted path. */
function stringsOf(value: Catalogue, prefix = ''): Map<string, string> {
  const strings = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const [p, s] of stringsOf(v, path)) strings.set(p, s);
    else strings.set(path, String(v));
  }
  return strings;
}

/** The `{{name}}` placeholders of a text, sorted, as the UI's interpolation reads them. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

export interface TranslationReport {
  file: string;
  missing: string[];
  extra: string[];
  /** Keys whose text has other placeholders than en-US's (a renamed `{{name}}` shows empty). */
  placeholders: Array<{ key: string; expected: string[]; found: string[] }>;
  error?: string;
}

/** Reads a catalogue file; throws a one-line reason when it is not a JSON object. */
async function readCatalogue(file: string): Promise<Map<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object of keys');
  return stringsOf(parsed as Catalogue);
}

/** Compares every `<lang>.json` of a folder with its `en-US.json` (which must be readable). */
export async function lintTranslations(folder: string): Promise<TranslationReport[]> {
  const reference = await readCatalogue(join(folder, 'en-US.json'));
  const reports: TranslationReport[] = [];
  for (const name of (await readdir(folder)).sort()) {
    if (!name.endsWith('.json') || name === 'en-US.json') continue;
    let strings: Map<string, string>;
    try {
      strings = await readCatalogue(join(folder, name));
    } catch (err) {
      reports.push({ file: name, missing: [], extra: [], placeholders: [], error: (err as Error).message });
      continue;
    }
    const mismatched: TranslationReport['placeholders'] = [];
    for (const [key, text] of strings) {
      const english = reference.get(key);
      if (english === undefined) continue;
      const expected = placeholders(english);
      const found = placeholders(text);
      if (expected.join() !== found.join()) mismatched.push({ key, expected, found });
    }
    reports.push({
      file: name,
      missing: [...reference.keys()].filter((k) => !strings.has(k)),
      extra: [...strings.keys()].filter((k) => !reference.has(k)),
      placeholders: mismatched,
    });
  }
  return reports;
}

/** `chainlit-rt lint-translations [folder]`: exit 1 when any file misses or adds keys or changes placeholders. */
export async function lintTranslationsCommand(folder: string | undefined): Promise<number> {
  const dir = resolve(folder ?? (existsSync('translations') ? 'translations' : packagePath('translations')));
  if (!existsSync(join(dir, 'en-US.json'))) {
    console.error(`${dir}: no en-US.json to compare with`);
    return 1;
  }
  let reports: TranslationReport[];
  try {
    reports = await lintTranslations(dir);
  } catch (err) {
    console.error(`${join(dir, 'en-US.json')}: ${(err as Error).message}`);
    return 1;
  }
  let failed = false;
  for (const r of reports) {
    if (r.error) {
      failed = true;
      console.log(`${join(dir, r.file)}: ${r.error}`);
      continue;
    }
    for (const k of r.missing) console.log(`${join(dir, r.file)}: missing key ${k}`);
    for (const k of r.extra) console.log(`${join(dir, r.file)}: extra key ${k} (not in en-US.json)`);
    const list = (names: string[]) => (names.length ? names.map((n) => `{{${n}}}`).join(' ') : 'none');
    for (const p of r.placeholders) {
      console.log(`${join(dir, r.file)}: placeholders of ${p.key} differ: en-US has ${list(p.expected)}, this file ${list(p.found)}`);
    }
    if (r.missing.length || r.extra.length || r.placeholders.length) failed = true;
    else console.log(`OK: ${join(dir, r.file)}`);
  }
  return failed ? 1 : 0;
}
