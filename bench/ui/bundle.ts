/** Gzip sizes of ui-dist: the first load (entry + static imports) and each lazy chunk. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialGzipSize } from '../../ui/build.js';
import { table } from '../lib/stats.js';

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function bundleReport(outdir: string): Promise<string> {
  const initial = await initialGzipSize(outdir);
  const chunks = join(outdir, 'assets', 'chunks');
  const index = (await readFile(join(outdir, 'assets', 'index.js'))).toString('utf8');
  // Chunks the entry imports statically belong to the first load; named ones are lazy.
  const rows: string[][] = [];
  for (const name of (await readdir(chunks)).sort()) {
    if (!name.endsWith('.js') || name.startsWith('chunk-')) continue;
    const gz = gzipSync(await readFile(join(chunks, name))).length;
    rows.push([name.replace(/-[A-Z0-9]{8}\.js$/, ''), kib(gz), index.includes(`./chunks/${name}`) ? 'lazy (import())' : 'lazy (nested)']);
  }
  const katexCss = gzipSync(await readFile(join(outdir, 'assets', 'katex.css'))).length;
  rows.push(['katex.css', kib(katexCss), 'with the math chunk']);
  return [
    `First load (index.js + its static chunks, index.css), gzip: **JS ${kib(initial.js)}, CSS ${kib(initial.css)}**.`,
    '',
    table(['lazy chunk', 'gzip', 'loaded'], rows),
  ].join('\n');
}
