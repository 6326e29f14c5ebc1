import { currentContext } from '../context.js';

/** Keys the runtime fills from the session itself; `set` cannot overwrite them. */
export const RESERVED_KEYS = ['id', 'user', 'chat_profile', 'chat_settings', 'env', 'client_type'] as const;
type ReservedKey = (typeof RESERVED_KEYS)[number];

function reserved(key: string): unknown {
  const { session } = currentContext();
  switch (key as ReservedKey) {
    case 'id': return session.id;
    case 'user': return session.user;
    case 'chat_profile': return session.chatProfile;
    case 'chat_settings': return session.chatSettings;
    case 'env': return session.userEnv;
    case 'client_type': return session.clientType;
  }
}

/**
 * Per-session key/value storage (Chainlit's `cl.user_session`). JSON values survive a
 * move to another instance with Redis sessions; other values stay in this process.
 *
 * @example
 * ```ts
 * userSession.set('count', (userSession.get<number>('count') ?? 0) + 1);
 * ```
 */
export const userSession = {
  /** The value stored under `key` (reserved keys read the session), or `fallback`. */
  get<T = unknown>(key: string, fallback?: T): T | undefined {
    if ((RESERVED_KEYS as readonly string[]).includes(key)) return reserved(key) as T;
    const map = currentContext().session.userSession;
    return map.has(key) ? (map.get(key) as T) : fallback;
  },
  /** Stores a value for the rest of the session; reserved keys are read-only (a warning is logged). */
  set(key: string, value: unknown): void {
    const { session, emitter } = currentContext();
    if ((RESERVED_KEYS as readonly string[]).includes(key)) {
      emitter.log.warn({ key, sessionId: session.id }, `userSession key "${key}" is reserved and read-only; the value was not stored`);
      return;
    }
    session.userSession.set(key, value);
  },
  /** Whether a value is stored under `key` (reserved keys always exist). */
  has(key: string): boolean {
    return (RESERVED_KEYS as readonly string[]).includes(key) || currentContext().session.userSession.has(key);
  },
  /** Removes a stored value. */
  delete(key: string): void {
    currentContext().session.userSession.delete(key);
  },
};
