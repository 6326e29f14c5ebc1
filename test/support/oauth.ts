import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local stand-ins for OAuth providers, each speaking one provider's dialect (paths, token
 * response format, how the access token is presented, user info shape), so the production
 * passport strategy runs unchanged against loopback. Every request is recorded.
 */
export interface Dialect {
  /** Authorization endpoint path, e.g. `/login/oauth/authorize`. */
  authorize: string;
  token: string;
  /** `form` answers `access_token=…&token_type=bearer` (GitHub's default). */
  tokenFormat?: 'json' | 'form';
  /** User info endpoints: path → body for the logged-in user. */
  userinfo: Record<string, (user: FakeUser) => unknown>;
}

export interface FakeUser {
  id: string;
  email: string;
  name: string;
}

export interface AuthorizeRecord {
  params: URLSearchParams;
}

export interface TokenRecord {
  form: URLSearchParams;
  authorization: string | undefined;
  pkceVerified: boolean | null;
}

export interface FakeProvider {
  url: string;
  /** The user the next authorization logs in (set per test). */
  user: FakeUser;
  authorizations: AuthorizeRecord[];
  tokens: TokenRecord[];
  userinfoCalls: Array<{ path: string; authorization: string | undefined; query: string }>;
  /** Access tokens this server issued, by value. */
  issued: Map<string, FakeUser>;
  close(): Promise<void>;
}

interface Grant {
  redirectUri: string;
  challenge: string | null;
  user: FakeUser;
  clientId: string;
}

/** `trust`: another fake whose access tokens this one's user info accepts (Auth0's custom vs original domain). */
export async function startFakeProvider(dialect: Dialect, client: { id: string; secret: string }, trust?: FakeProvider): Promise<FakeProvider> {
  const grants = new Map<string, Grant>();
  const tokens = trust?.issued ?? new Map<string, FakeUser>();
  const fake: FakeProvider = {
    url: '',
    user: { id: '1', email: 'user@example.test', name: 'User One' },
    authorizations: [],
    tokens: [],
    userinfoCalls: [],
    issued: tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === dialect.authorize) {
      const p = url.searchParams;
      fake.authorizations.push({ params: p });
      const redirect = p.get('redirect_uri');
      if (p.get('client_id') !== client.id || !redirect) return send(400, { error: 'invalid_client' });
      const code = randomBytes(12).toString('hex');
      grants.set(code, { redirectUri: redirect, challenge: p.get('code_challenge'), user: fake.user, clientId: client.id });
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      if (p.get('state')) back.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === dialect.token) {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const grant = grants.get(form.get('code') ?? '');
        const basic = req.headers.authorization?.startsWith('Basic ')
          ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':')
          : null;
        const id = form.get('client_id') ?? basic?.[0];
        const secret = form.get('client_secret') ?? basic?.[1];
        const verifier = form.get('code_verifier');
        const pkceVerified = grant?.challenge ? createHash('sha256').update(verifier ?? '').digest('base64url') === grant.challenge : null;
        fake.tokens.push({ form, authorization: req.headers.authorization, pkceVerified });
        if (!grant || id !== client.id || secret !== client.secret) return send(400, { error: 'invalid_grant' });
        if (form.get('redirect_uri') && form.get('redirect_uri') !== grant.redirectUri) return send(400, { error: 'invalid_grant', error_description: 'redirect_uri' });
        if (pkceVerified === false) return send(400, { error: 'invalid_grant', error_description: 'PKCE' });
        grants.delete(form.get('code')!);
        const access = randomBytes(16).toString('hex');
        tokens.set(access, grant.user);
        if (dialect.tokenFormat === 'form') return send(200, `access_token=${access}&scope=user%3Aemail&token_type=bearer`, 'application/x-www-form-urlencoded');
        return send(200, { access_token: access, token_type: 'Bearer', expires_in: 3600 });
      });
      return;
    }
    const info = dialect.userinfo[url.pathname];
    if (req.method === 'GET' && info) {
      fake.userinfoCalls.push({ path: url.pathname, authorization: req.headers.authorization, query: url.search });
      const presented = req.headers.authorization?.split(' ')[1] ?? url.searchParams.get('access_token') ?? '';
      const user = tokens.get(presented);
      if (!user) return send(401, { error: 'invalid_token' });
      return send(200, info(user));
    }
    send(404, { error: 'not_found', path: url.pathname });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** A tiny cookie jar for driving redirects by hand (fetch with redirect: 'manual'). */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.byHost.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(host, jar);
  }
  header(url: string): string {
    const jar = this.byHost.get(new URL(url).host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  get(url: string, name: string): string | undefined {
    return this.byHost.get(new URL(url).host)?.get(name);
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, res);
    return res;
  }
}

/**
 * Follows redirects (and, for oidc-provider's development login and consent pages, submits
 * their forms) until a response points back to `stopAt` or is not a redirect.
 */
export async function follow(jar: CookieJar, start: string, stopAt: string, login = 'olive'): Promise<{ url: string; res: Response }> {
  let url = start;
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(stopAt)) return { url, res: new Response(null) };
    const res = await jar.fetch(url);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = res.headers.get('content-type')?.includes('text/html') ? await res.text() : '';
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) return { url, res };
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?/g)) fields.set(m[1]!, m[2] ?? '');
    if (fields.has('login')) fields.set('login', login);
    if (fields.has('password')) fields.set('password', 'any');
    const posted = await jar.fetch(new URL(action.replace(/&amp;/g, '&'), url).href, { method: 'POST', body: fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const next = posted.headers.get('location');
    if (!next) return { url, res: posted };
    url = new URL(next, url).href;
  }
  throw new Error(`too many redirects from ${start}`);
}
