import type { Redis } from 'ioredis';
import { ClusterBus } from '../cluster/bus.js';
import { ReplayStore } from '../cluster/replay-store.js';
import { contextFor, runInContext } from '../context.js';
import type { Logger } from '../log.js';
import { ErrorMessage } from '../sdk/message.js';
import type { LogEntry } from '../session/replay-log.js';
import type { SessionRegistry } from '../session/registry.js';
import type { Session } from '../session/session.js';
import type { LogShipper, SessionChannel } from './channel.js';
import type { RealtimeDeps } from './deps.js';
import { channelOf } from './emitter.js';
import { reconnectDeclaredServers } from './handlers/lifecycle.js';
import { Gateway } from './relay-gateway.js';
import { RelayOut, serveRelays } from './relay-owner.js';

export interface ClusterOptions {
  redis: Redis;
  prefix: string;
  instanceId: string;
  logger: Logger;
  /** Replay log entries kept per session (session.replay_log.max_entries). */
  maxEntries(): number;
  /** Seconds a session outlives its last client (project.session_timeout): the log's TTL. */
  timeoutSeconds(): number;
}

/** How often an owner copies its sessions' new log entries to Redis. */
const SHIP_EVERY_MS = 10;
/**
 * How long work waits for its start to reach Redis: with Redis away the chat goes on (and a
 * crash in that time may leave an answer unmarked), it does not stall.
 */
const PERSIST_WAIT_MS = 1000;

/**
 * Several instances sharing sessions through Redis: the bus between them, relaying between a
 * session's owner and the gateways its clients are connected to, each session's replay log
 * copied to Redis (so a takeover after a crash can replay it), and what a takeover does.
 */
export class Cluster {
  readonly bus: ClusterBus;
  readonly out: RelayOut;
  readonly store: ReplayStore;
  private gateway: Gateway | undefined;
  private readonly subscriber: Redis;
  private readonly dirty = new Set<SessionChannel>();
  private readonly shipped = new WeakMap<SessionChannel, number>();
  private shipTimer: NodeJS.Timeout | undefined;
  /** The last shipment sent; Redis answers a connection's commands in order. */
  private inflight: Promise<void> = Promise.resolve();
  /** A shipment asked for in this turn of the event loop. */
  private soon: Promise<void> | null = null;
  private slowWarnedAt = 0;
  private relayWatch: NodeJS.Timeout | undefined;
  private adopting = false;

  constructor(private readonly options: ClusterOptions) {
    this.subscriber = options.redis.duplicate();
    this.bus = new ClusterBus({ redis: options.redis, subscriber: this.subscriber, prefix: options.prefix, instanceId: options.instanceId, logger: options.logger });
    this.out = new RelayOut(this.bus);
    this.store = new ReplayStore(options.redis, options.prefix, options.maxEntries());
  }

  async start(deps: RealtimeDeps): Promise<void> {
    serveRelays(this.bus, this.out, deps, this.options.logger);
    this.gateway = new Gateway(this.bus, this.options.logger);
    await this.bus.start();
    this.watchRedis(deps);
    this.relayWatch = setInterval(() => {
      void this.dropDeadRelays(deps.registry);
      void this.adoptOrphans(deps).catch((err: unknown) => this.options.logger.warn({ err }, 'could not take over the sessions of a dead instance'));
    }, 1000);
    this.relayWatch.unref();
  }

  /**
   * Sessions whose owner died: one live instance takes each over (the claim is atomic), so
   * it can still end it — onChatEnd runs once, on whoever owns the session when its last
   * client is gone for session_timeout. A client that comes back finds it here.
   */
  private async adoptOrphans(deps: RealtimeDeps): Promise<void> {
    if (this.adopting) return;
    this.adopting = true;
    try {
      for (const instance of await this.bus.members()) {
        if (instance === this.options.instanceId || (await this.bus.alive(instance))) continue;
        for (const sessionId of await deps.registry.store.ownedBy(instance)) {
          const record = await deps.registry.store.get(sessionId);
          if (!record) continue; // expired: nothing left to end
          const session = deps.hydrate(record);
          if (!(await deps.registry.adopt(session, instance, () => this.takenOver(session, instance)))) continue;
          if (!channelOf(session).connected) deps.registry.scheduleEnd(session);
        }
        await deps.registry.store.forgetInstance(instance);
        await this.bus.forget(instance);
        this.options.logger.info({ instance }, 'took over the sessions of an instance that is gone');
      }
    } finally {
      this.adopting = false;
    }
  }

  get relays(): Gateway {
    return this.gateway!;
  }

