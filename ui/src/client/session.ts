/**
 * One chat session over Socket.IO (PROTOCOL.md §1.2–§2). Owns the socket and the chat
 * store; the React layer only calls these methods and reads the store.
 */
import { io, type Socket } from 'socket.io-client';
import { initialChatState, on, type ChatState } from './chat-state.js';
import { Store } from './store.js';
import { TokenBuffer, type StreamToken } from './token-buffer.js';
import { dropAfter, findStep, patchStep } from './tree.js';
import type { AudioSink, SendOptions, SessionOptions } from './session-options.js';
import type {
  AskAnswer,
  ClientToServerEvents,
  HandshakeAuth,
  IAction,
  IStep,
  ServerToClientEvents,
  ToastType,
} from './types.js';

/** The socket typed by the wire schemas: listeners get each event's payload type, emits are checked. */
type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type { AudioSink, SendOptions, SessionOptions } from './session-options.js';

export function newId(): string {
  return crypto.randomUUID();
}

function safeJson(data: unknown): string {
  try {
    return JSON.stringify(data) ?? '';
  } catch {
    return '';
  }
}

export class ChatSession {
  readonly store: Store<ChatState>;
  private socket: ChatSocket | null = null;
  /** Set by the controller: who plays and records audio. */
  audio: AudioSink | null = null;
  private readonly tokens = new TokenBuffer();
  private tokenTimer: ReturnType<typeof setTimeout> | null = null;
  /** What this page posted to itself and has not seen come back yet (copilot), as JSON. */
  private readonly ownPosts: string[] = [];
  private readonly windowListener = (e: MessageEvent) => {
    if (e.source === window) {
      if (this.opts.windowMessages !== 'self') return; // our own post to window.parent, when top-level
      // Posts are delivered in order, so the oldest of ours still travelling is the only one this can be.
      if (this.ownPosts.length > 0 && this.ownPosts[0] === safeJson(e.data)) {
        this.ownPosts.shift();
        return;
      }
    }
    this.socket?.emit('window_message', e.data);
  };

  constructor(private readonly opts: SessionOptions) {
    this.store = new Store<ChatState>(initialChatState(newId()));
  }

  get state(): ChatState {
    return this.store.get();
  }

  /** Applies the buffered stream tokens to the store (and renders them). */
  flushTokens(): void {
    if (this.tokenTimer) {
      clearTimeout(this.tokenTimer);
      this.tokenTimer = null;
    }
    if (this.tokens.empty) return;
    const batch = this.tokens.take();
    this.store.set((s) => {
      let next = s;
      for (const t of batch) next = { ...next, ...on.streamToken(next, t) };
      return { messages: next.messages };
    });
  }

  /**
   * Connects; `resume` when the thread is to be resumed (the app has `onChatResume`):
   * `resumingThread` is then set until the server sends `resume_thread` or its error.
   */
  async connect(threadId = '', resume = false): Promise<void> {
    const { api } = this.opts;
    const sessionId = this.state.sessionId;
    this.store.set({ connection: 'connecting', connectionError: null, ...(threadId && resume ? { resumingThread: threadId } : {}) });
    try {
      await api.post('/set-session-cookie', { session_id: sessionId });
    } catch (err) {
      // Only load-balancer affinity depends on it (§1.6), so carry on.
      console.warn('set-session-cookie failed', err);
    }
    const url = new URL(api.endpoint);
    const pathname = url.pathname && url.pathname !== '/' ? url.pathname.replace(/\/+$/, '') : '';
    const profile = this.opts.chatProfile();
    // Socket.IO keeps this object and sends it again on every reconnection, so the thread id
    // learnt from `first_interaction` is written into it.
    const auth: HandshakeAuth = {
      clientType: this.opts.clientType ?? 'webapp',
      sessionId,
      threadId,
      userEnv: JSON.stringify(this.opts.userEnv()),
      chatProfile: profile ? encodeURIComponent(profile) : '',
      ...this.opts.handshake?.(),
    };
    const socket: ChatSocket = io(`${url.protocol}//${url.host}`, {
      path: `${pathname}/ws/socket.io`,
      withCredentials: this.opts.withCredentials ?? true,
      ...(this.opts.transports ? { transports: this.opts.transports } : {}),
      auth,
    });
    this.socket = socket;
    this.bind(socket, auth);
    window.addEventListener('message', this.windowListener);
  }

