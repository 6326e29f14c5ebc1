import Router from '@koa/router';
import type { Context } from 'koa';
import { sideCookieLine } from '../../auth/cookies.js';
import { signBlob, verifyBlob } from '../../auth/jwt.js';
import type { StrategyRequest } from '../../auth/oauth/run.js';
import type { OAuthResult } from '../../auth/oauth/strategies.js';
import { safeReturnPath } from '../../auth/redirect.js';
import { normalizeUser, runHook } from '../../auth/service.js';
import type { OAuthProviderSettings } from '../../auth/settings.js';
import { HttpError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RuntimeServices } from '../../services.js';
import type { UserDict } from '../../wire.js';
import { optionalQuery } from '../validation.js';

const STATE_COOKIE = 'oauth_state';

/** passport and its strategies load at the first OAuth request, not at start-up. */
async function oauthStrategies() {
  const [{ buildStrategy }, { runStrategy }] = await Promise.all([import('../../auth/oauth/strategies.js'), import('../../auth/oauth/run.js')]);
  return { buildStrategy, runStrategy };
}

/**
 * GET /auth/oauth/:provider and its callback (PROTOCOL.md §4.2). The provider's passport
 * strategy does the protocol; the short-lived state it needs (state, PKCE verifier, nonce)
 * travels in an httpOnly cookie signed with the auth secret, which also pins the provider
 * and the page to return to.
 */
export function oauthRouter(services: RuntimeServices, logger: Logger): Router {
  const router = new Router();
  const { auth } = services;

  const provider = (id: string | undefined): OAuthProviderSettings => {
    const found = auth.methods().oauth.find((p) => p.id === id);
    if (!found) throw new HttpError(404, `Provider ${id ?? ''} not found`);
    return found;
  };

  // The user-facing URL of a route: CHAINLIT_URL when set (behind a proxy), else this request's origin.
  const publicUrl = (ctx: Context, path: string): string => `${auth.settings().publicUrl ?? `${ctx.protocol}://${ctx.host}`}${services.rootPath}${path}`;

  router.get('/auth/oauth/:provider', async (ctx) => {
    const p = provider(ctx.params.provider);
    const secret = auth.settings().secret;
    if (!secret) throw new HttpError(500, 'Login is not configured: no auth secret', 'CRT_CONFIG');
    const callbackURL = publicUrl(ctx, `/auth/oauth/${p.id}/callback`);
    const session: Record<string, unknown> = {};
    const { buildStrategy, runStrategy } = await oauthStrategies();
    const built = await buildStrategy(p, callbackURL);
    const outcome = await runStrategy(built.strategy, strategyRequest(ctx, session), built.options);
    if (outcome.kind !== 'redirect') {
      logger.error({ provider: p.id, err: outcome.kind === 'error' ? outcome.error : undefined, outcome: outcome.kind }, 'OAuth provider did not start the login');
      throw new HttpError(502, 'The login provider could not be reached', 'CRT_CONFIG');
    }
    const state = new URL(outcome.url).searchParams.get('state');
    if (!state) throw new HttpError(500, 'The OAuth strategy sent no state', 'CRT_CONFIG');
    const returnTo = safeReturnPath(optionalQuery(ctx.query, 'redirect'));
    const lifetime = auth.settings().stateCookieLifetime;
    const blob = signBlob({ provider: p.id, state, session, returnTo }, secret, lifetime);
    ctx.append('Set-Cookie', sideCookieLine(STATE_COOKIE, blob, auth.settings(), lifetime));
    ctx.status = 307;
    ctx.set('Location', outcome.url);
  });

  router.get('/auth/oauth/:provider/callback', async (ctx) => {
    const p = provider(ctx.params.provider);
    const error = optionalQuery(ctx.query, 'error');
    if (error) return redirectToLogin(ctx, publicUrl(ctx, '/login'), error);
    const code = optionalQuery(ctx.query, 'code');
    const state = optionalQuery(ctx.query, 'state');
    if (!code || !state) throw new HttpError(400, 'Missing code or state', 'CRT_BAD_PAYLOAD');
    const secret = auth.settings().secret;
    const cookie = ctx.cookies.get(STATE_COOKIE);
    const saved = cookie && secret ? verifyBlob(cookie, secret) : null;
    // The state cookie is single-use: gone whatever happens next.
    ctx.append('Set-Cookie', sideCookieLine(STATE_COOKIE, '', auth.settings(), 0));
    if (!saved || saved.provider !== p.id || saved.state !== state) throw new HttpError(401, 'Unauthorized', 'CRT_UNAUTHORIZED');

    const session = (saved.session ?? {}) as Record<string, unknown>;
    const callbackURL = publicUrl(ctx, `/auth/oauth/${p.id}/callback`);
    const { buildStrategy, runStrategy } = await oauthStrategies();
    const built = await buildStrategy(p, callbackURL);
    const outcome = await runStrategy(built.strategy, strategyRequest(ctx, session), built.options);
    if (outcome.kind === 'error') {
      logger.error({ provider: p.id, err: outcome.error }, 'OAuth login failed');
      return redirectToLogin(ctx, publicUrl(ctx, '/login'), 'oauth_failed');
    }
    if (outcome.kind !== 'success') {
      logger.info({ provider: p.id, outcome }, 'OAuth login refused');
      return redirectToLogin(ctx, publicUrl(ctx, '/login'), 'credentialssignin');
    }
    const verified = asResult(outcome.user, p.id);
    if (!verified) {
      logger.error({ provider: p.id }, 'the OAuth strategy verified something that is not { token, raw or rawUserData, user }');
      return redirectToLogin(ctx, publicUrl(ctx, '/login'), 'oauth_failed');
    }
    const user = await decide(services, p, verified);
    if (!user) return redirectToLogin(ctx, publicUrl(ctx, '/login'), 'credentialssignin');
    const { cookies } = await auth.login(user, ctx.headers);
    for (const line of cookies) ctx.append('Set-Cookie', line);
    const returnTo = safeReturnPath(saved.returnTo);
    ctx.status = 302;
    ctx.set('Location', `${services.rootPath}/login/callback?success=True${returnTo ? `&redirect=${encodeURIComponent(returnTo)}` : ''}`);
  });

  return router;
}

