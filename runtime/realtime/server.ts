import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { childLogger } from '../log.js';
import { originAllowed } from '../origin.js';
import { admit, Refusal } from './connect.js';
import type { RealtimeDeps } from './deps.js';
import { attachSocket, sessionRoom } from './emitter.js';
import { onAudioChunk, onAudioEnd, onAudioStart } from './handlers/audio.js';
import { onConnectionSuccessful, onDisconnect } from './handlers/lifecycle.js';
import { onClientMessage, onEditMessage, onStop } from './handlers/message.js';
import { onSettingsChange, onSettingsEdit } from './handlers/settings.js';
import { callHook } from './invoke.js';
import { runTask } from './tasks.js';
import { CLIENT_EVENT_CHECKS, payloadProblem } from './validate.js';
import type { RuntimeServices } from '../services.js';
import type { ClientToServerEvents } from '../wire.js';
import type { WireServer } from './wire-io.js';

type EngineConn = { transport?: { name?: string; socket?: { _socket?: Socket_ } } };
type Socket_ = import('node:net').Socket;

/** The TCP socket under an engine.io WebSocket connection (none for long-polling). */
function tcpOf(conn: EngineConn): Socket_ | undefined {
  return conn.transport?.name === 'websocket' ? conn.transport.socket?._socket : undefined;
}

/** Creates the Socket.IO server on the HTTP server, at `<root path>/ws/socket.io`. */
export function createIo(httpServer: HttpServer, services: RuntimeServices): WireServer {
  const io: WireServer = new Server(httpServer, {
    path: `${services.rootPath}/ws/socket.io`,
    transports: ['polling', 'websocket'],
    serveClient: false,
    // Same policy as the REST layer; checked for polling and for direct WebSocket upgrades.
    allowRequest: (req, callback) => {
      const allow = services.manifest().config.project.allow_origins ?? [];
      callback(null, originAllowed(req.headers.origin, req.headers, allow));
    },
    cors: {
      origin: (origin, callback) => callback(null, origin ?? false),
      credentials: true,
    },
  });
  // Streaming queues many small frames at once; corking the TCP socket around engine.io's
  // synchronous flush sends them in one writev instead of one write each (bench/RESULTS.md).
  io.engine.on('flush', (conn: EngineConn) => {
    const tcp = tcpOf(conn);
    if (!tcp) return;
    tcp.cork();
    // Never leave it corked if the send threw before `drain`.
    process.nextTick(() => {
      if (tcp.writableCorked > 0) tcp.uncork();
    });
  });
  io.engine.on('drain', (conn: EngineConn) => {
    const tcp = tcpOf(conn);
    if (tcp && tcp.writableCorked > 0) tcp.uncork();
  });
  return io;
}

/** Wires the connection middleware and every client event of PROTOCOL.md §2.1. */
export function attachHandlers(deps: RealtimeDeps): void {
  const log = childLogger(deps.services.logger, 'realtime');
  const { io } = deps;

  io.use((socket, next) => {
    admit(socket, deps).then(
      (session) => {
        socket.data.session = session;
        next();
      },
      (err: unknown) => {
        if (!(err instanceof Refusal)) log.error({ err }, 'connection failed');
        else log.info({ reason: err.message }, 'connection refused');
        next(new Error(err instanceof Refusal ? err.message : 'connection failed'));
      },
    );
  });

  io.on('connection', (socket) => {
    const session = socket.data.session;
    if (!session) {
      // Only the middleware admits sockets; one without a session never got through it.
      socket.disconnect(true);
      return;
    }
    const previous = attachSocket(session, socket);
    deps.registry.cancelEnd(session);
    void socket.join(sessionRoom(session.id));
    if (previous && previous !== socket && previous.connected) previous.disconnect(true);
    const slog = log.child({ sessionId: session.id });

    /**
     * Wraps the handler of one client event: it runs only on a well-formed payload (checked
     * against the schema its type is generated from, so the type holds); a bad one gets a
     * toast, the session lives on. The listener's type comes from the event map.
     */
    type Args<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>;
    const guarded = <E extends keyof ClientToServerEvents>(event: E, handler: (...args: Args<E>) => unknown) => (...args: Args<E>): void => {
      if (session.ended) return;
      deps.registry.touch(session);
      const kind = CLIENT_EVENT_CHECKS[event];
      const problem = kind ? payloadProblem(kind, args[0]) : null;
      if (problem) {
        slog.warn({ event, problem }, 'rejected a malformed payload');
        session.emitter.sendToast(`Rejected ${event}: ${problem}`, 'error');
        return;
      }
      try {
        const result = handler(...args);
        if (result instanceof Promise) result.catch((err: unknown) => slog.error({ err, event }, 'handler failed'));
      } catch (err) {
        slog.error({ err, event }, 'handler failed');
      }
    };

    // Chainlit clients send `clear_session` and disconnect at once, and Socket.IO drops events
    // still being dispatched when the disconnect lands: so this one is taken as it arrives.
    socket.use(([event], next) => {
      if (event === 'clear_session' && !session.ended) {
        session.toClear = true;
        session.pendingAsk?.cancel();
        session.tasks.abortAll();
      }
      next();
    });
    socket.on('connection_successful', guarded('connection_successful', () => onConnectionSuccessful(session, deps)));
    socket.on('client_message', guarded('client_message', (p) => onClientMessage(session, p)));
    socket.on('edit_message', guarded('edit_message', (p) => onEditMessage(session, p)));
    socket.on('stop', guarded('stop', () => onStop(session)));
    socket.on('window_message', guarded('window_message', (data) =>
      runTask(session, 'onWindowMessage', { kind: 'side', visible: false }, () => callHook(session, 'onWindowMessage', data)),
    ));
    socket.on('chat_settings_change', guarded('chat_settings_change', (values) => onSettingsChange(session, values, () => deps.registry.saveReliably(session, 'settings change'))));
    socket.on('chat_settings_edit', guarded('chat_settings_edit', (values) => onSettingsEdit(session, values)));
    socket.on('audio_start', guarded('audio_start', () => onAudioStart(session)));
    socket.on('audio_chunk', guarded('audio_chunk', (chunk) => onAudioChunk(session, chunk)));
    socket.on('audio_end', guarded('audio_end', () => onAudioEnd(session)));
    // Favorites need login and a data layer (later issues); without them Chainlit ignores these too.
    socket.on('fetch_favorites', guarded('fetch_favorites', () => undefined));
    socket.on('message_favorite', guarded('message_favorite', () => undefined));
    socket.on('disconnect', () => onDisconnect(session, socket, deps));
  });
}
