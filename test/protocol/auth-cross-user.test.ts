import { expect } from 'chai';
import { SECRET, cookieHeader, login, manifestUsers } from '../support/auth.js';
import { connectClient, type TestClient } from '../support/client.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';

const PLUGIN = `
import { definePlugin, Message, CustomElement } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'ready' }).send(); },
  actions: { like: () => 'liked' },
});
`;

/**
 * User B must never reach user A's session: not by REST (files, elements, actions) and not
 * by restoring it over the socket. Every refusal looks like a session that does not exist.
 */
describe('auth: a user never reaches another user’s session', () => {
  let server: TestServer;
  let alice = '';
  let bob = '';
  let owner: TestClient;
  let fileId = '';

  before(async () => {
    const users = await manifestUsers([{ identifier: 'alice', password: 'a-pass' }, { identifier: 'bob', password: 'b-pass' }]);
    server = await startServer(writeApp({
      'chainlit.yaml': `name: Cross\nplugins: [p.ts]\nfeatures:\n  spontaneous_file_upload:\n    enabled: true\n${users}`,
      'p.ts': PLUGIN,
      '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n`,
    }));
    alice = cookieHeader(await login(server.url, 'alice', 'a-pass'));
    bob = cookieHeader(await login(server.url, 'bob', 'b-pass'));
    owner = await connectClient(server.url, { cookie: alice });
    await owner.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
  });
  after(async () => {
    owner.close();
    await server.stop();
  });

  const upload = (cookie: string, sessionId: string) => {
    const form = new FormData();
    form.set('file', new Blob(['secret data'], { type: 'text/plain' }), 'a.txt');
    return fetch(`${server.url}/project/file?session_id=${sessionId}`, { method: 'POST', body: form, headers: cookie ? { cookie } : {} });
  };
  const json = (method: string, path: string, cookie: string, body: unknown) =>
    fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const action = { id: 'a1', name: 'like', payload: {}, label: 'Like', tooltip: '', icon: null, forId: null };
  const element = { id: 'e1', type: 'custom', name: 'Counter', props: { n: 1 }, display: 'inline' };

  it('the owner can use every session route (the control)', async () => {
    const up = await upload(alice, owner.sessionId);
    expect(up.status).to.equal(200);
    fileId = ((await up.json()) as { id: string }).id;
    const down = await fetch(`${server.url}/project/file/${fileId}?session_id=${owner.sessionId}`, { headers: { cookie: alice } });
    expect(down.status).to.equal(200);
    expect(await down.text()).to.equal('secret data');
    expect((await json('POST', '/project/action', alice, { sessionId: owner.sessionId, action })).status).to.equal(200);
    expect((await json('PUT', '/project/element', alice, { sessionId: owner.sessionId, element })).status).to.equal(200);
    expect((await json('DELETE', '/project/element', alice, { sessionId: owner.sessionId, element })).status).to.equal(200);
  });

  it('another user gets 404 on upload, download, action and element routes, exactly as for an unknown session', async () => {
    expect(fileId, 'the control test ran first').to.not.equal('');
    const attempts: Array<[string, Response]> = [
      ['upload', await upload(bob, owner.sessionId)],
      ['download', await fetch(`${server.url}/project/file/${fileId}?session_id=${owner.sessionId}`, { headers: { cookie: bob } })],
      ['action', await json('POST', '/project/action', bob, { sessionId: owner.sessionId, action })],
      ['element PUT', await json('PUT', '/project/element', bob, { sessionId: owner.sessionId, element })],
      ['element DELETE', await json('DELETE', '/project/element', bob, { sessionId: owner.sessionId, element })],
    ];
    const unknown: Array<[string, Response]> = [
      ['upload', await upload(bob, crypto.randomUUID())],
      ['download', await fetch(`${server.url}/project/file/${fileId}?session_id=${crypto.randomUUID()}`, { headers: { cookie: bob } })],
      ['action', await json('POST', '/project/action', bob, { sessionId: crypto.randomUUID(), action })],
      ['element PUT', await json('PUT', '/project/element', bob, { sessionId: crypto.randomUUID(), element })],
      ['element DELETE', await json('DELETE', '/project/element', bob, { sessionId: crypto.randomUUID(), element })],
    ];
    for (let i = 0; i < attempts.length; i++) {
      const [name, res] = attempts[i]!;
      const [, same] = unknown[i]!;
      expect(res.status, name).to.equal(404);
      expect(await res.json(), name).to.deep.equal(await same.json());
      expect(same.status, name).to.equal(404);
    }
    // Nothing reached Alice's session: no action run, no element emitted to her.
    expect(owner.of('element').length).to.equal(1);
  });

  it('an anonymous caller is refused with 401 before any session lookup', async () => {
    expect((await upload('', owner.sessionId)).status).to.equal(401);
    expect((await fetch(`${server.url}/project/file/${fileId}?session_id=${owner.sessionId}`)).status).to.equal(401);
    expect((await json('POST', '/project/action', '', { sessionId: owner.sessionId, action })).status).to.equal(401);
    expect((await json('PUT', '/project/element', '', { sessionId: owner.sessionId, element })).status).to.equal(401);
  });

  it('another user cannot restore the session over the socket, with or without the owner’s browser cookie', async () => {
    for (const browserKey of [owner.browserKey, 'another-browser']) {
      const err = await connectClient(server.url, { sessionId: owner.sessionId, browserKey, cookie: bob }).then((c) => {
        c.close();
        return null;
      }, (e: Error) => e);
      expect(err?.message).to.equal('authorization failed');
    }
    const anonymous = await connectClient(server.url, { sessionId: owner.sessionId, browserKey: owner.browserKey }).then(() => null, (e: Error) => e);
    expect(anonymous?.message).to.equal('authentication failed');
    // The owner's socket is still the session's socket: the refused attempts did not take it over.
    const since = owner.received.length;
    expect((await json('POST', '/project/action', alice, { sessionId: owner.sessionId, action })).status).to.equal(200);
    owner.send('still mine?');
    await owner.waitFor('task_end', () => true, { since });
  });
});