  /** How the sessions' channels copy their logs to Redis. */
  readonly shipper: LogShipper = {
    // The channel logged an event: copy its new entries to Redis shortly, in one batch.
    ship: (channel) => {
      this.dirty.add(channel);
      if (!this.shipTimer) this.shipTimer = setTimeout(() => void this.shipNow(), SHIP_EVERY_MS);
    },
    // What is not shipped yet goes at the end of this turn of the event loop (one pipeline
    // for every session that asks meanwhile); what is on its way is waited for.
    persisted: (channel) => {
      const shipment = this.dirty.has(channel) ? this.shipSoon() : this.inflight;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          // Once per wait, not per session: with Redis away every start would say it.
          if (Date.now() - this.slowWarnedAt > PERSIST_WAIT_MS) {
            this.slowWarnedAt = Date.now();
            this.options.logger.warn({ sessionId: channel.sessionId }, 'the replay log could not be copied to Redis in time; work goes on without waiting for it');
          }
          resolve();
        }, PERSIST_WAIT_MS);
        timer.unref();
        void shipment.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };

  private shipNow(): Promise<void> {
    clearTimeout(this.shipTimer);
    this.shipTimer = undefined;
    // Settles after every earlier shipment too, also when this one has nothing to send.
    const current = Promise.all([this.inflight, this.shipAll()]).then(() => undefined);
    this.inflight = current;
    return current;
  }

  private shipSoon(): Promise<void> {
    this.soon ??= new Promise((resolve) => {
      setImmediate(() => {
        this.soon = null;
        void this.shipNow().then(resolve);
      });
    });
    return this.soon;
  }

  private async shipAll(): Promise<void> {
    const batches = [...this.dirty].map((channel) => {
      const from = (this.shipped.get(channel) ?? 0) + 1;
      this.shipped.set(channel, channel.log.count);
      return { sessionId: channel.sessionId, entries: channel.log.since(from) };
    });
    this.dirty.clear();
    const failed = await this.store.append(batches, this.options.timeoutSeconds() + 60).catch((err: unknown) => batches.map((b) => ({ sessionId: b.sessionId, err })));
    for (const { sessionId, err } of failed) this.options.logger.warn({ err, sessionId }, 'could not copy the replay log to Redis');
  }

  /** Writes what is not yet shipped (shutdown). */
  async flush(): Promise<void> {
    await this.shipNow();
  }

  /**
   * This instance took a session over from `previous` (dead) or from nobody: its replay log
   * comes from Redis, and an answer that was being written when its instance died is ended
   * and said to be interrupted (the client would otherwise wait for it forever).
   */
  async takenOver(session: Session, previous: string | null): Promise<void> {
    const entries = await this.store.read(session.id).catch((err: unknown) => {
      this.options.logger.warn({ err, sessionId: session.id }, 'could not read the replay log from Redis');
      return [] as LogEntry[];
    });
    channelOf(session).log.seed(entries);
    this.options.logger.info({ sessionId: session.id, previous, entries: entries.length }, 'took a session over');
    reconnectDeclaredServers(session);
    if (!previous || !wasBusy(entries)) return;
    session.emitter.emit('clear_ask', {});
    session.emitter.taskEnd();
    await runInContext(contextFor(session), async () => {
      await new ErrorMessage({ content: 'The answer was interrupted: the server writing it stopped. Send your message again.', parentId: null }).send();
    });
  }

  /**
   * Redis went away and came back (a restart forgets everything when it keeps nothing on
   * disk): this instance writes its live sessions and their ownership again, and the
   * clients it relays reconnect, so they are sent what they missed while the bus was down.
   */
  private watchRedis(deps: RealtimeDeps): void {
    const { redis, logger } = this.options;
    let lostAt: number | null = null;
    redis.on('close', () => {
      if (lostAt === null) lostAt = Date.now();
    });
    redis.on('ready', () => {
      if (lostAt === null) return;
      const gapMs = Date.now() - lostAt;
      lostAt = null;
      logger.warn({ gapMs }, 'Redis is back; writing this instance\'s sessions again');
      void this.resync(deps).catch((err: unknown) => logger.error({ err }, 'could not write the sessions again after Redis came back'));
    });
  }

  private async resync(deps: RealtimeDeps): Promise<void> {
    await this.bus.announce(this.bus.url);
    for (const session of [...deps.registry.all()]) {
      const owner = await deps.registry.store.owner(session.id);
      if (owner === null) await deps.registry.store.claim(session.id, this.options.instanceId, null, this.options.timeoutSeconds());
      else if (owner !== this.options.instanceId) continue; // another instance has it meanwhile
      await deps.registry.saveReliably(session, 'Redis came back');
      const channel = channelOf(session);
      this.shipped.delete(channel);
      this.shipper.ship(channel);
    }
    this.gateway?.dropAll();
  }

  /** Relays through an instance that died: that client is gone from this session. */
  private async dropDeadRelays(registry: SessionRegistry): Promise<void> {
    const checked = new Map<string, boolean>();
    for (const session of registry.all()) {
      const channel = channelOf(session);
      for (const instance of [...channel.relays]) {
        if (!checked.has(instance)) checked.set(instance, await this.bus.alive(instance).catch(() => true));
        if (checked.get(instance)) continue;
        channel.detachRelay(instance);
        if (!channel.connected) registry.scheduleEnd(session);
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.relayWatch);
    this.gateway?.stop();
    await this.flush();
    await this.bus.stop();
    await this.subscriber.quit().catch(() => undefined);
  }
}

/** Whether the last task event in a log is a start: work was running when the log ended. */
function wasBusy(entries: readonly LogEntry[]): boolean {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const { event } = entries[i]!;
    if (event === 'task_end') return false;
    if (event === 'task_start') return true;
  }
  return false;
}
