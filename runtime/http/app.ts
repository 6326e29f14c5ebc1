import Koa from 'koa';
import { authScope } from '../auth/scope.js';
import { childLogger } from '../log.js';
import type { RuntimeServices } from '../services.js';
import { bodyParser } from './body.js';
import { errorMapper } from './error-mapper.js';
import { ownerProxy } from './owner-proxy.js';
import { browserBinding, corsPolicy, mountAt, requestId } from './middleware.js';
import { pluginRoutes } from './plugin-routes.js';
import { actionsRouter } from './routes/actions.js';
import { assetsRouter, staticFiles } from './routes/assets.js';
import { authRouter } from './routes/auth.js';
import { oauthRouter } from './routes/oauth.js';
import { elementsRouter } from './routes/elements.js';
import { feedbackRouter } from './routes/feedback.js';
import { filesRouter } from './routes/files.js';
import { mcpRouter } from './routes/mcp.js';
import { countServerErrors, healthRouter } from './routes/health.js';
import { settingsRouter } from './routes/settings.js';
import { threadsRouter } from './routes/threads.js';
import { translationsRouter } from './routes/translations.js';
import { spaFallback } from './spa.js';

/**
 * The REST side of the runtime (PROTOCOL.md §4), composed in a fixed order: request id,
 * error mapper, root-path mount, CORS, browser binding, body parsing, the pass-on of
 * session calls to the instance that runs the session, the API routers,
 * plugin routes, static files, and the SPA catch-all last. Socket.IO attaches to the HTTP
 * server separately and intercepts its own path before Koa sees it.
 */
export function createHttpApp(services: RuntimeServices): Koa {
  const logger = childLogger(services.logger, 'http');
  const app = new Koa();
  app.proxy = true;
  // ctx.ip is the address the nearest proxy appended to X-Forwarded-For, not the first
  // (client-written) entry: the login throttle counts per address.
  app.maxIpsCount = 1;
  app.silent = true;
  // Errors reach here only after the response started (e.g. a stream failing mid-way).
  app.on('error', (err: unknown) => logger.error({ err }, 'response failed after headers were sent'));

  app.use(requestId);
  app.use(countServerErrors(services));
  app.use(errorMapper(logger));
  app.use(mountAt(services.rootPath));
  app.use((ctx, next) => authScope.run(services.auth, next));
  app.use(corsPolicy(services));
  app.use(browserBinding(services));
  app.use(bodyParser());
  app.use(ownerProxy(services));
  for (const router of [
    authRouter(services),
    oauthRouter(services, childLogger(services.logger, 'oauth')),
    translationsRouter(services),
    settingsRouter(services),
    actionsRouter(services, logger),
    filesRouter(services),
    mcpRouter(services),
    elementsRouter(services),
    threadsRouter(services),
    feedbackRouter(services, logger),
    assetsRouter(services),
    healthRouter(services),
  ]) {
    app.use(router.routes());
  }
  app.use(pluginRoutes(services));
  app.use(staticFiles(services));
  app.use(spaFallback(services));
  return app;
}
