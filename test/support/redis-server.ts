import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A free loopback port (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** A client for the test itself (CONFIG SET, GET, …). */
  admin: Redis;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, for tests that break Redis on purpose
 * (failing writes, restarts) without touching the shared one other tests use.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url, { retryStrategy: (n) => (n > 100 ? null : 20) });
  admin.on('error', () => undefined); // refused until the server listens; ping() waits for it
  await admin.ping();
  return {
    url,
    port,
    admin,
    async stop() {
      admin.disconnect();
      child.kill('SIGKILL');
      await exited;
    },
  };
}
