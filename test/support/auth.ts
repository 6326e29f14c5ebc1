import { hashPassword } from '../../runtime/auth/password.js';

export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** A multipart login form as the clients send it. */
export function loginForm(username: string, password: string): FormData {
  const form = new FormData();
  form.set('username', username);
  form.set('password', password);
  return form;
}

/** POST /login; returns the response. */
export function login(baseUrl: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/login`, { method: 'POST', body: loginForm(username, password), headers });
}

/** `name=value; …` for a Cookie header, from a response's Set-Cookie lines (deleted ones left out). */
export function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

/** Set-Cookie lines by cookie name. */
export function setCookies(res: Response): Map<string, string> {
  return new Map(res.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
}

export async function manifestUsers(users: Array<{ identifier: string; password: string; display_name?: string }>): Promise<string> {
  const lines = ['auth:', '  password:', '    users:'];
  for (const u of users) {
    lines.push(`      - identifier: ${u.identifier}`, `        password_hash: "${await hashPassword(u.password)}"`);
    if (u.display_name) lines.push(`        display_name: ${u.display_name}`);
  }
  return `${lines.join('\n')}\n`;
}
