import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** A message between instances. `type` routes it; the rest is the body. */
export interface BusMessage {
  type: string;
  [key: string]: unknown;
}

type Handler = (message: BusMessage, from: string) => void | Promise<unknown>;

export interface BusOptions {
  /** The shared connection (commands, publishing). */
  redis: Redis;
  /** A connection of its own for subscribing (it can do nothing else). */
  subscriber: Redis;
  prefix: string;
  instanceId: string;
  logger: Logger;
  /** How long an instance counts as alive after its last heartbeat. */
  heartbeatTtlMs?: number;
}

interface Waiting {
  resolve(value: unknown): void;
  timer: NodeJS.Timeout;
}

/**
 * Messages between the instances of a cluster over Redis pub/sub: one channel per instance
 * (messages from one sender arrive in the order sent), requests with replies, and a
 * heartbeat that tells which instances are alive.
 */
export class ClusterBus {
  private readonly handlers = new Map<string, Handler>();
  private readonly waiting = new Map<string, Waiting>();
  private heartbeat: NodeJS.Timeout | undefined;
  readonly instanceId: string;
  private readonly ttl: number;
  /** Where other instances reach this one over HTTP (set once it listens). */
  url = '';

  constructor(private readonly options: BusOptions) {
    this.instanceId = options.instanceId;
    this.ttl = options.heartbeatTtlMs ?? 5000;
  }

  private channel(instance: string): string {
    return `${this.options.prefix}bus:${instance}`;
  }

  private aliveKey(instance: string): string {
    return `${this.options.prefix}instance:${instance}`;
  }

  /** Subscribes, starts the heartbeat; resolves once messages can arrive. */
  async start(): Promise<void> {
    const { subscriber } = this.options;
    subscriber.on('message', (_channel: string, text: string) => this.receive(text));
    await subscriber.subscribe(this.channel(this.instanceId));
    await this.beat();
    await this.options.redis.sadd(this.membersKey, this.instanceId);
    this.heartbeat = setInterval(() => void this.beat().catch((err: unknown) => this.options.logger.warn({ err }, 'heartbeat failed')), Math.max(200, this.ttl / 5));
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    await this.options.redis.set(this.aliveKey(this.instanceId), JSON.stringify({ url: this.url }), 'PX', this.ttl);
  }

  /** Publishes the HTTP address other instances use to pass on requests (owner-proxy.ts). */
  async announce(url: string): Promise<void> {
    this.url = url;
    await this.beat();
  }

  /** The HTTP address of a live instance, or null when it is gone (or never said). */
  async urlOf(instance: string): Promise<string | null> {
    const text = await this.options.redis.get(this.aliveKey(instance));
    if (!text) return null;
    try {
      return (JSON.parse(text) as { url?: string }).url || null;
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    // Still a member: without its heartbeat it counts as gone, and the others take its
    // sessions over (so each still ends once).
    clearInterval(this.heartbeat);
    for (const [, w] of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.waiting.clear();
    await this.options.redis.del(this.aliveKey(this.instanceId)).catch(() => undefined);
  }

  private get membersKey(): string {
    return `${this.options.prefix}instances`;
  }

  /** Every instance that joined and was not forgotten (dead ones included, until swept). */
  async members(): Promise<string[]> {
    return this.options.redis.smembers(this.membersKey);
  }

  /** Removes an instance from the members (it left, or its sessions were taken over). */
  async forget(instance: string): Promise<void> {
    await this.options.redis.srem(this.membersKey, instance);
  }

  /** Whether an instance sent a heartbeat recently. */
  async alive(instance: string): Promise<boolean> {
    if (instance === this.instanceId) return true;
    return (await this.options.redis.exists(this.aliveKey(instance))) === 1;
  }

  /** Handles messages of a type; a handler's resolved value answers a request. */
  on(type: string, handler: Handler): void {
    this.handlers.set(type, handler);
  }

  send(instance: string, message: BusMessage): void {
    const text = JSON.stringify({ from: this.instanceId, message });
    void this.options.redis.publish(this.channel(instance), text).catch((err: unknown) => this.options.logger.warn({ err, to: instance, type: message.type }, 'could not send to another instance'));
  }

  /** Sends and waits for the handler's answer; undefined when none comes in time. */
  request<T>(instance: string, message: BusMessage, timeoutMs: number): Promise<T | undefined> {
    const id = crypto.randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, timer });
      this.send(instance, { ...message, requestId: id });
    });
  }

  private receive(text: string): void {
    let envelope: { from: string; message: BusMessage };
    try {
      envelope = JSON.parse(text) as typeof envelope;
    } catch {
      return;
    }
    const { from, message } = envelope;
    if (message.type === 'reply') {
      const waiting = this.waiting.get(message.requestId as string);
      if (!waiting) return;
      clearTimeout(waiting.timer);
      this.waiting.delete(message.requestId as string);
      waiting.resolve(message.value);
      return;
    }
    const handler = this.handlers.get(message.type);
    if (!handler) return;
    const requestId = typeof message.requestId === 'string' ? message.requestId : null;
    let result: void | Promise<unknown>;
    try {
      result = handler(message, from);
    } catch (err) {
      this.options.logger.error({ err, type: message.type, from }, 'cluster message failed');
      return;
    }
    if (!requestId) return;
    // A plain value is answered at once: a handler that also sends other messages to the
    // requester (relay.ts) relies on the reply going out before them.
    if (!(result instanceof Promise)) {
      this.send(from, { type: 'reply', requestId, value: result ?? null });
      return;
    }
    void result.then(
      (value) => this.send(from, { type: 'reply', requestId, value: value ?? null }),
      (err: unknown) => {
        this.options.logger.error({ err, type: message.type, from }, 'cluster request failed');
        this.send(from, { type: 'reply', requestId, value: null });
      },
    );
  }
}
