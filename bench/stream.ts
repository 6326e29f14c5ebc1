import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamClientResult } from './clients/stream-client.js';
import { hotspots } from './lib/cpuprofile.js';
import { ClientProcess } from './lib/driver.js';
import { cpuMs, OUT, startBare, startChainlitRt, type ServerProc } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface StreamOptions {
  sessions: number[];
  tokens: number;
  reps: number;
  /** Run the servers under `node --cpu-prof` and print where their time goes. */
  profile: boolean;
}

interface Sample extends StreamClientResult {
  serverCpuMs: number;
}

const APP = 'bench/app/chainlit.yaml';

async function runOnce(server: ServerProc, sessions: number, tokens: number): Promise<Sample> {
  const client = new ClientProcess('stream-client.mjs', [server.url, String(sessions), String(tokens)]);
  try {
    await client.expect('ready', 60_000);
    const cpu0 = cpuMs(server.pid);
    client.send('go');
    const result = JSON.parse(await client.nextLine(150_000)) as StreamClientResult;
    const serverCpuMs = cpuMs(server.pid) - cpu0;
    if (result.error) throw new Error(`${server.kind}, ${sessions} sessions: ${result.error}`);
    return { ...result, serverCpuMs };
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
  const rt = await startChainlitRt(APP, flags('chainlit-rt'));
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
      const row = (name: string, s: ReturnType<typeof summarize>) => [String(n), name, fmt(s.tokensPerSec, 0), fmt(s.gapP50Us, 0), fmt(s.gapP99Us, 0), fmt(s.firstTokenMs, 2), fmt(s.cpuUsPerToken, 2)];
      rows.push(row('bare socket.io', b), row('chainlit-rt', c));
      rows.push([String(n), '**ratio rt/bare**', `**${fmt(c.tokensPerSec / b.tokensPerSec, 2)}**`, fmt(c.gapP50Us / b.gapP50Us, 2), fmt(c.gapP99Us / b.gapP99Us, 2), fmt(c.firstTokenMs / b.firstTokenMs, 2), fmt(c.cpuUsPerToken / b.cpuUsPerToken, 2)]);
    }
  } finally {
    await Promise.all([bare.stop(), rt.stop()]);
    process.stderr.write('\n');
  }
  const header = ['sessions', 'server', 'tokens/s', 'gap p50 µs', 'gap p99 µs', '1st token ms', 'server CPU µs/token'];
  let out = `### Streaming (${opts.tokens} tokens per session, median of ${opts.reps})\n\n${table(header, rows)}\n`;
  if (opts.profile) {
    for (const kind of ['chainlit-rt', 'bare']) {
      const spots = hotspots(profDir(kind));
      out += `\n#### CPU profile: ${kind} (self time, top ${spots.length})\n\n`;
      out += table(['function', 'where', 'self ms', 'share'], spots.map((s) => [s.fn, s.where, fmt(s.selfMs, 0), `${fmt(s.share * 100, 1)}%`])) + '\n';
    }
  }
  return out;
}
