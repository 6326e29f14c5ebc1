import { ClientProcess } from './lib/driver.js';
import { collectAndMeasure } from './lib/inspector.js';
import { freePort, rssKb, startBare, startChainlitRt, type ServerProc } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface MemoryOptions {
  sessions: number;
  batch: number;
  reps: number;
  settleMs: number;
}

interface Measurement {
  baseRssKb: number;
  /** VmRSS growth per session, read as is (whatever the GC had done by then). */
  rssKb: number;
  /** The same after a forced full GC at both ends. */
  rssGcKb: number;
  heapGcKb: number;
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

async function measureOnce(start: (flags: string[]) => Promise<ServerProc>, opts: MemoryOptions): Promise<Measurement> {
  const inspectPort = await freePort();
  const server = await start([`--inspect=127.0.0.1:${inspectPort}`]);
  try {
    // Warm the connection path on a few sessions first so lazy loading is not billed per session.
    const warm = await holdSessions(server, 20, 20);
    warm.send('close');
    await warm.close();
    const before = await steadyRss(server.pid, opts.settleMs);
    const beforeGc = await collectAndMeasure(inspectPort);
    const client = await holdSessions(server, opts.sessions, opts.batch);
    const after = await steadyRss(server.pid, opts.settleMs);
    const afterGc = await collectAndMeasure(inspectPort);
    client.send('close');
    await client.close();
    const per = (bytes: number) => bytes / 1024 / opts.sessions;
    return {
      baseRssKb: beforeGc.rss / 1024,
      rssKb: (after - before) / opts.sessions,
      rssGcKb: per(afterGc.rss - beforeGc.rss),
      heapGcKb: per(afterGc.heapUsed - beforeGc.heapUsed),
    };
  } finally {
    await server.stop();
  }
}

/** RSS growth per idle session (after its chat start), chainlit-rt against bare Socket.IO. */
export async function memoryBench(opts: MemoryOptions): Promise<string> {
  const results: Record<'bare' | 'chainlit-rt', Measurement[]> = { bare: [], 'chainlit-rt': [] };
  for (let rep = 0; rep < opts.reps; rep += 1) {
    results.bare.push(await measureOnce((flags) => startBare(flags), opts));
    results['chainlit-rt'].push(await measureOnce((flags) => startChainlitRt(APP, flags), opts));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const med = (r: Measurement[], f: (m: Measurement) => number) => median(r.map(f));
  const row = (name: string, r: Measurement[]) => [
    name,
    fmt(med(r, (m) => m.baseRssKb) / 1024, 1),
    fmt(med(r, (m) => m.rssKb), 1),
    fmt(med(r, (m) => m.rssGcKb), 1),
    fmt(med(r, (m) => m.heapGcKb), 1),
    r.map((m) => fmt(m.rssGcKb, 1)).join(' / '),
  ];
  const rt = results['chainlit-rt'];
  const bare = results.bare;
  const diff = (f: (m: Measurement) => number) => fmt(med(rt, f) - med(bare, f), 1);
  const rows = [
    row('bare socket.io', bare),
    row('chainlit-rt', rt),
    ['difference rt − bare', '', diff((m) => m.rssKb), diff((m) => m.rssGcKb), diff((m) => m.heapGcKb), ''],
  ];
  const header = ['server', 'base RSS MiB', 'KiB/session RSS', 'KiB/session RSS after GC', 'KiB/session heap after GC', 'each run (RSS after GC)'];
  return `### Memory: idle sessions (${opts.sessions} sessions, websocket, batches of ${opts.batch}, median of ${opts.reps})\n\n${table(header, rows)}\n`;
}
