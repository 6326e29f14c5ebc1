import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { cookieHeader, login, manifestUsers, SECRET } from '../support/auth.js';
import { connectClient, type ClientOptions, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import type { ElementDict, StepDict, ThreadDict } from '../../runtime/wire.js';
import { channelOf } from '../../runtime/realtime/emitter.js';
import { waitUntil } from '../support/wait.js';

const PLUGIN = readFileSync(join(REPO, 'test/fixtures/apps/history/plugin.ts'), 'utf8');

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Sessions write their thread to the data layer as they go (SQLite here): nothing before the
 * first interaction, then the thread row, every step and element, the session snapshot at
 * disconnect; a later connect with the thread id resumes it, and only its author can.
 */
describe('persistence: a session writes its thread, and its author resumes it', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const cookies = new Map<string, string>();

  before(async () => {
    const manifest = `name: History\nplugins: [plugin.ts]\nproject:\n  session_timeout: 60\nprofiles:\n  - name: Research\n    markdown_description: Digs\n  - name: Untagged\n    markdown_description: No tags\n    config_overrides:\n      features:\n        auto_tag_thread: false\n  - name: Keeper\n    markdown_description: Keeps the env\n    config_overrides:\n      project:\n        persist_user_env: true\n${await manifestUsers([{ identifier: 'alice', password: 'pw-alice' }, { identifier: 'bob', password: 'pw-bob' }])}`;
    server = await startServer(writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': PLUGIN, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` }));
    for (const user of ['alice', 'bob']) cookies.set(user, cookieHeader(await login(server.url, user, `pw-${user}`)));
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  after(() => server?.stop());

  const layer = () => server.app.services.dataLayer!;
  const settled = (threadId: string) => server.app.persistence!.queue.drain(threadId);
  async function open(user: string, options: ClientOptions = {}): Promise<TestClient> {
    const client = await connectClient(server.url, { cookie: cookies.get(user), ...options });
    clients.push(client);
    return client;
  }
  const said = (client: TestClient, text: string, since = 0) => client.waitFor<StepDict>('new_message', (m) => m.output === text, { since });
  const threadOf = (client: TestClient) => server.app.registry.get(client.sessionId)!.threadId;

  /** A session that got its greeting, sent one message and got its answer. */
  async function chatted(user: string, text: string, options: ClientOptions = {}): Promise<{ client: TestClient; threadId: string }> {
    const client = await open(user, options);
    await said(client, 'Welcome!');
    client.send(text);
    await said(client, `${text} #1`);
    return { client, threadId: threadOf(client) };
  }

  /** Closes the client and waits until its thread has what the disconnect wrote. */
  async function leave(client: TestClient, threadId: string): Promise<void> {
    client.close();
    await waitDisconnected(server, client.sessionId);
    await settled(threadId);
  }

  it('writes nothing before the first interaction', async () => {
    const client = await open('alice');
    await said(client, 'Welcome!');
    const threadId = threadOf(client);
    await settled(threadId);
    expect(await layer().getThread(threadId)).to.equal(null);
  });

  it('the first message writes the thread (name, author) with the held greeting, then every step in order', async () => {
    const client = await open('alice');
    await said(client, 'Welcome!');
    client.send('hello there');
    await said(client, 'hello there #1');
    const threadId = threadOf(client);
    await settled(threadId);
    const thread = (await layer().getThread(threadId))!;
    expect(thread).to.include({ id: threadId, name: 'hello there', userIdentifier: 'alice' });
    const messages = thread.steps.filter((s) => s.type.endsWith('_message')).map((s) => `${s.type}:${s.output}`);
    expect(messages).to.deep.equal(['assistant_message:Welcome!', 'user_message:hello there', 'assistant_message:hello there #1']);
    const stored = await layer().getUser('alice');
    expect(thread.userId).to.equal(stored!.id);
  });

  it('persists elements with their bytes, and removals', async () => {
    const client = await open('alice');
    await said(client, 'Welcome!');
    client.send('image');
    await said(client, 'a pixel');
    client.send('fleeting');
    await said(client, 'removed it');
    const threadId = threadOf(client);
    await settled(threadId);
    const thread = (await layer().getThread(threadId))!;
    const element = (thread.elements ?? []).find((e: ElementDict) => e.name === 'pixel')!;
    expect(element).to.include({ type: 'image', mime: 'image/png' });
    const bytes = await bytesOf((await layer().readElementContent!(element))!);
    expect(bytes.subarray(1, 4).toString()).to.equal('PNG');
    expect(thread.steps.some((s) => s.type === 'assistant_message' && s.output === 'fleeting'), 'a removed message is deleted').to.equal(false);
    expect(thread.steps.some((s) => s.output === 'removed it')).to.equal(true);
  });

  it('writes the session snapshot into the thread metadata at disconnect, and tags the profile', async () => {
    const { client, threadId } = await chatted('alice', 'one', { chatProfile: 'Research', userEnv: { SECRET_KEY: 'not stored' } });
    await leave(client, threadId);
    const thread = (await layer().getThread(threadId))!;
    expect(thread.metadata).to.include({ count: 1, note: 'kept in the thread metadata', chat_profile: 'Research', client_type: 'webapp' });
    expect(thread.metadata!.env, 'user env only with project.persist_user_env').to.deep.equal({});
    expect(thread.tags).to.deep.equal(['Research']);
  });

  it('feedback on an answer just sent is stored (the write queue is drained first)', async () => {
    const { client, threadId } = await chatted('alice', 'rate me');
    const answer = client.of<StepDict>('new_message').find((m) => m.output === 'rate me #1')!;
    const res = await fetch(`${server.url}/feedback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: `${cookies.get('alice')}; chainlit_rt_browser=${client.browserKey}` },
      body: JSON.stringify({ sessionId: client.sessionId, feedback: { forId: answer.id, threadId, value: 1, comment: 'nice' } }),
    });
    expect(res.status, await res.clone().text()).to.equal(200);
    const thread = (await layer().getThread(threadId))!;
    expect(thread.steps.find((s) => s.id === answer.id)?.feedback).to.include({ value: 1, comment: 'nice' });
  });

  it('features.auto_tag_thread: false leaves the thread without the profile tag', async () => {
    const { threadId } = await chatted('alice', 'one', { chatProfile: 'Untagged' });
    await settled(threadId);
    expect((await layer().getThread(threadId))!.tags ?? []).to.deep.equal([]);
  });

  it('project.persist_user_env keeps the user env in the metadata', async () => {
    const { client, threadId } = await chatted('alice', 'one', { chatProfile: 'Keeper', userEnv: { API_KEY: 'kept' } });
    await leave(client, threadId);
    expect((await layer().getThread(threadId))!.metadata!.env).to.deep.equal({ API_KEY: 'kept' });
  });

  it('a connect with the thread id resumes it for its author: onChatResume, resume_thread, the same thread goes on', async () => {
    const { client: first, threadId } = await chatted('alice', 'remember me');
    await leave(first, threadId);
    const back = await open('alice', { threadId });
    const resumed = await back.waitFor<ThreadDict>('resume_thread', () => true);
    expect(resumed.id).to.equal(threadId);
    expect(resumed.steps.map((s) => s.output)).to.include.members(['Welcome!', 'remember me', 'remember me #1']);
    await said(back, `resumed ${threadId} at 1`);
    expect(back.of<StepDict>('new_message').some((m) => m.output === 'Welcome!'), 'no onChatStart').to.equal(false);
    const since = back.received.length;
    back.send('and again');
    await said(back, 'and again #2', since);
    await settled(threadId);
    const thread = (await layer().getThread(threadId))!;
    expect(thread.steps.filter((s) => s.type === 'user_message').map((s) => s.output)).to.deep.equal(['remember me', 'and again']);
  });

  it('nobody else resumes or writes into a thread: another user is refused at connect', async () => {
    const { threadId } = await chatted('alice', 'private');
    await settled(threadId);
    const err = await connectClient(server.url, { cookie: cookies.get('bob'), threadId }).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('authorization failed');
    const fresh = await open('bob', { threadId: randomUUID() });
    await said(fresh, 'Welcome!'); // an id nobody used yet is a new thread, as the copilot needs
  });
});

/** The server has handled the disconnect (and written the session snapshot). */
function waitDisconnected(server: TestServer, sessionId: string): Promise<void> {
  const session = server.app.registry.get(sessionId)!;
  return waitUntil('the server saw the client go', () => !channelOf(session).connected);
}
