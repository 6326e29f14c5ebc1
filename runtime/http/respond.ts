import type { Context } from 'koa';

/**
 * Sends a JSON body. Koa turns `ctx.body = null` into a 204, but Chainlit clients expect a
 * 200 carrying `null` (e.g. GET /user with login off), so values are serialised here.
 */
export function sendJson(ctx: Context, value: unknown, status = 200): void {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(value ?? null);
}
