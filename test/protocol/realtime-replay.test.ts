import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelOf } from '../../runtime/realtime/emitter.js';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';

interface Step { id: string; output: string }

/**
 * One instance, sessions in memory: a client that drops and reconnects with its last
 * offset gets what it missed from the session's replay log, once and in order; the log
 * keeps `session.replay_log.max_entries` entries.
 */
describe('realtime: replay for reconnecting clients', () => {
  let server: TestServer;
  let small: TestServer;
  const clients: TestClient[] = [];
  const plugin = readFileSync(join(REPO, 'test/fixtures/apps/turns/plugin.ts'), 'utf8');
  const app = (extra: string) => writeApp({ 'chainlit.yaml': `name: Replay\nplugins: [plugin.ts]\nproject:\n  session_timeout: 30\n${extra}`, 'plugin.ts': plugin });
  const open = async (target: TestServer, options: Parameters<typeof connectClient>[1] = {}) => {
    const client = await connectClient(target.url, options);
    clients.push(client);
    return client;
  };

  before(async () => {
    server = await startServer(app(''));
    small = await startServer(app('session:\n  replay_log:\n    max_entries: 10\n'));
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  after(async () => {
    await server?.stop();
    await small?.stop();
  });

  it('gives a client that comes back what it missed while the answer went on: once, in order', async () => {
    const first = await open(server);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const latch = `l-${randomUUID()}`;
    first.send(`stream ${latch} P`);
    await first.waitFor<Step>('stream_start', (m) => m.output === 'P-one ');
    const offset = first.lastOffset;
    const session = server.app.registry.get(first.sessionId)!;
    first.close();
    await waitUntil('the server saw the client go', () => !channelOf(session).connected);
    await fetch(`${server.url}/latch/${latch}`, { method: 'POST' });
    await waitUntil('the answer was finished meanwhile', () => !session.tasks.running);
    const back = await open(server, { sessionId: first.sessionId, browserKey: first.browserKey, offset });
    await back.waitFor<Step>('new_message', (m) => m.output === 'P-one P-two');
    expect(back.of<{ token: string }>('stream_token').map((t) => t.token)).to.deep.equal(['P-two']);
    expect(back.of<Step>('new_message').map((m) => m.output).filter((o) => o.startsWith('start:'))).to.deep.equal([], 'nothing from before its offset');
    expect(back.lastOffset, 'the offsets go on').to.be.a('string');
  });

  it('a reconnect without an offset (a new page) gets nothing replayed', async () => {
    const first = await open(server);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    first.close();
    const again = await open(server, { sessionId: first.sessionId, browserKey: first.browserKey });
    again.send('ping');
    await again.waitFor<Step>('new_message', (m) => m.output === 'echo:ping');
    expect(again.of<Step>('new_message').some((m) => m.output.startsWith('start:'))).to.equal(false);
  });

  it('keeps session.replay_log.max_entries entries: a client away for longer gets what is kept and a warning', async () => {
    const first = await open(small);
    await first.waitFor<Step>('new_message', (m) => m.output === 'start:end');
    const offset = first.lastOffset;
    const session = small.app.registry.get(first.sessionId)!;
    first.close();
    await waitUntil('the server saw the client go', () => !channelOf(session).connected);
    // Forty events while away, four times what the log keeps.
    for (let i = 0; i < 40; i += 1) session.emitter.sendToast(`while away ${i}`, 'info');
    const back = await open(small, { sessionId: first.sessionId, browserKey: first.browserKey, offset });
    const warning = await back.waitFor<{ message: string; type: string }>('toast', (t) => t.type === 'warning');
    expect(warning.message).to.include('could not be restored');
    const replayed = back.of<{ message: string }>('toast').filter((t) => t.message.startsWith('while away'));
    expect(replayed.map((t) => t.message)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `while away ${30 + i}`));
  });
});
