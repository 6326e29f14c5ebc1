import { expect } from 'chai';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectClient } from '../support/client.js';
import { startTcpProxy, type TcpProxy } from '../support/cut-proxy.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { captureLogger, REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import type { StepDict } from '../../runtime/wire.js';

/**
 * PostgreSQL goes away in the middle of a chat (a TCP proxy the test cuts): the outage is
 * logged, the chat goes on, and what was sent meanwhile is written, once each, when the
 * database is back.
 */
describe('persistence: a database outage during a chat', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;
  const logged = captureLogger();

  before(async function () {
    database = await createTestDatabase(this);
    proxy = await startTcpProxy(5432);
    const url = new URL(database.url);
    url.host = `127.0.0.1:${proxy.port}`;
    const plugin = readFileSync(join(REPO, 'test/fixtures/apps/history/plugin.ts'), 'utf8');
    server = await startServer(writeApp({ 'chainlit.yaml': `name: Outage\nplugins: [plugin.ts]\ndata_layer:\n  url: ${url.toString()}\n`, 'plugin.ts': plugin }), { logger: logged.logger });
  });
  after(async () => {
    proxy?.restore();
    await server?.stop();
    await proxy?.close();
    await database?.drop();
  });

  it('logs the outage, keeps chatting, and writes what was sent once the database is back', async () => {
    const client = await connectClient(server.url);
    await client.waitFor<StepDict>('new_message', (m) => m.output === 'Welcome!');
    client.send('before');
    await client.waitFor<StepDict>('new_message', (m) => m.output === 'before #1');
    const threadId = server.app.registry.get(client.sessionId)!.threadId;
    const queue = server.app.persistence!.queue;
    await queue.drain(threadId);

    proxy.cut();
    const outage = once(queue, 'outage');
    for (const text of ['during one', 'during two']) {
      const since = client.received.length;
      client.send(text);
      await client.waitFor<StepDict>('new_message', (m) => m.output.startsWith(`${text} #`), { since });
    }
    await outage;
    expect(logged.lines.some((l) => l.msg === 'the database is unreachable; writes are kept and retried'), 'the outage is logged').to.equal(true);
    expect(queue.pending(threadId), 'what was sent is kept').to.be.greaterThan(0);

    proxy.restore();
    await queue.drain(threadId);
    const thread = (await server.app.services.dataLayer!.getThread(threadId))!;
    const users = thread.steps.filter((s) => s.type === 'user_message').map((s) => s.output);
    expect(users).to.deep.equal(['before', 'during one', 'during two']);
    const answers = thread.steps.filter((s) => s.type === 'assistant_message').map((s) => s.output);
    expect(answers).to.deep.equal(['Welcome!', 'before #1', 'during one #2', 'during two #3']);
    expect(new Set(thread.steps.map((s) => s.id)).size, 'each step once').to.equal(thread.steps.length);
    client.close();
  });
});
