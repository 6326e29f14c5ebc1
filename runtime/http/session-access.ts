import type { Context } from 'koa';
import { HttpError } from '../errors.js';
import type { RuntimeServices } from '../services.js';
import type { SessionHandle } from '../session/types.js';
import { readCookie } from './cookies.js';

/** Header by which the copilot names the key its anonymous sessions are bound to. */
export const CLIENT_KEY_HEADER = 'X-Chainlit-Client-Key';

/**
 * Whether the caller of a REST request owns the session it names. A session id alone
 * never grants access (DESIGN.md §5): a logged-in session needs the same user identifier,
 * an anonymous one the key it was created with: the browser binding cookie, or the client
 * key of a copilot (header `X-Chainlit-Client-Key`).
 */
export async function ownsSession(ctx: Context, services: RuntimeServices, session: SessionHandle): Promise<boolean> {
  const user = await services.currentUser(ctx.headers);
  if (session.user !== null || user !== null) {
    return session.user !== null && user !== null && session.user.identifier === user.identifier;
  }
  if (session.browserKey === null) return true;
  return (ctx.get(CLIENT_KEY_HEADER) || readCookie(ctx, services.browserCookie)) === session.browserKey;
}

/**
 * The named live session owned by the caller. Someone else's session answers exactly like
 * a session that does not exist (404), so session ids cannot be probed.
 */
export async function requireOwnedSession(
  ctx: Context,
  services: RuntimeServices,
  sessionId: string,
  notFound: string,
): Promise<SessionHandle> {
  const session = services.session(sessionId);
  if (!session || !(await ownsSession(ctx, services, session))) throw new HttpError(404, notFound, 'CRT_SESSION_NOT_FOUND');
  return session;
}
