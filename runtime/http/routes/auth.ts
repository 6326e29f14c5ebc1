import Router from '@koa/router';
import type { Context } from 'koa';
import { HttpError } from '../../errors.js';
import { runHook } from '../../auth/service.js';
import type { RuntimeServices } from '../../services.js';
import type { UserDict } from '../../wire.js';
import { setCookie } from '../cookies.js';
import { readLoginForm } from '../login-form.js';
import { toRouteContext } from '../plugin-routes.js';
import { sendJson } from '../respond.js';
import { requireBodyString } from '../validation.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost']);
const CREDENTIALS = 'credentialssignin';

/**
 * GET /auth/config, GET /user, POST /login, /logout, /auth/header, /auth/jwt and
 * /set-session-cookie (PROTOCOL.md §1.6, §4.1–4.3). OAuth has its own router.
 */
export function authRouter(services: RuntimeServices): Router {
  const router = new Router();
  const { auth } = services;

  router.get('/auth/config', (ctx) => {
    const ui = services.manifest().config.ui;
    const methods = auth.methods();
    sendJson(ctx, {
      requireLogin: auth.requireLogin(),
      passwordAuth: methods.password,
      headerAuth: methods.header,
      oauthProviders: methods.oauth.map((p) => p.id),
      default_theme: ui.default_theme ?? null,
      ui: {
        login_page_image: ui.login_page_image ?? null,
        login_page_image_filter: ui.login_page_image_filter ?? null,
        login_page_image_dark_filter: ui.login_page_image_dark_filter ?? null,
      },
    });
  });

  router.get('/user', async (ctx) => {
    sendJson(ctx, await services.currentUser(ctx.headers));
  });

  router.post('/login', async (ctx) => {
    if (!auth.methods().password) throw new HttpError(400, 'No auth_callback defined', 'CRT_CONFIG');
    const { username, password } = await readLoginForm(ctx);
    const ip = ctx.ip || 'unknown';
    const wait = await auth.throttle.blockedFor(ip, username);
    if (wait > 0) {
      ctx.set('Retry-After', String(wait));
      throw new HttpError(429, `Too many login attempts; try again in ${wait} s`, 'CRT_UNAUTHORIZED');
    }
    const user = await auth.checkPassword(username, password);
    if (!user) {
      await auth.throttle.failed(ip, username);
      throw new HttpError(401, CREDENTIALS, 'CRT_UNAUTHORIZED');
    }
    await auth.throttle.succeeded(username);
    await logIn(ctx, services, user);
  });

  router.post('/logout', async (ctx) => {
    for (const line of auth.logoutCookies(ctx.headers)) ctx.append('Set-Cookie', line);
    const hook = services.plugins().handlers('onLogout')[0];
    if (!hook) return sendJson(ctx, { success: true });
    const view = toRouteContext(ctx, {}, services);
    const result = await runHook('onLogout', hook.plugin.id, () => hook.fn(view));
    if (view.responseBody !== undefined) {
      ctx.status = view.status;
      ctx.body = view.responseBody;
    } else sendJson(ctx, result ?? null, view.status);
  });

  router.post('/auth/header', async (ctx) => {
    if (!auth.methods().header) throw new HttpError(400, 'No header_auth_callback defined', 'CRT_CONFIG');
    const user = await auth.checkHeaders(ctx.headers);
    if (!user) throw new HttpError(401, CREDENTIALS, 'CRT_UNAUTHORIZED');
    await logIn(ctx, services, user);
  });

  // The copilot's login: the host page signs a token with the same secret.
  router.post('/auth/jwt', async (ctx) => {
    const header = ctx.get('Authorization');
    if (!header) throw new HttpError(401, 'Authorization header missing', 'CRT_UNAUTHORIZED');
    const parts = header.split(' ');
    if (parts.length !== 2) throw new HttpError(401, 'Invalid authorization header format', 'CRT_UNAUTHORIZED');
    if (parts[0]!.toLowerCase() !== 'bearer') throw new HttpError(401, 'Invalid authentication scheme. Please use Bearer', 'CRT_UNAUTHORIZED');
    const user = auth.verifyToken(parts[1]!);
    if (!user) throw new HttpError(401, 'Invalid token', 'CRT_UNAUTHORIZED');
    await logIn(ctx, services, user);
  });

  // Load-balancer affinity only; it grants nothing (ownership is checked per request).
  router.post('/set-session-cookie', (ctx) => {
    const sessionId = requireBodyString(ctx.request.body, 'session_id');
    const local = LOOPBACK.has(ctx.request.socket.remoteAddress ?? '');
    setCookie(ctx, 'X-Chainlit-Session-id', sessionId, {
      path: '/',
      httpOnly: true,
      secure: !local,
      sameSite: local ? 'Lax' : 'None',
    });
    sendJson(ctx, { message: 'Session cookie set' });
  });

  return router;
}

/** Every successful login answers alike: the login cookie(s) and `{success: true}`. */
async function logIn(ctx: Context, services: RuntimeServices, user: UserDict): Promise<void> {
  const { cookies } = await services.auth.login(user, ctx.headers);
  for (const line of cookies) ctx.append('Set-Cookie', line);
  sendJson(ctx, { success: true });
}
