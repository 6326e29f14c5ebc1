import type { Redis } from 'ioredis';
import type { Manifest } from '../manifest/index.js';
import { createMemoryStore } from './memory-store.js';
import type { SessionStore } from './types.js';

/**
 * The session store named by the manifest. ioredis is imported only when Redis is asked
 * for, so the embedded default never loads it.
 */
export async function createSessionStore(config: Manifest['session']): Promise<{ store: SessionStore; redis: Redis | null }> {
  if (config.store !== 'redis') return { store: createMemoryStore(), redis: null };
  const { connectRedis, createRedisStore } = await import('./redis-store.js');
  const redis = await connectRedis(config.redis_url);
  return { store: createRedisStore(redis, config.key_prefix ?? 'chainlit-rt:'), redis };
}
