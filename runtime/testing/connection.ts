import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { BROWSER_COOKIE } from '../app.js';
import { ChainlitRtError } from '../errors.js';
import type { ClientToServerEvents, ServerToClientEvents, StepDict } from '../wire.js';
import { Transcript, type LoggedEvent } from './transcript.js';

export interface ConnectOptions {
  profile?: string;
  userEnv?: Record<string, string>;
  /** `name=value` pairs (the login cookie) sent with the handshake and every REST call. */
  cookies?: string[];
}

/** When a turn counts as finished; see `waitSettled`. */
export interface SettleRule {
  /** Seq of the last event before the turn's action. */
  since: number;
  /** An event (after `since`) that must arrive before the turn can end. */
  needs?: (e: LoggedEvent) => boolean;
  /** What `needs` waits for, for the timeout message. */
  needsLabel?: string;
  timeoutMs: number;
  quietMs: number;
  /** End as soon as `needs` arrived, however busy the app still is. */
  ignoreLoading?: boolean;
  /** Names the turn in the timeout message. */
  label: string;
}

/**
 * A headless browser tab: a real socket.io-client speaking Chainlit's handshake with the
 * browser-binding cookie, plus the REST calls the UI makes (uploads, actions, settings).
 * Asks are held (not answered) until the test answers them, as a person would.
 */
export class Connection {
  readonly transcript = new Transcript();
  readonly sessionId = randomUUID();
  private readonly browserKey = randomUUID();
  private readonly waiters = new Set<() => void>();
  /** Fails turns still waiting when the chat closes. */
  private readonly aborters = new Set<(err: Error) => void>();
  private pendingAck: ((value: unknown) => void) | null = null;
  private pendingCallFnAck: ((value: unknown) => void) | null = null;
  private socket!: Socket<ServerToClientEvents, ClientToServerEvents>;

  private extraCookies: string[] = [];

  private constructor(readonly url: string) {}

  static async open(url: string, options: ConnectOptions = {}): Promise<Connection> {
    const conn = new Connection(url);
    conn.extraCookies = options.cookies ?? [];
    await conn.connect(options);
    return conn;
  }

  private connect(options: ConnectOptions): Promise<void> {
    const base = new URL(this.url);
    const root = base.pathname.replace(/\/+$/, '');
    this.socket = io(base.origin, {
      path: `${root}/ws/socket.io`,
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: this.cookie },
      auth: {
        clientType: 'webapp',
        sessionId: this.sessionId,
        threadId: '',
        userEnv: JSON.stringify(options.userEnv ?? {}),
        chatProfile: options.profile ? encodeURIComponent(options.profile) : '',
      },
    });
    this.socket.onAny((event: string, ...args: unknown[]) => {
      const last = args.at(-1);
      const ack = typeof last === 'function' ? (last as (v: unknown) => void) : null;
      if (event === 'ask' && ack) this.pendingAck = ack;
      if (event === 'call_fn' && ack) this.pendingCallFnAck = ack;
      if (event === 'ask_timeout' || event === 'clear_ask') this.pendingAck = null;
      if (event === 'call_fn_timeout' || event === 'clear_call_fn') this.pendingCallFnAck = null;
      this.transcript.record(event, args[0]);
      for (const wake of [...this.waiters]) wake();
    });
    this.socket.on('disconnect', (reason: string) => {
      if (reason === 'io client disconnect') return;
      for (const abort of [...this.aborters]) abort(new ChainlitRtError('CRT_TEST_TURN', `the app closed the connection (${reason})`, { expose: true }));
    });
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => {
        this.socket.emit('connection_successful');
        resolve();
      });
      this.socket.once('connect_error', (err: Error) => {
        reject(new ChainlitRtError('CRT_UNAUTHORIZED', `The app refused the connection: ${err.message}`, { expose: true, cause: err }));
      });
    });
  }

  get cookie(): string {
    return [`${BROWSER_COOKIE}=${this.browserKey}`, ...this.extraCookies].join('; ');
  }

  emit<E extends keyof ClientToServerEvents>(event: E, ...payload: Parameters<ClientToServerEvents[E]>): void {
    this.socket.emit(event, ...payload);
  }

  /** Sends a user message as the composer does and shows it locally. */
  sendMessage(content: string, extra: { command?: string; fileIds?: string[] } = {}): StepDict {
    const step = this.userStep(content, extra.command);
    this.transcript.addLocal(step);
    this.socket.emit('client_message', { message: step, fileReferences: (extra.fileIds ?? []).map((id) => ({ id })) });
    return step;
  }

  userStep(content: string, command?: string, parentId: string | null = null): StepDict {
    return {
      id: randomUUID(), threadId: '', parentId, name: 'User', type: 'user_message', output: content,
      createdAt: new Date().toISOString(), start: null, end: null, streaming: false, metadata: { location: 'chainlit-rt test' },
      tags: null, language: null, ...(command ? { command } : {}),
    };
  }

  /** Answers the pending ask; false when no ask is waiting. */
  answerAsk(value: unknown): boolean {
    const ack = this.pendingAck;
    if (!ack) return false;
    this.pendingAck = null;
    ack(value);
    return true;
  }

  answerCallFn(value: unknown): boolean {
    const ack = this.pendingCallFnAck;
    if (!ack) return false;
    this.pendingCallFnAck = null;
    ack(value);
    return true;
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
    const init: RequestInit = { method, headers: { cookie: this.cookie } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, init);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON (element content); `text` has it
    }
    return { status: res.status, json, text };
  }

  /**
   * Resolves once the turn has settled: the `needs` event (if any) arrived, no task is
   * running (or the app waits on an ask), and no event came for `quietMs`. Rejects with a
   * CRT_TEST_TIMEOUT error after `timeoutMs`.
   */
  waitSettled(rule: SettleRule): Promise<void> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (err?: Error) => {
        this.waiters.delete(check);
        this.aborters.delete(abort);
        clearTimeout(timer);
        clearTimeout(deadline);
        if (err) reject(err);
        else resolve();
      };
      const check = () => {
        clearTimeout(timer);
        const since = this.transcript.log.slice(rule.since);
        if (rule.needs && !since.some(rule.needs)) return;
        const t = this.transcript;
        // An ask or a host-function call pauses the task on the user: the turn is over.
        if (!rule.ignoreLoading && t.loading && !t.ask && !t.callFn) return;
        const lastAt = Math.max(started, t.log.at(-1)?.at ?? 0);
        const wait = rule.quietMs - (Date.now() - lastAt);
        if (wait <= 0) finish();
        else timer = setTimeout(check, wait);
      };
      const deadline = setTimeout(() => {
        const t = this.transcript;
        const missing = rule.needs && !t.log.slice(rule.since).some(rule.needs);
        const why = missing ? `it never received ${rule.needsLabel ?? 'the expected event'}` : t.loading ? 'the app is still working on it (no task_end)' : 'events kept arriving';
        const last = t.log.at(-1);
        const lastText = last ? `; last event: ${last.event}, ${((Date.now() - last.at) / 1000).toFixed(1)} s ago` : '';
        finish(new ChainlitRtError('CRT_TEST_TIMEOUT', `${rule.label} did not finish within ${rule.timeoutMs / 1000} s: ${why}${lastText}`, { expose: true }));
      }, rule.timeoutMs);
      const abort = (err: Error) => finish(err);
      this.aborters.add(abort);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    for (const abort of [...this.aborters]) abort(new ChainlitRtError('CRT_TEST_TURN', 'the chat was closed while a turn was running', { expose: true }));
    this.socket.close();
  }
}
