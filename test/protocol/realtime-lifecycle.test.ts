import { expect } from 'chai';
import { channelOf } from '../../runtime/realtime/emitter.js';
import { waitUntil } from '../support/wait.js';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';

const CORE = join(REPO, 'test/fixtures/apps/core/chainlit.yaml');

async function stats(client: TestClient): Promise<Record<string, unknown>> {
  const since = client.received.length;
  client.send('stats');
  const msg = await client.waitFor<{ output: string; type: string }>('new_message', (m) => m.type === 'assistant_message' && m.output.startsWith('{'), { since });
  return JSON.parse(msg.output) as Record<string, unknown>;
}

describe('realtime: session life cycle', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer(CORE);
  });
  afterEach(async () => {
    await server.stop();
  });

  it('runs onChatStart once, wrapped in an on_chat_start run step, between task_start and task_end', async () => {
    const client = await connectClient(server.url);
    const welcome = await client.waitFor<{ output: string; parentId: string; name: string }>('new_message', (m) => m.output === 'Welcome!');
    const run = client.of<{ id: string; name: string; type: string }>('new_message').find((m) => m.name === 'on_chat_start');
    expect(run?.type).to.equal('run');
    expect(welcome.parentId).to.equal(run!.id);
    expect(welcome.name).to.equal('Core Test');
    await client.waitFor('update_message', (m: { id: string; end: string | null }) => m.id === run!.id && m.end !== null);
    await client.waitFor('task_end', () => true, { since: client.received.findIndex((r) => r.event === 'task_start') });
    const events = client.received.map((r) => r.event);
    expect(events.slice(0, 3)).to.deep.equal(['task_end', 'clear_ask', 'clear_call_fn']);
    expect(events).to.include('set_commands');
    client.close();
  });

  it('restores the session on reconnect with the same browser, without a second onChatStart', async () => {
    const first = await connectClient(server.url);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    const startsBefore = (await stats(first)).starts as number;
    first.send('hello');
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'echo: hello');
    first.close();
    const again = await connectClient(server.url, { sessionId: first.sessionId, browserKey: first.browserKey });
    const s = await stats(again);
    expect(s.starts).to.equal(startsBefore);
    expect(s.n).to.equal(3); // userSession survived: this is the third message of the session
    expect(again.of<{ output: string }>('new_message').filter((m) => m.output === 'Welcome!')).to.have.length(0);
    again.close();
  });

  it('refuses to restore a session from another browser or with no browser proof', async () => {
    const owner = await connectClient(server.url);
    await owner.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    owner.close();
    let err = await connectClient(server.url, { sessionId: owner.sessionId, browserKey: 'someone-else' }).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('authorization failed');
    err = await connectClient(server.url, { sessionId: owner.sessionId, browserKey: '' }).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('authorization failed');
  });

  it('refuses a malformed handshake with a clear message instead of hanging', async () => {
    const err = await connectClient(server.url, { sessionId: 'bad id with spaces' }).then(() => null, (e: Error) => e);
    expect(err?.message).to.match(/^Invalid handshake: handshake\/sessionId/);
  });

  it('runs onChatEnd once when a cleared session disconnects, and never on a plain reconnect', async () => {
    const a = await connectClient(server.url);
    await a.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    a.close();
    const b = await connectClient(server.url, { sessionId: a.sessionId, browserKey: a.browserKey });
    const endsBefore = (await stats(b)).ends as number;
    // As Chainlit clients do: clear and disconnect at once.
    b.socket.emit('clear_session');
    b.close();
    await waitUntil('the cleared session has ended', () => server.app.registry.get(a.sessionId) === undefined);
    const c = await connectClient(server.url);
    expect((await stats(c)).ends).to.equal(endsBefore + 1);
    expect(server.app.registry.get(a.sessionId)).to.equal(undefined);
    c.close();
  });

  it('ends a disconnected session after project.session_timeout', async () => {
    const a = await connectClient(server.url);
    await a.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    const endsBefore = (await stats(a)).ends as number;
    const session = server.app.registry.get(a.sessionId)!;
    a.close();
    await waitUntil('the server saw the disconnect', () => !channelOf(session).connected);
    const disconnected = Date.now();
    expect(server.app.registry.get(a.sessionId), 'kept for a reconnect').to.equal(session);
    await waitUntil('the session has ended', () => server.app.registry.get(a.sessionId) === undefined);
    // A lower bound only (timers never fire early): the session lived out its 2 s timeout.
    expect(Date.now() - disconnected).to.be.at.least(1900);
    const b = await connectClient(server.url);
    expect((await stats(b)).ends).to.equal(endsBefore + 1);
    b.close();
  });
});

describe('realtime: user env', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(writeApp({ 'chainlit.yaml': 'name: Env\nproject:\n  user_env: [OPENAI_KEY, OTHER]\n' }));
  });
  after(() => server.stop());

  it('refuses a connection without the required user env values', async () => {
    let err = await connectClient(server.url).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('Missing user environment variables');
    err = await connectClient(server.url, { userEnv: { OPENAI_KEY: 'k' } }).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('Missing user environment variable: OTHER');
  });

  it('accepts it when every key is given', async () => {
    const client = await connectClient(server.url, { userEnv: { OPENAI_KEY: 'k', OTHER: 'o' } });
    expect(client.socket.connected).to.equal(true);
    expect(server.app.registry.get(client.sessionId)?.userEnv).to.deep.equal({ OPENAI_KEY: 'k', OTHER: 'o' });
    client.close();
  });
});
