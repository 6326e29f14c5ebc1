/**
 * Where to go after login. Only a plain path inside the app is accepted (no scheme, no
 * `//host`, no backslash), so neither a crafted link nor a stored value can send the user
 * to another site.
 */
const KEY = 'chainlit-rt-return-to';

export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || value.length > 2048 || !value.startsWith('/') || value.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  try {
    return new URL(value, 'http://in.app').host === 'in.app' ? value : null;
  } catch {
    return null;
  }
}

/** Remembers the page that needed a login (path inside the root path, with its query). */
export function rememberReturnTo(path: string): void {
  const safe = safeReturnPath(path);
  if (!safe || safe.startsWith('/login')) return;
  try {
    sessionStorage.setItem(KEY, safe);
  } catch {
    // storage disabled: the user lands on the home page instead
  }
}

/** The remembered page (once), else null. */
export function takeReturnTo(): string | null {
  try {
    const value = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return safeReturnPath(value);
  } catch {
    return null;
  }
}

/** After a login: `?redirect=` of the OAuth callback, else the remembered page, else home. */
export function afterLoginPath(search: string = window.location.search): string {
  const remembered = takeReturnTo();
  return safeReturnPath(new URLSearchParams(search).get('redirect')) ?? remembered ?? '/';
}
