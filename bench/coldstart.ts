import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuMs, freePort, OUT, REPO, spawnNode, stopChild, waitHealthy } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface ColdStartOptions {
  manifest: string;
  warmRuns: number;
  coldRuns: number;
  /** Another build's bin/chainlit-rt.js instead of this one, as for the stream bench. */
  rtBin?: string;
  /** A second build measured in the same loop (e.g. a copy of the build before a change). */
  compareBin?: string;
}

interface Start {
  /** Spawn → first 200, wall clock. */
  ms: number;
  /** CPU time (user + system) the server had used when it first answered 200. */
  cpuMs: number;
}

/**
 * Spawn `node ARGS` to the first 200 from /health on `port`, polled every 10 ms. The CPU
 * time is read right after: on a shared machine it moves much less with others' load.
 */
async function spawnToHealthy(args: (port: number) => string[]): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnNode('coldstart', args(port));
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, child, 10, 30_000);
    const ms = performance.now() - t0;
    return { ms, cpuMs: cpuMs(child.pid!) };
  } finally {
    await stopChild(child);
  }
}

const rtOnce = (manifest: string, bin: string) => spawnToHealthy((port) => [bin, 'serve', manifest, '--host', '127.0.0.1', '--port', String(port), '-h', '--ci']);
/** The bare Socket.IO server of the stream bench (bench/servers/bare.ts): the floor to compare with. */
const bareOnce = () => spawnToHealthy((port) => [join(OUT, 'bare.mjs'), '--port', String(port)]);

/** A copy of the manifest in its own folder under bench/out (relative plugin paths adjusted). */
function compareManifest(manifest: string): string {
  const source = join(REPO, manifest);
  const dir = join(OUT, 'compare-app');
  mkdirSync(dir, { recursive: true });
  const target = join(dir, basename(source));
  const text = readFileSync(source, 'utf8').replace(/^(\s*-\s+)(\.\.?\/\S+)$/gm, (_m, lead: string, rel: string) => `${lead}${relative(dir, resolve(dirname(source), rel))}`);
  writeFileSync(target, text);
  return relative(REPO, target);
}

async function nodeItself(): Promise<Start> {
  const t0 = performance.now();
  const child = spawnNode('coldstart', ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return { ms: performance.now() - t0, cpuMs: Number.NaN };
}

function row(label: string, starts: Start[]): string[] {
  const ms = starts.map((s) => s.ms);
  return [label, fmt(median(ms), 0), String(ms.length), fmt(Math.min(...ms), 0), fmt(Math.max(...ms), 0), fmt(median(starts.map((s) => s.cpuMs)), 0)];
}

function ratio(label: string, a: Start[], b: Start[]): string[] {
  const m = (xs: Start[], k: keyof Start) => median(xs.map((x) => x[k]));
  return [label, fmt(m(a, 'ms') / m(b, 'ms'), 2), '', '', '', fmt(m(a, 'cpuMs') / m(b, 'cpuMs'), 2)];
}

/**
 * Cold start of the CLI to the first healthy answer: "cold" runs delete the app's plugin
 * compile cache first (esbuild runs), "warm" runs reuse it. The bare Socket.IO server and
 * `node -e 0` are measured in the same loop, alternating with the warm runs, so the ratio
 * compares starts made under the same load.
 */
export async function coldStartBench(opts: ColdStartOptions): Promise<string> {
  const bin = opts.rtBin ?? 'bin/chainlit-rt.js';
  // Only the compile cache goes; the rest of <app>/.chainlit-rt (e.g. a SQLite history) stays.
  const cache = join(REPO, opts.manifest, '..', '.chainlit-rt', 'plugins');
  const cold: Start[] = [];
  for (let i = 0; i < opts.coldRuns; i += 1) {
    rmSync(cache, { recursive: true, force: true });
    cold.push(await rtOnce(opts.manifest, bin));
  }
  const warm: Start[] = [];
  const other: Start[] = [];
  const bare: Start[] = [];
  const node: Start[] = [];
  const sides: Array<() => Promise<void>> = [
    async () => void warm.push(await rtOnce(opts.manifest, bin)),
    async () => void bare.push(await bareOnce()),
  ];
  if (opts.compareBin) {
    const compareBin = opts.compareBin;
    // The plugin cache records which SDK build a bundle imports: two builds sharing one app
    // folder would rebuild it on every start, so the other build gets a copy of the manifest.
    const manifest = compareManifest(opts.manifest);
    sides.push(async () => void other.push(await rtOnce(manifest, compareBin)));
    await rtOnce(manifest, compareBin); // warms its cache
  }
  for (let i = 0; i < opts.warmRuns; i += 1) {
    // Rotate which side goes first, so none always follows another's exit.
    for (let k = 0; k < sides.length; k += 1) await sides[(i + k) % sides.length]!();
    node.push(await nodeItself());
  }
  const rows = [
    row('first run, compile cache deleted', cold.slice(0, 1)),
    row('cold (cache deleted each time)', cold),
    row(`**warm (cache present)**${opts.rtBin ? ` \`${opts.rtBin}\`` : ''}`, warm),
    ...(opts.compareBin ? [row(`warm, \`${opts.compareBin}\``, other)] : []),
    row('bare Socket.IO server (bench/servers/bare.ts)', bare),
    ratio('**ratio warm / bare** (medians)', warm, bare),
    ...(opts.compareBin ? [ratio(`ratio warm / \`${opts.compareBin}\` (medians)`, warm, other)] : []),
    row('for scale: `node -e 0` to exit', node),
  ];
  return `### Cold start: \`${opts.manifest}\` spawn → first /health 200\n\n${table(['run', 'median ms', 'runs', 'min ms', 'max ms', 'median CPU ms'], rows)}\n`;
}
