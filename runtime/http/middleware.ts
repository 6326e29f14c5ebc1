import { randomBytes, randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import cors from '@koa/cors';
import { originAllowed } from '../origin.js';
import type { RuntimeServices } from '../services.js';
import { readCookie, setCookie } from './cookies.js';
import { sendJson } from './respond.js';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request id for logs: the proxy's X-Request-Id when it looks sane, else a new UUID. */
export async function requestId(ctx: Context, next: Next): Promise<void> {
  const incoming = ctx.get('X-Request-Id');
  ctx.state.requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
  ctx.set('X-Request-Id', ctx.state.requestId as string);
  await next();
}

/**
 * Serves the app under `rootPath` the way koa-mount does: downstream middleware sees the
 * path without the prefix; anything outside the prefix is a 404.
 */
export function mountAt(rootPath: string) {
  return async function mount(ctx: Context, next: Next): Promise<void> {
    if (!rootPath) return next();
    const original = ctx.path;
    if (original !== rootPath && !original.startsWith(`${rootPath}/`)) {
      sendJson(ctx, { detail: 'Not Found' }, 404);
      return;
    }
    ctx.path = original.slice(rootPath.length) || '/';
    try {
      await next();
    } finally {
      ctx.path = original;
    }
  };
}

/**
 * CORS from `project.allow_origins`: `[]` (our default) reflects nothing, so only the
 * app's own pages may call it with credentials; `["*"]` reflects any origin. The origin is
 * always echoed, never `*`, because the clients send credentials.
 */
export function corsPolicy(services: RuntimeServices) {
  return cors({
    credentials: true,
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      if (!origin) return '';
      const allowed = services.manifest().config.project.allow_origins ?? [];
      return originAllowed(origin, ctx.req.headers, allowed) ? origin : '';
    },
  });
}

const ONE_YEAR = 365 * 24 * 3600;

/**
 * Gives every browser an httpOnly binding cookie. Anonymous sessions remember its value,
 * and the socket and REST layers require it back, so a leaked session id alone is useless.
 */
export function browserBinding(services: RuntimeServices) {
  return async function bindBrowser(ctx: Context, next: Next): Promise<void> {
    if (!readCookie(ctx, services.browserCookie)) {
      const value = randomBytes(32).toString('base64url');
      setCookie(ctx, services.browserCookie, value, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: ONE_YEAR, secure: ctx.secure });
      ctx.state.browserKey = value;
    }
    await next();
  };
}