/** `oauthCallback(providerId, token, rawUserData, defaultUser)` decides; without it the default user is accepted. */
async function decide(services: RuntimeServices, p: OAuthProviderSettings, verified: OAuthResult): Promise<UserDict | null> {
  const hook = services.plugins().handlers('oauthCallback')[0];
  if (!hook) return verified.user;
  const answer = await runHook('oauthCallback', hook.plugin.id, () => hook.fn(p.id, verified.token, verified.raw, verified.user));
  return normalizeUser(answer, p.id);
}

/** Built-in strategies verify into OAuthResult; plugin ones into the SDK's OAuthProfile. */
function asResult(value: unknown, providerId: string): OAuthResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<OAuthResult> & { rawUserData?: Record<string, unknown> };
  const user = v.user ? normalizeUser(v.user, providerId) : null;
  if (typeof v.token !== 'string' || !user) return null;
  return { token: v.token, raw: v.raw ?? v.rawUserData ?? {}, user };
}

function redirectToLogin(ctx: Context, loginUrl: string, error: string): void {
  ctx.status = 307;
  ctx.set('Location', `${loginUrl}?error=${encodeURIComponent(error)}`);
}

function strategyRequest(ctx: Context, session: Record<string, unknown>): StrategyRequest {
  return {
    method: ctx.method,
    url: ctx.url,
    originalUrl: ctx.originalUrl,
    protocol: ctx.protocol,
    host: ctx.host,
    headers: ctx.headers,
    connection: { encrypted: ctx.secure },
    query: { ...ctx.query },
    body: ctx.request.body,
    session,
  };
}
