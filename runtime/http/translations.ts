import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Candidate file names for a language tag, most specific first (PROTOCOL.md §4.4): the
 * exact tag, its base language, any regional variant when no region was asked for, en-US.
 */
async function candidates(folders: string[], language: string): Promise<string[]> {
  const names = [`${language}.json`];
  const base = language.split('-')[0]!;
  if (base !== language) names.push(`${base}.json`);
  if (!language.includes('-')) {
    for (const folder of folders) {
      const files = await readdir(folder).catch(() => [] as string[]);
      const variant = files.sort().find((f) => f.startsWith(`${base}-`) && f.endsWith('.json'));
      if (variant) {
        names.push(variant);
        break;
      }
    }
  }
  names.push('en-US.json');
  return names;
}

export interface LoadedTranslation {
  /** The tag of the file that was found (`es` for a request of `es-MX`), null when none was. */
  language: string | null;
  translation: Record<string, unknown>;
}

/**
 * The translation catalogue for a language. Each candidate is looked up in every folder
 * before the next, less specific candidate, so an app's own catalogue wins over ours at
 * equal specificity and a closer language wins over the app's en-US.
 */
export async function loadTranslation(folders: string[], language: string): Promise<LoadedTranslation> {
  for (const name of await candidates(folders, language)) {
    for (const folder of folders) {
      try {
        const parsed: unknown = JSON.parse(await readFile(path.join(folder, name), 'utf8'));
        if (typeof parsed === 'object' && parsed !== null) {
          return { language: name.slice(0, -'.json'.length), translation: parsed as Record<string, unknown> };
        }
      } catch {
        // absent or unreadable: try the next place
      }
    }
  }
  return { language: null, translation: {} };
}
