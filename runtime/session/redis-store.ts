import { once } from 'node:events';
import { Redis } from 'ioredis';
import { ChainlitRtError } from '../errors.js';
import type { SessionRecord, SessionStore } from './types.js';

/** Session records as JSON strings in Redis, with the session timeout as the key's TTL. */
/** Sets the owner if it is the expected one (ARGV[1], '' for none); keeps each instance's list. */
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
if current then redis.call('SREM', KEYS[2] .. current, ARGV[4]) end
redis.call('SADD', KEYS[2] .. ARGV[2], ARGV[4])
return 1`;

export function createRedisStore(client: Redis, prefix: string): SessionStore {
  const key = (id: string) => `${prefix}session:${id}`;
  const ownerKey = (id: string) => `${prefix}owner:${id}`;
  const ownedKey = (instance: string) => `${prefix}owned:${instance}`;
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
      const seconds = Math.max(1, Math.ceil(ttl));
      await client.pipeline().expire(key(id), seconds).expire(ownerKey(id), seconds).exec();
    }),
    delete: (id) => guard('delete a session', async () => {
      const owner = await client.get(ownerKey(id));
      const pipeline = client.pipeline().del(key(id), ownerKey(id));
      if (owner) pipeline.srem(ownedKey(owner), id);
      await pipeline.exec();
    }),
    claim: (id, instance, expected, ttl) => guard('claim a session', async () => {
      const won = await client.eval(CLAIM, 2, ownerKey(id), `${prefix}owned:`, expected ?? '', instance, String(Math.max(1, Math.ceil(ttl))), id);
      return won === 1;
    }),
    owner: (id) => guard('read a session owner', async () => client.get(ownerKey(id))),
    ownedBy: (instance) => guard('list sessions', async () => client.smembers(ownedKey(instance))),
    forgetInstance: (instance) => guard('forget an instance', async () => {
      await client.del(ownedKey(instance));
    }),
    async close() {
      /* the client is owned by the caller (shared with the Socket.IO adapter) */
    },
  };
}

/** How long `serve` waits for Redis at start before it gives up. */
export const REDIS_START_TIMEOUT_MS = 5000;

/** The URL without its password, for messages. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Connects and pings once, so an instance never starts (and reports itself ready) without
 * its session store: Redis down at start is one clear error. Later, commands queue while
 * ioredis reconnects; a refused command surfaces as a typed store error.
 */
export async function connectRedis(url: string, timeoutMs = REDIS_START_TIMEOUT_MS): Promise<Redis> {
  await checkReachable(url, timeoutMs);
  const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  // Ready before the app starts, so /ready is right from the first probe.
  try {
    await once(client, 'ready', { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    client.disconnect();
    throw new ChainlitRtError('CRT_SESSION_STORE', `Cannot reach Redis at ${shownUrl(url)} (session.redis_url): no answer within ${timeoutMs} ms.`, { cause: err });
  }
  return client;
}

/**
 * A throwaway client that never retries: a refused connection ends it at once, with no
 * reconnect timer left behind to keep a failing `serve` alive.
 */
async function checkReachable(url: string, timeoutMs: number): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: timeoutMs, maxRetriesPerRequest: 0 });
  let lastError: Error | undefined;
  probe.on('error', (err: Error) => void (lastError = err));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe.connect().then(() => probe.ping()),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    await probe.quit();
  } catch (err) {
    // Ended by itself when refused; disconnecting an ended client would leave a timer.
    if (probe.status !== 'end') probe.disconnect();
    const reason = (lastError ?? (err as Error)).message;
    throw new ChainlitRtError('CRT_SESSION_STORE', `Cannot reach Redis at ${shownUrl(url)} (session.redis_url): ${reason}.`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}
