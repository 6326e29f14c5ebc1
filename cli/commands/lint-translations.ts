import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packagePath } from '../../runtime/paths.js';

type Catalogue = { [key: string]: string | Catalogue };

/** Dotted paths of every string in a nested catalogue. */
function keysOf(value: Catalogue, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') for (const nested of keysOf(v, path)) keys.add(nested);
    else keys.add(path);
  }
  return keys;
}

export interface TranslationReport {
  file: string;
  missing: string[];
  extra: string[];
  error?: string;
}

/** Compares every `<lang>.json` of a folder with its `en-US.json`. */
export async function lintTranslations(folder: string): Promise<TranslationReport[]> {
  const reference = keysOf(JSON.parse(await readFile(join(folder, 'en-US.json'), 'utf8')) as Catalogue);
  const reports: TranslationReport[] = [];
  for (const name of (await readdir(folder)).sort()) {
    if (!name.endsWith('.json') || name === 'en-US.json') continue;
    let keys: Set<string>;
    try {
      keys = keysOf(JSON.parse(await readFile(join(folder, name), 'utf8')) as Catalogue);
    } catch (err) {
      reports.push({ file: name, missing: [], extra: [], error: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    reports.push({
      file: name,
      missing: [...reference].filter((k) => !keys.has(k)),
      extra: [...keys].filter((k) => !reference.has(k)),
    });
  }
  return reports;
}

/** `chainlit-rt lint-translations [folder]`: exit 1 when any file misses or adds keys. */
export async function lintTranslationsCommand(folder: string | undefined): Promise<number> {
  const dir = resolve(folder ?? (existsSync('translations') ? 'translations' : packagePath('translations')));
  if (!existsSync(join(dir, 'en-US.json'))) {
    console.error(`${dir}: no en-US.json to compare with`);
    return 1;
  }
  const reports = await lintTranslations(dir);
  let failed = false;
  for (const r of reports) {
    if (r.error) {
      failed = true;
      console.log(`${join(dir, r.file)}: ${r.error}`);
      continue;
    }
    for (const k of r.missing) console.log(`${join(dir, r.file)}: missing key ${k}`);
    for (const k of r.extra) console.log(`${join(dir, r.file)}: extra key ${k} (not in en-US.json)`);
    if (r.missing.length || r.extra.length) failed = true;
    else console.log(`OK: ${join(dir, r.file)}`);
  }
  return failed ? 1 : 0;
}
