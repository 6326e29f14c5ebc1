import { expect } from 'chai';
import { channelOf } from '../../runtime/realtime/emitter.js';
import { Redis } from 'ioredis';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import type { SessionRecord } from '../../runtime/session/types.js';
import { waitUntil } from '../support/wait.js';
import { dropKeysAndQuit } from '../support/redis-server.js';

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

/** Resolves once instance `server` has handled the disconnect of the session's socket. */
function disconnectHandled(server: TestServer, sessionId: string): Promise<unknown> {
  const session = server.app.registry.get(sessionId);
  const socket = session ? [...channelOf(session).sockets][0] : undefined;
  if (!socket) throw new Error(`session ${sessionId} has no socket on this instance`);
  // The runtime's own disconnect listener was added first, so it has run when this one does.
  return once(socket, 'disconnect');
}

/** Polls the session's Redis record until `check` holds (saves are not announced to clients). */
async function storedRecord(redis: Redis, sessionId: string, check: (record: SessionRecord) => boolean): Promise<SessionRecord> {
  let record: SessionRecord | undefined;
  await waitUntil('the Redis record reached the expected state', async () => {
    const json = await redis.get(`${PREFIX}session:${sessionId}`);
    record = json ? (JSON.parse(json) as SessionRecord) : undefined;
    return record !== undefined && check(record);
  });
  return record!;
}

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
      await dropKeysAndQuit(redis, PREFIX);
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
    expect(ttl, 'session_timeout (30 s) plus the grace that lets another instance end it').to.be.within(85, 90);
    client.close();
  });

  it('restores a session on another instance: same userSession, no second onChatStart', async () => {
    const first = await connectClient(a.url);
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    first.send('one');
    await first.waitFor('new_message', (m: { output: string }) => m.output === 'echo: one');
    const handled = disconnectHandled(a, first.sessionId);
    first.close();
    await handled;
    // The disconnect saves the record, with the counter onMessage set to 1.
    await storedRecord(redis, first.sessionId, (r) => r.userSession.n === 1);
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
    const handled = disconnectHandled(a, owner.sessionId);
    owner.close();
    await handled;
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
