/**
 * Client process of `bench/llm.ts` (so its Socket.IO decoding is not the runtime's CPU):
 *   node --import tsx bench/clients/llm-client.ts URL
 * Prints `ready`; then for each `go` line on stdin opens a new chat and sends it a message,
 * counts the model's tokens in the streamed text (the bench server's tokens each end with a
 * space; openai-chat sends what arrives in one read as one UI token, so frames are not
 * tokens) until task_end, and prints `{"tokens":N,"ms":M,"firstMs":T}` (the stream_start
 * came T ms after the message).
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';

const url = new URL(process.argv[2] ?? '');
let tokens = 0;
let t0 = 0;
let firstMs = 0;
let onEnd: (() => void) | null = null;
const count = (text: string) => {
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) tokens++;
};

/**
 * A new chat, connected and greeted (its first task_end). Each measured message opens its
 * own: openai-chat sends the conversation so far with every request, so a long-lived chat
 * would make each request bigger than the raw side's one-message request.
 */
async function newChat(): Promise<Socket> {
  const socket = io(url.origin, {
    path: `${url.pathname.replace(/\/+$/, '')}/ws/socket.io`,
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie: `chainlit_rt_browser=${randomUUID()}` },
    auth: { clientType: 'webapp', sessionId: randomUUID(), threadId: '', userEnv: '{}', chatProfile: '' },
  });
  socket.on('stream_start', (step: { output: string }) => {
    count(step.output);
    firstMs = performance.now() - t0;
  });
  socket.on('stream_token', (t: { token: string }) => count(t.token));
  socket.on('task_end', () => onEnd?.());
  await new Promise<void>((resolve) => {
    onEnd = resolve;
    socket.on('connect', () => socket.emit('connection_successful'));
  });
  return socket;
}

let socket = await newChat();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') break;
  socket.close();
  socket = await newChat();
  tokens = 0;
  firstMs = 0;
  const done = new Promise<void>((resolve) => { onEnd = resolve; });
  t0 = performance.now();
  socket.emit('client_message', {
    message: { threadId: '', id: randomUUID(), name: 'User', type: 'user_message', output: 'go', createdAt: new Date().toISOString(), metadata: { location: 'bench' } },
    fileReferences: [],
  });
  await done;
  process.stdout.write(`${JSON.stringify({ tokens, ms: performance.now() - t0, firstMs })}\n`);
}
socket.close();
process.exit(0);
