import type { WireSocket } from './wire-io.js';
import type { ClusterBus, BusMessage } from '../cluster/bus.js';
import type { Logger } from '../log.js';
import type { Replayed } from '../session/replay-log.js';
import { emitRecorded } from './channel.js';
import { CLIENT_EVENTS } from './dispatch.js';

interface RelayedSocket {
  readonly socket: WireSocket;
  /** False until the owner said what this socket missed; live events wait for that. */
  active: boolean;
  timer: NodeJS.Timeout | undefined;
}

interface Relayed {
  readonly sessionId: string;
  readonly owner: string;
  readonly sockets: Map<string, RelayedSocket>;
}

/** How long a gateway waits for the owner to take a socket in before it gives up on it. */
const ATTACH_TIMEOUT_MS = 5000;

const WARN_GAP = { message: 'Part of the conversation could not be restored after the reconnection.', type: 'warning' as const };

/**
 * The gateway's side of relaying: a socket connected here whose session is owned by another
 * (live) instance. Its events go to the owner; the owner's events come back through the bus
 * in order. When the owner dies, the gateway closes the socket's transport: the client
 * reconnects at once, and its connection is placed again (the session is taken over by
 * whoever wins it, with its replay log from Redis).
 */
export class Gateway {
  private readonly sessions = new Map<string, Relayed>();
  private watch: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: ClusterBus,
    private readonly log: Logger,
  ) {
    bus.on('attached', (m) => this.attached(m));
    bus.on('events', (m) => this.events(m));
    bus.on('direct', (m) => {
      const entry = this.socketOf(m);
      if (entry) emitRecorded(entry.socket, m.event as string, m.payload);
    });
    bus.on('request', (m) => this.request(m));
    this.watch = setInterval(() => void this.checkOwners(), 1000);
    this.watch.unref();
  }

  stop(): void {
    clearInterval(this.watch);
  }

  /** How many sessions this instance relays (for tests and metrics). */
  get size(): number {
    return this.sessions.size;
  }

  /** Serves a socket whose session `owner` runs; `offset` is the last event the client has. */
  attach(socket: WireSocket, sessionId: string, owner: string, offset: string | null): void {
    let relayed = this.sessions.get(sessionId);
    if (!relayed || relayed.owner !== owner) this.sessions.set(sessionId, (relayed = { sessionId, owner, sockets: new Map() }));
    const entry: RelayedSocket = { socket, active: false, timer: undefined };
    relayed.sockets.set(socket.id, entry);
    const target = relayed;
    socket.use(([event], next) => {
      // Taken as it arrives, as on the owner (dispatch.ts): a disconnect follows at once.
      if (event === 'clear_session') this.bus.send(target.owner, { type: 'clear', sessionId });
      next();
    });
    for (const event of CLIENT_EVENTS) {
      socket.on(event, (payload: unknown) => this.bus.send(target.owner, { type: 'client-event', sessionId, socketId: socket.id, event, payload }));
    }
    socket.on('disconnect', () => this.detach(target, socket.id));
    entry.timer = setTimeout(() => {
      this.log.warn({ sessionId, owner }, 'the owner of a relayed session did not answer; dropping the connection so the client reconnects');
      this.drop(target);
    }, ATTACH_TIMEOUT_MS);
    entry.timer.unref();
    this.bus.send(owner, { type: 'attach', sessionId, socketId: socket.id, offset });
  }

  private socketOf(message: BusMessage): RelayedSocket | undefined {
    return this.sessions.get(message.sessionId as string)?.sockets.get(message.socketId as string);
  }

  private attached(message: BusMessage): void {
    const relayed = this.sessions.get(message.sessionId as string);
    const entry = relayed?.sockets.get(message.socketId as string);
    if (!relayed || !entry) return;
    clearTimeout(entry.timer);
    if (!message.ok) {
      this.drop(relayed); // the owner no longer has it: let the client be placed again
      return;
    }
    for (const [offset, event, payload] of message.events as Replayed[]) emitRecorded(entry.socket, event, payload, offset);
    if (message.gap) entry.socket.emit('toast', WARN_GAP);
    entry.active = true;
  }

  private events(message: BusMessage): void {
    for (const { sessionId, events } of message.batches as Array<{ sessionId: string; events: Replayed[] }>) {
      const relayed = this.sessions.get(sessionId);
      if (!relayed) continue;
      for (const entry of relayed.sockets.values()) {
        if (!entry.active) continue;
        for (const [offset, event, payload] of events) emitRecorded(entry.socket, event, payload, offset);
      }
    }
  }

  private request(message: BusMessage): void {
    const relayed = this.sessions.get(message.sessionId as string);
    if (!relayed) return;
    const targets = message.socketId ? [relayed.sockets.get(message.socketId as string)] : [...relayed.sockets.values()];
    for (const entry of targets) {
      if (!entry) continue;
      emitRecorded(entry.socket, message.event as string, message.payload, (value: unknown) => {
        this.bus.send(relayed.owner, { type: 'answer', sessionId: relayed.sessionId, askId: message.askId, value });
      });
    }
  }

  private detach(relayed: Relayed, socketId: string): void {
    const entry = relayed.sockets.get(socketId);
    if (!entry) return;
    clearTimeout(entry.timer);
    relayed.sockets.delete(socketId);
    if (relayed.sockets.size > 0 || this.sessions.get(relayed.sessionId) !== relayed) return;
    this.sessions.delete(relayed.sessionId);
    this.bus.send(relayed.owner, { type: 'detach', sessionId: relayed.sessionId });
  }

  /** Every relayed client reconnects (the bus lost messages): each is sent what it missed. */
  dropAll(): void {
    for (const relayed of [...this.sessions.values()]) this.drop(relayed);
  }

  /** Closes the transports of a relayed session's sockets; their clients reconnect and are placed again. */
  private drop(relayed: Relayed): void {
    if (this.sessions.get(relayed.sessionId) === relayed) this.sessions.delete(relayed.sessionId);
    for (const entry of relayed.sockets.values()) {
      clearTimeout(entry.timer);
      entry.socket.conn.close();
    }
  }

  private async checkOwners(): Promise<void> {
    const owners = new Set([...this.sessions.values()].map((r) => r.owner));
    for (const owner of owners) {
      const alive = await this.bus.alive(owner).catch(() => true);
      if (alive) continue;
      this.log.warn({ owner }, 'an instance that owned relayed sessions is gone; their clients reconnect');
      for (const relayed of [...this.sessions.values()]) if (relayed.owner === owner) this.drop(relayed);
    }
  }
}
