import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a cross-origin caller may use the app with credentials. `project.allow_origins`:
 * `[]` (our default) = only the server's own origin; `["*"]` = any origin; otherwise the
 * exact origins listed. The caller's origin is reflected, never answered as `*`.
 */
export function originAllowed(origin: string | undefined, headers: IncomingHttpHeaders, allowOrigins: readonly string[]): boolean {
  if (!origin) return true; // same-origin navigation and non-browser clients send none
  if (allowOrigins.includes('*') || allowOrigins.includes(origin)) return true;
  const host = headers['x-forwarded-host'] ?? headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === (Array.isArray(host) ? host[0] : host);
  } catch {
    return false;
  }
}
