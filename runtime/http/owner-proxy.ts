import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Context, Next } from 'koa';
import type { RuntimeServices } from '../services.js';
import { isRecord } from './validation.js';

/** Set on a request one instance passes to another, so it is never passed on again. */
export const FORWARDED_HEADER = 'x-chainlit-rt-forwarded';

/**
 * Routes that act on a live session (PROTOCOL.md §4.6, §4.7), and `PUT /feedback`, whose
 * onFeedback hook runs in the named session's context: they run where the session runs.
 */
const SESSION_ROUTES = [/^\/project\/action$/, /^\/project\/file(\/[^/]+)?$/, /^\/project\/element$/, /^\/feedback$/, /^\/mcp$/];

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length', 'host']);

function sessionIdOf(ctx: Context): string | null {
  const fromQuery = ctx.query.session_id;
  if (typeof fromQuery === 'string') return fromQuery;
  const body = (ctx.request as { body?: unknown }).body;
  return isRecord(body) && typeof body.sessionId === 'string' ? body.sessionId : null;
}

function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  out[FORWARDED_HEADER] = '1';
  return out;
}

/**
 * With several instances, a REST call about a session can land on one that does not run it
 * (no affinity at the load balancer). It is passed, as it came, to the instance that owns
 * the session, which checks it like any other request (cookies and tokens included). JSON
 * bodies were already parsed here and are sent again; uploads stream through untouched.
 */
export function ownerProxy(services: RuntimeServices) {
  return async function forwardToOwner(ctx: Context, next: Next): Promise<void> {
    if (ctx.get(FORWARDED_HEADER) || !SESSION_ROUTES.some((r) => r.test(ctx.path))) return next();
    const sessionId = sessionIdOf(ctx);
    if (!sessionId || services.session(sessionId)) return next();
    const owner = await services.ownerUrl(sessionId);
    if (!owner) return next();
    const parsed = (ctx.request as { body?: unknown }).body;
    const raw = ctx.is('multipart/form-data') || parsed === undefined;
    const body = raw ? null : Buffer.from(JSON.stringify(parsed));
    const headers = forwardedHeaders(ctx.req.headers);
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    } else if (ctx.req.headers['content-length']) {
      headers['content-length'] = ctx.req.headers['content-length'];
    }
    const target = new URL(ctx.originalUrl, owner);
    await new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(target, { method: ctx.method, headers }, (res) => {
        ctx.status = res.statusCode ?? 502;
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) ctx.set(name, value as string | string[]);
        ctx.body = res;
        resolve();
      });
      upstream.on('error', reject);
      if (body) upstream.end(body);
      else ctx.req.pipe(upstream);
    });
  };
}
