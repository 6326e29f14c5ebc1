import type { Logger } from '../log.js';
import type { Session } from './session.js';
import type { SessionStore } from './types.js';

export interface RegistryOptions {
  store: SessionStore;
  /** This instance's id (sessions record which instance holds their socket). */
  instanceId: string;
  logger: Logger;
  /** Seconds a disconnected session is kept (project.session_timeout). */
  timeoutSeconds(): number;
  /** Runs once when a session really ends (onChatEnd, file cleanup). */
  onEnd(session: Session): Promise<void>;
  /** Waits between save attempts (saveReliably); default 100, 400, 1600 ms. */
  retryDelaysMs?: number[];
}

/** Extra life of a session record beyond its timeout (see recordTtl). */
const ORPHAN_GRACE_SECONDS = 60;

/**
 * Live sessions of this process. A disconnected session stays for session_timeout seconds
 * so a reconnect can restore it; only then does it end — once.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: RegistryOptions) {}

  /**
   * How long a record outlives its last refresh: the session timeout plus a grace, so that
   * when the instance holding a session dies, another one still finds the record to take
   * the session over and end it (onChatEnd) — instances notice a death within seconds.
   */
  private recordTtl(): number {
    return this.options.timeoutSeconds() + ORPHAN_GRACE_SECONDS;
  }

  get store(): SessionStore {
    return this.options.store;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  /**
   * Takes a session in as owned by this instance, if its owner is `expected` now (null for
   * a new session; a dead instance for a takeover). False when another instance won it.
   * `prepare` runs once the claim is won, before the session can be found in the registry.
   */
  async adopt(session: Session, expected: string | null, prepare?: () => Promise<void>): Promise<boolean> {
    if (!(await this.options.store.claim(session.id, this.options.instanceId, expected, this.recordTtl()))) return false;
    // Ready before anyone can find it here (a takeover restores its replay log first).
    await prepare?.();
    session.owner = this.options.instanceId;
    this.sessions.set(session.id, session);
    await this.save(session);
    return true;
  }

  /** The record lives as long as the session may still be restored: session_timeout. */
  async save(session: Session): Promise<void> {
    await this.options.store.set(session.toRecord(), this.recordTtl());
  }

  /**
   * Saves with retries (the store may be briefly unreachable): each attempt writes the
   * session as it is then. Resolves false when every attempt failed; the failure is logged
   * as an error, and the caller decides whom else to tell.
   */
  async saveReliably(session: Session, why: string): Promise<boolean> {
    const delays = this.options.retryDelaysMs ?? [100, 400, 1600];
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.save(session);
        if (attempt > 0) this.options.logger.info({ sessionId: session.id, why, attempt }, 'saved the session after a retry');
        return true;
      } catch (err) {
        if (session.ended) return true; // nothing left to save
        if (attempt >= delays.length) {
          this.options.logger.error({ err, sessionId: session.id, why }, 'could not save the session; gave up');
          return false;
        }
        this.options.logger.warn({ err, sessionId: session.id, why, attempt }, 'could not save the session; retrying');
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]).unref());
      }
    }
  }

  /** Keeps an active session's record from expiring. */
  touch(session: Session): void {
    void this.options.store.touch(session.id, this.recordTtl()).catch((err: unknown) => {
      this.options.logger.warn({ err, sessionId: session.id }, 'could not refresh the session record');
    });
  }

  /**
   * Another instance took the session over (its client reconnected there): forget the
   * local copy without ending it.
   */
  release(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.cancelEnd(session);
    this.sessions.delete(id);
    session.tasks.abortAll();
    session.pendingAsk?.cancel();
    // Child processes and HTTP sessions stay with this process: the new owner reconnects its own.
    void session.mcp.closeAll();
  }

  /** A reconnect arrived: keep the session. */
  cancelEnd(session: Session): void {
    const timer = this.timers.get(session.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(session.id);
  }

  /** The socket went away: end now when the client cleared the session, else after the timeout. */
  scheduleEnd(session: Session): void {
    this.cancelEnd(session);
    if (session.toClear) {
      void this.end(session);
      return;
    }
    const timer = setTimeout(() => void this.end(session), this.options.timeoutSeconds() * 1000);
    timer.unref();
    this.timers.set(session.id, timer);
  }

  async end(session: Session): Promise<void> {
    if (session.ended) return;
    const owner = await this.options.store.owner(session.id).catch(() => this.options.instanceId);
    if (owner && owner !== this.options.instanceId) {
      this.release(session.id); // another instance holds it now; it will end it
      return;
    }
    session.ended = true;
    this.cancelEnd(session);
    this.sessions.delete(session.id);
    session.tasks.abortAll();
    session.pendingAsk?.cancel();
    try {
      await this.options.onEnd(session);
    } catch (err) {
      this.options.logger.error({ err, sessionId: session.id }, 'ending the session failed');
    }
    await this.options.store.delete(session.id).catch((err: unknown) => {
      this.options.logger.warn({ err, sessionId: session.id }, 'could not delete the session record');
    });
  }

  /** Ends every session (shutdown). */
  async endAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.end(s)));
  }
}
