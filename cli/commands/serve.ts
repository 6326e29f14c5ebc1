import { createApp } from '../../runtime/app.js';
import { ChainlitRtError } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/log.js';
import { NO_MANIFEST_HINT } from '../hints.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  watch?: boolean;
  headless?: boolean;
  debug?: boolean;
  rootPath?: string;
  ci?: boolean;
}

/** One line that says what went wrong and what to do, instead of Node's `listen EADDRINUSE …`. */
export function listenError(err: unknown, host: string, port: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `Port ${port} on ${host} is already in use: stop the other server, or pick another port with --port ${port + 1} (--port 0 picks a free one).`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port} on ${host}: pick a port above 1023 with --port 8000.`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `Cannot listen on ${host}: it is not an address of this machine; use --host 127.0.0.1 or --host 0.0.0.0.`;
  return `Could not listen on ${host}:${port}: ${(err as Error).message}`;
}

/** Loads the app, listens, opens the browser, and shuts down gracefully on SIGTERM/SIGINT. */
export async function serveCommand(manifestPath: string, options: ServeOptions): Promise<number> {
  const logger = createLogger({ debug: options.debug, pretty: options.ci ? false : undefined });
  let app;
  try {
    app = await createApp({ manifestPath, host: options.host, port: options.port, rootPath: options.rootPath, watch: options.watch, debug: options.debug, logger });
  } catch (err) {
    // Bad manifests and plugins print their file:line message, not a stack.
    if (err instanceof ChainlitRtError && err.code === 'CRT_MANIFEST_NOT_FOUND') console.error(`${err.message}\n${NO_MANIFEST_HINT}`);
    else if (err instanceof ChainlitRtError) console.error(err.message);
    else console.error(err);
    return 1;
  }
  let url: string;
  try {
    url = await app.start();
  } catch (err) {
    console.error(listenError(err, options.host ?? app.services.manifest().config.server.host, options.port ?? app.services.manifest().config.server.port));
    return 1;
  }
  logger.info(`chainlit-rt is running at ${url}`);
  if (!options.headless && !options.ci) {
    const { default: open } = await import('open');
    await open(url).catch(() => logger.warn('could not open a browser'));
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      app.stop().finally(resolve);
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  return 0;
}
