import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { childLogger } from '../log.js';
import { originAllowed } from '../origin.js';
import type { Session } from '../session/session.js';
import { admit, Refusal } from './connect.js';
import type { RealtimeDeps } from './deps.js';
import { channelOf } from './emitter.js';
import { emitRecorded } from './channel.js';
import { CLIENT_EVENTS, clearSession, dispatch, type Origin } from './dispatch.js';
import { onDisconnect } from './handlers/lifecycle.js';
import type { RuntimeServices } from '../services.js';
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
      (admission) => {
        socket.data.admission = admission;
        // A private id in the CONNECT reply makes Socket.IO clients keep the offset of each
        // event and send the last one back when they reconnect (replay-log.ts).
        (socket as unknown as { pid: string }).pid = admission.kind === 'local' ? admission.session.id : admission.sessionId;
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
    const { admission } = socket.data;
    if (!admission) {
      // Only the middleware admits sockets; one without an admission never got through it.
      socket.disconnect(true);
      return;
    }
    const given = (socket.handshake.auth as { offset?: unknown }).offset;
    const offset = typeof given === 'string' ? given : null;
    if (admission.kind === 'relay') {
      deps.gateway()!.attach(socket, admission.sessionId, admission.owner, offset);
      return;
    }
    const { session } = admission;
    deps.registry.cancelEnd(session);
    const missed = channelOf(session).attach(socket, offset);
    if (missed.gap) {
      log.warn({ sessionId: session.id, offset }, 'a reconnecting client missed more than the replay log keeps');
      socket.emit('toast', { message: 'Part of the conversation could not be restored after the reconnection.', type: 'warning' });
    }
    const channel = channelOf(session);
    const origin: Origin = { emit: (event, payload) => emitRecorded(socket, event, payload), resendPending: () => channel.resendPending(socket) };
    socket.use(([event], next) => {
      if (event === 'clear_session') clearSession(session);
      next();
    });
    for (const event of CLIENT_EVENTS) socket.on(event, (payload: unknown) => dispatch(session, event, payload, origin, deps, log));
    socket.on('disconnect', () => onDisconnect(session, socket, deps));
  });
}
