import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { lookup } from 'mime-types';
import { createApp, type App } from '../app.js';
import { ChainlitRtError } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { Connection, type SettleRule } from './connection.js';
import type { LoggedEvent } from './transcript.js';
import type { ChatAction, ChatElement, ChatMessage, ChatTaskList, PendingAsk, TurnResult } from './types.js';
import type { UserDict } from '../wire.js';

export interface TestClientOptions {
  /** Chat profile to open the chat with. */
  profile?: string;
  /** User environment variables (the `project.user_env` keys the app asks for). */
  userEnv?: Record<string, string>;
  /** Log in as this user first (the app must have login on); the chat then belongs to them. */
  user?: UserDict;
  /** Chat settings to submit once the chat has started (as the settings panel would). */
  settings?: Record<string, unknown>;
  /** Seconds a turn may take before it fails (default 10). */
  timeout?: number;
  /** Milliseconds without events after which a finished turn counts as settled (default 75). */
  quietMs?: number;
}

/** An answer to the pending ask: text, files from disk, an offered action (name or label), or the props submitted by a custom element. */
export type Answer = string | { text: string } | { file: string } | { files: string[] } | { action: string } | { element: Record<string, unknown> };

/** One chat session against an app running in this process, over the real protocol. */
export interface TestClient {
  readonly sessionId: string;
  /** Base URL of the app (also usable from a browser while the test runs). */
  readonly url: string;
  /** What the chat start produced (onChatStart messages, an ask it opened …). */
  readonly started: TurnResult;
  /** Every message of the chat so far, the user's included, as the UI shows them. */
  readonly messages: ChatMessage[];
  /** Actions offered now. */
  readonly actions: ChatAction[];
  /** The question the app waits on now, or null. */
  readonly ask: PendingAsk | null;
  /** The session's `userSession` values now, reserved keys (`chat_settings`, `env` …) included. */
  readonly userSession: Record<string, unknown>;
  /** Seconds a turn may take before it fails with CRT_TEST_TIMEOUT; may be changed between turns. */
  timeout: number;
  /**
   * Sends a message. `until: 'started'` ends the turn as soon as the app has started working
   * on it (to press stop next); the default waits until the app is done.
   */
  send(text: string, options?: { command?: string; files?: string[]; until?: 'idle' | 'started' }): Promise<TurnResult>;
  command(id: string, text: string): Promise<TurnResult>;
  /** Clicks a starter of the welcome screen by its label. */
  starter(label: string): Promise<TurnResult>;
  /** Clicks an offered action by name or label (answers an action ask when it is one of its buttons). */
  clickAction(nameOrLabel: string): Promise<TurnResult>;
  answer(answer: Answer): Promise<TurnResult>;
  /** Answers a pending CopilotFunction call (`call_fn`) with this value. */
  respondToFunction(value: unknown): Promise<TurnResult>;
  changeSettings(values: Record<string, unknown>): Promise<TurnResult>;
  /** Presses stop. */
  stop(): Promise<TurnResult>;
  /** Lets `seconds` pass and collects what arrived. */
  wait(seconds: number): Promise<TurnResult>;
  /** The stored content of an element (text, JSON …), or null when it has none here. */
  elementContent(element: ChatElement): Promise<string | null>;
  /** Closes the session (and the app, when createTestClient started it). */
  close(): Promise<void>;
}

export interface TestApp {
  readonly url: string;
  readonly app: App;
  /** Opens a new, isolated chat session. */
  open(options?: TestClientOptions): Promise<TestClient>;
  close(): Promise<void>;
}

