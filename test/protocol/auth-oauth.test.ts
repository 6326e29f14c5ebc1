import { expect } from 'chai';
import { SECRET } from '../support/auth.js';
import { CookieJar, follow, startFakeProvider, type Dialect, type FakeProvider, type FakeUser } from '../support/oauth.js';
import { startOidcProvider, type OidcServer } from '../support/oidc.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const CLIENT = { id: 'client-id', secret: 'client-secret' };

const oidcInfo = (u: FakeUser) => ({ sub: u.id, email: u.email, name: u.name, picture: `https://img.test/${u.id}.png` });

/** Each provider's dialect as its documentation describes it. */
const DIALECTS: Record<string, Dialect> = {
  github: {
    authorize: '/login/oauth/authorize',
    token: '/login/oauth/access_token',
    tokenFormat: 'form',
    userinfo: {
      '/api/v3/user': (u) => ({ id: Number(u.id), login: u.name.toLowerCase().replace(/\s+/g, '-'), name: u.name, avatar_url: `https://img.test/${u.id}.png` }),
      '/api/v3/user/emails': (u) => [{ email: u.email, primary: true, verified: true }],
    },
  },
  google: { authorize: '/o/oauth2/v2/auth', token: '/token', userinfo: { '/oauth2/v3/userinfo': oidcInfo } },
  'azure-ad': {
    authorize: '/tenant-1/oauth2/v2.0/authorize',
    token: '/tenant-1/oauth2/v2.0/token',
    userinfo: { '/v1.0/me/': (u) => ({ id: u.id, displayName: u.name, userPrincipalName: u.email, mail: u.email }) },
  },
  okta: { authorize: '/oauth2/aus1/v1/authorize', token: '/oauth2/aus1/v1/token', userinfo: { '/oauth2/aus1/v1/userinfo': oidcInfo } },
  auth0: { authorize: '/authorize', token: '/oauth/token', userinfo: {} },
  auth0original: { authorize: '/unused', token: '/unused', userinfo: { '/userinfo': oidcInfo } },
  descope: { authorize: '/oauth2/v1/authorize', token: '/oauth2/v1/token', userinfo: { '/oauth2/v1/userinfo': oidcInfo } },
  'aws-cognito': { authorize: '/oauth2/authorize', token: '/oauth2/token', userinfo: { '/oauth2/userInfo': oidcInfo } },
  gitlab: {
    authorize: '/oauth/authorize',
    token: '/oauth/token',
    userinfo: { '/api/v4/user': (u) => ({ id: Number(u.id), username: 'gl', email: u.email, name: u.name, avatar_url: 'https://img.test/gl.png' }) },
  },
  keycloak: {
    authorize: '/realms/myrealm/protocol/openid-connect/auth',
    token: '/realms/myrealm/protocol/openid-connect/token',
    userinfo: { '/realms/myrealm/protocol/openid-connect/userinfo': oidcInfo },
  },
};

const PLUGIN = `
import { definePlugin } from 'chainlit-rt';
export default definePlugin({
  oauthCallback(providerId, token, raw, defaultUser) {
    if (defaultUser.identifier.startsWith('denied')) return null;
    return { ...defaultUser, metadata: { ...defaultUser.metadata, via: providerId, tokenLength: token.length, rawKeys: Object.keys(raw).sort().join(',') } };
  },
});
`;