  private bind(socket: ChatSocket, auth: HandshakeAuth): void {
    const st = this.store;
    const endpoint = this.opts.api.endpoint;
    let everConnected = false;
    socket.on('connect', () => {
      st.set({ connection: 'connected', connectionError: null, restored: everConnected });
      everConnected = true;
      socket.emit('connection_successful');
      socket.emit('fetch_favorites');
    });
    socket.on('disconnect', (reason) => {
      // A server-side or client-side disconnect is final; anything else auto-reconnects.
      const final = reason === 'io server disconnect' || reason === 'io client disconnect';
      st.set({ connection: final ? 'disconnected' : 'reconnecting' });
    });
    socket.on('connect_error', (err) => {
      if (!socket.active) st.set({ connection: 'refused', connectionError: err.message, resumingThread: null });
      else st.set({ connection: everConnected ? 'reconnecting' : 'connecting' });
    });
    socket.io.on('reconnect_failed', () => st.set({ connection: 'disconnected' }));

    // Message traffic is applied at once but rendered per frame (Store.setSoon): a burst of
    // events then costs one render, not one each.
    socket.on('task_start', () => st.set({ loading: true }));
    socket.on('task_end', () => st.set({ loading: false }));
    socket.on('new_message', (m) => st.setSoon((s) => on.newMessage(s, m)));
    socket.on('stream_start', (m) => st.setSoon((s) => on.newMessage(s, m)));
    socket.on('update_message', (m) => st.setSoon((s) => on.updateMessage(s, m)));
    socket.on('delete_message', (m) => st.set((s) => on.deleteMessage(s, m)));
    // Tokens wait in a buffer until the next frame; any other event first applies them,
    // so the tree sees every event in arrival order.
    socket.onAny((event: string) => {
      if (event !== 'stream_token') this.flushTokens();
    });
    socket.on('stream_token', (t) => {
      this.tokens.push(t);
      this.tokenTimer ??= setTimeout(() => this.flushTokens(), 16);
    });
    socket.on('ask', (p, ack) => {
      st.set((s) => on.ask(s, { msg: p.msg, spec: p.spec, answer: ack }));
    });
    socket.on('ask_timeout', () => st.set({ ask: null, loading: false }));
    socket.on('clear_ask', () => st.set({ ask: null }));
    socket.on('call_fn', (p, ack) => {
      const pending = { name: p.name, args: p.args, answer: ack };
      st.set({ callFn: pending });
      window.dispatchEvent(
        new CustomEvent('chainlit-call-fn', {
          detail: {
            name: p.name,
            args: p.args,
            callback: (result: unknown) => {
              ack(result);
              if (st.get().callFn === pending) st.set({ callFn: null });
            },
          },
        }),
      );
    });
    socket.on('call_fn_timeout', () => st.set({ callFn: null }));
    socket.on('clear_call_fn', () => st.set({ callFn: null }));
    socket.on('first_interaction', (p) => {
      st.set({ firstInteraction: p.interaction, threadId: p.thread_id });
      auth.threadId = p.thread_id;
      this.opts.onFirstInteraction?.(p.thread_id);
    });
    socket.on('resume_thread', (thread) => st.set((s) => on.resumeThread(s, thread, endpoint)));
    socket.on('resume_thread_error', (msg) => {
      st.set({ resumingThread: null });
      this.opts.onResumeError?.(msg);
    });
    socket.on('set_favorites', (steps) => st.set({ favorites: steps }));
    socket.on('element', (el) => st.setSoon((s) => on.element(s, el, endpoint)));
    socket.on('remove_element', (p) => st.set((s) => on.removeElement(s, p)));
    socket.on('action', (a) => st.setSoon((s) => on.action(s, a)));
    socket.on('remove_action', (a) => st.set((s) => on.removeAction(s, a)));
    socket.on('chat_settings', (inputs) => st.set((s) => on.chatSettings(s, inputs)));
    socket.on('set_commands', (commands) => st.set({ commands }));
    socket.on('set_modes', (modes) => st.set({ modes }));
    socket.on('set_sidebar_title', (title) => st.set((s) => on.sidebarTitle(s, title)));
    socket.on('set_sidebar_elements', (p) => st.set((s) => on.sidebarElements(s, p, endpoint)));
    socket.on('token_usage', (n) => st.set((s) => ({ tokenCount: s.tokenCount + n })));
    socket.on('window_message', (data) => {
      if (this.opts.windowMessages === 'self') {
        this.ownPosts.push(safeJson(data));
        window.postMessage(data, '*');
      } else if (window.parent !== window) window.parent.postMessage(data, '*');
    });
    socket.on('toast', (p) => {
      // Other servers may send anything: no message, no toast; an unknown type, a neutral one.
      if (!p?.message) return;
      const known: readonly string[] = ['info', 'success', 'warning', 'error'];
      this.opts.onToast(p.message, known.includes(p.type) ? p.type : 'neutral');
    });
    socket.on('audio_connection', (state) => void this.audio?.connection(state));
    socket.on('audio_chunk', (chunk) => this.audio?.play(chunk.track, chunk.data));
    socket.on('audio_interrupt', () => this.audio?.interrupt());
    socket.on('reload', () => {
      socket.emit('clear_session');
      window.location.reload();
    });
  }