/** Starts an app from its manifest on 127.0.0.1 (random port), logs silenced unless a logger is given. */
export async function startTestApp(manifestPath: string, options: { logger?: Logger; env?: Record<string, string> } = {}): Promise<TestApp> {
  const logger = options.logger ?? createLogger({ silent: true });
  const env = options.env ? { ...process.env, ...options.env } : undefined;
  const app = await createApp({ manifestPath: resolve(manifestPath), host: '127.0.0.1', port: 0, logger, env });
  const url = await app.start();
  const clients = new Set<TestClient>();
  return {
    url,
    app,
    async open(clientOptions = {}) {
      const client = await openClient(app, url, clientOptions, () => clients.delete(client));
      clients.add(client);
      return client;
    },
    async close() {
      for (const c of [...clients]) await c.close();
      await app.stop();
    },
  };
}

/**
 * Starts the app of `manifestPath` in this process and opens one chat with it.
 *
 * @example
 * ```ts
 * const chat = await createTestClient('manifests/hello.yaml');
 * expect(chat.started.ask?.content).to.equal('What is your name?');
 * const turn = await chat.answer('Ada');
 * expect(turn.messages[0].content).to.contain('Hello Ada');
 * await chat.close();
 * ```
 */
export async function createTestClient(manifestPath: string, options: TestClientOptions = {}): Promise<TestClient> {
  const testApp = await startTestApp(manifestPath);
  try {
    const client = await testApp.open(options);
    const closeSession = client.close;
    // Closing the session removes it from the app first, so the app's close does not loop back here.
    (client as { close: () => Promise<void> }).close = async () => {
      await closeSession();
      await testApp.close();
    };
    return client;
  } catch (err) {
    await testApp.close();
    throw err;
  }
}

const turnError = (message: string) => new ChainlitRtError('CRT_TEST_TURN', message, { expose: true });
const isEvent = (...names: string[]) => (e: LoggedEvent) => names.includes(e.event);
/** What the runtime says when stop is pressed (PROTOCOL.md §2.1). */
const STOPPED = 'Task manually stopped.';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function findAction(actions: ChatAction[], nameOrLabel: string): ChatAction | undefined {
  // The newest button wins, as a person clicks the one they just saw.
  return [...actions].reverse().find((a) => a.name === nameOrLabel) ?? [...actions].reverse().find((a) => a.label === nameOrLabel);
}

