import path from 'node:path';
import type { Context } from 'koa';
import Router from '@koa/router';
import { HttpError } from '../../errors.js';
import type { RuntimeServices } from '../../services.js';
import { publicDir } from '../public-dir.js';
import { DEFAULT_FAVICON, defaultLogo } from '../default-images.js';
import { sendJson } from '../respond.js';
import { firstMatch, sendFile, serveFrom, stemIs } from '../static.js';
import { uiFolder } from '../ui-build.js';
import { RequestValidationError, optionalQuery } from '../validation.js';

const AVATAR_ID = /^[a-zA-Z0-9_ .-]+$/;

/** Folders served under a URL prefix, with the 400/404 rules of PROTOCOL.md §4.9. */
function staticFolders(services: RuntimeServices): Array<[prefix: string, folder: () => string]> {
  return [
    ['/public/', () => publicDir(services.manifest())],
    // The app's own build (`ui.custom_build`) replaces the bundled UI's assets; the
    // copilot widget stays the bundled one.
    ['/assets/', () => path.join(uiFolder(services.manifest(), services.uiDist), 'assets')],
    ['/copilot/', () => path.join(services.uiDist, 'copilot')],
  ];
}

/**
 * Static files by prefix. Matched on the raw path rather than through router params, so
 * encoded separators (`..%2F`) are decoded exactly once, here, and then checked.
 */
export function staticFiles(services: RuntimeServices) {
  const folders = staticFolders(services);
  return async function serveStatic(ctx: Context, next: () => Promise<unknown>): Promise<void> {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return void (await next());
    const hit = folders.find(([prefix]) => ctx.path.startsWith(prefix));
    if (!hit) return void (await next());
    // The copilot's modules are imported by host pages of any origin; module scripts are
    // fetched with CORS and without credentials, so `*` lets them load and grants nothing.
    if (hit[0] === '/copilot/' && !ctx.response.get('Access-Control-Allow-Origin')) ctx.set('Access-Control-Allow-Origin', '*');
    await serveFrom(ctx, hit[1](), ctx.path.slice(hit[0].length));
  };
}

/** /favicon, /logo, /avatars/:id and HEAD / (PROTOCOL.md §4.9); /health is in health.ts. */
export function assetsRouter(services: RuntimeServices): Router {
  const router = new Router();

  async function sendFavicon(ctx: Context): Promise<void> {
    const file = (await firstMatch(publicDir(services.manifest()), stemIs('favicon')))
      ?? (await firstMatch(uiFolder(services.manifest(), services.uiDist), (n) => n === 'favicon.svg'))
      ?? (await firstMatch(services.uiDist, (n) => n === 'favicon.svg'));
    if (file) return sendFile(ctx, file);
    ctx.type = 'image/svg+xml';
    ctx.body = DEFAULT_FAVICON;
  }

  router.get('/favicon', sendFavicon);

  router.get('/logo', async (ctx) => {
    const theme = optionalQuery(ctx.query, 'theme') ?? 'light';
    if (theme !== 'light' && theme !== 'dark') {
      throw new RequestValidationError([{
        type: 'literal_error', loc: ['query', 'theme'], msg: "Input should be 'light' or 'dark'", input: theme, ctx: { expected: "'light' or 'dark'" },
      }]);
    }
    const stem = `logo_${theme}`;
    const built = (n: string) => n.startsWith(stem) && n.includes('.');
    const file = (await firstMatch(publicDir(services.manifest()), stemIs(stem)))
      ?? (await firstMatch(path.join(uiFolder(services.manifest(), services.uiDist), 'assets'), built))
      ?? (await firstMatch(path.join(services.uiDist, 'assets'), built));
    if (file) return sendFile(ctx, file);
    ctx.type = 'image/svg+xml';
    ctx.body = defaultLogo(theme, services.manifest().config.ui.name ?? 'Assistant');
  });

  router.get('/avatars/:avatar_id', async (ctx) => {
    let id = ctx.params.avatar_id ?? '';
    if (!AVATAR_ID.test(id)) throw new HttpError(400, 'Invalid avatar_id', 'CRT_BAD_PAYLOAD');
    if (id === 'default') id = services.manifest().config.ui.name ?? 'Assistant';
    id = id.trim().toLowerCase().replace(/[ .]/g, '_');
    const file = await firstMatch(path.join(publicDir(services.manifest()), 'avatars'), stemIs(id));
    if (file) return sendFile(ctx, file);
    await sendFavicon(ctx);
  });

  router.head('/', (ctx) => sendJson(ctx, { message: 'Site is operational' }));

  return router;
}
