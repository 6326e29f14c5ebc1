import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

export interface BenchSession {
  socket: Socket;
  /** Resolves when the chat start finished: the welcome message and its task_end arrived. */
  started: Promise<void>;
}

/**
 * One browser-like session over the websocket transport with Chainlit's handshake
 * (PROTOCOL.md §1.5); the same for chainlit-rt and the bare server, which ignores the auth.
 */
export function connectSession(baseUrl: string, timeoutMs = 30_000): Promise<BenchSession> {
  const url = new URL(baseUrl);
  const socket = io(url.origin, {
    path: `${url.pathname.replace(/\/+$/, '')}/ws/socket.io`,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
    extraHeaders: { cookie: `chainlit_rt_browser=${randomUUID()}` },
    auth: { clientType: 'webapp', sessionId: randomUUID(), threadId: '', userEnv: '{}', chatProfile: '' },
  });
  const started = new Promise<void>((resolve, reject) => {
    let welcomed = false;
    const timer = setTimeout(() => reject(new Error('chat start did not finish')), timeoutMs);
    socket.on('new_message', (m: { output?: string }) => {
      if (m.output === 'Welcome!') welcomed = true;
    });
    socket.on('task_end', () => {
      if (!welcomed) return;
      clearTimeout(timer);
      socket.off('new_message');
      socket.off('task_end');
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.emit('connection_successful');
      resolve({ socket, started });
    });
    socket.once('connect_error', reject);
  });
}

/** Connects `count` sessions, `batch` at a time, each batch waiting for its chat starts. */
export async function connectMany(baseUrl: string, count: number, batch: number): Promise<BenchSession[]> {
  const sessions: BenchSession[] = [];
  for (let done = 0; done < count; done += batch) {
    const next = await Promise.all(Array.from({ length: Math.min(batch, count - done) }, () => connectSession(baseUrl)));
    await Promise.all(next.map((s) => s.started));
    sessions.push(...next);
  }
  return sessions;
}

/** A line-based conversation with the parent process: wait for a command on stdin. */
export function nextCommand(): Promise<string> {
  return new Promise((resolve) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      process.stdin.off('data', onData);
      process.stdin.pause();
      resolve(buffer.slice(0, nl).trim());
    };
    process.stdin.resume();
    process.stdin.on('data', onData);
  });
}
