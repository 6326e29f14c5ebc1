import { expect } from 'chai';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelOf } from '../../runtime/realtime/emitter.js';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import { waitUntil } from '../support/wait.js';
import { dropKeysAndQuit } from '../support/redis-server.js';

interface Step { id: string; output: string; type: string }
const PREFIX = `crt-relay-${process.pid}-${Date.now()}:`;

/**
 * Two instances in one process sharing one Redis: a session's handlers run on the instance
 * that owns it; sockets connected to the other one are relayed to it, in order, with replay.
 */
describe('cluster: sessions relayed between instances', () => {
  let a: TestServer;
  let b: TestServer;
  let redis: Redis;
  const clients: TestClient[] = [];
  const open = async (server: TestServer, options: Parameters<typeof connectClient>[1] = {}) => {
    const client = await connectClient(server.url, options);
    clients.push(client);
    return client;
  };
  const release = (name: string) => fetch(`${a.url}/latch/${name}`, { method: 'POST' });

  before(async function () {
    await requireService(this, 'redis');
    const plugin = readFileSync(join(REPO, 'test/fixtures/apps/turns/plugin.ts'), 'utf8');
    const manifest = `name: Relay Test\nplugins: [plugin.ts]\nproject:\n  session_timeout: 30\nfeatures:\n  edit_message: true\nsession:\n  store: redis\n  key_prefix: "${PREFIX}"\n`;
    const file = writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': plugin });
    a = await startServer(file);
    b = await startServer(file);
    redis = new Redis('redis://127.0.0.1:6379');
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    if (redis) {
      await dropKeysAndQuit(redis, PREFIX);
    }
  });

  it('a second socket of the session on the other instance gets what it missed, then the live answer, once', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const latch = `l-${randomUUID()}`;
    first.send(`stream ${latch} R`);
    await first.waitFor<Step>('stream_start', (m) => m.output === 'R-one ');
    const second = await open(b, { sessionId: first.sessionId, browserKey: first.browserKey, offset: first.lastOffset });
    expect(b.app.registry.get(first.sessionId), 'B relays, A keeps the session').to.equal(undefined);
    await waitUntil('B relays the session', () => relayCount(b) === 1);
    await release(latch);
    const done = await second.waitFor<Step>('new_message', (m) => m.output === 'R-one R-two');
    expect(done.type).to.equal('assistant_message');
    const tokens = second.of<{ token: string }>('stream_token').map((t) => t.token);
    expect(tokens, 'nothing before its offset, the rest once').to.deep.equal(['R-two']);
    await first.waitFor<Step>('new_message', (m) => m.output === 'R-one R-two');
  });

  it('a message sent through the other instance is answered once, by the owner, to every socket', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const second = await open(b, { sessionId: first.sessionId, browserKey: first.browserKey, offset: first.lastOffset });
    await waitUntil('B relays the session', () => relayCount(b) === 1);
    const since = first.received.length;
    second.send('from-b');
    await second.waitFor<Step>('new_message', (m) => m.output === 'echo:from-b');
    await first.waitFor<Step>('new_message', (m) => m.output === 'echo:from-b', { since });
    expect(first.of<Step>('new_message').filter((m) => m.output === 'echo:from-b')).to.have.length(1);
    expect(second.of<Step>('new_message').filter((m) => m.output === 'echo:from-b')).to.have.length(1);
  });

  it('stop sent to the other instance stops the answer where it runs', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const second = await open(b, { sessionId: first.sessionId, browserKey: first.browserKey, offset: first.lastOffset });
    await waitUntil('B relays the session', () => relayCount(b) === 1);
    const label = `S${randomUUID().slice(0, 6)}`;
    second.send(`signal x ${label}`);
    await second.waitFor<Step>('new_message', (m) => m.output === `${label}:begin`);
    second.socket.emit('stop');
    await second.waitFor<Step>('new_message', (m) => m.output === 'Task manually stopped.');
    await waitUntil('the task on A saw its signal abort', async () => ((await (await fetch(`${a.url}/log`)).json()) as string[]).includes(`${label}:aborted`));
  });

  it('a client that drops and reconnects to the other instance mid-answer gets the rest, in order, without duplicates', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const latch = `l-${randomUUID()}`;
    first.send(`stream ${latch} D`);
    await first.waitFor<Step>('stream_start', (m) => m.output === 'D-one ');
    const offset = first.lastOffset;
    first.close();
    await waitUntil('A saw the client go', () => !channelConnected(a, first.sessionId));
    await release(latch); // the answer goes on while nobody is connected
    await waitUntil('the answer finished on A', async () => ((await (await fetch(`${a.url}/log`)).json()) as string[]).some((l) => l.startsWith(`D:released content=stream ${latch}`)));
    const back = await open(b, { sessionId: first.sessionId, browserKey: first.browserKey, offset });
    const done = await back.waitFor<Step>('new_message', (m) => m.output === 'D-one D-two');
    expect(done.output).to.equal('D-one D-two');
    expect(back.of<{ token: string }>('stream_token').map((t) => t.token)).to.deep.equal(['D-two']);
    expect(back.of<Step>('new_message').filter((m) => m.output === 'D-one D-two')).to.have.length(1);
  });

  it('an action clicked through the other instance runs its callback once, where the session runs', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const n = Math.floor(Math.random() * 1e6);
    const res = await fetch(`${b.url}/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${first.browserKey}` },
      body: JSON.stringify({ sessionId: first.sessionId, action: { id: randomUUID(), name: 'ping', payload: { n }, label: 'Ping', tooltip: '', icon: null, forId: null } }),
    });
    expect(await res.json()).to.deep.equal({ success: true, response: { pong: n } });
    await first.waitFor<Step>('new_message', (m) => m.output === `action:${n}`);
    expect(first.of<Step>('new_message').filter((m) => m.output === `action:${n}`)).to.have.length(1);
    const stranger = await fetch(`${b.url}/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'chainlit_rt_browser=someone-else' },
      body: JSON.stringify({ sessionId: first.sessionId, action: { id: randomUUID(), name: 'ping', payload: { n }, label: 'Ping', tooltip: '', icon: null, forId: null } }),
    });
    expect(stranger.status, 'the owner checks the caller as for any request').to.be.oneOf([401, 404]);
  });

  it('an upload that reaches the other instance is kept by the session and served from either instance', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const form = new FormData();
    form.append('file', new Blob(['hello from B'], { type: 'text/plain' }), 'note.txt');
    const cookie = `chainlit_rt_browser=${first.browserKey}`;
    const up = await fetch(`${b.url}/project/file?session_id=${first.sessionId}`, { method: 'POST', headers: { cookie }, body: form });
    expect(up.status).to.equal(200);
    const { id } = (await up.json()) as { id: string };
    expect(a.app.registry.get(first.sessionId)!.files.has(id), 'registered on the owner').to.equal(true);
    for (const server of [a, b]) {
      const down = await fetch(`${server.url}/project/file/${id}?session_id=${first.sessionId}`, { headers: { cookie } });
      expect(down.status).to.equal(200);
      expect(await down.text()).to.equal('hello from B');
    }
  });

  it('a question waiting for its answer reaches the client wherever it reconnects, and the answer reaches the owner', async () => {
    const first = await open(a);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const q = randomUUID().slice(0, 8);
    first.send(`ask ${q}`);
    await first.waitFor<{ msg: Step }>('ask', (p) => p.msg.output === `question ${q}`);
    const offset = first.lastOffset;
    first.close(); // leaves without answering
    const answer = (payload: { msg: Record<string, unknown> }) => ({ id: randomUUID(), type: 'user_message', output: `ans-${q}`, name: 'User', parentId: payload.msg.parentId ?? null, createdAt: new Date().toISOString(), metadata: {} });
    const back = await open(b, { sessionId: first.sessionId, browserKey: first.browserKey, offset, onAsk: answer });
    await back.waitFor<Step>('new_message', (m) => m.output === `answer:ans-${q}`);
    expect(back.of<{ msg: Step }>('ask').filter((p) => p.msg.output === `question ${q}`)).to.have.length(1);
  });
});

function relayCount(server: TestServer): number {
  return server.app.cluster!.relays.size;
}

function channelConnected(server: TestServer, sessionId: string): boolean {
  const session = server.app.registry.get(sessionId);
  return Boolean(session && channelOf(session).connected);
}
