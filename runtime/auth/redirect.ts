/**
 * A path inside this app to send the user back to after login, or null. Only a plain
 * absolute path is accepted: no scheme, no host, no `//` or `/\` (which browsers treat as
 * another host), no control characters, so a crafted link cannot redirect off-site.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  try {
    const parsed = new URL(value, 'http://in.app');
    if (parsed.host !== 'in.app') return null;
  } catch {
    return null;
  }
  return value;
}
