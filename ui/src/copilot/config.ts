/** The options of `window.mountChainlitWidget(config)` (Chainlit's copilot options). */
export type DisplayMode = 'floating' | 'sidebar';

export interface WidgetConfig {
  /** The app's address, e.g. `https://chat.example.com` (with its root path, if any). */
  chainlitServer: string;
  /** A login token signed with the app's secret; required when the app has login on. */
  accessToken?: string;
  theme?: 'light' | 'dark';
  button?: {
    /** Id of an element of the page to hold the button, instead of floating bottom-right. */
    containerId?: string;
    imageUrl?: string;
    className?: string;
  };
  displayMode?: DisplayMode;
  /** UI language (default: the browser's). */
  language?: string;
  /** Open at mount. */
  opened?: boolean;
  /** Start the floating panel wide. */
  expanded?: boolean;
  /** A stylesheet for the inside of the widget (its shadow root). */
  customCssUrl?: string;
  /** Query parameters added to every request the widget makes to the app. */
  additionalQueryParamsForAPI?: Record<string, string>;
  /** Show steps (chain of thought): true shows all, false hides them; default: the app's `ui.cot`. */
  showCot?: boolean;
}

/** What the loader (index.js) asks of the widget module (app.js). */
export interface CopilotModule {
  mount(host: HTMLElement, root: HTMLElement, config: WidgetConfig): void;
  unmount(): void;
  toggle(): void;
  send(step: Record<string, unknown>): void;
  newThread(threadId?: string): void;
}

export const THREAD_ID_KEY = 'chainlit-copilot-thread-id';
export const DISPLAY_MODE_KEY = 'chainlit-copilot-displayMode';
export const SIDEBAR_WIDTH_KEY = 'chainlit-copilot-sidebarWidth';

/** The stored thread id (a JSON string), or null. */
export function storedThreadId(): string | null {
  try {
    const raw = localStorage.getItem(THREAD_ID_KEY);
    const value: unknown = raw ? JSON.parse(raw) : null;
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

export function storeThreadId(id: string): void {
  try {
    localStorage.setItem(THREAD_ID_KEY, JSON.stringify(id));
  } catch {
    // storage may be off in the host page: the thread then lasts for this page only
  }
}
