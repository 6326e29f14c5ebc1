import type { Session } from './session/session.js';
import type { AppMetrics } from './metrics-registry.js';

/**
 * The realtime layer reaches the metrics of a session's app through `meterOf(session)`:
 * runtime/app.ts binds every session it builds. Sessions of an app without metrics have no
 * meter, and the hooks cost one WeakMap lookup. The registry itself (prom-client) lives in
 * runtime/metrics-registry.ts and loads only when metrics are on.
 */

export type { AppMetrics, ErrorKind, MetricSources } from './metrics-registry.js';

const meters = new WeakMap<Session, AppMetrics>();

export function bindMeter(session: Session, metrics: AppMetrics | null): Session {
  if (metrics) meters.set(session, metrics);
  return session;
}

export function meterOf(session: Session): AppMetrics | undefined {
  return meters.get(session);
}

/** The hook a task runs, as a label of bounded cardinality: `action show_count` → `action`. */
export function hookLabel(where: string): string {
  return where.split(' ', 1)[0] || 'unknown';
}

/** Runs a handler and records its duration under its hook (when its app has metrics). */
export async function timeHandler<T>(session: Session, where: string, work: () => Promise<T>): Promise<T> {
  const meter = meters.get(session);
  if (!meter) return work();
  const end = meter.handlerSeconds.startTimer({ hook: hookLabel(where) });
  try {
    return await work();
  } finally {
    end();
  }
}