  disconnect(): void {
    window.removeEventListener('message', this.windowListener);
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.removeAllListeners();
      s.io.removeAllListeners();
      s.disconnect();
    }
  }

  /** Retry after a final disconnect or refusal, keeping the session id for restore. */
  async retry(): Promise<void> {
    this.disconnect();
    await this.connect(this.state.threadId ?? '');
  }

  /** New chat: abandon this session and start a fresh one (§2.1 `clear_session`). */
  async reset(threadId = '', resume = false): Promise<void> {
    this.socket?.emit('clear_session');
    this.disconnect();
    const keep = this.state;
    this.store.set({
      ...initialChatState(newId()),
      // Commands and modes come from the app at chat start; they are re-sent on connect.
      commands: [],
      modes: keep.modes,
    });
    await this.connect(threadId, resume);
  }

  buildUserMessage(content: string, opts: SendOptions = {}): IStep {
    const now = new Date().toISOString();
    const msg: IStep = {
      threadId: '',
      id: newId(),
      name: opts.author ?? 'User',
      type: 'user_message',
      output: content,
      createdAt: now,
      metadata: { location: window.location.href, ...(opts.fromElement ? { fromElement: opts.fromElement } : {}) },
    };
    if (opts.command) msg.command = opts.command;
    if (opts.modes && Object.keys(opts.modes).length) msg.modes = opts.modes;
    return msg;
  }

  /** Sends a user message, or answers a pending text ask with it (§2.3). */
  sendMessage(content: string, opts: SendOptions = {}): IStep {
    const msg = this.buildUserMessage(content, opts);
    const ask = this.state.ask;
    if (ask && ask.spec.type === 'text') {
      if (ask.msg.parentId) msg.parentId = ask.msg.parentId;
      this.store.set((s) => ({ ...on.newMessage(s, msg), ask: null }));
      ask.answer(msg);
      return msg;
    }
    this.store.set((s) => on.newMessage(s, msg));
    this.socket?.emit('client_message', { message: msg, fileReferences: opts.fileReferences ?? [] });
    return msg;
  }

  /**
   * Sends a step made by the host page (the copilot's `sendChainlitMessage`), e.g. a
   * `system_message`: shown like a typed message, its id and time filled in when missing.
   */
  sendStep(step: Partial<IStep>): IStep {
    const msg: IStep = {
      threadId: '',
      name: 'User',
      type: 'user_message',
      output: '',
      ...step,
      id: step.id || newId(),
      createdAt: step.createdAt || new Date().toISOString(),
    };
    this.store.set((s) => on.newMessage(s, msg));
    this.socket?.emit('client_message', { message: msg, fileReferences: [] });
    return msg;
  }

  editMessage(id: string, content: string): void {
    const old = findStep(this.state.messages, id);
    if (!old) return;
    const edited: IStep = { ...old, output: content, steps: [] };
    this.store.set((s) => {
      const kept = dropAfter(s.messages, id).map((m) => (m.id === id ? edited : m));
      return { messages: kept };
    });
    const { steps: _children, ...wire } = edited;
    this.socket?.emit('edit_message', { message: wire });
  }

  answerAsk(value: AskAnswer): void {
    const ask = this.state.ask;
    if (!ask) return;
    this.store.set({ ask: null });
    ask.answer(value);
  }

  stop(): void {
    this.store.set({ loading: false });
    this.socket?.emit('stop');
  }

  updateChatSettings(values: Record<string, unknown>): void {
    this.store.set({ chatSettingsValue: values });
    this.socket?.emit('chat_settings_change', values);
  }

  editChatSettings(values: Record<string, unknown>): void {
    this.socket?.emit('chat_settings_edit', values);
  }

  async callAction(action: IAction): Promise<unknown> {
    const res = await this.opts.api.post<{ success: boolean; response: unknown }>('/project/action', {
      action,
      sessionId: this.state.sessionId,
    });
    return res.response;
  }

  uploadFile(
    file: File,
    askParentId: string | null,
    onProgress: (percent: number) => void,
  ): { promise: Promise<{ id: string }>; cancel: () => void } {
    return this.opts.api.upload(file, this.state.sessionId, askParentId, onProgress);
  }

  /**
   * Gives (or replaces) the feedback on a message of this chat's thread (PUT /feedback),
   * then shows it on the message.
   */
  async giveFeedback(forId: string, value: 0 | 1, comment: string | null): Promise<void> {
    const threadId = this.state.threadId ?? undefined;
    const res = await this.opts.api.put<{ success: boolean; feedbackId: string }>('/feedback', {
      sessionId: this.state.sessionId,
      feedback: { forId, value, comment: comment || null, ...(threadId ? { threadId } : {}) },
    });
    const feedback = { id: res.feedbackId, forId, value, comment: comment || null, ...(threadId ? { threadId } : {}) };
    this.store.set((s) => ({ messages: patchStep(s.messages, forId, { feedback }) }));
  }

  /** Removes the feedback of a message (DELETE /feedback). */
  async removeFeedback(forId: string): Promise<void> {
    const step = findStep(this.state.messages, forId);
    const id = step?.feedback?.id;
    if (id) await this.opts.api.delete('/feedback', { feedbackId: id });
    this.store.set((s) => ({ messages: patchStep(s.messages, forId, { feedback: null }) }));
  }

  /** Marks or unmarks a message as favorite (the server answers update_message and set_favorites). */
  setFavorite(message: IStep, favorite: boolean): void {
    const { steps: _children, ...wire } = message;
    this.socket?.emit('message_favorite', { message: { ...wire, metadata: { ...(wire.metadata ?? {}), favorite } } });
  }

  emit<E extends keyof ClientToServerEvents>(event: E, ...payload: Parameters<ClientToServerEvents[E]>): void {
    this.socket?.emit(event, ...payload);
  }
}
