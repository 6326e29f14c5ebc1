import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { createApp, type App } from './app.js';
import type { Logger } from './log.js';
import type { UserDict } from './wire.js';

/** The parts of a Koa application and context that mounting needs (Koa 2 and 3 fit). */
export interface KoaLike {
  use(middleware: (ctx: KoaLikeContext, next: () => Promise<unknown>) => unknown): unknown;
}

export interface KoaLikeContext {
  path: string;
  req: IncomingMessage;
  res: import('node:http').ServerResponse;
  respond?: boolean;
  headers: Record<string, string | string[] | undefined>;
  append(field: string, value: string | string[]): void;
}

export interface MountOptions {
  /** Path of the chainlit-rt manifest. */
  manifest: string;
  /** Where the app lives inside the host, e.g. `/chat`. */
  path: string;
  logger?: Logger;
  debug?: boolean;
}

/** A chainlit-rt app running inside another Koa application. */
export interface MountedChainlit {
  readonly app: App;
  /**
   * Hands the host's HTTP server to the app, for its WebSocket upgrades (call it with what
   * `koaApp.listen()` returned, or the server you created around `koaApp.callback()`).
   */
  attach(server: HttpServer): void;
  /**
   * Logs a user in from the host's own authentication: sets the login cookie on the
   * host's response, so the mounted UI, REST and socket accept this user.
   */
  authenticate(ctx: KoaLikeContext, user: UserDict): Promise<UserDict>;
  stop(): Promise<void>;
}

function normalise(path: string): string {
  const trimmed = `/${path.replace(/^\/+|\/+$/g, '')}`;
  if (trimmed === '/') throw new Error('mountChainlit: give a sub-path such as "/chat" (for the root, run `chainlit-rt serve`)');
  return trimmed;
}

/**
 * Mounts a whole chainlit-rt app (UI, REST, Socket.IO) under `path` of an existing Koa
 * app — the counterpart of Chainlit's FastAPI mounting. Requests under the path go to the
 * app untouched (mount it before body parsers); everything else goes on to the host.
 */
export async function mountChainlit(koaApp: KoaLike, options: MountOptions): Promise<MountedChainlit> {
  const path = normalise(options.path);
  const app = await createApp({ manifestPath: options.manifest, rootPath: path, listen: false, logger: options.logger, debug: options.debug });
  await app.start();
  const inside = (url: string | undefined) => {
    const p = (url ?? '/').split('?')[0]!;
    return p === path || p.startsWith(`${path}/`);
  };
  koaApp.use(async (ctx, next) => {
    if (!inside(ctx.path)) return next();
    // The app's own server dispatches: Socket.IO's polling first, then its Koa app.
    ctx.respond = false;
    app.httpServer.emit('request', ctx.req, ctx.res);
  });
  const attached = new Set<HttpServer>();
  return {
    app,
    attach(server) {
      if (attached.has(server)) return;
      attached.add(server);
      server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (inside(req.url)) app.httpServer.emit('upgrade', req, socket, head);
      });
    },
    async authenticate(ctx, user) {
      const result = await app.services.auth.login(user, ctx.headers);
      for (const line of result.cookies) ctx.append('Set-Cookie', line);
      return result.user;
    },
    stop: () => app.stop(),
  };
}
