import type { Context } from 'koa';
import type { RuntimeServices } from '../services.js';
import { createHtmlRenderer } from './html.js';
import { sendJson } from './respond.js';
import { uiFolder } from './ui-build.js';

const SOCKET_PATH = '/ws/socket.io';

/**
 * The catch-all, mounted last: GET/HEAD of any path no route took returns the UI page; other methods get
 * 405, as in Chainlit. The Socket.IO path never gets HTML: if a request for it reaches Koa,
 * Socket.IO is not attached, and a page would only confuse the client.
 */
export function spaFallback(services: RuntimeServices) {
  const render = createHtmlRenderer((manifest) => uiFolder(manifest, services.uiDist), services.rootPath);
  return async function serveSpa(ctx: Context): Promise<void> {
    if (ctx.path === SOCKET_PATH || ctx.path.startsWith(`${SOCKET_PATH}/`)) {
      sendJson(ctx, { detail: 'Not Found' }, 404);
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      sendJson(ctx, { detail: 'Method Not Allowed' }, 405);
      return;
    }
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = await render(services.manifest());
  };
}
