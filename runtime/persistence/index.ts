import type { DataLayer } from '../data/types.js';
import { WriteQueue } from '../data/write-queue.js';
import type { ChainlitRtError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Session } from '../session/session.js';
import type { FileStorage } from '../storage/types.js';
import type { UserDict } from '../wire.js';
import { ThreadRecorder } from './recorder.js';

export interface PersistenceOptions {
  layer: DataLayer;
  files: FileStorage;
  logger: Logger;
  /** A thread's backlog is full while the database is away: tell its session. */
  onOverflow(threadId: string, error: ChainlitRtError): void;
}

/**
 * The app's side of persistence: one write queue for every session's writes (in order per
 * thread, retried through database outages), a recorder per session, and users stored
 * when they log in.
 */
export class Persistence {
  readonly layer: DataLayer;
  readonly queue: WriteQueue;

  constructor(private readonly options: PersistenceOptions) {
    this.layer = options.layer;
    this.queue = new WriteQueue({
      logger: options.logger,
      isTransient: options.layer.isTransientError?.bind(options.layer),
      onOverflow: options.onOverflow,
    });
    this.queue.on('outage', (err: unknown) => options.logger.error({ err }, 'the database is unreachable; writes are kept and retried'));
    this.queue.on('recovered', ({ downMs }: { downMs: number }) => options.logger.warn({ downMs }, 'the database is back; kept writes are being written'));
    this.queue.on('dropped', (write: { label?: string; threadId: string }, err: unknown) => options.logger.error({ err, write: write.label, threadId: write.threadId }, 'the database refused a write; it is lost'));
  }

  recorder(session: Session): ThreadRecorder {
    return new ThreadRecorder(session, { layer: this.layer, queue: this.queue, files: this.options.files, logger: this.options.logger });
  }

  /**
   * Stores (or refreshes) a user at login; the stored user carries its database id. The
   * users table keeps no display name (as Chainlit's), so the one the login gave is kept.
   */
  async persistUser(user: UserDict): Promise<UserDict> {
    const stored = await this.layer.createUser(user);
    if (!stored) return user;
    return { ...stored, display_name: user.display_name ?? stored.display_name ?? null };
  }

  /** Writes what is queued (shutdown); resolves with how many writes were left undone. */
  close(timeoutMs?: number): Promise<number> {
    return this.queue.close(timeoutMs);
  }
}
