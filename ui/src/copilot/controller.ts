/**
 * The copilot's composition root: the web app's controller, embedded. It talks to the app
 * with its access token alone (Bearer on REST, `accessToken` in the socket handshake) and
 * never with cookies, so it works where third-party cookies are blocked and never touches
 * the web app's login; its anonymous sessions are bound to a key it keeps in memory.
 * Its thread id lives in the host page's localStorage.
 */
import { Api, ClientError } from '../client/api.js';
import { newId } from '../client/session.js';
import { Store } from '../client/store.js';
import type { AuthConfig, IStep, IUser, ProjectSettings } from '../client/types.js';
import { AppController } from '../app/controller.js';
import { applyLanguage, browserLanguage, fetchCatalogue, makeTranslate } from '../i18n/i18n.js';
import { applyTheme, storedTheme, type ThemeChoice, type ThemeVariant } from '../theme/theme.js';
import { setFileAccess } from '../client/file-access.js';
import { DISPLAY_MODE_KEY, SIDEBAR_WIDTH_KEY, storedThreadId, storeThreadId, type DisplayMode, type WidgetConfig } from './config.js';

export interface WidgetState {
  open: boolean;
  displayMode: DisplayMode;
  expanded: boolean;
  sidebarWidth: number;
}

export const SIDEBAR = { min: 300, default: 400, maxRatio: 0.5 };

export function clampWidth(width: number): number {
  const max = Math.max(SIDEBAR.min, window.innerWidth * SIDEBAR.maxRatio);
  return Math.min(max, Math.max(SIDEBAR.min, width));
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `https://host/app/` → origin `https://host`, root path `/app`. */
function serverUrl(raw: string): { origin: string; rootPath: string } {
  const url = new URL(raw, window.location.href);
  return { origin: url.origin, rootPath: url.pathname.replace(/\/+$/, '') };
}

type ThemeVars = { light?: Record<string, string>; dark?: Record<string, string> };

export class CopilotController extends AppController {
  readonly widget: Store<WidgetState>;
  private connecting: Promise<void> | null = null;
  private booted: Promise<void> | null = null;
  private themeVars: ThemeVars | undefined;

  /** `roots[0]` holds the widget; every root gets the theme (the button may sit apart). */
  constructor(
    readonly config: WidgetConfig,
    private readonly roots: HTMLElement[],
    assets: string,
  ) {
    const { origin, rootPath } = serverUrl(config.chainlitServer);
    const token = config.accessToken || null;
    // Lives as long as the widget: an anonymous session can only be restored by this mount.
    const clientKey = randomKey();
    const headers = (): Record<string, string> => ({
      ...(token ? { Authorization: `Bearer ${token}` } : { 'X-Chainlit-Client-Key': clientKey }),
    });
    const api = new Api(rootPath, origin, undefined, { credentials: 'omit', headers, query: config.additionalQueryParamsForAPI });
    super({
      api,
      assets,
      embedded: true,
      language: config.language || browserLanguage(),
      session: {
        clientType: 'copilot',
        withCredentials: false,
        handshake: () => ({ ...(token ? { accessToken: token } : {}), clientKey }),
        windowMessages: 'self',
        userEnv: () => ({}),
      },
    });
    setFileAccess({ endpoint: api.endpoint, credentials: 'omit', headers });
    const stored = read(DISPLAY_MODE_KEY);
    const width = Number(read(SIDEBAR_WIDTH_KEY));
    this.widget = new Store<WidgetState>({
      open: false,
      displayMode: config.displayMode ?? (stored === 'sidebar' || stored === 'floating' ? stored : 'floating'),
      expanded: Boolean(config.expanded),
      sidebarWidth: clampWidth(Number.isFinite(width) && width > 0 ? width : SIDEBAR.default),
    });
  }

  protected override applyTheme(choice: ThemeChoice): ThemeVariant {
    let variant: ThemeVariant = 'dark';
    for (const root of this.roots) variant = applyTheme(choice, root, this.themeVars);
    return variant;
  }

  /** Boots once; connects at once if the widget is already open. */
  start(): Promise<void> {
    this.booted ??= this.boot().then(() => {
      if (this.widget.get().open) void this.ensureConnected();
    });
    return this.booted;
  }

  /** Config, theme, translations and (with login on) the token's user; errors show in the panel. */
  override async boot(): Promise<void> {
    const { language } = this.store.get();
    try {
      const [authConfig, served, theme] = await Promise.all([
        this.api.get<AuthConfig>('/auth/config'),
        fetchCatalogue(this.api.url(`/project/translations?language=${encodeURIComponent(language)}`), language, { credentials: 'omit' }),
        this.api.get<{ variables?: ThemeVars }>('/public/theme.json').catch(() => null),
      ]);
      this.themeVars = theme?.variables;
      this.t = makeTranslate(served.catalogue);
      applyLanguage(this.roots[0]!, served.language);
      this.store.set({ authConfig, catalogue: served.catalogue });
      if (authConfig.requireLogin) {
        if (!this.config.accessToken) throw new Error('No authentication token provided.');
        this.store.set({ user: await this.api.get<IUser>('/user') });
      }
      const settings = await this.loadSettings();
      const initial = this.config.theme ?? storedTheme() ?? (settings.ui.default_theme as ThemeChoice | undefined) ?? authConfig.default_theme ?? 'dark';
      this.setTheme(initial, false);
      this.store.set({ phase: 'ready' });
    } catch (err) {
      const msg = err instanceof ClientError || err instanceof Error ? err.message : String(err);
      this.setTheme(this.config.theme ?? storedTheme() ?? 'dark', false);
      this.store.set({ phase: 'error', bootError: msg });
    }
  }

  /** The app's settings, with the widget's `showCot` over the app's `ui.cot`. */
  override async loadSettings(): Promise<ProjectSettings> {
    const settings = await super.loadSettings();
    if (this.config.showCot === undefined) return settings;
    const shown: ProjectSettings = { ...settings, ui: { ...settings.ui, cot: this.config.showCot ? 'full' : 'hidden' } };
    this.store.set({ settings: shown });
    return shown;
  }

  /** Connects once, with the stored thread id (made and stored on first use). */
  async ensureConnected(): Promise<void> {
    await this.start();
    if (this.store.get().phase !== 'ready') return;
    this.connecting ??= (async () => {
      let threadId = storedThreadId();
      if (!threadId) {
        threadId = newId();
        storeThreadId(threadId);
      }
      await this.session.connect(threadId);
    })();
    return this.connecting;
  }

  setOpen(open: boolean): void {
    this.widget.set({ open });
    if (open) void this.ensureConnected();
  }

  toggle(): void {
    this.setOpen(!this.widget.get().open);
  }

  /** A new thread (the new-chat button, `clearChainlitCopilotThreadId`): new id, new session. */
  async newThread(threadId?: string): Promise<void> {
    const id = threadId || newId();
    storeThreadId(id);
    await this.voice.stop();
    this.store.set({ selectedCommand: null, sideView: null });
    if (!this.connecting) return;
    this.connecting = this.session.reset(id);
    await this.connecting;
  }

  override async newChat(): Promise<void> {
    await this.newThread();
  }

  /** `sendChainlitMessage(step)`: connects first when the widget was never opened. */
  async sendStep(step: Partial<IStep>): Promise<void> {
    await this.ensureConnected();
    this.session.sendStep(step);
  }

  dispose(): void {
    this.voice.dispose();
    this.session.disconnect();
  }
}
