/**
 * The baseline: a plain Socket.IO server (same package and version as chainlit-rt, ws
 * engine, same path) that puts the same frames on the wire as chainlit-rt does for the
 * bench app, with none of the runtime around it. Run as its own process:
 *   node bench/out/bare.mjs --port P
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { parseStreamRequest, tokenAt } from '../lib/tokens.js';

interface Step {
  id: string;
  threadId: string;
  parentId: string | null;
  createdAt: string;
  command: null;
  modes: null;
  start: string;
  end: string | null;
  output: string;
  name: string;
  type: string;
  language: null;
  streaming: boolean;
  isError: boolean;
  waitForAnswer: boolean;
  metadata: Record<string, unknown>;
  tags: null;
  input?: string;
  showInput?: boolean;
}

function step(threadId: string, parentId: string | null, name: string, type: string, output: string): Step {
  const now = new Date().toISOString();
  return { id: randomUUID(), threadId, parentId, createdAt: now, command: null, modes: null, start: now, end: now, output, name, type, language: null, streaming: false, isError: false, waitForAnswer: false, metadata: {}, tags: null };
}

/** The frames of one hook call wrapped in its run step, as chainlit-rt frames them. */
function inRun(socket: Socket, threadId: string, name: string, parentId: string | null, body: (runId: string) => void): void {
  socket.emit('task_start', {});
  const run = { ...step(threadId, parentId, name, 'run', ''), end: null, input: '', showInput: false };
  socket.emit('new_message', run);
  body(run.id);
  socket.emit('update_message', { ...run, end: new Date().toISOString() });
  socket.emit('task_end', {});
}

function stream(socket: Socket, threadId: string, runId: string, k: number): void {
  const msg = step(threadId, runId, 'Assistant', 'assistant_message', '');
  for (let i = 0; i < k; i += 1) {
    const token = tokenAt(i);
    msg.output += token;
    if (i === 0) socket.emit('stream_start', { ...msg, streaming: true });
    else socket.emit('stream_token', { id: msg.id, token, isSequence: false, isInput: false });
  }
  socket.emit('new_message', msg);
}

function main(): void {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
  const http = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    res.writeHead(404).end();
  });
  const io = new Server(http, { path: '/ws/socket.io', transports: ['polling', 'websocket'], serveClient: false });
  io.on('connection', (socket) => {
    const threadId = randomUUID();
    socket.on('connection_successful', () => {
      socket.emit('task_end', {});
      socket.emit('clear_ask', {});
      socket.emit('clear_call_fn', {});
      inRun(socket, threadId, 'on_chat_start', null, (runId) => socket.emit('new_message', step(threadId, runId, 'Assistant', 'assistant_message', 'Welcome!')));
    });
    socket.on('client_message', (payload: { message?: { id?: string; output?: string } }) => {
      const k = parseStreamRequest(payload.message?.output ?? '');
      inRun(socket, threadId, 'on_message', payload.message?.id ?? null, (runId) => stream(socket, threadId, runId, k));
    });
  });
  http.listen(port, '127.0.0.1', () => console.log(`bare socket.io listening on ${port}`));
  const stop = () => {
    void io.close();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
