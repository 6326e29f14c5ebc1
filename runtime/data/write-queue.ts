import { EventEmitter } from 'node:events';
import { ChainlitRtError } from '../errors.js';
import type { Logger } from '../log.js';

/** One database write, as the session wiring hands it over. */
export interface PendingWrite {
  threadId: string;
  write: () => Promise<unknown>;
  /**
   * Writes carrying an entity's full state (step upserts) may share a key, e.g.
   * `step:<id>`: a later one replaces a waiting one with the same key in place, so an
   * outage keeps one write per step rather than one per update.
   */
  key?: string;
  /** For logs, e.g. `createStep`. */
  label?: string;
}

export interface WriteQueueOptions {
  logger: Logger;
  /** Writes kept per thread while the database is away; beyond, new writes are refused. Default 1000. */
  maxPerThread?: number;
  /** Writes kept in all, for memory's sake. Default 20,000. */
  maxTotal?: number;
  /** Whether an error means "database unreachable" (keep and retry) rather than "bad write" (log and drop). Default: always. */
  isTransient?: (err: unknown) => boolean;
  /** First and longest pause between attempts while the database is away. Default 200 ms and 5 s. */
  retryDelayMs?: { first: number; max: number };
  /**
   * Called once per thread when its backlog is full and a write is lost; the session
   * wiring shows it in the chat (a toast). Called again only after the thread caught up.
   */
  onOverflow?: (threadId: string, error: ChainlitRtError) => void;
}

interface Item extends PendingWrite {
  attempts: number;
}

interface ThreadQueue {
  items: Item[];
  running: boolean;
  overflowed: boolean;
}

interface Outage {
  since: number;
  delay: number;
  /** Threads waiting for the database; the first one probes when the timer fires. */
  waiting: Array<(probe: boolean) => void>;
  timer: NodeJS.Timeout | null;
  probing: boolean;
}

/**
 * Database writes, queued per thread and done in order, one at a time per thread, never
 * awaited by the caller: streaming never waits for the database. When the database is
 * unreachable the writes are kept, one thread probes with growing pauses, and when a
 * probe succeeds every thread resumes where it stopped, so each write is done once and in
 * order. (A write that reached the database just before the link broke is done again;
 * the data layer's writes are upserts and deletes, so doing one twice changes nothing.)
 *
 * Events: `outage` (err) when the database goes away, `probe-failed` (err) for each failed
 * retry, `recovered` ({ downMs }) when it is back, `dropped` (write, err) for a write the
 * database refused, `overflow` (threadId).
 */
export class WriteQueue extends EventEmitter {
  private readonly threads = new Map<string, ThreadQueue>();
  private readonly idle: Array<{ threadId?: string; resolve: () => void }> = [];
  private outage: Outage | null = null;
  private total = 0;
  private closed = false;
  private readonly maxPerThread: number;
  private readonly maxTotal: number;
  private readonly retry: { first: number; max: number };

  constructor(private readonly options: WriteQueueOptions) {
    super();
    this.maxPerThread = options.maxPerThread ?? 1000;
    this.maxTotal = options.maxTotal ?? 20_000;
    this.retry = options.retryDelayMs ?? { first: 200, max: 5000 };
  }

  /** Queues a write; false when it was refused (queue closed, or the backlog is full). */
  enqueue(pending: PendingWrite): boolean {
    if (this.closed) {
      this.options.logger.warn({ threadId: pending.threadId, write: pending.label }, 'write after the data layer closed; not persisted');
      return false;
    }
    const thread = this.thread(pending.threadId);
    if (pending.key !== undefined) {
      // Never the head: it may be in flight.
      const twin = thread.items.findIndex((item, i) => i > 0 && item.key === pending.key);
      if (twin > 0) {
        thread.items[twin] = { ...pending, attempts: 0 };
        return true;
      }
    }
    if (thread.items.length >= this.maxPerThread || this.total >= this.maxTotal) {
      this.overflow(pending.threadId, thread);
      return false;
    }
    thread.items.push({ ...pending, attempts: 0 });
    this.total++;
    if (!thread.running) void this.run(pending.threadId, thread);
    return true;
  }

  /** Writes waiting (or in flight), for one thread or in all. */
  pending(threadId?: string): number {
    return threadId === undefined ? this.total : (this.threads.get(threadId)?.items.length ?? 0);
  }

  /** True while the database is unreachable. */
  get down(): boolean {
    return this.outage !== null;
  }

