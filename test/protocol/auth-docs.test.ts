import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET, cookieHeader, login } from '../support/auth.js';
import { connectClient } from '../support/client.js';
import { CookieJar, follow, startFakeProvider, type FakeProvider } from '../support/oauth.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';

/**
 * docs/auth.md's runnable examples: every block whose first line is `# chainlit.yaml
 * (example: NAME)` or `// plugin.ts (example: NAME)` is written into an app, started, and
 * logged in with as the page says.
 */
function docExamples(): Map<string, Record<string, string>> {
  const text = readFileSync(join(REPO, 'docs/auth.md'), 'utf8');
  const apps = new Map<string, Record<string, string>>();
  for (const m of text.matchAll(/```(?:yaml|ts)\n(?:#|\/\/) (\S+) \(example: (\w+)\)\n([\s\S]*?)```/g)) {
    const files = apps.get(m[2]!) ?? {};
    files[m[1]!] = m[3]!;
    apps.set(m[2]!, files);
  }
  return apps;
}

const EXAMPLES = docExamples();

async function run(name: string, env: string, check: (server: TestServer) => Promise<void>): Promise<void> {
  const files = EXAMPLES.get(name);
  expect(files, `docs/auth.md has no example "${name}"`).to.have.keys('chainlit.yaml', 'plugin.ts');
  const server = await startServer(writeApp({ ...files, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n${env}` }));
  try {
    await check(server);
  } finally {
    await server.stop();
  }
}

async function greeting(server: TestServer, cookie: string): Promise<string> {
  const client = await connectClient(server.url, { cookie });
  try {
    return (await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('Hello'))).output;
  } finally {
    client.close();
  }
}

describe('docs/auth.md examples run', function () {
  this.timeout(60_000);

  it('has the four examples the page promises', () => {
    expect([...EXAMPLES.keys()].sort()).to.deep.equal(['custom', 'header', 'oauth', 'password']);
  });

  it('password: the manifest user and the passwordAuth hook both log in', async () => {
    await run('password', '', async (server) => {
      const alice = await login(server.url, 'alice', 'wonderland');
      expect(alice.status).to.equal(200);
      const me = await (await fetch(`${server.url}/user`, { headers: { cookie: cookieHeader(alice) } })).json();
      expect(me).to.deep.equal({ identifier: 'alice', display_name: 'Alice', metadata: { role: 'admin', provider: 'credentials' } });
      expect(await greeting(server, cookieHeader(alice))).to.equal('Hello alice');
      expect((await login(server.url, 'guest', 'guest-pass')).status).to.equal(200);
      expect((await login(server.url, 'guest', 'wrong')).status).to.equal(401);
    });
  });

  it('header: the proxy’s headers log in', async () => {
    await run('header', '', async (server) => {
      expect((await fetch(`${server.url}/auth/header`, { method: 'POST' })).status).to.equal(401);
      const res = await fetch(`${server.url}/auth/header`, { method: 'POST', headers: { 'x-forwarded-user': 'ann', 'x-forwarded-name': 'Ann' } });
      expect(res.status).to.equal(200);
      expect(await greeting(server, cookieHeader(res))).to.equal('Hello Ann');
    });
  });

  it('oauth: Keycloak from .env, decided by oauthCallback', async () => {
    const realm = '/realms/docs/protocol/openid-connect';
    const info = (u: { email: string; name: string }) => ({ email: u.email, name: u.name });
    const idp: FakeProvider = await startFakeProvider({ authorize: `${realm}/auth`, token: `${realm}/token`, userinfo: { [`${realm}/userinfo`]: info } }, { id: 'kc', secret: 'kc-secret' });
    const env = `OAUTH_KEYCLOAK_CLIENT_ID=kc\nOAUTH_KEYCLOAK_CLIENT_SECRET=kc-secret\nOAUTH_KEYCLOAK_REALM=docs\nOAUTH_KEYCLOAK_BASE_URL=${idp.url}\n`;
    try {
      await run('oauth', env, async (server) => {
        const flow = async () => {
          const jar = new CookieJar();
          const start = await jar.fetch(`${server.url}/auth/oauth/keycloak`);
          const { url } = await follow(jar, start.headers.get('location')!, `${server.url}/auth/oauth/keycloak/callback`);
          return { jar, callback: await jar.fetch(url) };
        };
        idp.user = { id: '1', email: 'kim@example.test', name: 'Kim' };
        const ok = await flow();
        expect(ok.callback.status).to.equal(302);
        const me = (await (await ok.jar.fetch(`${server.url}/user`)).json()) as { identifier: string; metadata: Record<string, unknown> };
        expect(me.identifier).to.equal('kim@example.test');
        expect(me.metadata.via).to.equal('keycloak');
        idp.user = { id: '2', email: 'eve@elsewhere.test', name: 'Eve' };
        const refused = await flow();
        expect(refused.callback.headers.get('location')).to.match(/\/login\?error=credentialssignin$/);
      });
    } finally {
      await idp.close();
    }
  });

  it('custom: the invite route logs in and hands out a token', async () => {
    await run('custom', '', async (server) => {
      const post = (code: string) => fetch(`${server.url}/invite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      expect((await post('nope')).status).to.equal(403);
      const res = await post('invite-123');
      expect(res.status).to.equal(200);
      const { token } = (await res.json()) as { token: string };
      const viaCookie = (await (await fetch(`${server.url}/user`, { headers: { cookie: cookieHeader(res) } })).json()) as { identifier: string };
      const viaToken = (await (await fetch(`${server.url}/user`, { headers: { authorization: `Bearer ${token}` } })).json()) as { identifier: string };
      expect([viaCookie.identifier, viaToken.identifier]).to.deep.equal(['dora', 'dora']);
    });
  });
});
