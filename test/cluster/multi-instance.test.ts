import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, type ClientOptions, type TestClient } from '../support/client.js';
import { startProcessCluster, type ProcessCluster } from '../support/process-cluster.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { REPO, writeApp } from '../support/server.js';
import { requireService } from '../support/services.js';
import { waitUntil } from '../support/wait.js';

interface Step { id: string; output: string; type: string; isError?: boolean }

/**
 * Three real instances (separate processes) behind a balancer without affinity, sharing a
 * Redis of the test's own: sessions move between them, answers keep streaming, asks and
 * stops cross instances, a killed instance's clients go on elsewhere, Redis can restart.
 */
describe('cluster: three instances behind a balancer without affinity', function () {
  this.timeout(120_000);
  let redis: PrivateRedis;
  let cluster: ProcessCluster;
  const clients: TestClient[] = [];

  const open = async (options: ClientOptions = {}) => {
    const client = await connectClient(cluster.url, options);
    clients.push(client);
    return client;
  };
  /** Latches live in each instance's plugin: release on every live one. */
  const release = (name: string) => Promise.all(cluster.instances.filter((i) => i.alive).map((i) => fetch(`${i.url}/latch/${name}`, { method: 'POST' }).catch(() => undefined)));
  const said = (client: TestClient, text: string, since = 0, timeoutMs = 20_000) => client.waitFor<Step>('new_message', (m) => m.output === text, { since, timeoutMs });
  const again = (client: TestClient, extra: ClientOptions = {}) => open({ sessionId: client.sessionId, browserKey: client.browserKey, offset: client.lastOffset, ...extra });

  before(async function () {
    this.timeout(180_000);
    await requireService(this, 'redis');
    redis = await startPrivateRedis();
    const plugin = readFileSync(join(REPO, 'test/fixtures/apps/turns/plugin.ts'), 'utf8');
    const manifest = `name: Cluster Test\nplugins: [plugin.ts]\nproject:\n  session_timeout: 60\n  transports: [websocket]\nsession:\n  store: redis\n  redis_url: ${redis.url}\n`;
    cluster = await startProcessCluster(writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': plugin }), 3);
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') for (const i of cluster.instances) console.log(`--- instance ${i.index}\n${i.output.join('').slice(-4000)}`);
    for (const client of clients.splice(0)) client.close();
  });
  // Tests that kill an instance leave three live ones behind them.
  afterEach(() => Promise.all(cluster.instances.map((i) => cluster.revive(i.index))));
  after(async () => {
    await cluster?.stop();
    await redis?.stop();
  });

  it('a session moves to another instance mid-answer: the answer goes on, and the client gets the rest once', async () => {
    const first = await open();
    await said(first, 'start:end');
    const latch = `l-${randomUUID()}`;
    first.send(`stream ${latch} M`);
    await first.waitFor<Step>('stream_start', (m) => m.output === 'M-one ');
    first.close();
    const moved = await again(first); // the balancer sends this connection to the next instance
    await release(latch);
    await said(moved, 'M-one M-two');
    expect(moved.of<{ token: string }>('stream_token').map((t) => t.token)).to.deep.equal(['M-two']);
    const since = moved.received.length;
    moved.send('ready');
    await said(moved, 'ready=yes', since);
  });

  it('an ask is answered through another instance; a stop through another instance stops the task', async () => {
    const first = await open();
    await said(first, 'start:end');
    const q = randomUUID().slice(0, 8);
    first.send(`ask ${q}`);
    await first.waitFor<{ msg: Step }>('ask', (p) => p.msg.output === `question ${q}`);
    first.close();
    const answerer = (p: { msg: Record<string, unknown> }) => ({ id: randomUUID(), type: 'user_message', output: `a-${q}`, name: 'User', parentId: p.msg.parentId ?? null, createdAt: new Date().toISOString(), metadata: {} });
    const second = await again(first, { onAsk: answerer });
    await said(second, `answer:a-${q}`);
    const label = `S${q}`;
    second.send(`signal x ${label}`);
    await said(second, `${label}:begin`);
    second.close();
    const third = await again(second);
    third.socket.emit('stop');
    await said(third, 'Task manually stopped.');
    await waitUntil('the stopped task saw its signal', async () => {
      const logs = await Promise.all(cluster.instances.filter((i) => i.alive).map((i) => fetch(`${i.url}/log`).then((r) => r.json() as Promise<string[]>)));
      return logs.some((l) => l.includes(`${label}:aborted`));
    });
  });

  it('kill -9 of an instance: its own answers are marked interrupted, answers relayed through it complete elsewhere', async () => {
    // X is owned by the instance the balancer picks next; Z is owned by another one and then
    // reconnected so that the victim relays it.
    const victim = cluster.next();
    const x = await open({ reconnection: true });
    await said(x, 'start:end');
    const z0 = await open();
    await said(z0, 'start:end');
    while (cluster.next() !== victim) {
      const filler = await open(); // moves the balancer round to the victim
      await said(filler, 'start:end');
    }
    const z = await again(z0, { reconnection: true });
    z0.close();
    const lx = `x-${randomUUID()}`;
    const lz = `z-${randomUUID()}`;
    x.send(`stream ${lx} X`);
    z.send(`stream ${lz} Z`);
    await x.waitFor<Step>('stream_start', (m) => m.output === 'X-one ');
    await z.waitFor<Step>('stream_start', (m) => m.output === 'Z-one ');
    await cluster.instances[victim]!.kill('SIGKILL');
    await release(lz);
    await said(z, 'Z-one Z-two', 0, 40_000);
    expect(z.of<{ token: string }>('stream_token').map((t) => t.token).filter((t) => t === 'Z-two'), 'no token twice').to.have.length(1);
    const cut = await x.waitFor<Step>('new_message', (m) => m.isError === true && m.output.includes('interrupted'), { timeoutMs: 40_000 });
    expect(cut.output).to.include('Send your message again');
    const since = x.received.length;
    x.send('ready');
    await said(x, 'ready=yes', since, 40_000);
  });

  it('an instance that dies the moment a handler begins: the answer is marked interrupted, never left running', async () => {
    // The handler kills its own process as it starts: whatever the instance still meant to
    // copy to Redis is lost, so what the takeover needs must be there before the handler runs.
    const victim = cluster.next();
    const x = await open({ reconnection: true });
    await said(x, 'start:end');
    x.send('crash');
    await waitUntil('the instance is gone', () => !cluster.instances[victim]!.alive);
    const cut = await x.waitFor<Step>('new_message', (m) => m.isError === true && m.output.includes('interrupted'), { timeoutMs: 40_000 });
    expect(cut.output).to.include('Send your message again');
    const since = x.received.length;
    x.send('ready');
    await said(x, 'ready=yes', since, 40_000);
  });

  it('Redis restarts mid-chat: sessions come back and the chat goes on', async () => {
    const client = await open({ reconnection: true });
    await said(client, 'start:end');
    const key = `chainlit-rt:session:${client.sessionId}`;
    expect(await redis.admin.exists(key)).to.equal(1);
    await redis.restart();
    await waitUntil('the session record is written again', async () => (await redis.admin.exists(key).catch(() => 0)) === 1, 30_000);
    const since = client.received.length;
    client.send('ready');
    await said(client, 'ready=yes', since, 30_000);
  });

  it('another browser cannot take a session over through any instance', async () => {
    const owner = await open();
    await said(owner, 'start:end');
    for (let i = 0; i < 3; i += 1) {
      const err = await connectClient(cluster.url, { sessionId: owner.sessionId, browserKey: `intruder-${i}` }).then(() => null, (e: Error) => e);
      expect(err?.message).to.equal('authorization failed');
    }
  });
});