  /** Resolves once every write queued so far for the thread (or for all threads) is done or dropped. */
  drain(threadId?: string): Promise<void> {
    if (this.pending(threadId) === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push({ threadId, resolve }));
  }

  /**
   * Refuses new writes and waits up to `timeoutMs` for the queued ones (shutdown).
   * Returns how many were left undone.
   */
  async close(timeoutMs = 10_000): Promise<number> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drain(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    if (this.outage?.timer) clearTimeout(this.outage.timer);
    const left = this.total;
    if (left > 0) this.options.logger.error({ left }, 'shutting down with writes not persisted (database unreachable)');
    return left;
  }

  private thread(threadId: string): ThreadQueue {
    let thread = this.threads.get(threadId);
    if (!thread) this.threads.set(threadId, (thread = { items: [], running: false, overflowed: false }));
    return thread;
  }

  private async run(threadId: string, thread: ThreadQueue): Promise<void> {
    thread.running = true;
    while (thread.items.length > 0) {
      const probe = this.outage ? await this.waitForDatabase() : false;
      const item = thread.items[0]!;
      item.attempts++;
      try {
        await item.write();
        this.done(thread);
      } catch (err) {
        if (this.options.isTransient ? this.options.isTransient(err) : true) {
          this.wentDown(err, item, probe);
          continue;
        }
        this.options.logger.error({ err, threadId, write: item.label }, 'the database refused a write; it is dropped');
        this.emit('dropped', item, err);
        this.done(thread);
      }
    }
    thread.running = false;
    thread.overflowed = false;
    this.threads.delete(threadId);
    this.notifyIdle();
  }

  /** A write went through, or the database answered with a refusal: either way it is reachable. */
  private done(thread: ThreadQueue): void {
    if (this.outage) this.recovered();
    thread.items.shift();
    this.total--;
    this.notifyIdle();
  }

  private notifyIdle(): void {
    for (let i = this.idle.length - 1; i >= 0; i--) {
      const waiter = this.idle[i]!;
      if (this.pending(waiter.threadId) === 0) {
        this.idle.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private wentDown(err: unknown, item: Item, probe: boolean): void {
    if (!this.outage) {
      this.outage = { since: Date.now(), delay: this.retry.first, waiting: [], timer: null, probing: false };
      this.options.logger.error({ err, write: item.label }, 'database unreachable: writes are kept and retried until it is back');
      this.emit('outage', err);
    } else if (probe) {
      // Only a failed probe lengthens the pause; writes that were in flight when the link broke do not.
      this.outage.delay = Math.min(this.outage.delay * 2, this.retry.max);
      this.outage.probing = false;
      this.emit('probe-failed', err);
    }
    this.scheduleProbe();
  }

  /**
   * Parks a thread until the database is back (resolves false), or until it is its turn
   * to probe (resolves true): one write at a time tests the database, not every thread.
   */
  private waitForDatabase(): Promise<boolean> {
    return new Promise((resolve) => {
      this.outage!.waiting.push(resolve);
      this.scheduleProbe();
    });
  }

  private scheduleProbe(): void {
    const outage = this.outage;
    if (!outage || outage.timer || outage.probing) return;
    outage.timer = setTimeout(() => {
      outage.timer = null;
      const next = outage.waiting.shift();
      if (!next) return;
      outage.probing = true;
      next(true);
    }, outage.delay);
  }

  private recovered(): void {
    const outage = this.outage!;
    this.outage = null;
    if (outage.timer) clearTimeout(outage.timer);
    const downMs = Date.now() - outage.since;
    this.options.logger.info({ downMs, pending: this.total }, 'database reachable again: writing the kept writes');
    this.emit('recovered', { downMs });
    for (const wake of outage.waiting) wake(false);
  }

  private overflow(threadId: string, thread: ThreadQueue): void {
    if (thread.overflowed) return;
    thread.overflowed = true;
    const error = new ChainlitRtError(
      'CRT_PERSISTENCE_BACKLOG',
      'The chat history cannot be saved right now: the database is unreachable and too many changes are waiting. New messages will not be kept in the history.',
      { expose: true },
    );
    this.options.logger.error({ threadId, pending: thread.items.length, total: this.total }, 'write backlog full: new writes of this thread are lost');
    this.emit('overflow', threadId);
    this.options.onOverflow?.(threadId, error);
  }
}
