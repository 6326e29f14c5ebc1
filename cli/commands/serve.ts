import { createApp } from '../../runtime/app.js';
import { ChainlitRtError } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/log.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  watch?: boolean;
  headless?: boolean;
  debug?: boolean;
  rootPath?: string;
  ci?: boolean;
}

/** Loads the app, listens, opens the browser, and shuts down gracefully on SIGTERM/SIGINT. */
export async function serveCommand(manifestPath: string, options: ServeOptions): Promise<number> {
  const logger = createLogger({ debug: options.debug, pretty: options.ci ? false : undefined });
  let app;
  try {
    app = await createApp({ manifestPath, host: options.host, port: options.port, rootPath: options.rootPath, watch: options.watch, debug: options.debug, logger });
  } catch (err) {
    // Bad manifests and plugins print their file:line message, not a stack.
    if (err instanceof ChainlitRtError) console.error(err.message);
    else console.error(err);
    return 1;
  }
  let url: string;
  try {
    url = await app.start();
  } catch (err) {
    console.error(`Could not listen: ${(err as Error).message}`);
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
