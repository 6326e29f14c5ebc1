import { expect } from 'chai';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';

const PREFIX = `crt-test-${process.pid}-${Date.now()}:`;
const plugin = readFileSync(join(REPO, 'test/fixtures/apps/core/plugin.ts'), 'utf8');
const manifest = `name: Redis Test
plugins: [plugin.ts]
project:
  session_timeout: 30
session:
  store: redis
  redis_url: redis://127.0.0.1:6379
  key_prefix: "${PREFIX}"
`;

async function stats(client: TestClient): Promise<Record<string, unknown>> {
  const since = client.received.length;
  client.send('stats');
  const msg = await client.waitFor<{ output: string }>('new_message', (m) => m.output.startsWith('{'), { since });
  return JSON.parse(msg.output) as Record<string, unknown>;
}

describe('sessions in Redis', () => {
  let a: TestServer;
  let b: TestServer;
  let redis: Redis;
  before(async function () {
    await requireService(this, 'redis');
    const file = writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': plugin });
    a = await startServer(file);
    b = await startServer(file);
    redis = new Redis('redis://127.0.0.1:6379');
  });
  let stopped = false;
  after(async () => {
    if (!stopped) await a?.stop();
    await b?.stop();
    if (redis) {
      const keys = await redis.keys(`${PREFIX}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('keeps the session record in Redis with session_timeout as its TTL', async () => {
    const client = await connectClient(a.url);
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    const key = `${PREFIX}session:${client.sessionId}`;
    const record = JSON.parse((await redis.get(key))!) as { id: string; chatStarted: boolean; browserKey: string };
    expect(record.id).to.equal(client.sessionId);
    expect(record.chatStarted).to.equal(true);
    expect(record.browserKey).to.equal(client.browserKey);
    const ttl = await redis.ttl(key);
    expect(ttl).to.be.within(25, 30);
    client.close();
  });

  it('restores a session on another instance: same userSession, no second onChatStart', async () => {
    const first = await connectClient(a.url);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    first.send('one');
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'echo: one');
    first.close();
    await new Promise((r) => setTimeout(r, 100)); // the disconnect saves the record
    const moved = await connectClient(b.url, { sessionId: first.sessionId, browserKey: first.browserKey });
    const s = await stats(moved);
    expect(s.n, 'userSession counter continued on instance B').to.equal(2);
    expect(moved.of<{ output: string }>('new_message').some((m) => m.output === 'Welcome!')).to.equal(false);
    // A is alive: it keeps running the session, and B relays the client to it.
    expect(a.app.registry.get(first.sessionId)).to.not.equal(undefined);
    expect(b.app.registry.get(first.sessionId)).to.equal(undefined);
    expect(b.app.cluster!.relays.size).to.equal(1);
    moved.close();
  });

  it('refuses the same session id from another browser, across instances', async () => {
    const owner = await connectClient(a.url);
    await owner.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    owner.close();
    await new Promise((r) => setTimeout(r, 100));
    const err = await connectClient(b.url, { sessionId: owner.sessionId, browserKey: 'intruder' }).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('authorization failed');
  });

  it('takes a session over when the instance that owned it is gone: same userSession, no second onChatStart', async () => {
    const first = await connectClient(a.url);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    first.send('one');
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'echo: one');
    first.close();
    await a.stop(); // with Redis, sessions outlive their instance
    stopped = true;
    const moved = await connectClient(b.url, { sessionId: first.sessionId, browserKey: first.browserKey });
    const s = await stats(moved);
    expect(s.n, 'userSession counter continued on instance B').to.equal(2);
    expect(moved.of<{ output: string }>('new_message').some((m) => m.output === 'Welcome!')).to.equal(false);
    expect(b.app.registry.get(first.sessionId), 'B owns it now').to.not.equal(undefined);
    moved.close();
  });
});
