import { expect } from 'chai';
import { Redis } from 'ioredis';
import { SECRET, cookieHeader, login, manifestUsers } from '../support/auth.js';
import { connectClient, type TestClient } from '../support/client.js';
import { PASSWORDS, seedThread, seedUsers } from '../support/history.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startServer, writeApp, type TestServer } from '../support/server.js';
import { requireService } from '../support/services.js';
import { dropKeysAndQuit, SHARED_REDIS_URL } from '../support/redis-server.js';

const PREFIX = `crt-history-${process.pid}-${Date.now()}:`;

const APP = `
import { definePlugin, Message } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'ready' }).send(); },
  async onMessage(m) { await new Message({ content: 'echo ' + m.content }).send(); },
  async onFeedback(feedback) { await new Message({ content: 'thanks for ' + feedback.value }).send(); },
});
`;

/**
 * Two instances sharing Redis sessions and one PostgreSQL database: a PUT /feedback that
 * lands on the instance that does not run the named session is passed to the one that does,
 * so onFeedback still runs in that chat.
 */
describe('history: feedback with several instances', function () {
  this.timeout(60_000);
  let a: TestServer;
  let b: TestServer;
  let database: TestDatabase;
  let client: TestClient;
  let cookie = '';

  before(async function () {
    await requireService(this, 'redis');
    database = await createTestDatabase(this);
    const users = await manifestUsers(Object.entries(PASSWORDS).map(([identifier, password]) => ({ identifier, password })));
    const manifest = `name: History Cluster\nplugins: [app.ts]\nsession:\n  store: redis\n  key_prefix: "${PREFIX}"\ndata_layer:\n  url: ${database.url}\n${users}`;
    const file = writeApp({ 'chainlit.yaml': manifest, 'app.ts': APP, '.env': `CHAINLIT_AUTH_SECRET=${SECRET}\n` });
    a = await startServer(file);
    b = await startServer(file);
    cookie = cookieHeader(await login(a.url, 'alice', PASSWORDS.alice!));
    client = await connectClient(a.url, { cookie });
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
  });
  after(async () => {
    client?.close();
    await a?.stop();
    await b?.stop();
    await database?.drop();
    await dropKeysAndQuit(new Redis(SHARED_REDIS_URL), PREFIX);
  });

  it('PUT /feedback on the other instance is stored and calls onFeedback in the chat, once', async () => {
    const { alice } = await seedUsers(a.app.services.dataLayer!);
    const { threadId, stepIds } = await seedThread(a.app.services.dataLayer!, alice);
    expect(b.app.registry.get(client.sessionId), 'B does not run the session').to.equal(undefined);
    const res = await fetch(`${b.url}/feedback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ sessionId: client.sessionId, feedback: { forId: stepIds[1], threadId, value: 1 } }),
    });
    expect(res.status).to.equal(200);
    const { feedbackId } = (await res.json()) as { feedbackId: string };
    expect(await b.app.services.dataLayer!.getFeedback!(feedbackId)).to.deep.include({ forId: stepIds[1], value: 1 });
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'thanks for 1');
    // Another user's feedback through B is refused by the owner like any request.
    const bob = cookieHeader(await login(b.url, 'bob', PASSWORDS.bob!));
    const refused = await fetch(`${b.url}/feedback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: bob },
      body: JSON.stringify({ sessionId: client.sessionId, feedback: { forId: stepIds[1], threadId, value: 0 } }),
    });
    expect(refused.status).to.equal(404);
    // Events reach the chat in order: once the echo is in, any second hook message would be too.
    client.send('done');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'echo done');
    expect(client.of<{ output: string }>('new_message').filter((m) => m.output.startsWith('thanks for'))).to.have.length(1);
  });
});
