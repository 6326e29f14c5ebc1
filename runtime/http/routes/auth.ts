import Router from '@koa/router';
import type { RuntimeServices } from '../../services.js';
import { setCookie } from '../cookies.js';
import { sendJson } from '../respond.js';
import { requireBodyString } from '../validation.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost']);

/** GET /auth/config, GET /user, POST /set-session-cookie (PROTOCOL.md §1.6, §4.1). */
export function authRouter(services: RuntimeServices): Router {
  const router = new Router();

  // Login arrives with the auth issue; the shape is final so the UI can rely on it now.
  router.get('/auth/config', (ctx) => {
    const registry = services.plugins();
    const ui = services.manifest().config.ui;
    sendJson(ctx, {
      requireLogin: false,
      passwordAuth: registry.has('passwordAuth'),
      headerAuth: registry.has('headerAuth'),
      oauthProviders: [],
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
