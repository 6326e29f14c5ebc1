import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

export { freePort };

/** The machine's Redis, which tests share (each under a key prefix of its own). */
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

/** Deletes a test's keys (everything under its prefix) from Redis, then closes the connection. */
export async function dropKeysAndQuit(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** A client for the test itself (CONFIG SET, GET, …); it reconnects after a restart. */
  admin: Redis;
  /** Kills the server (-9) and starts a new, empty one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, for tests that break Redis on purpose
 * (failing writes, restarts) without touching the shared one other tests use. It keeps
 * nothing on disk, like the machine's own.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  let child: ChildProcess;
  let exited: Promise<void>;
  const launch = () => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  };
  launch();
  const url = `redis://127.0.0.1:${port}`;
  const admin = new Redis(url, { retryStrategy: () => 20, maxRetriesPerRequest: null });
  admin.on('error', () => undefined); // refused while the server (re)starts; commands wait for it
  await admin.ping();
  return {
    url,
    port,
    admin,
    async restart() {
      child.kill('SIGKILL');
      await exited;
      launch();
      await admin.ping();
    },
    async stop() {
      admin.disconnect();
      child.kill('SIGKILL');
      await exited;
    },
  };
}
