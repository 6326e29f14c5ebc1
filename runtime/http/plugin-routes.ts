import type { Context, Next } from 'koa';
import Router from '@koa/router';
import type { PluginRegistry } from '../plugins/registry.js';
import type { RouteContext } from '../sdk/plugin.js';
import type { RuntimeServices } from '../services.js';
import { bindLogin } from '../auth/scope.js';
import { sendJson } from './respond.js';

/** The thin request/response view plugins see (routes, onLogout). */
export function toRouteContext(ctx: Context, params: Record<string, string>, services?: RuntimeServices): RouteContext {
  const view: RouteContext = {
    method: ctx.method,
    path: ctx.path,
    query: ctx.query,
    headers: ctx.headers,
    params,
    body: (ctx.request as { body?: unknown }).body,
    status: 200,
    // Set-Cookie accumulates, so a plugin's cookie never replaces the login cookie.
    setHeader: (name, value) => (name.toLowerCase() === 'set-cookie' ? ctx.append(name, value) : ctx.set(name, value)),
  };
  if (services) {
    bindLogin(view, async (user) => {
      const result = await services.auth.login(user, ctx.headers);
      for (const line of result.cookies) ctx.append('Set-Cookie', line);
      return result.user;
    });
  }
  return view;
}

function buildRouter(registry: PluginRegistry, services: RuntimeServices): Router {
  const router = new Router();
  for (const route of registry.routes()) {
    router.register(route.path, [route.method], async (ctx: Context) => {
      const view = toRouteContext(ctx, (ctx as Context & { params?: Record<string, string> }).params ?? {}, services);
      const result = await route.handler(view);
      if ('responseBody' in view && view.responseBody !== undefined) {
        ctx.status = view.status;
        ctx.body = view.responseBody;
      } else {
        sendJson(ctx, result, view.status);
      }
    });
  }
  return router;
}

/**
 * Plugin-declared routes (`'GET /hello': handler`). The router is rebuilt when hot reload
 * swaps the registry, so added or removed routes take effect without a restart.
 */
export function pluginRoutes(services: RuntimeServices) {
  let registry: PluginRegistry | undefined;
  let middleware: ReturnType<Router['routes']> | undefined;
  return async function servePluginRoutes(ctx: Context, next: Next): Promise<void> {
    const current = services.plugins();
    if (current !== registry || !middleware) {
      registry = current;
      middleware = buildRouter(current, services).routes();
    }
    await middleware(ctx as Parameters<typeof middleware>[0], next);
  };
}
