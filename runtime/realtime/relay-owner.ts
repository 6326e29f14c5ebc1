import type { ClusterBus, BusMessage } from '../cluster/bus.js';
import type { Logger } from '../log.js';
import type { Replayed } from '../session/replay-log.js';
import type { Session } from '../session/session.js';
import type { RemoteRelay } from './channel.js';
import type { RealtimeDeps } from './deps.js';
import { clearSession, dispatch, type Origin } from './dispatch.js';
import { channelOf } from './emitter.js';

/**
 * The owner's side of relaying: a session's handlers run on the instance that owns it;
 * sockets connected to other instances (gateways, relay-gateway.ts) reach it through the
 * cluster bus. Events to a gateway are batched per instance (one message per event loop
 * turn) and keep their order with every other message to that instance.
 */
export class RelayOut implements RemoteRelay {
  private readonly queues = new Map<string, Array<{ sessionId: string; events: Replayed[] }>>();
  private scheduled = false;

  constructor(private readonly bus: ClusterBus) {}

  forward(instances: ReadonlySet<string>, sessionId: string, events: Replayed[]): void {
    for (const instance of instances) {
      let queue = this.queues.get(instance);
      if (!queue) this.queues.set(instance, (queue = []));
      const last = queue.at(-1);
      if (last?.sessionId === sessionId) last.events.push(...events);
      else queue.push({ sessionId, events: [...events] });
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushAll());
    }
  }

  forwardRequest(instances: ReadonlySet<string>, sessionId: string, requestId: string, event: string, payload: unknown): void {
    for (const instance of instances) this.send(instance, { type: 'request', sessionId, askId: requestId, event, payload });
  }

  /** Any other message to an instance: what is queued for it goes first. */
  send(instance: string, message: BusMessage): void {
    this.flush(instance);
    this.bus.send(instance, message);
  }

  /** Sends what is queued for an instance now. */
  flush(instance: string): void {
    const queue = this.queues.get(instance);
    if (!queue || queue.length === 0) return;
    this.queues.delete(instance);
    this.bus.send(instance, { type: 'events', batches: queue });
  }

  private flushAll(): void {
    this.scheduled = false;
    for (const instance of [...this.queues.keys()]) this.flush(instance);
  }
}

/** A client connected to a gateway, as the owner's handlers see it. */
function relayedOrigin(out: RelayOut, session: Session, instance: string, socketId: string): Origin {
  return {
    emit: (event, payload) => out.send(instance, { type: 'direct', sessionId: session.id, socketId, event, payload }),
    resendPending: () => {
      const pending = channelOf(session).pendingRequest;
      if (pending) out.send(instance, { type: 'request', sessionId: session.id, socketId, askId: pending.id, event: pending.event, payload: pending.payload });
    },
  };
}

/** What the owner answers to cluster messages about its sessions. */
export function serveRelays(bus: ClusterBus, out: RelayOut, deps: RealtimeDeps, log: Logger): void {
  const owned = (message: BusMessage): Session | undefined => deps.registry.get(message.sessionId as string);

  // A gateway has a socket for the session: `attached` carries what that socket missed, and
  // live events follow it on the same channel, in order.
  bus.on('attach', (message, from) => {
    const session = owned(message);
    const reply = { type: 'attached', sessionId: message.sessionId, socketId: message.socketId };
    if (!session || session.ended) {
      out.send(from, { ...reply, ok: false });
      return;
    }
    deps.registry.cancelEnd(session);
    out.flush(from); // what was queued for that instance goes before the reply
    const missed = channelOf(session).attachRelay(from, typeof message.offset === 'string' ? message.offset : null);
    out.send(from, { ...reply, ok: true, events: missed.events, gap: missed.gap });
  });

  bus.on('detach', (message, from) => {
    const session = owned(message);
    if (!session) return;
    const channel = channelOf(session);
    if (!channel.detachRelay(from) || channel.connected) return;
    deps.registry.scheduleEnd(session);
    if (session.ended) return;
    void deps.registry.saveReliably(session, 'disconnect');
    session.recorder?.saveMetadata();
  });

  bus.on('client-event', (message, from) => {
    const session = owned(message);
    if (!session) return;
    const origin = relayedOrigin(out, session, from, message.socketId as string);
    dispatch(session, message.event as string, message.payload, origin, deps, log);
  });

  bus.on('clear', (message) => {
    const session = owned(message);
    if (session) clearSession(session);
  });

  bus.on('answer', (message) => {
    const session = owned(message);
    if (session) channelOf(session).answer(message.askId as string, message.value);
  });
}
