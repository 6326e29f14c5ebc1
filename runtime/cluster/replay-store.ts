import type { Redis } from 'ioredis';
import type { LogEntry } from '../session/replay-log.js';

/**
 * The replay logs of a cluster's sessions in Redis, one stream per session, so an instance
 * that takes a session over from one that died can send its clients what they missed. The
 * owner appends in batches; a run of stream tokens that grew since it was written is
 * written again, and reading keeps the newest copy of each entry.
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
    const entries: LogEntry[] = [];
    const at = new Map<string, number>();
    for (const [, fields] of rows) {
      const entry = JSON.parse(fields[1]!) as LogEntry;
      const id = `${entry.w}.${entry.n0}`;
      const seen = at.get(id);
      if (seen === undefined) {
        at.set(id, entries.length);
        entries.push(entry);
      } else {
        entries[seen] = entry; // a longer copy of a run of tokens
      }
    }
    return entries.slice(-this.maxEntries);
  }

  async delete(sessionId: string): Promise<void> {
    await this.redis.del(this.key(sessionId));
  }
}
