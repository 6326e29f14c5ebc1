import type { Context } from 'koa';

// Types a browser would render as an active document: keep scripts in them inert.
const ACTIVE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'image/svg+xml', 'text/xml', 'application/xml']);

/**
 * Headers of a file served to the chat (a session upload or a persisted element): its
 * stored type, never sniffed, shown inline under its name, and sandboxed when a browser
 * would run script in it.
 */
export function setFileHeaders(ctx: Context, file: { mime: string; name: string; size?: number; cacheControl: string }): void {
  ctx.set('Content-Type', file.mime);
  if (file.size !== undefined) ctx.set('Content-Length', String(file.size));
  ctx.set('Cache-Control', file.cacheControl);
  ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeRfc5987(file.name)}`);
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (ACTIVE_TYPES.has(file.mime.split(';')[0]!.trim().toLowerCase())) ctx.set('Content-Security-Policy', 'sandbox');
}

function encodeRfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
