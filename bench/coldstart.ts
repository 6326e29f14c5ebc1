import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort, REPO, spawnNode, stopChild, waitHealthy } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface ColdStartOptions {
  manifest: string;
  warmRuns: number;
  coldRuns: number;
}

/** Spawn to first 200 from /health, polled every 10 ms. */
async function startOnce(manifest: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode('coldstart', ['bin/chainlit-rt.js', 'serve', manifest, '--host', '127.0.0.1', '--port', String(port), '-h', '--ci']);
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, child, 10, 30_000);
    return performance.now() - t0;
  } finally {
    await stopChild(child);
  }
}

async function nodeItself(): Promise<number> {
  const t0 = performance.now();
  const child = spawnNode('coldstart', ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - t0;
}

/**
 * Cold start of the CLI to the first healthy answer: "cold" runs delete the app's plugin
 * compile cache first (esbuild runs), "warm" runs reuse it.
 */
export async function coldStartBench(opts: ColdStartOptions): Promise<string> {
  // Only the compile cache goes; the rest of <app>/.chainlit-rt (e.g. a SQLite history) stays.
  const cache = join(REPO, opts.manifest, '..', '.chainlit-rt', 'plugins');
  const cold: number[] = [];
  for (let i = 0; i < opts.coldRuns; i += 1) {
    rmSync(cache, { recursive: true, force: true });
    cold.push(await startOnce(opts.manifest));
  }
  const warm: number[] = [];
  for (let i = 0; i < opts.warmRuns; i += 1) warm.push(await startOnce(opts.manifest));
  const bare: number[] = [];
  for (let i = 0; i < opts.warmRuns; i += 1) bare.push(await nodeItself());
  const rows = [
    ['first run, compile cache deleted', fmt(cold[0]!, 0), '1', fmt(cold[0]!, 0), fmt(cold[0]!, 0)],
    [`cold (cache deleted each time)`, fmt(median(cold), 0), String(cold.length), fmt(Math.min(...cold), 0), fmt(Math.max(...cold), 0)],
    [`warm (cache present)`, fmt(median(warm), 0), String(warm.length), fmt(Math.min(...warm), 0), fmt(Math.max(...warm), 0)],
    ['for scale: `node -e 0` to exit', fmt(median(bare), 0), String(bare.length), fmt(Math.min(...bare), 0), fmt(Math.max(...bare), 0)],
  ];
  return `### Cold start: \`${opts.manifest}\` spawn → first /health 200\n\n${table(['run', 'median ms', 'runs', 'min ms', 'max ms'], rows)}\n`;
}
