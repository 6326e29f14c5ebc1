import { EventEmitter } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { AuthService } from './auth/service.js';
import { createHttpApp } from './http/app.js';
import { checkCustomBuild } from './http/ui-build.js';
import { childLogger, createLogger, type Logger } from './log.js';
import { loadDotEnvInto } from './manifest/env.js';
import { loadManifest, type LoadedManifest } from './manifest/index.js';
import { packagePath } from './paths.js';
import { Persistence } from './persistence/index.js';
import { loadPlugins } from './plugins/index.js';
import type { PluginRegistry } from './plugins/registry.js';
import { attachHandlers, createIo } from './realtime/server.js';
import type { RealtimeDeps } from './realtime/deps.js';
import type { WireServer } from './realtime/wire-io.js';
import { Cluster } from './realtime/cluster.js';
import { createSessionRuntime, runAction } from './realtime/session-runtime.js';
import { configureCache } from './sdk/cache.js';
import { createSessionStore } from './session/select.js';
import { SessionRegistry } from './session/registry.js';
import type { RuntimeServices } from './services.js';
import { createObjectStorage, createStorage } from './storage/select.js';
import { openInBackground } from './data/opening.js';
import { createDataLayer } from './data/select.js';
import { checkManifestAgainstPlugins, pluginSources } from './plugin-sources.js';
import type { ReloadEvents } from './reload.js';
import { Lifecycle, type DrainReport } from './lifecycle.js';
import { bindMeter, type AppMetrics } from './metrics.js';
import { databaseProbe, Readiness, redisProbe } from './readiness.js';
import { connectFromClient, disconnectServer } from './integrations/mcp/service.js';
import { HttpError } from './errors.js';

export interface AppOptions {
  manifestPath: string;
  host?: string;
  port?: number;
  rootPath?: string;
  /** Hot reload plugins, manifest and public/ (`serve -w`). */
  watch?: boolean;
  /**
   * False when another server carries the traffic (`mountChainlit`): start() then runs
   * the startup hooks without listening, and `httpServer` only dispatches what it is handed.
   */
  listen?: boolean;
  debug?: boolean;
  logger?: Logger;
  /** Environment for the manifest (`${VAR}`, CHAINLIT_*, OAUTH_*); default process.env. */
  env?: Record<string, string | undefined>;
}

export interface App {
  readonly services: RuntimeServices;
  readonly registry: SessionRegistry;
  readonly io: WireServer;
  readonly httpServer: HttpServer;
  /** The instances sharing sessions through Redis (null with sessions in memory). */
  readonly cluster: Cluster | null;
  /** Chat history writes (null without a data layer). */
  readonly persistence: Persistence | null;
  /** Base URL once started, e.g. `http://127.0.0.1:8000/chat`. */
  url: string;
  /** Drain hooks (flush pending writes at shutdown) and the draining state. */
  readonly lifecycle: Lifecycle;
  /** Probes behind GET /ready; register one per dependency. */
  readonly readiness: Readiness;
  /** Null when `server.metrics` is off. */
  readonly metrics: AppMetrics | null;
  /** The metrics page when served on a port of its own (`server.metrics.port`), once started. */
  metricsUrl: string | null;
  /** With `watch`: 'reloaded' or 'reload-failed' after each reload (tools and tests wait on these). */
  readonly reloads: EventEmitter<ReloadEvents>;
  start(): Promise<string>;
  /** Stops at once: drain hooks flush, then everything closes. */
  stop(): Promise<void>;
  /** Graceful: refuse new clients, let handlers finish (grace: `server.shutdown_grace_seconds`), move clients, then stop. */
  shutdown(options?: { graceMs?: number; signal?: AbortSignal }): Promise<DrainReport>;
}

export const BROWSER_COOKIE = 'chainlit_rt_browser';

function normaliseRootPath(path: string | undefined): string {
  if (!path || path === '/') return '';
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}

/**
 * Where the other instances of a cluster reach this one: CHAINLIT_RT_INTERNAL_URL, else the
 * address it listens on (the host name when that is every interface, as in a container).
 */
