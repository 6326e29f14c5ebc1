import { Redis } from 'ioredis';
import { ChainlitRtError } from '../errors.js';
import type { SessionRecord, SessionStore } from './types.js';

/** Session records as JSON strings in Redis, with the session timeout as the key's TTL. */
export function createRedisStore(client: Redis, prefix: string): SessionStore {
  const key = (id: string) => `${prefix}session:${id}`;
  const guard = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (err) {
      throw new ChainlitRtError('CRT_SESSION_STORE', `Redis session store failed to ${what}: ${(err as Error).message}. Check session.redis_url.`, { cause: err });
    }
  };
  return {
    get: (id) => guard('read a session', async () => {
      const json = await client.get(key(id));
      return json ? (JSON.parse(json) as SessionRecord) : undefined;
    }),
    set: (record, ttl) => guard('write a session', async () => {
      await client.set(key(record.id), JSON.stringify(record), 'EX', Math.max(1, Math.ceil(ttl)));
    }),
    touch: (id, ttl) => guard('refresh a session', async () => {
      await client.expire(key(id), Math.max(1, Math.ceil(ttl)));
    }),
    delete: (id) => guard('delete a session', async () => {
      await client.del(key(id));
    }),
    async close() {
      /* the client is owned by the caller (shared with the Socket.IO adapter) */
    },
  };
}

export function connectRedis(url: string): Redis {
  // Commands queue while connecting; a refused connection surfaces as a typed store error.
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
}
