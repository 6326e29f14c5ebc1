import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PacedClientResult } from './clients/paced-client.js';
import type { StreamClientResult } from './clients/stream-client.js';
import { ClientProcess } from './lib/driver.js';
import { OUT, REPO, startChainlitRt, type ServerProc } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface ScaleOptions {
  reps: number;
  /** Sessions streaming at once. */
  sessions: number;
  tokens: number;
  /** Sessions of the paced run (one message a second each). */
  paced: number;
  pacedSeconds: number;
}

/** Manifests of the bench app in other set-ups: same plugin, other sessions and data layer. */
function manifest(name: string, extra: string): string {
  const dir = join(OUT, 'scale');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: Bench\nplugins:\n  - ${join(REPO, 'bench/app/plugin.ts')}\n${extra}`);
  return file;
}

async function stream(urls: string[], sessions: number, tokens: number): Promise<{ tokensPerSec: number; gapP99Us: number }> {
  const per = Math.max(1, Math.floor(sessions / urls.length));
  const clients = urls.map((url) => new ClientProcess('stream-client.mjs', [url, String(per), String(tokens), '3']));
  try {
    for (const c of clients) await c.expect('ready', 120_000);
    for (const c of clients) c.send('go');
    const results = await Promise.all(clients.map(async (c) => JSON.parse(await c.nextLine(300_000)) as StreamClientResult));
    const failed = results.find((r) => r.error);
    if (failed) throw new Error(failed.error);
    const total = results.reduce((sum, r) => sum + r.tokens, 0);
    const elapsed = Math.max(...results.map((r) => r.elapsedMs));
    return { tokensPerSec: (total * 1000) / elapsed, gapP99Us: Math.max(...results.map((r) => r.gapP99Us)) };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

async function paced(urls: string[], sessions: number, seconds: number): Promise<PacedClientResult> {
  const per = Math.max(1, Math.floor(sessions / urls.length));
  const clients = urls.map((url) => new ClientProcess('paced-client.mjs', [url, String(per), String(seconds), '20']));
  try {
    for (const c of clients) await c.expect('ready', 300_000);
    for (const c of clients) c.send('go');
    const results = await Promise.all(clients.map(async (c) => JSON.parse(await c.nextLine((seconds + 60) * 1000)) as PacedClientResult));
    return {
      sessions: results.reduce((s, r) => s + r.sessions, 0),
      messages: results.reduce((s, r) => s + r.messages, 0),
      p50Ms: Math.max(...results.map((r) => r.p50Ms)),
      p99Ms: Math.max(...results.map((r) => r.p99Ms)),
      maxMs: Math.max(...results.map((r) => r.maxMs)),
      missing: results.reduce((s, r) => s + r.missing, 0),
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/**
 * What persistence and scale-out cost, as ratios measured in one run with the set-ups
 * taking turns: streaming with and without a data layer; one instance with sessions in
 * memory, one with sessions in Redis (the multi-instance mode), two Redis instances with
 * the clients split between them; and paced sessions (one message a second each).
 */
export async function scaleBench(opts: ScaleOptions): Promise<string> {
  const prefix = `bench-${process.pid}-${Date.now()}:`;
  const redis = `session:\n  store: redis\n  key_prefix: "${prefix}"\n`;
  const noData = 'data_layer:\n  enabled: false\n';
  const setups: Record<string, string> = {
    memory: manifest('memory', noData),
    persisted: manifest('persisted', `data_layer:\n  url: sqlite://${join(OUT, 'scale', 'history.db')}\n`),
    redis: manifest('redis', redis + noData),
  };
  const servers: Record<string, ServerProc> = {};
  const rows: string[][] = [];
  try {
    servers.memory = await startChainlitRt(setups.memory!);
    servers.persisted = await startChainlitRt(setups.persisted!);
    servers.redisA = await startChainlitRt(setups.redis!);
    servers.redisB = await startChainlitRt(setups.redis!);
    const runs: Record<string, Array<{ tokensPerSec: number; gapP99Us: number }>> = { memory: [], persisted: [], redis1: [], redis2: [] };
    const order: Array<[string, string[]]> = [
      ['memory', [servers.memory.url]],
      ['persisted', [servers.persisted.url]],
      ['redis1', [servers.redisA.url]],
      ['redis2', [servers.redisA.url, servers.redisB.url]],
    ];
    for (const [, urls] of order) await stream(urls, 10, opts.tokens); // warm-up
    for (let rep = 0; rep < opts.reps; rep += 1) {
      for (const [name, urls] of rep % 2 === 0 ? order : [...order].reverse()) runs[name]!.push(await stream(urls, opts.sessions, opts.tokens));
      process.stderr.write('.');
    }
    const med = (name: string) => ({ tps: median(runs[name]!.map((r) => r.tokensPerSec)), p99: median(runs[name]!.map((r) => r.gapP99Us)) });
    const [memory, persisted, redis1, redis2] = ['memory', 'persisted', 'redis1', 'redis2'].map(med) as [ReturnType<typeof med>, ReturnType<typeof med>, ReturnType<typeof med>, ReturnType<typeof med>];
    rows.push(
      ['1 instance, memory sessions, no data layer', fmt(memory.tps, 0), fmt(memory.p99, 1), '1.00 (baseline)'],
      ['1 instance, memory sessions, SQLite data layer', fmt(persisted.tps, 0), fmt(persisted.p99, 1), `**${fmt(persisted.tps / memory.tps, 2)}** (target ≥ 0.9)`],
      ['1 instance, Redis sessions (multi-instance mode)', fmt(redis1.tps, 0), fmt(redis1.p99, 1), `**${fmt(redis1.tps / memory.tps, 2)}** (target ≥ 0.5)`],
      ['2 instances, Redis sessions, clients split', fmt(redis2.tps, 0), fmt(redis2.p99, 1), `**${fmt(redis2.tps / redis1.tps, 2)}** vs 1 Redis instance`],
    );
    let out = `### Persistence and scale-out (${opts.sessions} sessions streaming ${opts.tokens} tokens, 3 answers each; median of ${opts.reps})\n\n`;
    out += table(['set-up', 'tokens/s', 'token gap p99 µs', 'ratio'], rows) + '\n';
    const pacedRows: string[][] = [];
    for (const [name, urls] of [['1 instance, memory sessions', [servers.memory.url]], ['2 instances, Redis sessions', [servers.redisA.url, servers.redisB.url]]] as Array<[string, string[]]>) {
      const r = await paced(urls, opts.paced, opts.pacedSeconds);
      pacedRows.push([name, String(r.sessions), String(r.messages), fmt(r.p50Ms, 1), fmt(r.p99Ms, 1), fmt(r.maxMs, 1), String(r.missing)]);
      process.stderr.write('.');
    }
    out += `\n### Paced sessions (one message a second each, a 20-token answer; ${opts.pacedSeconds} s)\n\n`;
    out += table(['set-up', 'sessions', 'messages', 'latency p50 ms', 'p99 ms (target < 250)', 'max ms', 'unanswered'], pacedRows) + '\n';
    return out;
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    process.stderr.write('\n');
  }
}