function internalUrl(address: AddressInfo): string {
  if (process.env.CHAINLIT_RT_INTERNAL_URL) return process.env.CHAINLIT_RT_INTERNAL_URL;
  const any = address.address === '0.0.0.0' || address.address === '::';
  const host = any ? hostname() : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * The composition root: manifest → plugins → stores → HTTP + realtime. Nothing else.
 *
 * The app's `.env` is in `process.env` while the app lives (plugins read their keys there):
 * it is loaded before plugins load and taken out again when the app stops or fails to start,
 * so apps started one after another in one process (tests, `chainlit-rt test`) do not see
 * each other's values.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const logger = options.logger ?? createLogger({ debug: options.debug });
  const manifest = await loadManifest(options.manifestPath, options.env ? { env: options.env } : {});
  const fromDotEnv = loadDotEnvInto(manifest.root);
  if (fromDotEnv.length > 0) logger.debug({ variables: fromDotEnv }, 'loaded .env into the environment');
  const unloadDotEnv = () => {
    for (const name of fromDotEnv) delete process.env[name];
  };
  try {
    const app = await assemble(options, logger, manifest);
    const stop = app.stop.bind(app);
    app.stop = async () => {
      try {
        await stop();
      } finally {
        unloadDotEnv();
      }
    };
    return app;
  } catch (err) {
    unloadDotEnv();
    throw err;
  }
}

