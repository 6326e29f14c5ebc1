import type { Context, Next } from 'koa';
import Router from '@koa/router';
import type { RuntimeServices } from '../../services.js';
import { sendJson } from '../respond.js';

/**
 * Probes for load balancers and orchestrators, and the metrics page:
 * - `GET /health` — liveness: the process answers. Cheap on purpose (no dependency is
 *   asked), so a slow Redis never gets a healthy instance restarted.
 * - `GET /ready` — readiness: 200 when every registered probe passes (Redis, the
 *   database), 503 with the failing checks, or 503 `draining` during a shutdown.
 * - `GET <server.metrics.path>` — Prometheus text, when metrics are on and served here.
 */
export function healthRouter(services: RuntimeServices): Router {
  const router = new Router();
  router.get('/health', (ctx) => sendJson(ctx, { status: 'ok' }));
  router.get('/ready', async (ctx) => {
    const report = (await services.ops?.ready()) ?? { ready: true, status: 'ready', checks: {} };
    ctx.set('Cache-Control', 'no-store');
    sendJson(ctx, { status: report.status, checks: report.checks }, report.ready ? 200 : 503);
  });
  const { metrics, metricsPath } = services.ops ?? {};
  if (metrics && metricsPath) {
    router.get(metricsPath, async (ctx) => {
      const { contentType, body } = await metrics.render();
      ctx.set('Cache-Control', 'no-store');
      ctx.type = contentType;
      ctx.body = body;
    });
  }
  return router;
}

/** Counts REST requests answered with a 5xx (after the error mapper chose the status). */
export function countServerErrors(services: RuntimeServices) {
  const metrics = services.ops?.metrics;
  return async function countErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } finally {
      if (metrics && ctx.status >= 500) metrics.errors.inc({ kind: 'http' });
    }
  };
}
