import { parse, serialize } from 'cookie';

/** Browsers cap a cookie near 4 KB; Chainlit splits tokens longer than this (PROTOCOL.md §1.4). */
export const CHUNK_SIZE = 3000;

export type SameSite = 'lax' | 'strict' | 'none';

export interface AuthCookieOptions {
  name: string;
  sameSite: SameSite;
  maxAgeSeconds: number;
}

type HeaderValue = string | string[] | undefined;

function cookieHeader(headers: Record<string, HeaderValue>): string {
  const value = headers.cookie;
  return Array.isArray(value) ? value.join('; ') : (value ?? '');
}

/** The request's cookies by name. */
export function requestCookies(headers: Record<string, HeaderValue>): Record<string, string | undefined> {
  return parse(cookieHeader(headers));
}

/**
 * The token in the auth cookie: the single cookie when present and non-empty, else the
 * chunks `<name>_0`, `<name>_1`, … concatenated up to the first missing index.
 */
export function readAuthToken(headers: Record<string, HeaderValue>, name: string): string | undefined {
  const cookies = requestCookies(headers);
  const whole = cookies[name];
  if (whole) return whole;
  let token = '';
  for (let i = 0; cookies[`${name}_${i}`] !== undefined; i++) token += cookies[`${name}_${i}`];
  return token === '' ? undefined : token;
}

function attributes(options: AuthCookieOptions, maxAge: number) {
  // SameSite=None is only accepted by browsers together with Secure.
  return { path: '/', httpOnly: true, sameSite: options.sameSite, secure: options.sameSite === 'none', maxAge } as const;
}

/**
 * Set-Cookie lines that store `token` (chunked when long) and delete every other cookie
 * of the request whose name starts with the base name, so stale chunks disappear.
 */
export function authCookieLines(token: string, options: AuthCookieOptions, headers: Record<string, HeaderValue>): string[] {
  const parts = token.length > CHUNK_SIZE ? chunk(token) : null;
  const names = parts ? parts.map((_, i) => `${options.name}_${i}`) : [options.name];
  const lines = names.map((n, i) => serialize(n, parts ? parts[i]! : token, attributes(options, options.maxAgeSeconds)));
  for (const existing of Object.keys(requestCookies(headers))) {
    if (existing.startsWith(options.name) && !names.includes(existing)) lines.push(serialize(existing, '', attributes(options, 0)));
  }
  return lines;
}

/** Set-Cookie lines deleting the auth cookie and all its chunks (logout). */
export function clearAuthCookieLines(options: AuthCookieOptions, headers: Record<string, HeaderValue>): string[] {
  const names = new Set([options.name, ...Object.keys(requestCookies(headers)).filter((n) => n.startsWith(options.name))]);
  return [...names].map((n) => serialize(n, '', attributes(options, 0)));
}

/** Set-Cookie line for another httpOnly cookie with the auth cookie's SameSite/Secure. */
export function sideCookieLine(name: string, value: string, options: Pick<AuthCookieOptions, 'sameSite'>, maxAgeSeconds: number): string {
  return serialize(name, value, { path: '/', httpOnly: true, sameSite: options.sameSite, secure: options.sameSite === 'none', maxAge: maxAgeSeconds });
}

function chunk(token: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < token.length; i += CHUNK_SIZE) parts.push(token.slice(i, i + CHUNK_SIZE));
  return parts;
}