async function assemble(options: AppOptions, logger: Logger, loaded: LoadedManifest): Promise<App> {
  let manifest = loaded;
  configureCache(manifest.config.project.cache);
  let plugins: PluginRegistry = await loadPlugins(pluginSources(manifest), { root: manifest.root, logger });
  await checkManifestAgainstPlugins(manifest, plugins);
  await checkCustomBuild(manifest);
  const config = manifest.config;
  const storage = await createStorage(manifest);
  const { store, redis } = await createSessionStore(config.session);
  const objectStorage = await createObjectStorage(manifest);
  // Opened beside the start, once the server listens (the driver and the schema check take a
  // few hundred ms); start() waits for it, so a bad database URL still fails the start, not
  // the first chat.
  const opening = config.data_layer.enabled === false
    ? null
    : openInBackground(async () => (await createDataLayer({ manifest, plugins, storage: objectStorage, logger }))!);
  const dataLayer = opening?.layer ?? null;
  const rootPath = normaliseRootPath(options.rootPath ?? config.server.root_path);

  const persistence = dataLayer
    ? new Persistence({
        layer: dataLayer,
        files: storage,
        logger: childLogger(logger, 'persistence'),
        onOverflow: (threadId, error) => {
          for (const session of registry.all()) if (session.threadId === threadId) session.emitter.sendToast(error.message, 'error');
        },
      })
    : null;
  const auth = new AuthService({
    manifest: () => manifest,
    plugins: () => plugins,
    logger: childLogger(logger, 'auth'),
    persistUser: persistence ? (user) => persistence.persistUser(user) : undefined,
  });
  // Declared login without a secret never serves, not even for a moment.
  auth.assertConfigured();

  let registry!: SessionRegistry;
  const liveSession = (id: string) => {
    const session = registry.get(id);
    if (!session) throw new HttpError(404, 'Session not found', 'CRT_SESSION_NOT_FOUND');
    return session;
  };
  let lifecycle!: Lifecycle;
  const readiness = new Readiness(() => lifecycle.draining);
  const metricsConfig = config.server.metrics;
  // prom-client loads only for an app that turns metrics on (start-up time).
  const metrics = metricsConfig.enabled
    ? new (await import('./metrics-registry.js')).AppMetrics({ sessions: () => registry.size, connections: () => io.engine.clientsCount })
    : null;
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
    mcp: {
      connect: (sessionId, request) => connectFromClient(liveSession(sessionId), request),
      disconnect: (sessionId, name) => disconnectServer(liveSession(sessionId), name),
    },
    drainWrites: async (threadId) => {
      if (persistence) await Promise.race([persistence.queue.drain(threadId), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    },
    ownerUrl: async (sessionId) => {
      if (!cluster) return null;
      const owner = await store.owner(sessionId);
      return owner && owner !== instanceId ? cluster.bus.urlOf(owner) : null;
    },
    auth,
    currentUser: (headers, handshakeToken) => auth.currentUser(headers, handshakeToken),
    ops: { ready: () => readiness.check(), metrics, metricsPath: metricsConfig.port === undefined && metrics ? metricsConfig.path : null },
  };

  const httpServer = createServer(createHttpApp(services).callback());
  const io = createIo(httpServer, services);
  // Loaded only with Redis sessions (start-up time).
  const subscriber = redis?.duplicate();
  if (redis && subscriber) {
    const { createAdapter } = await import('@socket.io/redis-adapter');
    io.adapter(createAdapter(redis, subscriber));
    readiness.add(redisProbe(redis));
  }
  if (dataLayer) readiness.add(databaseProbe(dataLayer));
  metrics?.observe(io);
  const realtimeLog = childLogger(logger, 'session');
  const instanceId = crypto.randomUUID();
  const cluster = redis
    ? new Cluster({
        redis,
        prefix: config.session.key_prefix ?? 'chainlit-rt:',
        instanceId,
        logger: childLogger(logger, 'cluster'),
        maxEntries: () => manifest.config.session.replay_log.max_entries,
        timeoutSeconds: () => manifest.config.project.session_timeout,
      })
    : null;
  const sessionRuntime = createSessionRuntime(services, () => registry, realtimeLog, cluster, persistence);
  registry = new SessionRegistry({
    store,
    instanceId,
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
    hydrate: (record) => bindMeter(sessionRuntime.hydrate(record), metrics),
    cluster: cluster?.bus ?? null,
    gateway: () => cluster?.relays ?? null,
    takenOver: async (session, previous) => cluster?.takenOver(session, previous),
  };
  attachHandlers(deps);
  await cluster?.start(deps);
  lifecycle = new Lifecycle({ io, httpServer, registry, logger: childLogger(logger, 'lifecycle') });
  if (cluster) lifecycle.onDrain({ name: 'replay logs', flush: () => cluster.flush() });
  if (persistence) lifecycle.onDrain({ name: 'database writes', flush: () => persistence.close().then(() => undefined) });

  let stopWatching: (() => Promise<void>) | undefined;
  let metricsServer: HttpServer | undefined;
  const app: App = {
    services,
    registry,
    io,
    httpServer,
    cluster,
    persistence,
    url: '',
    lifecycle,
    readiness,
    metrics,
    metricsUrl: null,
    reloads: new EventEmitter<ReloadEvents>(),
    async start() {
      if (options.listen !== false) {
        const host = options.host ?? config.server.host;
        const port = options.port ?? config.server.port;
        await new Promise<void>((resolve, reject) => {
          httpServer.once('error', reject);
          httpServer.listen(port, host, () => resolve());
        });
        const address = httpServer.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        app.url = `http://${shownHost}:${address.port}${rootPath}`;
        await cluster?.bus.announce(internalUrl(address));
      }
      opening?.begin();
      if (metrics && metricsConfig.port !== undefined) {
        const { listenMetrics } = await import('./metrics-registry.js');
        const listening = await listenMetrics(metrics, options.host ?? config.server.host, metricsConfig.port, metricsConfig.path);
        metricsServer = listening.server;
        app.metricsUrl = listening.url;
      }
      await opening?.ready;
      await sessionRuntime.appHook('onAppStartup');
      if (options.watch) {
        // Only `serve -w` needs the watcher (chokidar).
        const { startWatching } = await import('./reload.js');
        const watching = startWatching({
          logger,
          manifest: () => manifest,
          plugins: () => plugins,
          swap: (next, uiChanged) => {
            // An edit that turns login on without a secret is refused like any broken edit.
            new AuthService({ manifest: () => next.manifest, plugins: () => next.plugins, logger }).assertConfigured();
            manifest = next.manifest;
            plugins = next.plugins;
            configureCache(manifest.config.project.cache);
            if (uiChanged) io.emit('reload', {});
          },
          events: app.reloads,
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
      // MCP servers are children of this process whether or not the sessions live on elsewhere.
      await Promise.all([...registry.all()].map((session) => session.mcp.closeAll()));
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await lifecycle.flush();
      await store.close();
      await cluster?.stop();
      await subscriber?.quit().catch(() => undefined);
      await dataLayer?.close().catch((err: unknown) => logger.warn({ err }, 'could not close the data layer'));
      await objectStorage.close();
      if (redis) await redis.quit().catch(() => undefined);
      if (options.listen !== false) {
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      }
      metricsServer?.closeAllConnections();
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
    },
    async shutdown(options = {}) {
      const graceMs = options.graceMs ?? manifest.config.server.shutdown_grace_seconds * 1000;
      const report = await lifecycle.drain({ graceMs, signal: options.signal });
      await app.stop();
      return report;
    },
  };
  return app;
}
