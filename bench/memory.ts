import { ClientProcess } from './lib/driver.js';
import { rssKb, startBare, startChainlitRt, type ServerProc } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface MemoryOptions {
  sessions: number;
  batch: number;
  reps: number;
  settleMs: number;
}

const APP = 'bench/app/chainlit.yaml';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Median of a few VmRSS readings spread over `ms`, to smooth out GC timing. */
async function steadyRss(pid: number, ms: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await sleep(ms / 5);
    readings.push(rssKb(pid));
  }
  return median(readings);
}

async function holdSessions(server: ServerProc, sessions: number, batch: number): Promise<ClientProcess> {
  const client = new ClientProcess('idle-client.mjs', [server.url, String(sessions), String(batch)]);
  await client.expect('connected', 120_000);
  return client;
}

async function measureOnce(start: () => Promise<ServerProc>, opts: MemoryOptions): Promise<{ baseKb: number; perSessionKb: number }> {
  const server = await start();
  try {
    // Warm the connection path on a few sessions first so lazy loading is not billed per session.
    const warm = await holdSessions(server, 20, 20);
    warm.send('close');
    await warm.close();
    const baseKb = await steadyRss(server.pid, opts.settleMs);
    const client = await holdSessions(server, opts.sessions, opts.batch);
    const loadedKb = await steadyRss(server.pid, opts.settleMs);
    client.send('close');
    await client.close();
    return { baseKb, perSessionKb: (loadedKb - baseKb) / opts.sessions };
  } finally {
    await server.stop();
  }
}

/** RSS growth per idle session (after its chat start), chainlit-rt against bare Socket.IO. */
export async function memoryBench(opts: MemoryOptions): Promise<string> {
  const results: Record<string, Array<{ baseKb: number; perSessionKb: number }>> = { bare: [], 'chainlit-rt': [] };
  for (let rep = 0; rep < opts.reps; rep += 1) {
    results.bare!.push(await measureOnce(() => startBare(), opts));
    results['chainlit-rt']!.push(await measureOnce(() => startChainlitRt(APP), opts));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const row = (name: string) => {
    const r = results[name]!;
    return [name, fmt(median(r.map((x) => x.baseKb)) / 1024, 1), fmt(median(r.map((x) => x.perSessionKb)), 1), r.map((x) => fmt(x.perSessionKb, 1)).join(' / ')];
  };
  const rt = median(results['chainlit-rt']!.map((x) => x.perSessionKb));
  const bare = median(results.bare!.map((x) => x.perSessionKb));
  const rows = [row('bare socket.io'), row('chainlit-rt'), ['difference rt − bare', '', fmt(rt - bare, 1), '']];
  return `### Memory: RSS per idle session (${opts.sessions} sessions, websocket, batches of ${opts.batch}, median of ${opts.reps})\n\n${table(['server', 'idle RSS MiB', 'KiB per session', 'each run'], rows)}\n`;
}
