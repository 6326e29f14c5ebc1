import type { RuntimeServices } from '../services.js';
import type { SessionRegistry } from '../session/registry.js';
import type { Session } from '../session/session.js';
import type { SessionRecord } from '../session/types.js';
import type { UserDict } from '../wire.js';
import type { WireServer } from './wire-io.js';

/** What the realtime handlers need, wired by runtime/app.ts. */
export interface RealtimeDeps {
  readonly io: WireServer;
  readonly services: RuntimeServices;
  readonly registry: SessionRegistry;
  readonly browserCookie: string;
  currentUser(headers: Record<string, string | string[] | undefined>): Promise<UserDict | null>;
  /** Builds a live Session (emitter and runtime attached) from a stored record. */
  hydrate(record: SessionRecord): Session;
}
