/**
 * Client process of the streaming benchmark:
 *   node bench/out/stream-client.mjs URL SESSIONS TOKENS [ROUNDS]
 * Connects SESSIONS sessions, prints `ready`, waits for `go` on stdin, makes every session
 * ask for TOKENS streamed tokens at once (ROUNDS times in a row, each round starting when the
 * previous answer's task_end arrives), and prints one JSON line of results.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { connectMany, nextCommand } from './connect.js';
import { percentile } from '../lib/stats.js';
import { streamRequest } from '../lib/tokens.js';

export interface StreamClientResult {
  sessions: number;
  tokensPerSession: number;
  rounds: number;
  tokens: number;
  elapsedMs: number;
  tokensPerSec: number;
  /** Inter-arrival time of consecutive tokens of one stream, in microseconds. */
  gapP50Us: number;
  gapP99Us: number;
  /** From sending the message to the stream's first token, in milliseconds. */
  firstTokenP50Ms: number;
  error?: string;
}

const HARD_LIMIT_MS = 120_000;

async function main(): Promise<void> {
  const [url, sessionsArg, tokensArg, roundsArg] = process.argv.slice(2);
  const n = Number(sessionsArg);
  const k = Number(tokensArg);
  const rounds = Number(roundsArg ?? 1);
  if (!url || !(n > 0) || !(k > 1) || !(rounds > 0)) throw new Error('usage: stream-client URL SESSIONS TOKENS [ROUNDS]');
  const sessions = await connectMany(url, n, 50);
  process.stdout.write('ready\n');
  if ((await nextCommand()) !== 'go') process.exit(2);

  const gaps = new Float64Array(n * rounds * (k - 1));
  let gapCount = 0;
  const firstToken: number[] = [];
  let tokens = 0;
  let pending = n;
  let lastDone = 0;
  let error: string | undefined;
  const starters: Array<() => void> = [];
  const t0 = performance.now();
  const finished = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      error = `timed out with ${pending} of ${n} streams unfinished`;
      resolve();
    }, HARD_LIMIT_MS);
    for (const { socket } of sessions) {
      let last = 0;
      let count = 0;
      let round = 0;
      let sentAt = 0;
      let finalSeen = false;
      const ask = () => {
        count = 0;
        finalSeen = false;
        sentAt = performance.now();
        socket.emit('client_message', {
          message: { threadId: '', id: randomUUID(), name: 'User', type: 'user_message', output: streamRequest(k), createdAt: new Date().toISOString(), metadata: { location: 'bench' } },
          fileReferences: [],
        });
      };
      const arrive = () => {
        const now = performance.now();
        if (count === 0) firstToken.push(now - sentAt);
        else gaps[gapCount++] = (now - last) * 1000;
        last = now;
        count += 1;
        tokens += 1;
      };
      socket.on('stream_start', arrive);
      socket.on('stream_token', arrive);
      socket.on('new_message', (m: { streaming?: boolean; type?: string }) => {
        if (m.type === 'assistant_message' && m.streaming === false && count > 0) finalSeen = true;
      });
      socket.on('task_end', () => {
        if (!finalSeen) return;
        if (count !== k && !error) error = `a session got ${count} tokens, expected ${k}`;
        round += 1;
        if (round < rounds) {
          ask();
          return;
        }
        lastDone = performance.now();
        pending -= 1;
        if (pending === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      starters.push(ask);
    }
  });
  for (const start of starters) start();
  await finished;
  const elapsedMs = lastDone - t0;
  const used = gaps.subarray(0, gapCount);
  const result: StreamClientResult = {
    sessions: n,
    tokensPerSession: k,
    rounds,
    tokens,
    elapsedMs,
    tokensPerSec: (tokens / elapsedMs) * 1000,
    gapP50Us: percentile(used, 50),
    gapP99Us: percentile(used, 99),
    firstTokenP50Ms: percentile(firstToken, 50),
    error,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const { socket } of sessions) socket.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: String(err) })}\n`);
  process.exit(1);
});
