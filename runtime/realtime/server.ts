import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { childLogger } from '../log.js';
import { originAllowed } from '../origin.js';
import type { Session } from '../session/session.js';
import { admit, Refusal } from './connect.js';
import type { RealtimeDeps } from './deps.js';
import { attachSocket, sessionRoom } from './emitter.js';
import { onAudioChunk, onAudioEnd, onAudioStart } from './handlers/audio.js';
import { onConnectionSuccessful, onDisconnect } from './handlers/lifecycle.js';
import { onClientMessage, onEditMessage, onStop } from './handlers/message.js';
import { onSettingsChange, onSettingsEdit } from './handlers/settings.js';
import { callHook } from './invoke.js';
import { runTask } from './tasks.js';
import { payloadProblem, type PayloadKind } from './validate.js';
import type { RuntimeServices } from '../services.js';
import type { StepDict } from '../wire.js';

type EngineConn = { transport?: { name?: string; socket?: { _socket?: Socket_ } } };
type Socket_ = import('node:net').Socket;

/** The TCP socket under an engine.io WebSocket connection (none for long-polling). */
function tcpOf(conn: EngineConn): Socket_ | undefined {
  return conn.transport?.name === 'websocket' ? conn.transport.socket?._socket : undefined;
}

/** Creates the Socket.IO server on the HTTP server, at `<root path>/ws/socket.io`. */
export function createIo(httpServer: HttpServer, services: RuntimeServices): Server {
  const io = new Server(httpServer, {
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
        (socket.data as { session?: Session }).session = session;
        next();
      },
      (err: unknown) => {
        if (!(err instanceof Refusal)) log.error({ err }, 'connection failed');
        else log.info({ reason: err.message }, 'connection refused');
        next(new Error(err instanceof Refusal ? err.message : 'connection failed'));
      },
    );
  });

  io.on('connection', (socket: Socket) => {
    const session = (socket.data as { session: Session }).session;
    const previous = attachSocket(session, socket);
    deps.registry.cancelEnd(session);
    void socket.join(sessionRoom(session.id));
    if (previous && previous !== socket && previous.connected) previous.disconnect(true);
    const slog = log.child({ sessionId: session.id });

    /** Registers a handler that only runs on a well-formed payload; a bad one gets a toast, the session lives on. */
    const on = <T>(event: string, kind: PayloadKind | null, handler: (payload: T) => unknown) => {
      socket.on(event, (payload: T) => {
        if (session.ended) return;
        deps.registry.touch(session);
        const problem = kind ? payloadProblem(kind, payload) : null;
        if (problem) {
          slog.warn({ event, problem }, 'rejected a malformed payload');
          session.emitter.sendToast(`Rejected ${event}: ${problem}`, 'error');
          return;
        }
        try {
          const result = handler(payload);
          if (result instanceof Promise) result.catch((err: unknown) => slog.error({ err, event }, 'handler failed'));
        } catch (err) {
          slog.error({ err, event }, 'handler failed');
        }
      });
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
    on('connection_successful', null, () => onConnectionSuccessful(session, deps));
    on<{ message: StepDict; fileReferences?: Array<{ id: string }> }>('client_message', 'client_message', (p) => onClientMessage(session, p));
    on<{ message: StepDict }>('edit_message', 'edit_message', (p) => onEditMessage(session, p));
    on('stop', null, () => onStop(session));
    on<unknown>('window_message', null, (data) =>
      runTask(session, 'onWindowMessage', { kind: 'side', visible: false }, () => callHook(session, 'onWindowMessage', data)),
    );
    on<Record<string, unknown>>('chat_settings_change', 'settings', (values) => onSettingsChange(session, values, () => deps.registry.saveReliably(session, 'settings change')));
    on<Record<string, unknown>>('chat_settings_edit', 'settings', (values) => onSettingsEdit(session, values));
    on('audio_start', null, () => onAudioStart(session));
    on<{ data: unknown }>('audio_chunk', 'audio_chunk', (chunk) => onAudioChunk(session, chunk));
    on('audio_end', null, () => onAudioEnd(session));
    // Favorites need login and a data layer (later issues); without them Chainlit ignores these too.
    on('fetch_favorites', null, () => undefined);
    on('message_favorite', 'message_favorite', () => undefined);
    socket.on('disconnect', () => onDisconnect(session, socket, deps));
  });
}
