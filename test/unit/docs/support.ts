import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root, with a trailing separator. */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export function readRepoFile(relative: string): string {
  return readFileSync(join(REPO, relative), 'utf8');
}

/** Names of the `### \`Name\`` headings of a markdown text (the SDK reference's export headings). */
export function exportHeadings(markdown: string): string[] {
  return [...markdown.matchAll(/^### `([^`]+)`\s*$/gm)].map((m) => m[1]!);
}

/** The text of the `## Title` section (up to the next `## ` heading), or '' when absent. */
export function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Names in the first column of markdown table rows: `| \`name\` | …`. */
export function tableNames(markdown: string): string[] {
  return [...markdown.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]!);
}

/** Every `.ts` file under a folder of the repository (relative paths). */
export function tsFilesUnder(relative: string): string[] {
  return readdirSync(join(REPO, relative)).flatMap((name) => {
    const rel = join(relative, name);
    if (statSync(join(REPO, rel)).isDirectory()) return tsFilesUnder(rel);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** `a` minus `b`, sorted. */
export function missingFrom(a: Iterable<string>, b: Iterable<string>): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x)).sort();
}
