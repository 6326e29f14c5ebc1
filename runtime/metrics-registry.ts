import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Server as IoServer } from 'socket.io';

/**
 * Prometheus metrics of one app instance (`server.metrics`). Each app has its own registry,
 * so several apps in one process (tests, embedding) never mix their figures. Loaded only
 * when an app turns metrics on (prom-client costs start-up time); the realtime layer reaches
 * a session's meter through runtime/metrics.ts.
 */

/** What the gauges read when Prometheus scrapes. */
export interface MetricSources {
  /** Live sessions held by this instance (connected, or kept for a reconnect). */
  sessions(): number;
  /** Open Socket.IO connections to this instance. */
  connections(): number;
}

/** Kinds of the error counter; docs/deploy.md lists them. */
export type ErrorKind = 'handler' | 'http';

export const METRIC_PREFIX = 'chainlit_rt_';

export class AppMetrics {
  readonly registry = new Registry();
  readonly messages: Counter;
  readonly tokens: Counter;
  readonly handlerSeconds: Histogram<'hook'>;
  readonly errors: Counter<'kind'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    new Gauge({ name: `${METRIC_PREFIX}sessions`, help: 'Live sessions held by this instance.', registers, collect() { this.set(sources.sessions()); } });
    new Gauge({ name: `${METRIC_PREFIX}connections`, help: 'Open Socket.IO connections to this instance.', registers, collect() { this.set(sources.connections()); } });
    this.messages = new Counter({ name: `${METRIC_PREFIX}messages_received_total`, help: 'User messages received (client_message events).', registers });
    this.tokens = new Counter({ name: `${METRIC_PREFIX}tokens_streamed_total`, help: 'Tokens streamed to clients (streamToken calls).', registers });
    this.handlerSeconds = new Histogram({
      name: `${METRIC_PREFIX}handler_duration_seconds`,
      help: 'How long plugin handlers ran, by hook (onChatStart, onMessage, action, ...).',
      labelNames: ['hook'],
      // LLM answers take seconds to minutes; the default buckets stop at 10 s.
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.errors = new Counter({ name: `${METRIC_PREFIX}errors_total`, help: 'Errors by kind: handler (a plugin handler threw), http (a REST request answered 5xx).', labelNames: ['kind'], registers });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts user messages as they arrive on any socket of `io`. */
  observe(io: IoServer): void {
    io.on('connection', (socket) => socket.on('client_message', () => this.messages.inc()));
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * Serves only the metrics page on a port of its own (`server.metrics.port`), so the public
 * load balancer, which routes the app's port, never exposes it.
 */
export async function listenMetrics(metrics: AppMetrics, host: string, port: number, path: string): Promise<{ server: HttpServer; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://metrics');
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return;
    }
    metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(err as Error).message}`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${shownHost}:${address.port}${path}` };
}
