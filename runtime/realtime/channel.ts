import type { WireSocket } from './wire-io.js';
import { revive } from './binary.js';
import { ReplayLog, type Replayed, type ReplayResult } from '../session/replay-log.js';

/**
 * Sends an event as it was recorded (the replay log, a relay from another instance). Its
 * name and payload were checked against the wire types when SessionEmitter first sent it;
 * by now it is data, so it goes through Socket.IO's untyped signature. A payload that
 * crossed Redis as JSON gets its binary audio back (binary.ts).
 */
export function emitRecorded(socket: WireSocket, event: string, ...args: unknown[]): void {
  if (args.length > 0) args[0] = revive(event, args[0]);
  (socket.emit as (event: string, ...rest: unknown[]) => boolean).apply(socket, [event, ...args]);
}

/** Carries a session's events to the instances whose sockets relay them (cluster.ts). */
export interface RemoteRelay {
  forward(instances: ReadonlySet<string>, sessionId: string, events: Replayed[]): void;
  /** Sends an ack-event to relayed sockets; each answer comes back through `answer()`. */
  forwardRequest(instances: ReadonlySet<string>, sessionId: string, requestId: string, event: string, payload: unknown): void;
}

/**
 * Where a channel's log is copied so that it outlives this instance (cluster.ts): `ship`
 * copies it shortly, in batches; `persisted` resolves once what was logged so far is there.
 */
export interface LogShipper {
  ship(channel: SessionChannel): void;
  persisted(channel: SessionChannel): Promise<void>;
}

/** An event that waits for the client's acknowledgement (`ask`, `call_fn`): the first answer wins. */
interface PendingRequest {
  readonly id: string;
  readonly event: string;
  readonly payload: unknown;
  settle(answer: unknown): void;
}

/**
 * Where one session's events go: its sockets on this instance, and the instances that relay
 * it to sockets connected there. Every event is logged with an offset first (replay-log.ts),
 * and sockets get the offset as a last argument, so a client that reconnects — here or on
 * another instance — can be sent exactly what it missed.
 */
export class SessionChannel {
  readonly sockets = new Set<WireSocket>();
  /** Instances that relay this session to sockets connected to them. */
  readonly relays = new Set<string>();
  readonly log: ReplayLog;
  private pending: PendingRequest | null = null;

  constructor(
    readonly sessionId: string,
    capacity: number,
    private readonly remote: RemoteRelay | null,
    /** Told after each event, to copy the log to the cluster's store (cluster.ts). */
    private readonly shipper: LogShipper | null = null,
  ) {
    this.log = new ReplayLog(capacity);
  }

  /** Whether any client is connected to the session, here or through a relay. */
  get connected(): boolean {
    return this.sockets.size > 0 || this.relays.size > 0;
  }

  send(event: string, payload: unknown): void {
    const offset = this.log.append(event, payload);
    for (const socket of this.sockets) emitRecorded(socket, event, payload, offset);
    if (this.relays.size > 0) this.remote?.forward(this.relays, this.sessionId, [[offset, event, payload]]);
    this.shipper?.ship(this);
  }

  /**
   * Resolves once every event sent so far would survive this instance (a takeover reads it
   * from the cluster's store); at once without a cluster.
   */
  persisted(): Promise<void> {
    return this.shipper ? this.shipper.persisted(this) : Promise.resolve();
  }

  /**
   * Sends an event that waits for an answer to every client; resolves the first answer, or
   * undefined after `timeoutMs` or when nobody is connected. A client that connects while it
   * waits gets it too (`greet`). Rejects when `signal` aborts.
   */
  request(event: string, payload: unknown, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    if (!this.connected) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const id = crypto.randomUUID();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending?.id === id) this.pending = null;
      };
      const onAbort = () => {
        done();
        reject(signal!.reason ?? new Error('aborted'));
      };
      const timer = setTimeout(() => {
        done();
        resolve(undefined);
      }, Math.max(1, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      const pending: PendingRequest = {
        id,
        event,
        payload,
        settle: (answer) => {
          if (this.pending?.id !== id) return; // answered already, timed out, or aborted
          done();
          resolve(answer);
        },
      };
      this.pending = pending;
      for (const socket of this.sockets) this.sendRequest(socket, pending);
      if (this.relays.size > 0) this.remote?.forwardRequest(this.relays, this.sessionId, id, event, payload);
    });
  }

  /** An answer relayed from another instance. */
  answer(requestId: string, value: unknown): void {
    if (this.pending?.id === requestId) this.pending.settle(value);
  }

  private sendRequest(socket: WireSocket, pending: PendingRequest): void {
    emitRecorded(socket, pending.event, pending.payload, (answer: unknown) => pending.settle(answer));
  }

  /**
   * Takes a socket in: first what it missed since `offset` (its last offset, from the
   * handshake), then it gets every new event. Synchronous, so nothing is sent in between.
   */
  attach(socket: WireSocket, offset: string | null): ReplayResult {
    const missed = this.log.after(offset);
    for (const [o, event, payload] of missed.events) emitRecorded(socket, event, payload, o);
    this.sockets.add(socket);
    return missed;
  }

  /** Removes a socket; false when it was not attached (an old socket of a reconnected client). */
  detach(socket: WireSocket): boolean {
    return this.sockets.delete(socket);
  }

  /** The events a relay must send first to a socket that connected with `offset`, then relays live. */
  attachRelay(instance: string, offset: string | null): ReplayResult {
    this.relays.add(instance);
    return this.log.after(offset);
  }

  detachRelay(instance: string): boolean {
    return this.relays.delete(instance);
  }

  /** A request still waiting for its answer, to show a client that connects meanwhile. */
  get pendingRequest(): { id: string; event: string; payload: unknown } | null {
    return this.pending;
  }

  /** Sends the waiting request (if any) to one socket. */
  resendPending(socket: WireSocket): void {
    if (this.pending) this.sendRequest(socket, this.pending);
  }
}
