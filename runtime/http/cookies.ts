import { serialize } from 'cookie';
import type { Context } from 'koa';

export interface CookieOptions {
  maxAge?: number;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Lax' | 'Strict' | 'None';
}

/**
 * Appends a Set-Cookie header. Not Koa's cookie jar: it refuses `Secure` on plain-HTTP
 * connections, while Chainlit sets it there behind TLS-terminating proxies.
 */
export function setCookie(ctx: Context, name: string, value: string, options: CookieOptions = {}): void {
  const sameSite = options.sameSite?.toLowerCase() as 'lax' | 'strict' | 'none' | undefined;
  ctx.append('Set-Cookie', serialize(name, value, {
    path: options.path ?? '/',
    maxAge: options.maxAge === undefined ? undefined : Math.floor(options.maxAge),
    httpOnly: options.httpOnly,
    secure: options.secure,
    sameSite,
  }));
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
