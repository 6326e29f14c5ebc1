import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  debug?: boolean;
  /** Pretty output for people (defaults to "stdout is a TTY"). */
  pretty?: boolean;
  /** Silence everything (tests). */
  silent?: boolean;
}

/** The root logger; every module takes a child with `module` set (see childLogger). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.silent ? 'silent' : options.debug ? 'debug' : (process.env.LOG_LEVEL ?? 'info');
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  if (pretty && !options.silent) {
    return pino({ level, transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } });
  }
  return pino({ level });
}

export function childLogger(parent: Logger, module: string, bindings: Record<string, unknown> = {}): Logger {
  return parent.child({ module, ...bindings });
}
