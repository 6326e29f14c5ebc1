import type { Redis } from 'ioredis';
import type { LogEntry } from '../session/replay-log.js';

/**
 * The replay logs of a cluster's sessions in Redis, one stream per session, so an instance
 * that takes a session over from one that died can send its clients what they missed. The
 * owner appends in batches, each event once (a run of tokens is written in pieces).
 */
export class ReplayStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly maxEntries: number,
  ) {}

  private key(sessionId: string): string {
    return `${this.prefix}log:${sessionId}`;
  }

  async append(sessionId: string, entries: readonly LogEntry[], ttlSeconds: number): Promise<void> {
    if (entries.length === 0) return;
    const key = this.key(sessionId);
    const pipeline = this.redis.pipeline();
    for (const entry of entries) pipeline.xadd(key, 'MAXLEN', '~', String(this.maxEntries + 64), '*', 'j', JSON.stringify(entry));
    pipeline.expire(key, Math.max(1, Math.ceil(ttlSeconds)));
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async read(sessionId: string): Promise<LogEntry[]> {
    const rows = await this.redis.xrange(this.key(sessionId), '-', '+');
    return rows.map(([, fields]) => JSON.parse(fields[1]!) as LogEntry).slice(-this.maxEntries);
  }

  async delete(sessionId: string): Promise<void> {
    await this.redis.del(this.key(sessionId));
  }
}
