/**
 * The server side of the copilot: it authenticates with its access token (which decides
 * before any cookie, so it never becomes the web app's user), binds its anonymous sessions
 * to a key of its own (cookies may be blocked), names that key on REST calls, sends
 * `system_message`s, and loads its script from any origin.
 */
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { connectClient, type TestClient } from '../support/client.js';
import { SECRET, cookieHeader, login, manifestUsers } from '../support/auth.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const PLUGIN = `
import { Action, context, definePlugin, Message } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() {
    const u = context.session.user;
    await new Message({ content: 'hello ' + (u ? u.identifier : 'anonymous') + ' via ' + context.session.clientType }).send();
  },
  async onMessage(message) {
    if (message.content === 'act') {
      await new Message({ content: 'pick', actions: [new Action({ name: 'go', payload: { n: 1 } })] }).send();
      return;
    }
    await new Message({ content: 'got ' + message.type + ': ' + message.content }).send();
  },
  actions: {
    async go() { await new Message({ content: 'action ran' }).send(); },
  },
});
`;

const token = (identifier: string, secret = SECRET) => jwt.sign({ identifier, display_name: null, metadata: {} }, secret, { algorithm: 'HS256', expiresIn: 600 });
const hello = (c: TestClient) => c.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('hello ')).then((m) => m.output);
const clientKey = () => randomBytes(32).toString('base64url');

describe('copilot: server side', function () {
  this.timeout(30_000);

  describe('with login on', () => {
    let server: TestServer;
    before(async () => {
      const users = await manifestUsers([{ identifier: 'alice', password: 'wonderland' }]);
      server = await startServer(writeApp({ 'chainlit.yaml': `name: C\nplugins: [plugin.ts]\n${users}`, 'plugin.ts': PLUGIN, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` }));
    });
    after(() => server.stop());

    it('takes the handshake accessToken before the web app\'s login cookie', async () => {
      const aliceCookie = cookieHeader(await login(server.url, 'alice', 'wonderland'));
      // The copilot's socket, in a browser where the web app is logged in as alice.
      const copilot = await connectClient(server.url, { clientType: 'copilot', cookie: aliceCookie, auth: { accessToken: token('bob') } });
      expect(await hello(copilot)).to.equal('hello bob via copilot');
      copilot.close();
      // Without a handshake token the cookie still decides (the web app).
      const web = await connectClient(server.url, { cookie: aliceCookie });
      expect(await hello(web)).to.equal('hello alice via webapp');
      web.close();
    });

    it('refuses a bad handshake token even when a valid cookie comes with it', async () => {
      const aliceCookie = cookieHeader(await login(server.url, 'alice', 'wonderland'));
      const refused = await connectClient(server.url, { clientType: 'copilot', cookie: aliceCookie, auth: { accessToken: token('bob', 'not-the-secret') } }).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(refused).to.equal('authentication failed');
    });

    it('answers REST calls made with the Bearer token and no cookie', async () => {
      const res = await fetch(`${server.url}/user`, { headers: { Authorization: `Bearer ${token('bob')}` } });
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { identifier: string }).identifier).to.equal('bob');
    });
  });

  describe('anonymous', () => {
    let server: TestServer;
    before(async () => {
      server = await startServer(writeApp({ 'chainlit.yaml': 'name: C\nplugins: [plugin.ts]\n', 'plugin.ts': PLUGIN }));
    });
    after(() => server.stop());

    it('binds a session to its clientKey: the key restores it, another key or a cookie does not', async () => {
      const key = clientKey();
      const first = await connectClient(server.url, { clientType: 'copilot', browserKey: '', auth: { clientKey: key } });
      expect(await hello(first)).to.equal('hello anonymous via copilot');
      first.close();

      const thief = await connectClient(server.url, { clientType: 'copilot', sessionId: first.sessionId, browserKey: '', auth: { clientKey: clientKey() } }).then(
        () => null,
        (e: Error) => e.message,
      );
      expect(thief).to.equal('authorization failed');
      const byCookie = await connectClient(server.url, { sessionId: first.sessionId }).then(() => null, (e: Error) => e.message);
      expect(byCookie).to.equal('authorization failed');

      const back = await connectClient(server.url, { clientType: 'copilot', sessionId: first.sessionId, browserKey: '', auth: { clientKey: key } });
      back.send('still me');
      expect((await back.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('got '))).output).to.equal('got user_message: still me');
      back.close();
    });

    it('refuses a clientKey that is too short to be a secret', async () => {
      const refused = await connectClient(server.url, { clientType: 'copilot', browserKey: '', auth: { clientKey: 'short' } }).then(() => null, (e: Error) => e.message);
      expect(refused).to.match(/^Invalid handshake: .*clientKey/);
    });

    it('lets REST calls for a clientKey session through with X-Chainlit-Client-Key only', async () => {
      const key = clientKey();
      const c = await connectClient(server.url, { clientType: 'copilot', browserKey: '', auth: { clientKey: key } });
      await hello(c);
      c.send('act');
      const action = await c.waitFor<{ id: string; name: string; forId: string; payload: unknown }>('action');
      const call = (headers: Record<string, string>) =>
        fetch(`${server.url}/project/action`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ sessionId: c.sessionId, action }) });
      expect((await call({})).status, 'no key').to.equal(404);
      expect((await call({ 'X-Chainlit-Client-Key': clientKey() })).status, 'another key').to.equal(404);
      expect((await call({ 'X-Chainlit-Client-Key': key })).status, 'its key').to.equal(200);
      await c.waitFor('new_message', (m: { output: string }) => m.output === 'action ran');
      c.close();
    });

    it('hands a system_message to onMessage with its type', async () => {
      const c = await connectClient(server.url, { clientType: 'copilot' });
      await hello(c);
      c.socket.emit('client_message', {
        message: { id: randomUUID(), type: 'system_message', output: 'Hello World!', name: 'host', createdAt: new Date().toISOString() },
        fileReferences: [],
      });
      expect((await c.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('got '))).output).to.equal('got system_message: Hello World!');
      c.close();
    });

    it('serves /copilot/ to any origin (module scripts are fetched with CORS)', async () => {
      const res = await fetch(`${server.url}/copilot/index.js`, { headers: { Origin: 'http://host.example' } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
      expect(await res.text()).to.contain('mountChainlitWidget');
      const app = await fetch(`${server.url}/copilot/app.js`, { headers: { Origin: 'http://host.example' } });
      expect(app.status).to.equal(200);
      expect(app.headers.get('access-control-allow-origin')).to.equal('*');
      // Not the API: an origin the app does not allow gets no CORS answer there.
      const api = await fetch(`${server.url}/project/settings?language=en-US`, { headers: { Origin: 'http://host.example' } });
      expect(api.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });
});
