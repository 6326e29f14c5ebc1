import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import { createApp } from '../../runtime/app.js';
import { ChainlitRtError } from '../../runtime/errors.js';
import { createLogger } from '../../runtime/log.js';
import { connectClient } from '../support/client.js';
import { SECRET, cookieHeader, login, manifestUsers, setCookies } from '../support/auth.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const PLUGIN = `
import { definePlugin, Message, userSession, context } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() {
    const user = userSession.get('user');
    await new Message({ content: 'hello ' + user.identifier + ' / ' + context.session.user.identifier }).send();
  },
  setStarters(user) { return [{ label: 'for ' + (user ? user.identifier : 'nobody'), message: 'hi' }]; },
  setChatProfiles(user) { return [{ name: 'p-' + (user ? user.identifier : 'none'), markdownDescription: 'x' }]; },
  async passwordAuth(username, password) {
    if (username === 'big' && password === 'big') return { identifier: 'big', metadata: { nonce: Math.random(), blob: 'x'.repeat(5000) } };
    if (username === 'hooked' && password === 'pw') return { identifier: 'hooked', metadata: { role: 'admin' } };
    return null;
  },
  onLogout(ctx) {
    ctx.setHeader('Set-Cookie', 'plugin_cookie=; Max-Age=0; Path=/');
    return { bye: true };
  },
});
`;

async function app(extraManifest = '', env = `CHAINLIT_AUTH_SECRET=${SECRET}\n`): Promise<string> {
  const users = await manifestUsers([{ identifier: 'alice', password: 'wonderland', display_name: 'Alice' }, { identifier: 'bob', password: 'builder' }]);
  return writeApp({
    'chainlit.yaml': `name: Auth\nplugins: [plugin.ts]\nproject:\n  user_session_timeout: 3600\n${users}${extraManifest}`,
    'plugin.ts': PLUGIN,
    '.env': env,
  });
}

function forge(payload: Record<string, unknown>, secret = SECRET, options: jwt.SignOptions = { algorithm: 'HS256', expiresIn: 600 }): string {
  return jwt.sign(payload, secret, options);
}

describe('auth: server core (password, cookie, JWT, socket)', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(await app());
  });
  after(() => server.stop());

  it('tells the truth in /auth/config and refuses anonymous callers', async () => {
    const config = (await (await fetch(`${server.url}/auth/config`)).json()) as Record<string, unknown>;
    expect(config).to.include({ requireLogin: true, passwordAuth: true, headerAuth: false });
    expect(config.oauthProviders).to.deep.equal([]);
    const user = await fetch(`${server.url}/user`);
    expect(user.status).to.equal(401);
    expect(await user.json()).to.deep.equal({ detail: 'Invalid authentication token' });
    expect((await fetch(`${server.url}/project/settings?language=en-US`)).status).to.equal(401);
    const err = await connectClient(server.url).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('authentication failed');
  });

  it('logs in a manifest user with a multipart form and sets an httpOnly Lax cookie for user_session_timeout', async () => {
    const bad = await login(server.url, 'alice', 'wrong');
    expect(bad.status).to.equal(401);
    expect(await bad.json()).to.deep.equal({ detail: 'credentialssignin' });
    expect(bad.headers.getSetCookie().some((l) => l.startsWith('access_token'))).to.equal(false);

    const ok = await login(server.url, 'alice', 'wonderland');
    expect(ok.status).to.equal(200);
    expect(await ok.json()).to.deep.equal({ success: true });
    const line = setCookies(ok).get('access_token')!;
    expect(line).to.match(/; HttpOnly/i).and.match(/; SameSite=Lax/i).and.match(/; Path=\//).and.match(/; Max-Age=3600/);
    expect(line).to.not.match(/; Secure/i);
    const user = await (await fetch(`${server.url}/user`, { headers: { cookie: cookieHeader(ok) } })).json();
    expect(user).to.deep.equal({ identifier: 'alice', display_name: 'Alice', metadata: { provider: 'credentials' } });
  });

  it('accepts URL-encoded forms, refuses a wrong grant_type and missing fields with 422', async () => {
    const urlencoded = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'bob', password: 'builder', grant_type: 'password' }) });
    expect(urlencoded.status).to.equal(200);
    const grant = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'bob', password: 'builder', grant_type: 'client_credentials' }) });
    expect(grant.status).to.equal(422);
    const missing = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ username: 'bob' }) });
    expect(missing.status).to.equal(422);
    expect(((await missing.json()) as { detail: Array<{ loc: string[] }> }).detail[0]!.loc).to.deep.equal(['body', 'password']);
  });

  it('asks the passwordAuth hook for users the manifest does not list', async () => {
    const ok = await login(server.url, 'hooked', 'pw');
    expect(ok.status).to.equal(200);
    const user = (await (await fetch(`${server.url}/user`, { headers: { cookie: cookieHeader(ok) } })).json()) as Record<string, unknown>;
    expect(user).to.deep.equal({ identifier: 'hooked', display_name: null, metadata: { role: 'admin', provider: 'credentials' } });
    // A listed user is decided by the manifest alone.
    expect((await login(server.url, 'alice', 'pw')).status).to.equal(401);
  });

  it('refuses forged, expired, tampered and foreign tokens on REST and on the socket', async () => {
    const user = { identifier: 'alice', display_name: 'Alice', metadata: {} };
    const valid = forge(user);
    const [head, body, sig] = valid.split('.') as [string, string, string];
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...user, identifier: 'bob', exp: 9999999999 })).toString('base64url')}.${sig}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
    const cases: Record<string, string> = {
      'alg none': none,
      'wrong secret': forge(user, 'another-secret'),
      expired: forge({ ...user, exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, { algorithm: 'HS256' }),
      'no exp': forge(user, SECRET, { algorithm: 'HS256' }),
      tampered,
      'HS512 with our secret': forge(user, SECRET, { algorithm: 'HS512', expiresIn: 600 }),
      garbage: 'not-a-jwt',
    };
    for (const [name, token] of Object.entries(cases)) {
      const viaCookie = await fetch(`${server.url}/user`, { headers: { cookie: `access_token=${token}` } });
      expect(viaCookie.status, name).to.equal(401);
      const viaBearer = await fetch(`${server.url}/user`, { headers: { authorization: `Bearer ${token}` } });
      expect(viaBearer.status, name).to.equal(401);
      const socket = await connectClient(server.url, { cookie: `access_token=${token}` }).then(() => null, (e: Error) => e);
      expect(socket?.message, name).to.equal('authentication failed');
    }
    // The control: the same construction with our secret passes.
    expect((await fetch(`${server.url}/user`, { headers: { cookie: `access_token=${valid}` } })).status).to.equal(200);
  });

  it('chunks a long token into access_token_0..n, reads it back, and refuses mixed chunks', async () => {
    const big = await login(server.url, 'big', 'big');
    expect(big.status).to.equal(200);
    const lines = setCookies(big);
    const names = [...lines.keys()].filter((n) => n.startsWith('access_token')).sort();
    expect(names.length).to.be.greaterThan(1);
    expect(names).to.deep.equal(names.map((_, i) => `access_token_${i}`));
    for (const line of lines.values()) expect(line.split(';')[0]!.length).to.be.below(3100);
    const cookie = cookieHeader(big);
    expect(((await (await fetch(`${server.url}/user`, { headers: { cookie } })).json()) as { identifier: string }).identifier).to.equal('big');

    const other = cookieHeader(await login(server.url, 'big', 'big'));
    const chunk = (c: string, i: number) => c.split('; ').find((p) => p.startsWith(`access_token_${i}=`))!;
    // Each token carries a random nonce early in its payload, so chunk 0 differs between them.
    expect(chunk(cookie, 0)).to.not.equal(chunk(other, 0));
    const mixed = names.map((_, i) => chunk(i === 0 ? cookie : other, i)).join('; ');
    expect((await fetch(`${server.url}/user`, { headers: { cookie: mixed } })).status).to.equal(401);
    expect((await fetch(`${server.url}/user`, { headers: { cookie: other } })).status).to.equal(200);
    const foreign = forge({ identifier: 'x', metadata: { blob: 'y'.repeat(5000) } }, 'another-secret');
    const foreignMixed = `${chunk(cookie, 0)}; access_token_1=${foreign.slice(3000, 6000)}; access_token_2=${foreign.slice(6000)}`;
    expect((await fetch(`${server.url}/user`, { headers: { cookie: foreignMixed } })).status).to.equal(401);

    // Logging in again with a short token deletes the stale chunks.
    const small = await login(server.url, 'alice', 'wonderland', { cookie });
    const after = setCookies(small);
    expect(after.get('access_token')).to.match(/^access_token=ey/);
    expect(after.get('access_token_0')).to.match(/Max-Age=0/);
    expect(after.get('access_token_1')).to.match(/Max-Age=0/);
  });

  it('authenticates the socket from the cookie or the handshake token; the user reaches plugins', async () => {
    const ok = await login(server.url, 'alice', 'wonderland');
    const cookie = cookieHeader(ok);
    const client = await connectClient(server.url, { cookie });
    const hello = await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('hello '));
    expect(hello.output).to.equal('hello alice / alice');
    client.close();

    const token = cookie.split('; ').find((p) => p.startsWith('access_token='))!.slice('access_token='.length);
    const viaToken = await connectClient(server.url, { auth: { token } });
    expect((await viaToken.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('hello '))).output).to.equal('hello alice / alice');
    viaToken.close();

    const settings = (await (await fetch(`${server.url}/project/settings?language=en-US`, { headers: { cookie } })).json()) as {
      starters: Array<{ label: string }>;
      chatProfiles: Array<{ name: string }>;
    };
    expect(settings.starters.map((s) => s.label)).to.deep.equal(['for alice']);
    expect(settings.chatProfiles.map((p) => p.name)).to.deep.equal(['p-alice']);
  });

  it('refuses to restore another user’s session, and lets the owner back in', async () => {
    const alice = cookieHeader(await login(server.url, 'alice', 'wonderland'));
    const bob = cookieHeader(await login(server.url, 'bob', 'builder'));
    const first = await connectClient(server.url, { cookie: alice });
    await first.waitFor('new_message', (m: { output: string }) => m.output.startsWith('hello'));
    first.close();
    const stolen = await connectClient(server.url, { sessionId: first.sessionId, browserKey: first.browserKey, cookie: bob }).then(() => null, (e: Error) => e);
    expect(stolen?.message).to.equal('authorization failed');
    const back = await connectClient(server.url, { sessionId: first.sessionId, browserKey: 'another-browser', cookie: alice });
    back.close();
  });

  it('POST /auth/jwt logs in the bearer of a token signed with the secret', async () => {
    const post = (headers: Record<string, string>) => fetch(`${server.url}/auth/jwt`, { method: 'POST', headers });
    expect(await (await post({})).json()).to.deep.equal({ detail: 'Authorization header missing' });
    expect(await (await post({ authorization: 'Bearer' })).json()).to.deep.equal({ detail: 'Invalid authorization header format' });
    expect(await (await post({ authorization: 'Basic abc' })).json()).to.deep.equal({ detail: 'Invalid authentication scheme. Please use Bearer' });
    const foreign = await post({ authorization: `Bearer ${forge({ identifier: 'eve', metadata: {} }, 'nope')}` });
    expect(foreign.status).to.equal(401);
    expect(await foreign.json()).to.deep.equal({ detail: 'Invalid token' });
    const ok = await post({ authorization: `Bearer ${forge({ identifier: 'carol', display_name: 'Carol', metadata: { team: 'x' } })}` });
    expect(ok.status).to.equal(200);
    const me = await (await fetch(`${server.url}/user`, { headers: { cookie: cookieHeader(ok) } })).json();
    expect(me).to.deep.equal({ identifier: 'carol', display_name: 'Carol', metadata: { team: 'x' } });
  });

  it('logout clears every auth cookie and returns what onLogout returns', async () => {
    const big = cookieHeader(await login(server.url, 'big', 'big'));
    const out = await fetch(`${server.url}/logout`, { method: 'POST', headers: { cookie: big, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).to.equal(200);
    expect(await out.json()).to.deep.equal({ bye: true });
    const lines = setCookies(out);
    for (const name of ['access_token', 'access_token_0', 'access_token_1', 'access_token_2']) expect(lines.get(name), name).to.match(/Max-Age=0/);
    expect(lines.get('plugin_cookie')).to.match(/Max-Age=0/);
  });
});

describe('auth: login rate limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(await app());
  });
  after(() => server.stop());

  it('refuses a username after 5 failures with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login(server.url, 'bob', `wrong${i}`)).status).to.equal(401);
    const blocked = await login(server.url, 'bob', 'builder');
    expect(blocked.status).to.equal(429);
    expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
    // Another user from the same address is not blocked yet.
    expect((await login(server.url, 'alice', 'wonderland')).status).to.equal(200);
  });

  it('refuses an address after 20 failures whatever the username', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await login(server.url, `nobody${i}`, 'x');
      if (res.status === 429) break;
      expect(res.status).to.equal(401);
    }
    const blocked = await login(server.url, 'alice', 'wonderland');
    expect(blocked.status).to.equal(429);
    expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
  });
});

describe('auth: configuration', () => {
  const silent = createLogger({ silent: true });

  it('refuses to start when login is on without a secret, naming chainlit-rt create-secret', async () => {
    const err = await createApp({ manifestPath: await app('', ''), port: 0, logger: silent }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(ChainlitRtError);
    expect((err as ChainlitRtError).code).to.equal('CRT_CONFIG');
    expect((err as Error).message).to.include('chainlit-rt create-secret').and.include('password');
  });

  it('a hook alone turns login on (and needs the secret too)', async () => {
    const manifest = writeApp({
      'chainlit.yaml': 'name: Hook\nplugins: [p.ts]\n',
      'p.ts': "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({ headerAuth: (h) => (h['x-user'] ? { identifier: String(h['x-user']), metadata: {} } : null) });\n",
    });
    const err = await createApp({ manifestPath: manifest, port: 0, logger: silent }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.include('header').and.include('chainlit-rt create-secret');
  });

  it('refuses plain-text passwords and bad SameSite values in the manifest', async () => {
    const plain = writeApp({ 'chainlit.yaml': 'name: P\nauth:\n  password:\n    users:\n      - identifier: a\n        password_hash: hunter2\n', '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` });
    const err = await createApp({ manifestPath: plain, port: 0, logger: silent }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.include('auth.password.users[0].password_hash').and.include('chainlit-rt hash-password');
    expect((err as Error).message).to.not.include('hunter2');
    const samesite = await app('', `CHAINLIT_AUTH_SECRET=${SECRET}\nCHAINLIT_COOKIE_SAMESITE=sideways\n`);
    const err2 = await createApp({ manifestPath: samesite, port: 0, logger: silent }).then(() => null, (e: unknown) => e);
    expect((err2 as Error).message).to.include('auth.cookie_samesite').and.include('CHAINLIT_COOKIE_SAMESITE');
  });

  it('SameSite=None (env or manifest) makes the cookie Secure; the cookie name follows CHAINLIT_AUTH_COOKIE_NAME', async () => {
    const viaEnv = await startServer(await app('', `CHAINLIT_AUTH_SECRET=${SECRET}\nCHAINLIT_COOKIE_SAMESITE=none\nCHAINLIT_AUTH_COOKIE_NAME=my_auth\n`));
    try {
      const res = await login(viaEnv.url, 'alice', 'wonderland');
      const line = setCookies(res).get('my_auth')!;
      expect(line).to.match(/; SameSite=None/i).and.match(/; Secure/i).and.match(/; HttpOnly/i);
      expect((await fetch(`${viaEnv.url}/user`, { headers: { cookie: cookieHeader(res) } })).status).to.equal(200);
    } finally {
      await viaEnv.stop();
    }
    const viaManifest = await startServer(await app('  cookie_samesite: strict\n'));
    try {
      const line = setCookies(await login(viaManifest.url, 'alice', 'wonderland')).get('access_token')!;
      expect(line).to.match(/; SameSite=Strict/i).and.not.match(/; Secure/i);
    } finally {
      await viaManifest.stop();
    }
  });
});

