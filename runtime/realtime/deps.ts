import type { ClusterBus } from '../cluster/bus.js';
import type { Gateway } from './relay-gateway.js';
import type { WireServer } from './wire-io.js';
import type { RuntimeServices } from '../services.js';
import type { SessionRegistry } from '../session/registry.js';
import type { Session } from '../session/session.js';
import type { SessionRecord } from '../session/types.js';
import type { UserDict } from '../wire.js';

/** What the realtime handlers need, wired by runtime/app.ts. */
export interface RealtimeDeps {
  readonly io: WireServer;
  readonly services: RuntimeServices;
  readonly registry: SessionRegistry;
  readonly browserCookie: string;
  currentUser(headers: Record<string, string | string[] | undefined>): Promise<UserDict | null>;
  /** Builds a live Session (emitter and runtime attached) from a stored record. */
  hydrate(record: SessionRecord): Session;
  /** The other instances (null with one process: sessions in memory). */
  readonly cluster: ClusterBus | null;
  /** Serves sockets whose session another instance owns (null with one process). */
  gateway(): Gateway | null;
  /** A session was taken over from `previous` (a dead instance, or none): restore its log, mark what was cut. */
  takenOver(session: Session, previous: string | null): Promise<void>;
}
