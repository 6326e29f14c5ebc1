import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App, type AppOptions } from '../../runtime/app.js';
import pino from 'pino';
import { createLogger, type Logger } from '../../runtime/log.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TMP = join(REPO, 'test', '.tmp');

/**
 * Writes a throwaway app (manifest + plugin files) inside the repository, so plugins can
 * import npm packages from its node_modules. Returns the manifest path.
 */
export function writeApp(files: Record<string, string>, manifestName = 'chainlit.yaml'): string {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(join(TMP, 'app-'));
  for (const [name, content] of Object.entries(files)) {
    const target = join(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return join(dir, manifestName);
}

export interface TestServer {
  app: App;
  url: string;
  /** Origin only (no root path). */
  origin: string;
  stop(): Promise<void>;
}

/** Starts a real server on 127.0.0.1 and a random port. */
export async function startServer(manifestPath: string, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const logger = createLogger({ silent: !process.env.TEST_LOGS, pretty: false });
  const app = await createApp({ manifestPath, host: '127.0.0.1', port: 0, logger, ...options });
  const url = await app.start();
  return { app, url, origin: new URL(url).origin, stop: () => app.stop() };
}

/** A logger that keeps every line it writes, parsed, for tests that check what was logged. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (chunk: string) => void lines.push(JSON.parse(chunk) as Record<string, unknown>) });
  return { logger, lines };
}
