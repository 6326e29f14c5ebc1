import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import { createHttpApp } from './http/app.js';
import { childLogger, createLogger, type Logger } from './log.js';
import { loadManifest, type LoadedManifest } from './manifest/index.js';
import { packagePath } from './paths.js';
import { loadPlugins } from './plugins/index.js';
import type { PluginRegistry } from './plugins/registry.js';
import { attachHandlers, createIo } from './realtime/server.js';
import type { RealtimeDeps } from './realtime/deps.js';
import { createSessionRuntime, runAction } from './realtime/session-runtime.js';
import { createSessionStore } from './session/select.js';
import { SessionRegistry } from './session/registry.js';
import type { RuntimeServices } from './services.js';
import { createObjectStorage, createStorage } from './storage/select.js';
import { createDataLayer } from './data/select.js';
import { checkManifestAgainstPlugins, pluginSources } from './plugin-sources.js';
import { startWatching } from './reload.js';

export interface AppOptions {
  manifestPath: string;
  host?: string;
  port?: number;
  rootPath?: string;
  /** Hot reload plugins, manifest and public/ (`serve -w`). */
  watch?: boolean;
  debug?: boolean;
  logger?: Logger;
}

export interface App {
  readonly services: RuntimeServices;
  readonly registry: SessionRegistry;
  readonly io: Server;
  readonly httpServer: HttpServer;
  /** Base URL once started, e.g. `http://127.0.0.1:8000/chat`. */
  url: string;
  start(): Promise<string>;
  stop(): Promise<void>;
}

export const BROWSER_COOKIE = 'chainlit_rt_browser';

function normaliseRootPath(path: string | undefined): string {
  if (!path || path === '/') return '';
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

/** The composition root: manifest → plugins → stores → HTTP + realtime. Nothing else. */
export async function createApp(options: AppOptions): Promise<App> {
  const logger = options.logger ?? createLogger({ debug: options.debug });
  let manifest: LoadedManifest = await loadManifest(options.manifestPath);
  let plugins: PluginRegistry = await loadPlugins(pluginSources(manifest), { root: manifest.root, logger });
  await checkManifestAgainstPlugins(manifest, plugins);
  const config = manifest.config;
  const storage = await createStorage(manifest);
  // Opened (and migrated) at start, so a bad database URL fails the start, not the first chat.
  const objectStorage = await createObjectStorage(manifest);
  const dataLayer = await createDataLayer({ manifest, plugins, storage: objectStorage, logger });
  const { store, redis } = await createSessionStore(config.session);
  const rootPath = normaliseRootPath(options.rootPath ?? config.server.root_path);

  let registry!: SessionRegistry;
  const services: RuntimeServices = {
    logger,
    manifest: () => manifest,
    plugins: () => plugins,
    rootPath,
    uiDist: packagePath('ui-dist'),
    storage,
    objectStorage,
    dataLayer,
    browserCookie: BROWSER_COOKIE,
    session: (id) => registry.get(id),
    runAction: (sessionId, action) => runAction(registry, sessionId, action),
    currentUser: async () => null,
  };

  const httpServer = createServer(createHttpApp(services).callback());
  const io = createIo(httpServer, services);
  if (redis) io.adapter(createAdapter(redis, redis.duplicate()));
  const realtimeLog = childLogger(logger, 'session');
  const sessionRuntime = createSessionRuntime(services, () => registry, realtimeLog);
  registry = new SessionRegistry({
    store,
    instanceId: crypto.randomUUID(),
    logger: realtimeLog,
    timeoutSeconds: () => manifest.config.project.session_timeout,
    onEnd: (session) => sessionRuntime.end(session),
  });
  const deps: RealtimeDeps = {
    io,
    services,
    registry,
    browserCookie: BROWSER_COOKIE,
    currentUser: services.currentUser,
    hydrate: (record) => sessionRuntime.hydrate(io, record),
  };
  attachHandlers(deps);

  let stopWatching: (() => Promise<void>) | undefined;
  const app: App = {
    services,
    registry,
    io,
    httpServer,
    url: '',
    async start() {
      const host = options.host ?? config.server.host;
      const port = options.port ?? config.server.port;
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      app.url = `http://${shownHost}:${address.port}${rootPath}`;
      await sessionRuntime.appHook('onAppStartup');
      if (options.watch) {
        const watching = startWatching({
          logger,
          manifest: () => manifest,
          plugins: () => plugins,
          swap: (next, uiChanged) => {
            manifest = next.manifest;
            plugins = next.plugins;
            if (uiChanged) io.emit('reload', {});
          },
        });
        stopWatching = () => watching.close();
        await watching.ready;
      }
      return app.url;
    },
    async stop() {
      await stopWatching?.();
      await sessionRuntime.appHook('onAppShutdown');
      // With Redis, sessions outlive this instance (another one takes them over).
      if (!redis) await registry.endAll();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await store.close();
      await dataLayer?.close();
      await objectStorage.close();
      if (redis) await redis.quit().catch(() => undefined);
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
  return app;
}
