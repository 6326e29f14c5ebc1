import { createConnection } from 'node:net';

/** Is something listening on 127.0.0.1:port? */
function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const PORTS = { redis: 6379, postgres: 5432 } as const;

/**
 * Use in a `before` hook: skips the suite locally when the service is down, but FAILS in CI
 * (CI=true), where a missing service must never pass as a skip.
 */
export async function requireService(ctx: Mocha.Context, service: keyof typeof PORTS): Promise<void> {
  if (await reachable(PORTS[service])) return;
  const message = `${service} is not reachable on 127.0.0.1:${PORTS[service]}`;
  if (process.env.CI === 'true') throw new Error(`${message} (required in CI)`);
  console.warn(`      skipped: ${message}`);
  ctx.skip();
}
