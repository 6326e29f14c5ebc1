/**
 * Client process of the paced benchmark:
 *   node bench/out/paced-client.mjs URL SESSIONS SECONDS TOKENS
 * Connects SESSIONS sessions, prints `ready`, waits for `go`, then every session sends one
 * message a second (starts spread over the first second) for SECONDS seconds, each asking
 * for a TOKENS-token answer, and prints one JSON line: the latency from sending a message
 * to its complete answer, as percentiles.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { connectMany, nextCommand } from './connect.js';
import { percentile } from '../lib/stats.js';
import { streamRequest } from '../lib/tokens.js';

export interface PacedClientResult {
  sessions: number;
  messages: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that had not come when the run ended. */
  missing: number;
}

async function main(): Promise<void> {
  const [url, sessionsArg, secondsArg, tokensArg] = process.argv.slice(2);
  const n = Number(sessionsArg);
  const seconds = Number(secondsArg);
  const k = Number(tokensArg);
  const sessions = await connectMany(url!, n, 100);
  process.stdout.write('ready\n');
  if ((await nextCommand()) !== 'go') process.exit(2);
  const latencies: number[] = [];
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  const outstanding = new Set<Map<string, number>>();
  const t0 = performance.now();
  sessions.forEach(({ socket }, i) => {
    const waiting = new Map<string, number>();
    outstanding.add(waiting);
    const order: string[] = [];
    socket.on('new_message', (m: { type?: string; streaming?: boolean }) => {
      if (m.type !== 'assistant_message' || m.streaming) return;
      // Answers come back in the order asked (turns are ordered per session).
      const id = order.shift();
      const at = id === undefined ? undefined : waiting.get(id);
      if (id === undefined || at === undefined) return;
      waiting.delete(id);
      latencies.push(performance.now() - at);
    });
    const ask = () => {
      if (performance.now() - t0 > seconds * 1000) return;
      const id = randomUUID();
      waiting.set(id, performance.now());
      order.push(id);
      sent += 1;
      socket.emit('client_message', {
        message: { threadId: '', id, name: 'User', type: 'user_message', output: streamRequest(k), createdAt: new Date().toISOString(), metadata: {} },
        fileReferences: [],
      });
    };
    const start = setTimeout(() => {
      ask();
      timers.push(setInterval(ask, 1000));
    }, (1000 * i) / n);
    timers.push(start);
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 3000));
  for (const t of timers) clearInterval(t);
  let missing = 0;
  for (const waiting of outstanding) missing += waiting.size;
  const sorted = latencies.sort((a, b) => a - b);
  const result: PacedClientResult = { sessions: n, messages: sent, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? 0, missing };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const { socket } of sessions) socket.close();
  process.exit(0);
}

void main();