describe('auth: OAuth providers against local servers speaking their dialects', function () {
  this.timeout(60_000);
  const fakes: Record<string, FakeProvider> = {};
  let oidc: OidcServer;
  let server: TestServer;

  before(async () => {
    for (const [id, dialect] of Object.entries(DIALECTS)) fakes[id] = await startFakeProvider(dialect, CLIENT, id === 'auth0original' ? fakes.auth0 : undefined);
    oidc = await startOidcProvider();
    const env = [
      `CHAINLIT_AUTH_SECRET=${SECRET}`,
      'OAUTH_PROMPT=consent',
      'OAUTH_GITHUB_PROMPT=select_account',
      `OAUTH_GITHUB_ENTERPRISE_URL=${fakes.github!.url}`,
      `OAUTH_GOOGLE_AUTH_URL=${fakes.google!.url}/o/oauth2/v2/auth`,
      `OAUTH_GOOGLE_TOKEN_URL=${fakes.google!.url}/token`,
      `OAUTH_GOOGLE_USER_INFO_URL=${fakes.google!.url}/oauth2/v3/userinfo`,
      'OAUTH_AZURE_AD_TENANT_ID=tenant-1',
      'OAUTH_AZURE_AD_ENABLE_SINGLE_TENANT=true',
      `OAUTH_AZURE_AD_AUTHORITY_URL=${fakes['azure-ad']!.url}`,
      `OAUTH_AZURE_AD_GRAPH_URL=${fakes['azure-ad']!.url}`,
      `OAUTH_OKTA_DOMAIN=${fakes.okta!.url}`,
      'OAUTH_OKTA_AUTHORIZATION_SERVER_ID=aus1',
      `OAUTH_AUTH0_DOMAIN=${fakes.auth0!.url}`,
      `OAUTH_AUTH0_ORIGINAL_DOMAIN=${fakes.auth0original!.url}`,
      `OAUTH_DESCOPE_BASE_URL=${fakes.descope!.url}`,
      `OAUTH_COGNITO_DOMAIN=${fakes['aws-cognito']!.url}`,
      `OAUTH_GITLAB_DOMAIN=${fakes.gitlab!.url}`,
      `OAUTH_KEYCLOAK_BASE_URL=${fakes.keycloak!.url}`,
      'OAUTH_KEYCLOAK_REALM=myrealm',
      'OAUTH_KEYCLOAK_NAME=my-kc',
      `OAUTH_GENERIC_ISSUER=${oidc.issuer}`,
    ];
    for (const prefix of ['GITHUB', 'GOOGLE', 'AZURE_AD', 'OKTA', 'AUTH0', 'DESCOPE', 'COGNITO', 'GITLAB', 'KEYCLOAK', 'GENERIC']) {
      env.push(`OAUTH_${prefix}_CLIENT_ID=${CLIENT.id}`, `OAUTH_${prefix}_CLIENT_SECRET=${CLIENT.secret}`);
    }
    server = await startServer(writeApp({ 'chainlit.yaml': 'name: OAuth\nplugins: [plugin.ts]\n', 'plugin.ts': PLUGIN, '.env': `${env.join('\n')}\n` }));
    oidc.register({ ...CLIENT, redirectUris: [`${server.url}/auth/oauth/generic/callback`] });
  });
  after(async () => {
    await server.stop();
    await Promise.all([...Object.values(fakes).map((f) => f.close()), oidc.close()]);
  });

  /** Browser-like run: start, provider, callback; returns the jar and the final callback response. */
  async function logIn(id: string, returnTo?: string): Promise<{ jar: CookieJar; callback: Response }> {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.url}/auth/oauth/${id}${returnTo ? `?redirect=${encodeURIComponent(returnTo)}` : ''}`);
    expect(start.status, `start ${id}`).to.equal(307);
    expect(jar.get(server.url, 'oauth_state'), 'state cookie').to.be.a('string');
    const { url } = await follow(jar, start.headers.get('location')!, `${server.url}/auth/oauth/${id}/callback`);
    const callback = await jar.fetch(url);
    return { jar, callback };
  }

  it('lists every configured provider in /auth/config (keycloak renamed by OAUTH_KEYCLOAK_NAME)', async () => {
    const config = (await (await fetch(`${server.url}/auth/config`)).json()) as { requireLogin: boolean; oauthProviders: string[] };
    expect(config.requireLogin).to.equal(true);
    expect(config.oauthProviders).to.have.members(['github', 'google', 'azure-ad', 'okta', 'auth0', 'descope', 'aws-cognito', 'gitlab', 'my-kc', 'generic']);
  });

  const expectations: Array<{ id: string; fake: string; identifier: (u: FakeUser) => string; scope: string }> = [
    { id: 'github', fake: 'github', identifier: () => 'ada-lovelace', scope: 'user:email' },
    { id: 'google', fake: 'google', identifier: (u) => u.email, scope: 'openid profile email' },
    { id: 'azure-ad', fake: 'azure-ad', identifier: (u) => u.email, scope: 'user.read offline_access' },
    { id: 'okta', fake: 'okta', identifier: (u) => u.email, scope: 'openid profile email' },
    { id: 'auth0', fake: 'auth0', identifier: (u) => u.email, scope: 'openid profile email' },
    { id: 'descope', fake: 'descope', identifier: (u) => u.email, scope: 'openid profile email' },
    { id: 'aws-cognito', fake: 'aws-cognito', identifier: (u) => u.email, scope: 'openid profile email' },
    { id: 'gitlab', fake: 'gitlab', identifier: (u) => u.email, scope: 'read_user' },
    { id: 'my-kc', fake: 'keycloak', identifier: (u) => u.email, scope: 'profile email openid' },
  ];

  for (const e of expectations) {
    it(`${e.id}: state, PKCE, prompt, code exchange, user info, oauthCallback, login cookie`, async () => {
      const fake = fakes[e.fake]!;
      fake.user = { id: '42', email: `ada@${e.fake}.test`, name: 'Ada Lovelace' };
      if (e.id === 'auth0') fakes.auth0original!.user = fake.user;
      const { jar, callback } = await logIn(e.id, '/thread/abc');
      expect(callback.status, await callback.clone().text()).to.equal(302);
      expect(callback.headers.get('location')).to.equal('/login/callback?success=True&redirect=%2Fthread%2Fabc');
      expect(jar.get(server.url, 'oauth_state'), 'state cookie is single-use').to.equal(undefined);

      const auth = fake.authorizations.at(-1)!.params;
      expect(auth.get('state')).to.match(/.{16,}/);
      expect(auth.get('code_challenge_method')).to.equal('S256');
      expect(auth.get('redirect_uri')).to.equal(`${server.url}/auth/oauth/${e.id}/callback`);
      expect(auth.get('prompt')).to.equal(e.id === 'github' ? 'select_account' : 'consent');
      expect(auth.get('scope')?.split(/[ ,]/).join(' ')).to.equal(e.scope.split(' ').join(' '));
      if (e.id === 'auth0') {
        expect(auth.get('audience')).to.equal(`${fakes.auth0original!.url}/userinfo`);
        expect(fakes.auth0original!.userinfoCalls.at(-1)?.authorization).to.match(/^Bearer /);
      }
      if (e.id === 'okta') expect(auth.get('response_mode')).to.equal('query');
      expect(fake.tokens.at(-1)!.pkceVerified).to.equal(true);

      const me = (await (await jar.fetch(`${server.url}/user`)).json()) as { identifier: string; metadata: Record<string, unknown> };
      expect(me.identifier).to.equal(e.identifier(fake.user));
      expect(me.metadata.provider).to.equal(e.id);
      expect(me.metadata.via).to.equal(e.id);
      expect(me.metadata.tokenLength).to.equal(32);
    });
  }

  it('generic: OpenID Connect discovery against a real provider (oidc-provider), with its login and consent pages', async () => {
    const { jar, callback } = await logIn('generic');
    expect(callback.status, await callback.clone().text()).to.equal(302);
    expect(callback.headers.get('location')).to.equal('/login/callback?success=True');
    const me = (await (await jar.fetch(`${server.url}/user`)).json()) as { identifier: string; display_name: string; metadata: Record<string, unknown> };
    expect(me.identifier).to.equal('olive@example.test');
    expect(me.display_name).to.equal('Name of olive');
    expect(me.metadata.provider).to.equal('generic');
    expect(String(me.metadata.rawKeys)).to.include('sub');
  });

  it('oauthCallback returning nothing refuses the login (back to /login with an error)', async () => {
    fakes.google!.user = { id: '7', email: 'denied@google.test', name: 'No' };
    const { jar, callback } = await logIn('google');
    expect(callback.status).to.equal(307);
    expect(callback.headers.get('location')).to.equal(`${server.url}/login?error=credentialssignin`);
    expect((await jar.fetch(`${server.url}/user`)).status).to.equal(401);
  });

  it('refuses a state that does not match the cookie, a missing or foreign state cookie, and a missing code', async () => {
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.url}/auth/oauth/okta`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const back = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callback = new URL(back.headers.get('location')!);
    const code = callback.searchParams.get('code')!;

    const forged = await jar.fetch(`${server.url}/auth/oauth/okta/callback?code=${code}&state=${state}x`);
    expect(forged.status).to.equal(401);
    expect(await forged.json()).to.deep.equal({ detail: 'Unauthorized' });
    expect(jar.get(server.url, 'oauth_state'), 'cookie cleared after a failed check').to.equal(undefined);

    const noCookie = await fetch(`${server.url}/auth/oauth/okta/callback?code=${code}&state=${state}`, { redirect: 'manual' });
    expect(noCookie.status).to.equal(401);

    const other = new CookieJar();
    await other.fetch(`${server.url}/auth/oauth/descope`);
    const foreign = await other.fetch(`${server.url}/auth/oauth/okta/callback?code=${code}&state=${state}`);
    expect(foreign.status).to.equal(401);

    const noCode = await fetch(`${server.url}/auth/oauth/okta/callback?state=${state}`, { redirect: 'manual' });
    expect(noCode.status).to.equal(400);
    expect(await noCode.json()).to.deep.equal({ detail: 'Missing code or state' });
    const denied = await fetch(`${server.url}/auth/oauth/okta/callback?error=access_denied`, { redirect: 'manual' });
    expect(denied.status).to.equal(307);
    expect(denied.headers.get('location')).to.equal(`${server.url}/login?error=access_denied`);
  });

  it('never redirects off-site after login, whatever the redirect parameter says', async () => {
    for (const evil of ['https://evil.test/x', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '/ok\r\nLocation: https://evil.test']) {
      fakes.okta!.user = { id: '9', email: 'eve@okta.test', name: 'Eve' };
      const { callback } = await logIn('okta', evil);
      expect(callback.status, evil).to.equal(302);
      expect(callback.headers.get('location'), evil).to.equal('/login/callback?success=True');
    }
  });

  it('404s for unknown or unconfigured providers', async () => {
    expect((await fetch(`${server.url}/auth/oauth/facebook`, { redirect: 'manual' })).status).to.equal(404);
    expect((await fetch(`${server.url}/auth/oauth/keycloak`, { redirect: 'manual' })).status).to.equal(404);
    expect((await fetch(`${server.url}/auth/oauth/azure-ad-hybrid`, { redirect: 'manual' })).status).to.equal(404);
  });
});

