import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { captureLogger, REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import { waitUntil } from '../support/wait.js';

const plugin = readFileSync(join(REPO, 'test/fixtures/apps/core/plugin.ts'), 'utf8');

/**
 * A session record whose save fails (Redis refusing writes: `min-replicas-to-write` on a
 * redis-server of the test's own) is retried, and reported when it keeps failing; the chat
 * start never depends on it.
 */
describe('sessions: saves that fail', () => {
  let redis: PrivateRedis;
  let server: TestServer;
  let client: TestClient | undefined;
  const logged = captureLogger();
  const key = (id: string) => `save-test:session:${id}`;
  const stored = async (id: string) => JSON.parse((await redis.admin.get(key(id))) ?? 'null') as { chatStarted: boolean } | null;
  const refuseWrites = (on: boolean) => redis.admin.config('SET', 'min-replicas-to-write', on ? '1' : '0');

  before(async function () {
    await requireService(this, 'redis');
    redis = await startPrivateRedis();
    const manifest = `name: Save Test\nplugins: [plugin.ts]\nproject:\n  session_timeout: 30\nsession:\n  store: redis\n  redis_url: ${redis.url}\n  key_prefix: "save-test:"\n`;
    server = await startServer(writeApp({ 'chainlit.yaml': manifest, 'plugin.ts': plugin }), { logger: logged.logger });
  });
  afterEach(async () => {
    client?.close();
    await refuseWrites(false);
  });
  after(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('onChatStart runs while the save fails; the save is retried and lands once writes work again', async () => {
    client = await connectClient(server.url, { announce: false });
    const id = client.sessionId;
    expect((await stored(id))?.chatStarted).to.equal(false);
    await refuseWrites(true);
    client.socket.emit('connection_successful');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'Welcome!');
    await waitUntil('a failed save was logged', () => logged.lines.some((l) => l.sessionId === id && l.msg === 'could not save the session; retrying'));
    expect((await stored(id))?.chatStarted).to.equal(false);
    await refuseWrites(false);
    await waitUntil('the retried save landed', async () => (await stored(id))?.chatStarted === true);
  });

  it('a save that keeps failing is logged as an error and the user warned; the chat goes on', async () => {
    client = await connectClient(server.url, { announce: false });
    const id = client.sessionId;
    await refuseWrites(true);
    client.socket.emit('connection_successful');
    const toast = await client.waitFor<{ message: string; type: string }>('toast', () => true, { timeoutMs: 15_000 });
    expect(toast.type).to.equal('warning');
    expect(toast.message).to.include('could not be saved');
    expect(logged.lines.some((l) => l.sessionId === id && l.level === 50 && l.msg === 'could not save the session; gave up')).to.equal(true);
    const since = client.received.length;
    client.send('echo me');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'echo: echo me', { since });
  });
});
