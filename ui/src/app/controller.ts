/**
 * The composition root of the web app: boots config, routes, owns the chat session.
 * Components call these methods; nothing here imports React.
 */
import { Api, ClientError, readRootPath } from '../client/api.js';
import { ChatSession, type SessionOptions } from '../client/session.js';
import { McpServers } from '../client/mcp.js';
import { on } from '../client/chat-state.js';
import { Attachments } from '../client/attachments.js';
import { ThreadHistory } from '../client/history.js';
import { VoiceConversation } from '../client/audio/voice.js';
import { assetBase } from './assets.js';
import type { AuthConfig, IChatProfile, IThread, IUser, ProjectSettings, ToastType } from '../client/types.js';
import { applyLanguage, browserLanguage, fetchCatalogue, makeTranslate, type Translate } from '../i18n/i18n.js';
import { applyTheme, storedTheme, storeTheme, type ThemeChoice, type ThemeVariant } from '../theme/theme.js';
import { createAppStore, historyAvailable, normalizeRoute, type AppState } from './app-state.js';
import { afterLoginPath, rememberReturnTo } from './auth/return-to.js';
import type { Store } from '../client/store.js';

export type ToastFn = (message: string, type: ToastType | 'neutral') => void;

const USER_ENV_KEY = 'userEnv';

