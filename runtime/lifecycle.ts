import type { Server as HttpServer } from 'node:http';
import type { Logger } from './log.js';
import type { WireServer, WireSocket } from './realtime/wire-io.js';
import type { SessionRegistry } from './session/registry.js';
import type { Session } from './session/session.js';

/**
 * Graceful shutdown (SIGTERM/SIGINT, `App.shutdown`). In order:
 *
 * 1. Draining starts: the HTTP server stops listening, new Socket.IO handshakes are refused
 *    (also over kept-alive connections), and `/ready` answers 503.
 * 2. Every client whose session runs nothing is told to reconnect elsewhere: its connection
 *    is closed at the engine level, which socket.io-client treats as a lost transport and
 *    reconnects — through the load balancer, to another instance. (A namespace disconnect,
 *    `socket.disconnect()`, would tell the client "the server sent you away": it would stay
 *    disconnected.) Clients of busy sessions keep their connection until their session's
 *    tasks are done, so a running answer reaches them whole, and are moved then.
 * 3. When every session's tasks are done — or the grace period is over, or `signal` aborts
 *    (a second signal) — what still runs is stopped.
 * 4. The drain hooks flush pending writes (`onDrain`); then the app closes (App.stop).
 */

/**
 * Something that buffers writes and must write them out before the process exits: the data
 * layer's write queue, the replay log. Register it with `lifecycle.onDrain(hook)`.
 */
export interface DrainHook {
  /** Names the hook in logs. */
  readonly name: string;
  /**
   * Writes out what is pending. Runs after the handlers are done (or stopped), before the
   * stores close, also on a plain `App.stop()`. `signal` aborts when the flush time is up
   * (FLUSH_TIMEOUT_MS): give up then, the process is about to exit.
   */
  flush(signal: AbortSignal): Promise<void>;
}

export interface DrainOptions {
  /** How long running handlers may take to finish. */
  graceMs: number;
  /** Ends the grace period at once (a second SIGTERM/SIGINT). */
  signal?: AbortSignal;
}

export interface DrainReport {
  /** True when every task finished by itself; false when some were stopped. */
  finished: boolean;
  /** Tasks stopped at the end of the grace period. */
  stopped: number;
  /** Clients told to reconnect elsewhere. */
  moved: number;
}

export interface LifecycleTargets {
  readonly io: WireServer;
  readonly httpServer: HttpServer;
  readonly registry: SessionRegistry;
  readonly logger: Logger;
}

export const FLUSH_TIMEOUT_MS = 10_000;
/** SessionTasks announces no "idle" moment, so the drain looks at the sessions this often. */
const POLL_MS = 25;

/** The session a socket is served here (a relayed socket runs nothing here: it can move at once). */
const sessionOf = (socket: WireSocket): Session | undefined => {
  const admission = socket.data.admission;
  return admission?.kind === 'local' ? admission.session : undefined;
};

export class Lifecycle {
  private state: 'running' | 'draining' = 'running';
  private readonly hooks = new Set<DrainHook>();

  constructor(private readonly targets: LifecycleTargets) {
    // Engine-level, so it also refuses handshakes that arrive on kept-alive connections.
    targets.io.engine.use((req: { url?: string }, res: { writeHead(status: number): unknown; end(): void }, next: (err?: Error) => void) => {
      const handshake = !new URL(req.url ?? '/', 'http://x').searchParams.has('sid');
      if (this.draining && handshake) {
        res.writeHead(503);
        res.end();
        return;
      }
      next();
    });
  }

  get draining(): boolean {
    return this.state === 'draining';
  }

  /** Registers a flush to run at shutdown; returns a function that removes it. */
  onDrain(hook: DrainHook): () => void {
    this.hooks.add(hook);
    return () => void this.hooks.delete(hook);
  }

  /** Steps 1–3 above; the caller flushes and closes after. */
  async drain(options: DrainOptions): Promise<DrainReport> {
    const { io, httpServer, registry, logger } = this.targets;
    this.state = 'draining';
    httpServer.close();
    const deadline = Date.now() + options.graceMs;
    const moved = new Set<WireSocket>();
    const move = (socket: WireSocket) => {
      if (moved.has(socket)) return;
      moved.add(socket);
      socket.conn.close();
    };
    const busy = () => [...registry.all()].filter((s) => s.tasks.size > 0);

    logger.info({ graceMs: options.graceMs, busy: busy().length }, 'draining: no new connections; running handlers may finish');
    for (;;) {
      for (const socket of io.of('/').sockets.values()) {
        if ((sessionOf(socket)?.tasks.size ?? 0) === 0) move(socket);
      }
      if (busy().length === 0 || options.signal?.aborted || Date.now() >= deadline) break;
      await pause(Math.min(POLL_MS, deadline - Date.now()), options.signal);
    }

    let stopped = 0;
    for (const session of busy()) stopped += session.tasks.abortAll();
    for (const socket of io.of('/').sockets.values()) move(socket);
    if (stopped > 0) logger.warn({ stopped }, options.signal?.aborted ? 'shutdown forced: stopped the running handlers' : 'grace period over: stopped the running handlers');
    else logger.info({ moved: moved.size }, 'drained: every handler finished');
    return { finished: stopped === 0, stopped, moved: moved.size };
  }

  /** Runs every drain hook at once, each bounded by FLUSH_TIMEOUT_MS; failures are logged. */
  async flush(timeoutMs = FLUSH_TIMEOUT_MS): Promise<void> {
    const { logger } = this.targets;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    timer.unref();
    await Promise.all([...this.hooks].map(async (hook) => {
      const started = Date.now();
      try {
        await Promise.race([hook.flush(controller.signal), aborted(controller.signal)]);
        if (controller.signal.aborted) logger.error({ hook: hook.name, timeoutMs }, 'flush did not finish in time');
        else logger.info({ hook: hook.name, ms: Date.now() - started }, 'flushed');
      } catch (err) {
        logger.error({ err, hook: hook.name }, 'flush failed');
      }
    }));
    clearTimeout(timer);
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
