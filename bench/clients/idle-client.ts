/**
 * Client process of the memory benchmark:
 *   node bench/out/idle-client.mjs URL SESSIONS BATCH
 * Connects SESSIONS sessions BATCH at a time (each batch waits for its chat starts), prints
 * `connected`, holds them idle until `close` arrives on stdin, then exits.
 */
import { connectMany, nextCommand } from './connect.js';

async function main(): Promise<void> {
  const [url, sessionsArg, batchArg] = process.argv.slice(2);
  const n = Number(sessionsArg);
  const batch = Number(batchArg ?? 100);
  if (!url || !(n > 0) || !(batch > 0)) throw new Error('usage: idle-client URL SESSIONS BATCH');
  const sessions = await connectMany(url, n, batch);
  process.stdout.write('connected\n');
  await nextCommand();
  for (const { socket } of sessions) socket.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stdout.write(`error ${String(err)}\n`);
  process.exit(1);
});
