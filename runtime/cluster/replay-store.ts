import type { Redis } from 'ioredis';
import type { LogEntry } from '../session/replay-log.js';

/**
 * The replay logs of a cluster's sessions in Redis, one stream per session, so an instance
 * that takes a session over from one that died can send its clients what they missed. The
 * owner appends in batches, each event once (a run of tokens is written in pieces), all the
 * sessions of a shipment in one pipeline.
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

  /**
   * Appends the new entries of several sessions in one round trip: each session's batch is
   * one stream entry (an array), so a shipment costs one XADD per session, not one per event.
   * Resolves with the sessions whose write failed.
   */
  async append(batches: ReadonlyArray<{ sessionId: string; entries: readonly LogEntry[] }>, ttlSeconds: number): Promise<Array<{ sessionId: string; err: unknown }>> {
    const pipeline = this.redis.pipeline();
    const sent = batches.filter((b) => b.entries.length > 0);
    if (sent.length === 0) return [];
    for (const { sessionId, entries } of sent) {
      const key = this.key(sessionId);
      // Each stream entry holds at least one log entry, so keeping maxEntries stream entries
      // keeps at least maxEntries log entries; read() trims to the exact count.
      pipeline.xadd(key, 'MAXLEN', '~', String(this.maxEntries + 64), '*', 'j', JSON.stringify(entries));
      pipeline.expire(key, Math.max(1, Math.ceil(ttlSeconds)));
    }
    const results = (await pipeline.exec()) ?? [];
    const failed: Array<{ sessionId: string; err: unknown }> = [];
    sent.forEach(({ sessionId }, i) => {
      const err = results[2 * i]?.[0] ?? results[2 * i + 1]?.[0];
      if (err) failed.push({ sessionId, err });
    });
    return failed;
  }

  async read(sessionId: string): Promise<LogEntry[]> {
    const rows = await this.redis.xrange(this.key(sessionId), '-', '+');
    return rows.flatMap(([, fields]) => JSON.parse(fields[1]!) as LogEntry[]).slice(-this.maxEntries);
  }

  async delete(sessionId: string): Promise<void> {
    await this.redis.del(this.key(sessionId));
  }
}