export function readUserEnv(): Record<string, string> {
  try {
    const raw = localStorage.getItem(USER_ENV_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function saveUserEnv(env: Record<string, string>): void {
  localStorage.setItem(USER_ENV_KEY, JSON.stringify(env));
}

export function pickProfile(profiles: IChatProfile[], current: string | null): string | null {
  if (!profiles.length) return null;
  if (current && profiles.some((p) => p.name === current)) return current;
  return (profiles.find((p) => p.default) ?? profiles[0]!).name;
}

export interface ControllerOptions {
  /** The server's REST access (default: this page's origin and root path, with cookies). */
  api?: Api;
  /** Options of the chat session beyond the defaults (the copilot's client type, token...). */
  session?: Partial<SessionOptions>;
  /** Embedded in another site's page (the copilot): no routes, the location is the host's. */
  embedded?: boolean;
  /** The UI language (default: the browser's). */
  language?: string;
  /** URL of the folder the bundle was loaded from (its entry's), for files served beside it. */
  assets?: string;
}

export class AppController {
  readonly api: Api;
  readonly embedded: boolean;
  readonly store: Store<AppState>;
  readonly session: ChatSession;
  readonly attachments: Attachments;
  /** The history sidebar's threads (with a data layer and a login). */
  readonly history: ThreadHistory;
  /** The thread shown read-only (`threadView`), in a session that never connects. */
  viewSession: ChatSession | null = null;
  /** The microphone and the app's speech (features.audio). */
  readonly voice: VoiceConversation;
  /** MCP servers the user added (the #mcp-servers dialog). */
  readonly mcp: McpServers;
  /** Messages sent in this page, newest last, for the composer's up-arrow history. */
  readonly inputHistory: string[] = [];
  /** Unsent composer text: it survives the composer's move from welcome screen to dock. */
  draft: string | null = null;
  t: Translate = makeTranslate(undefined);
  private toastFn: ToastFn = () => undefined;

  constructor(opts: ControllerOptions = {}) {
    this.embedded = opts.embedded ?? false;
    this.api = opts.api ?? new Api(readRootPath(), window.location.origin, () => this.on401());
    const choice = storedTheme();
    this.store = createAppStore({
      language: opts.language ?? browserLanguage(),
      path: this.embedded ? '/' : this.routeFromLocation(),
      theme: choice ?? 'dark',
    });
    this.session = new ChatSession({
      api: this.api,
      userEnv: readUserEnv,
      chatProfile: () => this.store.get().chatProfile,
      onToast: (m, type) => this.toast(m, type),
      onFirstInteraction: (threadId) => this.onFirstInteraction(threadId),
      onResumeError: (msg) => {
        this.toast(`${this.t('chat.resume.error')}: ${msg}`, 'error');
        this.navigate('/');
      },
      transports: window.transports,
      ...opts.session,
    });
    this.history = new ThreadHistory(this.api);
    this.watchThreadList();
    this.attachments = new Attachments(this.session, (key, vars) => this.toast(this.t(key, vars), 'error'));
    const assets = (opts.assets ?? assetBase()).replace(/\/$/, '');
    this.voice = new VoiceConversation(
      { emit: (event) => this.session.emit(event), emitChunk: (chunk) => this.session.emit('audio_chunk', chunk) },
      {
        sampleRate: () => this.store.get().settings?.features.audio?.sample_rate ?? 24_000,
        workletUrl: () => `${assets}/pcm-worklet.js`,
        onError: (message) => this.toast(message, 'error'),
      },
    );
    this.session.audio = this.voice;
    this.mcp = new McpServers(this.api, () => this.session.state.sessionId);
    // Every socket connect is a session without connections: post the saved servers again.
    let wasConnected = false;
    this.session.store.subscribe(() => {
      const connected = this.session.state.connection === 'connected';
      if (connected && !wasConnected && this.mcpEnabled()) void this.mcp.reconnectAll();
      wasConnected = connected;
    });
  }

  private mcpEnabled(): boolean {
    const mcp = this.store.get().settings?.features.mcp as { enabled?: boolean } | undefined;
    return mcp?.enabled === true;
  }

  setToaster(fn: ToastFn): void {
    this.toastFn = fn;
  }

  toast(message: string, type: ToastType | 'neutral' = 'info'): void {
    this.toastFn(message, type);
  }

  private routeFromLocation(): string {
    const root = this.api.rootPath;
    let p = window.location.pathname;
    if (root && p.startsWith(root)) p = p.slice(root.length);
    return normalizeRoute(p || '/');
  }

  /** The location inside the root path, with its query (e.g. `/thread/abc?x=1`). */
  currentPath(): string {
    const root = this.api.rootPath;
    let p = window.location.pathname;
    if (root && p.startsWith(root)) p = p.slice(root.length);
    return `${p || '/'}${window.location.search}`;
  }

  /** Replaces the location with an in-app path that may carry a query. */
  navigateTo(pathWithQuery: string): void {
    const url = new URL(pathWithQuery, 'http://in.app');
    if (this.embedded) return this.store.set({ path: normalizeRoute(url.pathname) });
    window.history.replaceState(null, '', this.href(url.pathname) + url.search);
    this.store.set({ path: normalizeRoute(url.pathname) });
  }

  href(path: string): string {
    return this.api.rootPath + path;
  }

  navigate(path: string, replace = false): void {
    const route = normalizeRoute(path);
    if (this.embedded) return this.store.set({ path: route });
    const url = this.href(route) + (route === '/' ? window.location.search : '');
    if (replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    this.store.set({ path: route });
  }

  async boot(): Promise<void> {
    window.addEventListener('popstate', () => this.onPopState());
    const { language } = this.store.get();
    try {
      const [authConfig, served] = await Promise.all([
        this.api.get<AuthConfig>('/auth/config'),
        fetchCatalogue(this.api.url(`/project/translations?language=${encodeURIComponent(language)}`), language),
      ]);
      this.t = makeTranslate(served.catalogue);
      applyLanguage(document.documentElement, served.language);
      const theme = storedTheme() ?? authConfig.default_theme ?? 'dark';
      this.store.set({ authConfig, catalogue: served.catalogue });
      this.setTheme(theme, false);
      if (authConfig.requireLogin) {
        const user = await this.api.get<IUser | null>('/user').catch(() => null);
        this.store.set({ user });
        const onLogin = this.store.get().path.startsWith('/login');
        if (!user) {
          // Back to this page once logged in (the login page reads it).
          if (!onLogin) rememberReturnTo(this.currentPath());
          this.store.set({ phase: 'ready' });
          if (!onLogin) this.navigate('/login', true);
          return;
        }
        if (onLogin) this.navigateTo(afterLoginPath());
      }
      await this.loadSettings();
      if (!storedTheme() && this.store.get().settings?.ui.default_theme) {
        this.setTheme(this.store.get().settings!.ui.default_theme as ThemeChoice, false);
      }
      this.store.set({ phase: 'ready', sidebarOpen: this.initialSidebarOpen() });
      if (this.historyEnabled()) void this.history.refresh();
      if (this.missingEnv().length) {
        this.navigate('/env', true);
        return;
      }
      await this.startChat();
    } catch (err) {
      const msg = err instanceof ClientError ? err.message : String(err);
      this.store.set({ phase: 'error', bootError: msg });
    }
  }

  async loadSettings(): Promise<ProjectSettings> {
    const { language, chatProfile } = this.store.get();
    const q = new URLSearchParams({ language });
    if (chatProfile) q.set('chat_profile', chatProfile);
    const settings = await this.api.get<ProjectSettings>(`/project/settings?${q.toString()}`);
    const profile = pickProfile(settings.chatProfiles ?? [], chatProfile);
    this.store.set({ settings, chatProfile: profile });
    if (profile !== chatProfile && profile) {
      // The profile's config_overrides shape ui/features: fetch again with it.
      const q2 = new URLSearchParams({ language, chat_profile: profile });
      const withProfile = await this.api.get<ProjectSettings>(`/project/settings?${q2.toString()}`);
      this.store.set({ settings: withProfile });
      return withProfile;
    }
    return settings;
  }

  missingEnv(): string[] {
    const keys = this.store.get().settings?.userEnv ?? [];
    const env = readUserEnv();
    return keys.filter((k) => !env[k]);
  }

  /**
   * Connects for the current route: a thread page resumes that thread when the app can
   * (`threadResumable`), else shows it read-only; a share page shows the shared thread.
   */
  async startChat(): Promise<void> {
    const { path, settings } = this.store.get();
    const thread = /^\/thread\/([a-zA-Z0-9_-]+)$/.exec(path)?.[1];
    const shared = /^\/share\/([a-zA-Z0-9_-]+)$/.exec(path)?.[1];
    if (shared) void this.showThread(shared, true);
    else if (thread && !settings?.threadResumable) void this.showThread(thread, false);
    const resume = Boolean(thread && settings?.threadResumable);
    await this.session.connect(resume ? thread! : '', resume);
  }

  /** The history sidebar is there: a data layer and a required login (DOM-CONTRACT §11). */
  historyEnabled(): boolean {
    return !this.embedded && historyAvailable(this.store.get());
  }

  private initialSidebarOpen(): boolean {
    const state = this.store.get().settings?.ui.default_sidebar_state;
    // A phone starts with the chat, not the list, whatever the app's default.
    const narrow = window.matchMedia?.('(max-width: 767px)').matches ?? false;
    return this.historyEnabled() && state !== 'closed' && !narrow;
  }

  /**
   * Opens a thread of the sidebar: continues it in this page when the app can resume
   * threads, else shows it read-only. The live chat's own thread just gets its URL.
   */
  async openThread(threadId: string, push = true): Promise<void> {
    if (push) this.navigate(`/thread/${threadId}`);
    const { settings } = this.store.get();
    // The live chat's own thread: back to the chat (from a read-only view of another).
    if (this.session.state.threadId === threadId) {
      this.closeThreadView();
      return;
    }
    if (!settings?.threadResumable) {
      await this.showThread(threadId, false);
      return;
    }
    await this.voice.stop();
    this.store.set({ threadView: null, selectedCommand: null, sideView: null });
    this.viewSession = null;
    await this.session.reset(threadId, true);
  }

  /** Loads a thread for reading only: a shared one, or one the app cannot resume. */
  async showThread(threadId: string, shared: boolean): Promise<void> {
    const view = new ChatSession({ api: this.api, userEnv: () => ({}), chatProfile: () => null, onToast: () => undefined });
    this.viewSession = view;
    this.store.set({ threadView: { id: threadId, shared, status: 'loading' }, sideView: null });
    try {
      const thread = await this.api.get<IThread>(shared ? `/project/share/${threadId}` : `/project/thread/${threadId}`);
      if (this.viewSession !== view) return;
      view.store.set((s) => ({ ...on.resumeThread(s, thread, this.api.endpoint) }));
      this.store.set({ threadView: { id: threadId, shared, status: 'ready' } });
    } catch (err) {
      if (this.viewSession !== view) return;
      const notFound = err instanceof ClientError && (err.status === 404 || err.status === 400);
      this.store.set({ threadView: { id: threadId, shared, status: notFound ? 'notFound' : 'error', error: (err as Error).message } });
    }
  }

  private onPopState(): void {
    const path = this.routeFromLocation();
    this.store.set({ path });
    const thread = /^\/thread\/([a-zA-Z0-9_-]+)$/.exec(path)?.[1];
    if (thread) void this.openThread(thread, false);
    else if (path === '/' && this.store.get().threadView) this.closeThreadView();
  }

  private closeThreadView(): void {
    this.viewSession = null;
    this.store.set({ threadView: null });
  }

  /**
   * A new thread joins the list once it is stored: looked for when the chat gets its
   * thread, and again when a run ends (its first write may still have been queued).
   */
  private watchThreadList(): void {
    let wasLoading = false;
    let lastThread: string | null = null;
    this.session.store.subscribe(() => {
      const { loading, threadId } = this.session.state;
      const ended = wasLoading && !loading;
      const changed = threadId !== lastThread;
      wasLoading = loading;
      lastThread = threadId;
      if (!(ended || changed) || !threadId || !this.historyEnabled()) return;
      if (!this.history.store.get().threads.some((t) => t.id === threadId)) void this.history.refresh();
    });
  }

  protected onFirstInteraction(threadId: string): void {
    if (this.embedded) return;
    const { settings, user, path } = this.store.get();
    if (settings?.dataPersistence && user && path === '/') this.navigate(`/thread/${threadId}`, true);
  }

  private on401(): void {
    if (this.embedded) return;
    if (!this.store.get().authConfig?.requireLogin || this.store.get().path.startsWith('/login')) return;
    rememberReturnTo(this.currentPath());
    this.navigate('/login');
  }

  setTheme(choice: ThemeChoice, persist = true): void {
    if (persist) storeTheme(choice);
    const variant = this.applyTheme(choice);
    this.store.set({ theme: choice, variant });
  }

  /** Paints the theme; the copilot paints its shadow root instead of <html>. */
  protected applyTheme(choice: ThemeChoice): ThemeVariant {
    return applyTheme(choice);
  }

  /** Chosen option per mode: the user's pick, else the default option, else the first. */
  currentModes(): Record<string, string> {
    const picked = this.store.get().modeSelection;
    const out: Record<string, string> = {};
    for (const mode of this.session.state.modes) {
      const choice = picked[mode.id];
      const valid = mode.options.some((o) => o.id === choice);
      const fallback = mode.options.find((o) => o.default) ?? mode.options[0];
      if (valid) out[mode.id] = choice!;
      else if (fallback) out[mode.id] = fallback.id;
    }
    return out;
  }

  sendMessage(text: string, command?: string | null): void {
    const st = this.store.get();
    const selected = st.selectedCommand;
    const cmd = command !== undefined && command !== null ? command : selected;
    this.session.sendMessage(text, {
      command: cmd,
      modes: this.currentModes(),
      fileReferences: this.attachments.take(),
      author: st.user?.identifier ?? 'User',
    });
    if (text) this.inputHistory.push(text);
    const def = this.session.state.commands.find((c) => c.id === selected);
    if (selected && !def?.persistent) this.store.set({ selectedCommand: null });
  }

  async newChat(): Promise<void> {
    await this.voice.stop();
    this.store.set({ selectedCommand: null, sideView: null });
    this.closeThreadView();
    if (this.store.get().path !== '/') this.navigate('/');
    await this.session.reset('');
  }

  async switchProfile(name: string): Promise<void> {
    this.store.set({ chatProfile: name });
    await this.loadSettings();
    await this.newChat();
  }
}
