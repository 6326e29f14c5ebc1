/**
 * Light/dark theme (DOM-CONTRACT §1): a class on <html>, the user's choice in
 * localStorage["vite-ui-theme"], and the variables of public/theme.json (injected by the
 * server as window.theme) written as inline custom properties on <html>.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';
export type ThemeVariant = 'light' | 'dark';

const STORAGE_KEY = 'vite-ui-theme';

declare global {
  interface Window {
    theme?: { light?: Record<string, string>; dark?: Record<string, string> };
    transports?: string[];
  }
}

export function storedTheme(): ThemeChoice | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : null;
  } catch {
    return null;
  }
}

export function storeTheme(choice: ThemeChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // private mode: the choice just lasts for this page
  }
}

export function resolveVariant(choice: ThemeChoice): ThemeVariant {
  if (choice !== 'system') return choice;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

type ThemeVars = { light?: Record<string, string>; dark?: Record<string, string> };

const applied = new WeakMap<HTMLElement, string[]>();

/**
 * Puts the variant's class and theme.json variables on `root`: <html> for the web app, the
 * copilot's root inside its shadow root (where the host page's <html> does not reach).
 */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement, vars: ThemeVars | undefined = window.theme): ThemeVariant {
  const variant = resolveVariant(choice);
  root.classList.remove('light', 'dark');
  root.classList.add(variant);
  root.style.colorScheme = variant;
  for (const name of applied.get(root) ?? []) root.style.removeProperty(name);
  const set: string[] = [];
  for (const [name, value] of Object.entries(vars?.[variant] ?? {})) {
    const prop = name.startsWith('--') ? name : `--${name}`;
    root.style.setProperty(prop, String(value));
    set.push(prop);
  }
  applied.set(root, set);
  return variant;
}
