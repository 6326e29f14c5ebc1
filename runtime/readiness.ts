/**
 * Readiness (`GET /ready`): may a load balancer send this instance traffic? Liveness
 * (`/health`) only says the process answers; readiness also asks what the instance depends
 * on — Redis when sessions live there, the database when a data layer is configured — and
 * says no while the instance drains for shutdown.
 *
 * Each dependency registers a named probe (runtime/app.ts does it for what it builds).
 */

/** One dependency check. Resolve when it is reachable; throw (with a useful message) when not. */
export interface ReadinessProbe {
  /** Shown in the /ready answer and in logs, e.g. `redis`, `database`. */
  readonly name: string;
  /** `signal` aborts when the probe took too long; a well-behaved probe stops then. */
  check(signal: AbortSignal): Promise<void>;
}

export interface ReadyReport {
  ready: boolean;
  /** `ready`, `unavailable` (a probe failed) or `draining` (shutting down). */
  status: 'ready' | 'unavailable' | 'draining';
  /** Each probe's outcome: `ok`, or why it failed. */
  checks: Record<string, string>;
}

/** Probes slower than this count as failed: a balancer's probe has its own short timeout. */
export const PROBE_TIMEOUT_MS = 2000;

export class Readiness {
  private readonly probes = new Map<string, ReadinessProbe>();

  constructor(
    private readonly draining: () => boolean,
    private readonly timeoutMs = PROBE_TIMEOUT_MS,
  ) {}

  /** Registers a probe; returns a function that removes it. One probe per name. */
  add(probe: ReadinessProbe): () => void {
    if (this.probes.has(probe.name)) throw new Error(`A readiness probe named "${probe.name}" is already registered`);
    this.probes.set(probe.name, probe);
    return () => void this.probes.delete(probe.name);
  }

  get names(): string[] {
    return [...this.probes.keys()];
  }

  /** Runs every probe at once, each bounded by the timeout. */
  async check(): Promise<ReadyReport> {
    if (this.draining()) return { ready: false, status: 'draining', checks: {} };
    const entries = await Promise.all([...this.probes.values()].map(async (probe) => [probe.name, await this.run(probe)] as const));
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, outcome]) => outcome === 'ok');
    return { ready, status: ready ? 'ready' : 'unavailable', checks };
  }

  private async run(probe: ReadinessProbe): Promise<string> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(`no answer within ${this.timeoutMs} ms`);
      }, this.timeoutMs);
    });
    const outcome = probe.check(controller.signal).then(
      () => 'ok',
      (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'failed',
    );
    try {
      return await Promise.race([outcome, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Redis answers: connected (not reconnecting) and replying to PING. */
export function redisProbe(client: { readonly status: string; ping(): Promise<unknown> }): ReadinessProbe {
  return {
    name: 'redis',
    async check() {
      if (client.status !== 'ready') throw new Error(`not connected to Redis (${client.status})`);
      await client.ping();
    },
  };
}

/** The data layer answers a read (an unknown thread's author costs one indexed lookup). */
export function databaseProbe(layer: { getThreadAuthor(threadId: string): Promise<unknown> }): ReadinessProbe {
  return {
    name: 'database',
    async check() {
      await layer.getThreadAuthor('00000000-0000-4000-8000-000000000000');
    },
  };
}
