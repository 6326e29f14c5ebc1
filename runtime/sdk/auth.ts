import { ChainlitRtError } from '../errors.js';
import { signUserToken } from '../auth/jwt.js';
import { authScope, loginFor } from '../auth/scope.js';
import { normalizeUser } from '../auth/service.js';
import type { RouteContext, User } from './plugin.js';

/**
 * A login token for `user`, signed with the app's secret and valid for
 * `project.user_session_timeout` (Chainlit's `create_jwt`). Call it while handling a
 * request (a plugin route); hand it to a client as `Authorization: Bearer …`, to
 * `POST /auth/jwt`, or to the copilot's `accessToken`.
 *
 * @example
 * ```ts
 * routes: { 'POST /sso': (ctx) => ({ token: createJwt({ identifier: 'ada', metadata: {} }) }) }
 * ```
 */
export function createJwt(user: User): string {
  const auth = authScope.getStore();
  if (!auth) throw new ChainlitRtError('CRT_CONFIG', 'createJwt() works only while a request is handled (inside a plugin route)', { expose: true });
  const secret = auth.settings().secret;
  if (!secret) throw new ChainlitRtError('CRT_CONFIG', 'createJwt() needs an auth secret: run `chainlit-rt create-secret` and set CHAINLIT_AUTH_SECRET', { expose: true });
  const normalized = normalizeUser(user, 'custom');
  if (!normalized) throw new ChainlitRtError('CRT_CONFIG', 'createJwt() needs a user ({ identifier, metadata })', { expose: true });
  return signUserToken(normalized, secret, auth.settings().sessionTimeout);
}

/**
 * Logs `user` in on the response of a plugin route: sets the login cookie exactly as the
 * built-in logins do. Resolves to the user as stored.
 *
 * @example
 * ```ts
 * routes: { async 'POST /my-login'(ctx) { await authenticateUser(ctx, { identifier: 'ada', metadata: {} }); return { ok: true }; } }
 * ```
 */
export async function authenticateUser(ctx: RouteContext, user: User): Promise<User> {
  const login = loginFor(ctx);
  if (!login) throw new ChainlitRtError('CRT_CONFIG', 'authenticateUser() needs the ctx of a plugin route', { expose: true });
  const normalized = normalizeUser(user, 'custom');
  if (!normalized) throw new ChainlitRtError('CRT_CONFIG', 'authenticateUser() needs a user ({ identifier, metadata })', { expose: true });
  return login(normalized);
}