describe('auth: OAuth settings from the manifest and CHAINLIT_URL', function () {
  this.timeout(60_000);
  let oidc: OidcServer;
  let server: TestServer;
  before(async () => {
    oidc = await startOidcProvider();
    // Chainlit's explicit generic provider (no discovery), declared in the manifest: no oauthCallback needed.
    const manifest = [
      'name: Explicit',
      'auth:',
      '  oauth:',
      '    generic:',
      '      client_id: ${CID}',
      '      client_secret: ${CSECRET}',
      '      scopes: [openid, email, profile]',
      '      prompt: login',
      '      settings:',
      `        auth_url: ${oidc.issuer}/auth`,
      `        token_url: ${oidc.issuer}/token`,
      `        user_info_url: ${oidc.issuer}/me`,
      '        name: corp',
      '',
    ].join('\n');
    server = await startServer(writeApp({ 'chainlit.yaml': manifest, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\nCID=${CLIENT.id}\nCSECRET=${CLIENT.secret}\n` }));
    oidc.register({ ...CLIENT, redirectUris: [`${server.url}/auth/oauth/corp/callback`] });
  });
  after(async () => {
    await server.stop();
    await oidc.close();
  });

  it('logs in through explicit endpoints (passport-oauth2 + user info) under the renamed id, default user accepted', async () => {
    const config = (await (await fetch(`${server.url}/auth/config`)).json()) as { oauthProviders: string[] };
    expect(config.oauthProviders).to.deep.equal(['corp']);
    const jar = new CookieJar();
    const start = await jar.fetch(`${server.url}/auth/oauth/corp`);
    expect(start.status).to.equal(307);
    const authorize = new URL(start.headers.get('location')!).searchParams;
    expect(authorize.get('prompt'), 'auth.oauth.generic.prompt').to.equal('login');
    expect(authorize.get('scope'), 'auth.oauth.generic.scopes').to.equal('openid email profile');
    const { url } = await follow(jar, start.headers.get('location')!, `${server.url}/auth/oauth/corp/callback`, 'ivy');
    const callback = await jar.fetch(url);
    expect(callback.status, await callback.clone().text()).to.equal(302);
    const me = (await (await jar.fetch(`${server.url}/user`)).json()) as { identifier: string; metadata: Record<string, unknown> };
    expect(me.identifier).to.equal('ivy@example.test');
    expect(me.metadata.provider).to.equal('corp');
  });

  it('a declared provider with missing settings refuses to start, naming what is missing', async () => {
    const manifest = 'name: Broken\nauth:\n  oauth:\n    okta:\n      client_id: x\n      client_secret: y\n';
    const err = await startServer(writeApp({ 'chainlit.yaml': manifest, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` })).then(() => null, (e: Error) => e);
    expect(err?.message).to.include('auth.oauth.okta').and.include('OAUTH_OKTA_DOMAIN');
    const unknown = 'name: Broken\nauth:\n  oauth:\n    okta:\n      client_id: x\n      client_secret: y\n      settings: { domain: a.test, realm: r }\n';
    const err2 = await startServer(writeApp({ 'chainlit.yaml': unknown, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` })).then(() => null, (e: Error) => e);
    expect(err2?.message).to.include('auth.oauth.okta.settings.realm');
    const hybrid = 'name: Hybrid\nauth:\n  oauth:\n    azure-ad-hybrid: { client_id: x, client_secret: y }\n';
    const err3 = await startServer(writeApp({ 'chainlit.yaml': hybrid, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` })).then(() => null, (e: Error) => e);
    expect(err3?.message).to.include('auth.oauth.azure-ad-hybrid').and.include('not available');
  });

  it('builds redirect_uri from CHAINLIT_URL and the root path', async () => {
    const env = `CHAINLIT_AUTH_SECRET=${SECRET}\nCHAINLIT_URL=https://chat.example.test/\nOAUTH_OKTA_CLIENT_ID=a\nOAUTH_OKTA_CLIENT_SECRET=b\nOAUTH_OKTA_DOMAIN=okta.example.test\n`;
    const app = await startServer(writeApp({ 'chainlit.yaml': 'name: Proxy\nauth:\n  oauth:\n    okta: {}\n', '.env': env }), { rootPath: '/chat' });
    try {
      const res = await fetch(`${app.url}/auth/oauth/okta`, { redirect: 'manual' });
      expect(res.status).to.equal(307);
      const location = new URL(res.headers.get('location')!);
      expect(location.origin + location.pathname).to.equal('https://okta.example.test/oauth2/default/v1/authorize');
      expect(location.searchParams.get('redirect_uri')).to.equal('https://chat.example.test/chat/auth/oauth/okta/callback');
      const state = res.headers.getSetCookie().find((l) => l.startsWith('oauth_state='))!;
      expect(state).to.match(/HttpOnly/i).and.match(/SameSite=Lax/i).and.match(/Max-Age=180/);
    } finally {
      await app.stop();
    }
  });
});
