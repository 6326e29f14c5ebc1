import type { Context } from 'koa';

export interface CookieOptions {
  maxAge?: number;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Lax' | 'Strict' | 'None';
}

/**
 * Appends a Set-Cookie header. Written by hand because Koa's cookie jar refuses `Secure`
 * on plain-HTTP connections, while Chainlit sets it on them behind TLS-terminating proxies.
 */
export function setCookie(ctx: Context, name: string, value: string, options: CookieOptions = {}): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  if (options.sameSite) parts.push(`SameSite=${options.sameSite}`);
  ctx.append('Set-Cookie', parts.join('; '));
}

/** Reads a cookie from the request's Cookie header (unsigned). */
export function readCookie(ctx: Context, name: string): string | undefined {
  const value = ctx.cookies.get(name);
  if (value === undefined || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
