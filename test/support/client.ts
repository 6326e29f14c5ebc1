import { io, type Socket } from 'socket.io-client';
import { randomUUID } from 'node:crypto';

export interface Received {
  event: string;
  payload: unknown;
}

export interface ClientOptions {
  sessionId?: string;
  threadId?: string;
  userEnv?: Record<string, string>;
  chatProfile?: string;
  clientType?: string;
  /** Value of the browser binding cookie; a fresh one by default ('' for none). */
  browserKey?: string;
  /** More cookies for the handshake request (e.g. the login cookie `access_token=…`). */
  cookie?: string;
  /** Extra fields of the handshake `auth` object (e.g. `token`). */
  auth?: Record<string, string>;
  transports?: Array<'websocket' | 'polling'>;
  /** Answers `ask` acks: return (or resolve to) the ack value; undefined lets it time out. */
  onAsk?: (payload: { msg: Record<string, unknown>; spec: Record<string, unknown> }) => unknown;
  /** The last event offset of an earlier connection: the server sends what came after it. */
  offset?: string;
  /** Reconnect by itself after a dropped transport, as browsers do (default false). */
  reconnection?: boolean;
  /** Send `connection_successful` as soon as connected (default true), as Chainlit clients do. */
  announce?: boolean;
  /** Answers `call_fn` acks, like onAsk. */
  onCallFn?: (payload: { name: string; args: Record<string, unknown> }) => unknown;
}

export interface TestClient {
  socket: Socket;
  sessionId: string;
  browserKey: string;
  received: Received[];
  /** The offset of the last event received (what a reconnect would send back). */
  readonly lastOffset: string | undefined;
  /** Waits for an event (optionally matching) that arrives after `since` (an index into received). */
  waitFor<T = Record<string, unknown>>(event: string, match?: (payload: T) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<T>;
  of<T = Record<string, unknown>>(event: string): T[];
  send(content: string, extra?: Record<string, unknown>): string;
  close(): void;
}

/** A real socket.io-client speaking Chainlit's handshake, recording every event. */
export function connectClient(baseUrl: string, options: ClientOptions = {}): Promise<TestClient> {
  const url = new URL(baseUrl);
  const root = url.pathname.replace(/\/+$/, '');
  const sessionId = options.sessionId ?? randomUUID();
  const browserKey = options.browserKey ?? randomUUID();
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  const socket = io(url.origin, {
    path: `${root}/ws/socket.io`,
    transports: options.transports ?? ['websocket'],
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    extraHeaders: browserKey || options.cookie
      ? { cookie: [browserKey ? `chainlit_rt_browser=${browserKey}` : '', options.cookie ?? ''].filter(Boolean).join('; ') }
      : {},
    auth: {
      clientType: options.clientType ?? 'webapp',
      sessionId,
      threadId: options.threadId ?? '',
      userEnv: JSON.stringify(options.userEnv ?? {}),
      chatProfile: options.chatProfile ? encodeURIComponent(options.chatProfile) : '',
      ...(options.offset ? { pid: sessionId, offset: options.offset } : {}),
      ...(options.auth ?? {}),
    },
  });
  let lastOffset: string | undefined;
  socket.onAny((event: string, payload: unknown, ack?: unknown) => {
    received.push({ event, payload });
    if (typeof ack === 'string') lastOffset = ack; // the event's offset (replay log)
    const answerer = event === 'ask' ? options.onAsk : event === 'call_fn' ? options.onCallFn : undefined;
    if (answerer && typeof ack === 'function') {
      void Promise.resolve(answerer(payload as never)).then((answer) => {
        if (answer !== undefined) (ack as (v: unknown) => void)(answer);
      });
    }
    for (const w of [...waiters]) w();
  });
  const client: TestClient = {
    socket,
    sessionId,
    browserKey,
    received,
    get lastOffset() {
      return lastOffset;
    },
    of: <T>(event: string) => received.filter((r) => r.event === event).map((r) => r.payload as T),
    waitFor<T>(event: string, match: (p: T) => boolean = () => true, { since = 0, timeoutMs = 5000 } = {}) {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const hit = received.slice(since).find((r) => r.event === event && match(r.payload as T));
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit.payload as T);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${event}; got: ${received.map((r) => r.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    send(content, extra = {}) {
      const id = randomUUID();
      socket.emit('client_message', {
        message: { threadId: '', id, name: 'User', type: 'user_message', output: content, createdAt: new Date().toISOString(), metadata: { location: 'test' }, ...extra },
        fileReferences: [],
      });
      return id;
    },
    close() {
      socket.close();
    },
  };
  return new Promise((resolve, reject) => {
    // On every connect, reconnections included, as Chainlit clients do.
    socket.on('connect', () => {
      if (options.announce !== false) socket.emit('connection_successful');
      resolve(client);
    });
    socket.once('connect_error', (err) => reject(err));
  });
}