describe('auth: declared login never serves anonymously', () => {
  it('auth.secret in the manifest is enough (no environment variable)', async () => {
    const users = await manifestUsers([{ identifier: 'alice', password: 'wonderland' }]);
    const server = await startServer(writeApp({ 'chainlit.yaml': `name: S\nauth:\n  secret: manifest-secret-0123456789\n${users.replace('auth:\n', '')}` }));
    try {
      const ok = await login(server.url, 'alice', 'wonderland');
      expect(ok.status).to.equal(200);
      const token = cookieHeader(ok).split('; ').find((p) => p.startsWith('access_token='))!.slice('access_token='.length);
      expect(jwt.verify(token, 'manifest-secret-0123456789', { algorithms: ['HS256'] })).to.include({ identifier: 'alice' });
    } finally {
      await server.stop();
    }
  });

  it('a hot reload that would turn login on without a secret is refused; the app keeps serving as before', async () => {
    const lines: string[] = [];
    let wake: () => void = () => undefined;
    const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(line); wake(); } });
    const manifest = writeApp({ 'chainlit.yaml': 'name: Reload\nplugins: [p.ts]\n', 'p.ts': "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({});\n" });
    const server = await startServer(manifest, { watch: true, logger });
    try {
      expect(((await (await fetch(`${server.url}/auth/config`)).json()) as { requireLogin: boolean }).requireLogin).to.equal(false);
      const failed = new Promise<void>((resolve) => {
        wake = () => { if (lines.some((l) => l.includes('reload failed'))) resolve(); };
      });
      writeFileSync(join(dirname(manifest), 'p.ts'), "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({ passwordAuth: () => ({ identifier: 'anyone', metadata: {} }) });\n");
      await failed;
      expect(lines.find((l) => l.includes('reload failed'))).to.include('chainlit-rt create-secret');
      const config = (await (await fetch(`${server.url}/auth/config`)).json()) as { requireLogin: boolean; passwordAuth: boolean };
      expect(config).to.include({ requireLogin: false, passwordAuth: false });
      expect((await login(server.url, 'anyone', 'x')).status).to.equal(400);
    } finally {
      await server.stop();
    }
  });
});
