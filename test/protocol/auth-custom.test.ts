import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { mountChainlit, type MountedChainlit } from '../../runtime/sdk/index.js';
import { createLogger } from '../../runtime/log.js';
import { SECRET, cookieHeader } from '../support/auth.js';
import { connectClient } from '../support/client.js';
import { CookieJar, follow, startFakeProvider, type FakeProvider } from '../support/oauth.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const PLUGIN = `
import { authenticateUser, createJwt, definePlugin, Message, userSession } from 'chainlit-rt';
import { Strategy } from 'passport-oauth2';

export default definePlugin((options: { idp: string }) => ({
  routes: {
    async 'POST /my-login'(ctx) {
      const { name } = ctx.body as { name: string };
      if (name === 'mallory') { ctx.status = 403; return { ok: false }; }
      const user = await authenticateUser(ctx, { identifier: name, metadata: { via: 'my-login' } });
      return { ok: true, user };
    },
    'POST /token'(ctx) {
      return { token: createJwt({ identifier: (ctx.body as { name: string }).name, display_name: 'Tok', metadata: {} }) };
    },
  },
  oauthProviders: {
    corp: {
      strategy: ({ callbackURL }) => new Strategy(
        { authorizationURL: options.idp + '/authorize', tokenURL: options.idp + '/token', clientID: 'cid', clientSecret: 'csecret', callbackURL, state: true, pkce: true },
        (token: string, _r: string, _p: unknown, done: (e: unknown, u?: unknown) => void) =>
          done(null, { token, rawUserData: { from: 'corp' }, user: { identifier: 'corp-user', metadata: {} } }),
      ),
    },
  },
  async onChatStart() {
    await new Message({ content: 'hi ' + userSession.get('user').identifier }).send();
  },
}));
`;

describe('auth: custom logins from plugins (auth.custom, authenticateUser, createJwt, oauthProviders)', () => {
  let server: TestServer;
  let idp: FakeProvider;
  before(async () => {
    idp = await startFakeProvider({ authorize: '/authorize', token: '/token', userinfo: {} }, { id: 'cid', secret: 'csecret' });
    server = await startServer(writeApp({
      'chainlit.yaml': `name: Custom\nplugins:\n  - module: plugin.ts\n    options: { idp: "${idp.url}" }\nauth:\n  custom: true\n`,
      'plugin.ts': PLUGIN,
      '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n`,
    }));
  });
  after(async () => {
    await server.stop();
    await idp.close();
  });

  it('auth.custom requires login with no built-in method; a plugin route logs users in with authenticateUser', async () => {
    const config = (await (await fetch(`${server.url}/auth/config`)).json()) as Record<string, unknown>;
    expect(config).to.include({ requireLogin: true, passwordAuth: false, headerAuth: false });
    expect((await fetch(`${server.url}/user`)).status).to.equal(401);
    const refused = await fetch(`${server.url}/my-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"mallory"}' });
    expect(refused.status).to.equal(403);
    expect(refused.headers.getSetCookie().some((l) => l.startsWith('access_token='))).to.equal(false);
    const res = await fetch(`${server.url}/my-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"zoe"}' });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { user: { identifier: string } }).user.identifier).to.equal('zoe');
    const cookie = cookieHeader(res);
    const me = await (await fetch(`${server.url}/user`, { headers: { cookie } })).json();
    expect(me).to.deep.equal({ identifier: 'zoe', display_name: null, metadata: { via: 'my-login', provider: 'custom' } });
    const client = await connectClient(server.url, { cookie });
    expect((await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('hi '))).output).to.equal('hi zoe');
    client.close();
  });

  it('createJwt mints a token the REST layer, /auth/jwt and the socket accept', async () => {
    const { token } = (await (await fetch(`${server.url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"tim"}' })).json()) as { token: string };
    const me = await (await fetch(`${server.url}/user`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(me).to.deep.equal({ identifier: 'tim', display_name: 'Tok', metadata: { provider: 'custom' } });
    const jwtLogin = await fetch(`${server.url}/auth/jwt`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(jwtLogin.status).to.equal(200);
    const client = await connectClient(server.url, { auth: { token } });
    expect((await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('hi '))).output).to.equal('hi tim');
    client.close();
  });

  it('a plugin OAuth provider is listed and logs in through the same callback route', async () => {
    const config = (await (await fetch(`${server.url}/auth/config`)).json()) as { oauthProviders: string[] };
    expect(config.oauthProviders).to.deep.equal(['corp']);
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.url}/auth/oauth/corp`);
    expect(start.status).to.equal(307);
    const { url } = await follow(jar, start.headers.get('location')!, `${server.url}/auth/oauth/corp/callback`);
    const callback = await jar.fetch(url);
    expect(callback.status).to.equal(302);
    expect(idp.tokens.at(-1)!.pkceVerified).to.equal(true);
    const me = (await (await jar.fetch(`${server.url}/user`)).json()) as { identifier: string; metadata: Record<string, unknown> };
    expect(me.identifier).to.equal('corp-user');
    expect(me.metadata.provider).to.equal('corp');
  });
});

describe('auth: mountChainlit inside an existing Koa app', () => {
  let host: Server;
  let chat: MountedChainlit;
  let base = '';
  before(async () => {
    const app = new Koa();
    chat = await mountChainlit(app, {
      manifest: writeApp({
        'chainlit.yaml': 'name: Mounted\nplugins: [p.ts]\nauth:\n  custom: true\n',
        'p.ts': "import { definePlugin, Message, userSession } from 'chainlit-rt';\nexport default definePlugin({ async onChatStart() { await new Message({ content: 'mounted for ' + userSession.get('user').identifier }).send(); } });\n",
        '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n`,
      }),
      path: '/chat',
      logger: createLogger({ silent: true }),
    });
    // The host's own login delegates to the mounted app.
    app.use(async (ctx, next) => {
      if (ctx.path !== '/host-login') return next();
      await chat.authenticate(ctx, { identifier: 'hosted', metadata: {} });
      ctx.body = 'logged in';
    });
    app.use((ctx) => {
      ctx.body = `host ${ctx.path}`;
    });
    host = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => host.once('listening', resolve));
    chat.attach(host);
    base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  after(async () => {
    await chat.stop();
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
  });

  it('serves the host outside the path and the app (REST, UI, socket over both transports) inside it', async () => {
    expect(await (await fetch(`${base}/elsewhere`)).text()).to.equal('host /elsewhere');
    const config = (await (await fetch(`${base}/chat/auth/config`)).json()) as { requireLogin: boolean };
    expect(config.requireLogin).to.equal(true);
    expect((await fetch(`${base}/chat/user`)).status).to.equal(401);
    const html = await (await fetch(`${base}/chat/`)).text();
    expect(html).to.include('og:root_path');

    const login = await fetch(`${base}/host-login`);
    const cookie = cookieHeader(login);
    expect(cookie).to.include('access_token=');
    expect(((await (await fetch(`${base}/chat/user`, { headers: { cookie } })).json()) as { identifier: string }).identifier).to.equal('hosted');
    for (const transports of [['websocket'], ['polling']] as const) {
      const client = await connectClient(`${base}/chat`, { cookie, transports: [...transports] });
      expect((await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('mounted'))).output).to.equal('mounted for hosted');
      client.close();
    }
    const anonymous = await connectClient(`${base}/chat`).then(() => null, (e: Error) => e);
    expect(anonymous?.message).to.equal('authentication failed');
  });
});
