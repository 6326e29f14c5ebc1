import { createRequire } from 'node:module';
import type JsonWebToken from 'jsonwebtoken';
import type { UserDict } from '../wire.js';

// jsonwebtoken (and semver under it) loads when a token is first signed or read: an app
// without login never loads it (start-up time). It is CommonJS, so this stays synchronous.
const require = createRequire(import.meta.url);
let loaded: typeof JsonWebToken | undefined;
const jwt = (): typeof JsonWebToken => (loaded ??= require('jsonwebtoken') as typeof JsonWebToken);

/**
 * Login tokens (PROTOCOL.md §1.4): HS256 only, signed with the auth secret, carrying the
 * user's `identifier`, `display_name` and `metadata` plus `iat`/`exp`.
 */
export function signUserToken(user: UserDict, secret: string, ttlSeconds: number): string {
  return jwt().sign(
    { identifier: user.identifier, display_name: user.display_name ?? null, metadata: user.metadata ?? {} },
    secret,
    { algorithm: 'HS256', expiresIn: Math.max(1, Math.floor(ttlSeconds)) },
  );
}

/**
 * The user a token names, or null when it is not one of ours: any other algorithm
 * (`none` included), a bad signature, an expired token, a token without `exp`, or claims
 * that do not make a user. Extra claims are ignored.
 */
export function verifyUserToken(token: string, secret: string): UserDict | null {
  let claims: unknown;
  try {
    claims = jwt().verify(token, secret, { algorithms: ['HS256'] });
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  const c = claims as Record<string, unknown>;
  if (typeof c.exp !== 'number') return null;
  if (typeof c.identifier !== 'string' || c.identifier === '') return null;
  const metadata = typeof c.metadata === 'object' && c.metadata !== null && !Array.isArray(c.metadata) ? (c.metadata as Record<string, unknown>) : {};
  const display = typeof c.display_name === 'string' ? c.display_name : null;
  return { identifier: c.identifier, display_name: display, metadata };
}

/** A short-lived signed blob (the OAuth state cookie); null when forged or expired. */
export function signBlob(payload: Record<string, unknown>, secret: string, ttlSeconds: number): string {
  return jwt().sign({ blob: payload }, secret, { algorithm: 'HS256', expiresIn: Math.max(1, Math.floor(ttlSeconds)) });
}

export function verifyBlob(token: string, secret: string): Record<string, unknown> | null {
  try {
    const claims = jwt().verify(token, secret, { algorithms: ['HS256'] }) as Record<string, unknown>;
    const blob = claims.blob;
    return typeof blob === 'object' && blob !== null && !Array.isArray(blob) ? (blob as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
