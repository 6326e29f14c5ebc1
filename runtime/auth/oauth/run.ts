import type { IncomingMessage } from 'node:http';
import passport from 'passport';

/** How one passport step ended. */
export type StrategyOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: unknown }
  | { kind: 'fail'; message: string | null }
  | { kind: 'error'; error: unknown };

/** The Express-like request surface passport strategies read. */
export interface StrategyRequest {
  method: string;
  url: string;
  originalUrl: string;
  protocol: string;
  host: string;
  headers: IncomingMessage['headers'];
  /** passport-oauth2 reads `connection.encrypted` to rebuild the request URL. */
  connection: { encrypted: boolean };
  query: Record<string, unknown>;
  body: unknown;
  /** The OAuth dance's state (PKCE verifier, state, nonce), kept by us in a signed cookie. */
  session: Record<string, unknown>;
}

/**
 * Runs a passport strategy once, outside Express: passport's own `authenticate` with a
 * custom callback, and a response object that only records a redirect. Our routes then
 * answer with the status codes Chainlit uses (PROTOCOL.md §4.2).
 */
export function runStrategy(strategy: passport.Strategy, req: StrategyRequest, options: Record<string, unknown>): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const authenticator = new passport.Passport();
    authenticator.use('provider', strategy);
    const headers: Record<string, string> = {};
    const res = {
      statusCode: 200,
      setHeader(name: string, value: string) {
        headers[name.toLowerCase()] = value;
      },
      end() {
        if (headers.location) resolve({ kind: 'redirect', url: headers.location });
        else resolve({ kind: 'error', error: new Error('the OAuth strategy ended the response without a redirect') });
      },
    };
    const done = (err: unknown, user: unknown, info: unknown) => {
      if (err) return resolve({ kind: 'error', error: err });
      if (!user) return resolve({ kind: 'fail', message: messageOf(info) });
      resolve({ kind: 'success', user });
    };
    const middleware = authenticator.authenticate('provider', { session: false, ...options }, done) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
    try {
      middleware(req, res, (err?: unknown) => resolve({ kind: 'error', error: err ?? new Error('the OAuth strategy passed the request on') }));
    } catch (err) {
      resolve({ kind: 'error', error: err });
    }
  });
}

function messageOf(info: unknown): string | null {
  if (typeof info === 'string') return info;
  if (info && typeof info === 'object' && typeof (info as { message?: unknown }).message === 'string') return (info as { message: string }).message;
  return null;
}
