import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamClientResult } from './clients/stream-client.js';
import { byArea, hotspots } from './lib/cpuprofile.js';
import { ClientProcess } from './lib/driver.js';
import { cpuMs, OUT, startBare, startChainlitRt, type ServerProc } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface StreamOptions {
  sessions: number[];
  tokens: number;
  reps: number;
  /** Run the servers under `node --cpu-prof` and print where their time goes. */
  profile: boolean;
  /** Another build's `bin/chainlit-rt.js` to measure instead of this repository's. */
  rtBin?: string;
}

interface Sample extends StreamClientResult {
  serverCpuMs: number;
  clientCpuMs: number;
}

/** Enough answers in a row per session that every run streams ≥ 50 answers (≥ 100k tokens), for CPU-tick resolution. */
const roundsFor = (sessions: number) => Math.max(1, Math.ceil(50 / sessions));

const APP = 'bench/app/chainlit.yaml';

async function runOnce(server: ServerProc, sessions: number, tokens: number): Promise<Sample> {
  const client = new ClientProcess('stream-client.mjs', [server.url, String(sessions), String(tokens), String(roundsFor(sessions))]);
  try {
    await client.expect('ready', 60_000);
    const cpu0 = cpuMs(server.pid);
    const clientCpu0 = cpuMs(client.pid);
    client.send('go');
    const line = await client.nextLine(150_000);
    const serverCpuMs = cpuMs(server.pid) - cpu0;
    const clientCpuMs = cpuMs(client.pid) - clientCpu0;
    const result = JSON.parse(line) as StreamClientResult;
    if (result.error) throw new Error(`${server.kind}, ${sessions} sessions: ${result.error}`);
    return { ...result, serverCpuMs, clientCpuMs };
  } finally {
    await client.close();
  }
}

function summarize(samples: Sample[]) {
  const tokens = samples[0]?.tokens ?? 0;
  return {
    tokensPerSec: median(samples.map((s) => s.tokensPerSec)),
    gapP50Us: median(samples.map((s) => s.gapP50Us)),
    gapP99Us: median(samples.map((s) => s.gapP99Us)),
    firstTokenMs: median(samples.map((s) => s.firstTokenP50Ms)),
    cpuUsPerToken: median(samples.map((s) => (s.serverCpuMs * 1000) / tokens)),
    serverBusy: median(samples.map((s) => s.serverCpuMs / s.elapsedMs)),
    clientBusy: median(samples.map((s) => s.clientCpuMs / s.elapsedMs)),
  };
}

/**
 * Streaming throughput and per-token latency, chainlit-rt against a bare Socket.IO server
 * doing the same work, both measured in this one run with alternating order per repetition.
 */
export async function streamBench(opts: StreamOptions): Promise<string> {
  const profDir = (kind: string) => join(OUT, 'prof', kind);
  const flags = (kind: string) => (opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir(kind)}`] : []);
  if (opts.profile) {
    rmSync(join(OUT, 'prof'), { recursive: true, force: true });
    mkdirSync(profDir('bare'), { recursive: true });
    mkdirSync(profDir('chainlit-rt'), { recursive: true });
  }
  const bare = await startBare(flags('bare'));
  const rt = await startChainlitRt(APP, flags('chainlit-rt'), opts.rtBin);
  const rows: string[][] = [];
  try {
    // Warm-up: JIT, lazy requires and first-use allocations, on both sides alike.
    for (const server of [bare, rt]) await runOnce(server, 10, opts.tokens);
    for (const n of opts.sessions) {
      const samples: Record<'bare' | 'chainlit-rt', Sample[]> = { bare: [], 'chainlit-rt': [] };
      for (let rep = 0; rep < opts.reps; rep += 1) {
        const order = rep % 2 === 0 ? [bare, rt] : [rt, bare];
        for (const server of order) samples[server.kind].push(await runOnce(server, n, opts.tokens));
        process.stderr.write('.');
      }
      const b = summarize(samples.bare);
      const c = summarize(samples['chainlit-rt']);
      const pct = (x: number) => `${fmt(x * 100, 0)}%`;
      const row = (name: string, s: ReturnType<typeof summarize>) => [String(n), name, fmt(s.tokensPerSec, 0), fmt(s.gapP50Us, 1), fmt(s.gapP99Us, 1), fmt(s.firstTokenMs, 2), fmt(s.cpuUsPerToken, 2), pct(s.serverBusy), pct(s.clientBusy)];
      rows.push(row('bare socket.io', b), row('chainlit-rt', c));
      rows.push([String(n), '**ratio rt/bare**', `**${fmt(c.tokensPerSec / b.tokensPerSec, 2)}**`, fmt(c.gapP50Us / b.gapP50Us, 2), fmt(c.gapP99Us / b.gapP99Us, 2), fmt(c.firstTokenMs / b.firstTokenMs, 2), fmt(c.cpuUsPerToken / b.cpuUsPerToken, 2), '', '']);
    }
  } finally {
    await Promise.all([bare.stop(), rt.stop()]);
    process.stderr.write('\n');
  }
  const header = ['sessions', 'server', 'tokens/s', 'gap p50 µs', 'gap p99 µs', '1st token ms', 'server CPU µs/token', 'server busy', 'client busy'];
  const rounds = opts.sessions.map((n) => `${n}: ${roundsFor(n)}`).join(', ');
  let out = `### Streaming (${opts.tokens} tokens per answer; answers in a row per session — ${rounds}; median of ${opts.reps})\n\n${table(header, rows)}\n`;
  if (opts.profile) {
    for (const kind of ['chainlit-rt', 'bare']) {
      const areas = byArea(profDir(kind));
      out += `\n#### CPU profile: ${kind}, self time by area (whole process life, startup included)\n\n`;
      out += table(['area', 'self ms', 'share'], areas.map((a) => [a.area, fmt(a.selfMs, 0), `${fmt(a.share * 100, 1)}%`])) + '\n';
      const spots = hotspots(profDir(kind));
      out += `\n#### CPU profile: ${kind} (self time, top ${spots.length})\n\n`;
      out += table(['function', 'where', 'self ms', 'share'], spots.map((s) => [s.fn, s.where, fmt(s.selfMs, 0), `${fmt(s.share * 100, 1)}%`])) + '\n';
    }
  }
  return out;
}