async function openClient(app: App, url: string, options: TestClientOptions, onClose: () => void): Promise<TestClient> {
  // Logged in as the app itself would log the user in: the same cookie, signed with its secret.
  const cookies = options.user ? (await app.services.auth.login(options.user, {})).cookies.map((line) => line.split(';')[0]!) : [];
  const conn = await Connection.open(url, { profile: options.profile, userEnv: options.userEnv, cookies });
  const t = conn.transcript;
  const quietMs = options.quietMs ?? 75;
  let mark = 0;
  let closed = false;
  let taskListCache: { key: string; list: ChatTaskList | null } | null = null;

  async function taskList(): Promise<ChatTaskList | null> {
    const last = t.elements().filter((e) => e.type === 'tasklist').at(-1);
    if (!last?.chainlitKey) return null;
    if (taskListCache?.key !== last.chainlitKey) {
      const raw = await client.elementContent(last);
      const parsed = raw ? (JSON.parse(raw) as { status?: string; tasks?: Array<{ title?: string; status?: string }> }) : null;
      const list = parsed ? { status: String(parsed.status ?? ''), tasks: (parsed.tasks ?? []).map((x) => ({ title: String(x.title ?? ''), status: String(x.status ?? '') })) } : null;
      taskListCache = { key: last.chainlitKey, list };
    }
    return taskListCache.list;
  }

  async function turn(label: string, perform: () => Promise<Partial<SettleRule> | void>): Promise<TurnResult> {
    const since = t.lastSeq;
    const started = Date.now();
    const rule = (await perform()) ?? {};
    await conn.waitSettled({ since, timeoutMs: client.timeout * 1000, quietMs, label, ...rule });
    const end = t.lastSeq;
    const win = t.window(mark, end);
    mark = end;
    return {
      messages: win.messages,
      steps: win.steps,
      elements: win.elements,
      toasts: win.toasts,
      actions: t.actions(),
      ask: t.pendingAsk(),
      taskList: await taskList(),
      functionCall: t.callFn ? { ...t.callFn } : null,
      errors: win.messages.filter((m) => m.isError),
      events: win.events.map(({ event, payload }) => ({ event, payload })),
      durationMs: Date.now() - started,
    };
  }

  async function upload(path: string, askParentId?: string): Promise<string> {
    const form = new FormData();
    const type = lookup(path) || 'application/octet-stream';
    form.append('file', new Blob([await readFile(path)], { type }), basename(path));
    const query = `session_id=${conn.sessionId}${askParentId === undefined ? '' : `&ask_parent_id=${encodeURIComponent(askParentId)}`}`;
    const res = await conn.request('POST', `/project/file?${query}`, form);
    const detail = (res.json as { detail?: unknown; id?: string } | null) ?? {};
    if (res.status !== 200 || typeof detail.id !== 'string') throw turnError(`uploading ${basename(path)} was refused: ${res.status} ${String(detail.detail ?? res.text)}`);
    return detail.id;
  }

  const askDone = { needs: isEvent('clear_ask', 'ask_timeout'), needsLabel: 'clear_ask (the answer being taken)' };

  const client: TestClient = {
    sessionId: conn.sessionId,
    url,
    timeout: options.timeout ?? 10,
    started: undefined as unknown as TurnResult,
    get messages() { return t.messages(); },
    get actions() { return t.actions(); },
    get ask() { return t.pendingAsk(); },
    get userSession() {
      const session = app.registry.get(conn.sessionId);
      if (!session) return {};
      return { ...Object.fromEntries(session.userSession), id: session.id, user: session.user, chat_profile: session.chatProfile, chat_settings: session.chatSettings, env: session.userEnv, client_type: session.clientType };
    },

    send(text, opts = {}) {
      // With a text question open, the UI's composer answers it.
      if (t.pendingAsk()?.type === 'text' && !opts.command && !opts.files && opts.until !== 'started') return client.answer(text);
      return turn(`say ${JSON.stringify(text)}`, async () => {
        const fileIds = [];
        for (const f of opts.files ?? []) fileIds.push(await upload(resolve(f)));
        conn.sendMessage(text, { command: opts.command, fileIds });
        if (opts.until === 'started') return { needs: isEvent('task_start'), needsLabel: 'task_start', ignoreLoading: true, quietMs: 0 };
        return { needs: isEvent('task_start'), needsLabel: 'task_start' };
      });
    },

    command: (id, text) => client.send(text, { command: id }),

    async starter(label) {
      const query = options.profile ? `?chat_profile=${encodeURIComponent(options.profile)}` : '';
      const res = await conn.request('GET', `/project/settings${query}`);
      const body = (res.json ?? {}) as { starters?: Array<{ label: string; message: string; command?: string | null }>; starterCategories?: Array<{ starters?: Array<{ label: string; message: string; command?: string | null }> }> };
      const all = [...(body.starters ?? []), ...(body.starterCategories ?? []).flatMap((c) => c.starters ?? [])];
      const found = all.find((s) => s.label === label);
      if (!found) throw turnError(`no starter labelled ${JSON.stringify(label)}; the app offers: ${all.map((s) => JSON.stringify(s.label)).join(', ') || 'none'}`);
      return client.send(found.message, found.command ? { command: found.command } : {});
    },

    clickAction(nameOrLabel) {
      return turn(`click ${JSON.stringify(nameOrLabel)}`, async () => {
        const ask = t.pendingAsk();
        const inAsk = ask?.type === 'action' ? findAction(ask.actions, nameOrLabel) : undefined;
        if (inAsk) {
          conn.answerAsk(inAsk);
          return askDone;
        }
        const action = findAction(t.actions(), nameOrLabel);
        if (!action) throw turnError(`no action ${JSON.stringify(nameOrLabel)} is offered; offered: ${t.actions().map((a) => `${a.name} ("${a.label}")`).join(', ') || 'none'}`);
        const res = await conn.request('POST', '/project/action', { action, sessionId: conn.sessionId });
        if (res.status !== 200) throw turnError(`clicking ${action.name} failed: ${res.status} ${res.text}`);
      });
    },

    answer(answer) {
      const shown = typeof answer === 'string' ? JSON.stringify(answer) : JSON.stringify(answer);
      return turn(`answer ${shown}`, async () => {
        const ask = t.pendingAsk();
        if (!ask) throw turnError('no question is waiting for an answer');
        const a = typeof answer === 'string' ? { text: answer } : answer;
        if ('text' in a) {
          if (ask.type !== 'text') throw turnError(`the open question wants ${ask.type === 'file' ? 'files' : `an ${ask.type}`}, not text`);
          const step = conn.userStep(a.text, undefined, ask.parentId);
          t.addLocal(step);
          conn.answerAsk(step);
        } else if ('element' in a) {
          if (ask.type !== 'element') throw turnError(`the open question is a ${ask.type} question, not an element question`);
          // What the UI's custom element submits: its props, flagged as submitted.
          conn.answerAsk({ submitted: true, ...a.element });
        } else if ('action' in a) {
          const action = ask.type === 'action' ? findAction(ask.actions, a.action) : undefined;
          if (!action) throw turnError(`the open question offers no action ${JSON.stringify(a.action)}; it offers: ${ask.actions.map((x) => x.name).join(', ') || 'none (not an action question)'}`);
          conn.answerAsk(action);
        } else {
          if (ask.type !== 'file') throw turnError(`the open question is a ${ask.type} question, not a file question`);
          const files = 'file' in a ? [a.file] : a.files;
          const ids = [];
          for (const f of files) ids.push({ id: await upload(resolve(f), String(ask.parentId)) });
          conn.answerAsk(ids);
        }
        return askDone;
      });
    },

    respondToFunction(value) {
      return turn('function result', async () => {
        if (!conn.answerCallFn(value)) throw turnError('no function call (call_fn) is waiting for a result');
        return { needs: isEvent('clear_call_fn', 'call_fn_timeout'), needsLabel: 'clear_call_fn' };
      });
    },

    changeSettings(values) {
      return turn('settings change', async () => {
        conn.emit('chat_settings_change', values);
        return { needs: isEvent('task_start', 'toast'), needsLabel: 'task_start (or a toast refusing the values)' };
      });
    },

    stop() {
      return turn('stop', async () => {
        conn.emit('stop');
        const stopped = (e: LoggedEvent) => e.event === 'new_message' && (e.payload as { output?: unknown } | null)?.output === STOPPED;
        return { needs: stopped, needsLabel: `the "${STOPPED}" message` };
      });
    },

    wait(seconds) {
      return turn(`wait ${seconds} s`, async () => {
        await sleep(seconds * 1000);
      });
    },

    async elementContent(element) {
      if (!element.chainlitKey) return null;
      const res = await conn.request('GET', `/project/file/${encodeURIComponent(element.chainlitKey)}?session_id=${conn.sessionId}`);
      return res.status === 200 ? res.text : null;
    },

    async close() {
      if (closed) return;
      closed = true;
      conn.close();
      onClose();
    },
  };

  const started = await turn('chat start', async () => ({ needs: isEvent('task_end'), needsLabel: 'the reply to connection_successful' }));
  (client as { started: TurnResult }).started = started;
  if (options.settings) {
    const applied = await client.changeSettings(options.settings);
    const refused = applied.toasts.find((x) => x.type === 'error');
    if (refused) {
      client.close();
      throw turnError(`the app refused the chat settings: ${refused.message}`);
    }
  }
  return client;
}
