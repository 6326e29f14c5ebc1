import { createApp, type App } from '../../runtime/app.js';
import { ChainlitRtError } from '../../runtime/errors.js';
import { FLUSH_TIMEOUT_MS } from '../../runtime/lifecycle.js';
import { createLogger, type Logger } from '../../runtime/log.js';
import { NO_MANIFEST_HINT } from '../hints.js';

/** Time allowed for closing after the drain and the flush, before a forced exit. */
const CLOSE_MARGIN_MS = 5000;

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
    await app.stop().catch(() => undefined);
    return 1;
  }
  logger.info(`chainlit-rt is running at ${url}`);
  if (!options.headless && !options.ci) {
    const { default: open } = await import('open');
    await open(url).catch(() => logger.warn('could not open a browser'));
  }
  return await shutdownOnSignal(app, logger);
}

/**
 * First SIGTERM/SIGINT: graceful shutdown (runtime/lifecycle.ts) — no new clients, running
 * handlers get `server.shutdown_grace_seconds`, clients move elsewhere, writes are flushed.
 * Second: stop the running handlers now, still flush and close. Third, or a close that
 * hangs well past the grace period: exit 1 at once.
 */
function shutdownOnSignal(app: App, logger: Logger): Promise<number> {
  return new Promise((resolve) => {
    const force = new AbortController();
    let received = 0;
    const exitNow = (why: string) => {
      logger.error(why);
      process.exit(1);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      received += 1;
      if (received === 1) {
        const graceMs = app.services.manifest().config.server.shutdown_grace_seconds * 1000;
        logger.info({ signal, graceMs }, 'shutting down');
        setTimeout(() => exitNow('shutdown did not finish in time; exiting'), graceMs + FLUSH_TIMEOUT_MS + CLOSE_MARGIN_MS).unref();
        app.shutdown({ graceMs, signal: force.signal }).then(
          () => finish(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            finish(1);
          },
        );
      } else if (received === 2) {
        logger.warn({ signal }, 'second signal: stopping the running handlers now');
        force.abort();
      } else {
        exitNow('third signal: exiting now');
      }
    };
    const finish = (code: number) => {
      logger.info({ code }, 'stopped');
      // A plugin's stray timer or socket must not keep a stopped server alive.
      setTimeout(() => process.exit(code), CLOSE_MARGIN_MS).unref();
      resolve(code);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
