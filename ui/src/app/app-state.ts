/**
 * Application-level state (config, user, route, theme, composer choices) next to the chat
 * session's own store. Framework-free like the chat store.
 */
import { Store } from '../client/store.js';
import type { AuthConfig, IUser, ProjectSettings } from '../client/types.js';
import type { Catalogue } from '../i18n/i18n.js';
import type { ThemeChoice, ThemeVariant } from '../theme/theme.js';

export type Phase = 'loading' | 'ready' | 'error';

/**
 * A thread shown without continuing it: someone's shared thread (`/share/<id>`), or one of
 * the user's own when the app cannot resume threads (no `onChatResume`).
 */
export interface ThreadView {
  id: string;
  shared: boolean;
  status: 'loading' | 'ready' | 'notFound' | 'error';
  error?: string;
}

export interface AppState {
  phase: Phase;
  bootError: string | null;
  authConfig: AuthConfig | null;
  user: IUser | null;
  settings: ProjectSettings | null;
  language: string;
  catalogue: Catalogue | undefined;
  chatProfile: string | null;
  theme: ThemeChoice;
  variant: ThemeVariant;
  /** Route inside the root path, e.g. "/" or "/thread/abc". */
  path: string;
  selectedCommand: string | null;
  modeSelection: Record<string, string>;
  /** Side panel opened by clicking an element reference (§8 `a.element-link`). */
  sideView: { title: string; elementIds: string[] } | null;
  settingsOpen: boolean;
  sidebarOpen: boolean;
  threadView: ThreadView | null;
}

export function createAppStore(init: Partial<AppState>): Store<AppState> {
  return new Store<AppState>({
    phase: 'loading',
    bootError: null,
    authConfig: null,
    user: null,
    settings: null,
    language: 'en-US',
    catalogue: undefined,
    chatProfile: null,
    theme: 'dark',
    variant: 'dark',
    path: '/',
    selectedCommand: null,
    modeSelection: {},
    sideView: null,
    settingsOpen: false,
    sidebarOpen: false,
    threadView: null,
    ...init,
  });
}

/** Known routes (DOM-CONTRACT §1); anything else is treated as "/". */
export function normalizeRoute(path: string): string {
  if (/^\/(login|login\/callback|env)$/.test(path)) return path;
  if (/^\/(thread|share|element)\/[a-zA-Z0-9_-]+$/.test(path)) return path;
  return '/';
}

/** The history sidebar is there: a data layer and a required login (DOM-CONTRACT §11). */
export function historyAvailable(s: AppState): boolean {
  return Boolean(s.settings?.dataPersistence && s.user && s.authConfig?.requireLogin) && s.settings?.ui.default_sidebar_state !== 'hidden';
}
