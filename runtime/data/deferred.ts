import type { Logger } from '../log.js';
import type { PendingWrite } from './write-queue.js';

/**
 * A session's writes held back until its first interaction (PROTOCOL.md §3.5): the first
 * user message, answered ask, action callback, audio end or resume. Until then nothing is
 * written, so a visitor who never types leaves no thread behind; at that moment the held
 * writes go to the sink (the write queue) in order, and later ones go straight through.
 *
 * @example
 * const held = new DeferredWrites((w) => queue.enqueue(w), logger);
 * held.add({ threadId, write: () => layer.createStep(greeting), key: `step:${greeting.id}` });
 * // first client_message:
 * held.release();
 */
export class DeferredWrites {
  private held: PendingWrite[] | null = [];
  private dropped = 0;

  constructor(
    private readonly sink: (write: PendingWrite) => unknown,
    private readonly logger: Logger,
    /** Writes held at most; beyond, new ones are dropped (a chat start that sends that much is a bug). */
    private readonly limit = 1000,
  ) {}

  /** True once the first interaction happened. */
  get released(): boolean {
    return this.held === null;
  }

  /** Writes held back. */
  get size(): number {
    return this.held?.length ?? 0;
  }

  add(write: PendingWrite): void {
    if (this.held === null) {
      this.sink(write);
      return;
    }
    if (write.key !== undefined) {
      const twin = this.held.findIndex((w) => w.key === write.key);
      if (twin >= 0) {
        this.held[twin] = write;
        return;
      }
    }
    if (this.held.length >= this.limit) {
      if (this.dropped++ === 0) this.logger.warn({ threadId: write.threadId, limit: this.limit }, 'too many writes before the first interaction; later ones are not persisted');
      return;
    }
    this.held.push(write);
  }

  /** The first interaction: hands the held writes over in order; later ones pass straight through. */
  release(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    for (const write of held) this.sink(write);
  }

  /** The session ended without any interaction: the held writes are forgotten. */
  discard(): void {
    if (this.held) this.held.length = 0;
  }
}
