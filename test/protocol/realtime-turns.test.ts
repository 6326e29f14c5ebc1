import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { captureLogger, REPO, startServer, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';

const TURNS = join(REPO, 'test/fixtures/apps/turns/chainlit.yaml');
interface Step { id: string; output: string; type: string; isError?: boolean }

/**
 * The per-session task model: turns in arrival order after the chat start, side work beside
 * them, stop/clear/end abort everything, task events balanced, edits on a copy. The fixture
 * holds its handlers on latches the test releases, so nothing here waits on time.
 */
describe('realtime: one task model per session', () => {
  let server: TestServer;
  let client: TestClient;
  const logged = captureLogger();
  before(async () => {
    server = await startServer(TURNS, { logger: logged.logger });
  });
  after(() => server.stop());
  afterEach(() => client?.close());

  const release = (name: string) => fetch(`${server.url}/latch/${name}`, { method: 'POST' }).then((r) => r.json());
  const log = async () => (await (await fetch(`${server.url}/log`)).json()) as string[];
  const outputs = (since = 0) => client.received.slice(since).filter((r) => r.event === 'new_message').map((r) => (r.payload as Step).output);
  const said = (text: string, since = 0) => client.waitFor<Step>('new_message', (m) => m.output === text, { since });
  const events = (since: number) => client.received.slice(since).map((r) => r.event);
  const session = () => server.app.registry.get(client.sessionId)!;

  /** Resolves once the server has dispatched every event sent before: a bad settings edit is answered in order. */
  async function flush(): Promise<void> {
    const since = client.received.length;
    client.socket.emit('chat_settings_edit', { no_such_setting: 1 });
    await client.waitFor<{ message: string }>('toast', (t) => t.message.startsWith('Invalid settings'), { since });
  }

  it('nothing runs before onChatStart has finished: onMessage sees what it stored', async () => {
    const hold = `start-${randomUUID()}`;
    client = await connectClient(server.url, { userEnv: { hold } });
    await said('start:begin');
    client.send('ready');
    await flush();
    expect(outputs()).to.not.include('ready=undefined');
    await release(hold);
    await said('ready=yes');
    const order = outputs().filter((o) => o.startsWith('start:') || o.startsWith('ready='));
    expect(order).to.deep.equal(['start:begin', 'start:end', 'ready=yes']);
  });

  it('turns run one after another in arrival order; task_start/task_end bracket them all once', async () => {
    const hold = `start-${randomUUID()}`;
    const a = `a-${randomUUID()}`;
    const b = `b-${randomUUID()}`;
    client = await connectClient(server.url, { userEnv: { hold } });
    await said('start:begin');
    const since = client.received.length;
    client.send(`hold ${a} A`);
    client.send(`hold ${b} B`);
    await flush();
    await release(hold);
    await said('A:begin', since);
    await release(b); // B's latch opens first, but B must wait for A's turn
    await release(a);
    await said('B:end', since);
    expect(outputs(since).filter((o) => /^[AB]:|^start:end/.test(o))).to.deep.equal(['start:end', 'A:begin', 'A:end', 'B:begin', 'B:end']);
    const tasks = events(since).filter((e) => e === 'task_start' || e === 'task_end');
    expect(tasks, 'the client is running from the first turn to the last, never idle between').to.deep.equal(['task_end']);
    await waitUntil('the session is idle', () => !session().tasks.running);
  });

  it('the loading state stays on while any task runs: one task_start, one task_end', async () => {
    client = await connectClient(server.url);
    await said('start:end');
    await waitUntil('the chat start has ended', () => !session().tasks.running);
    const a = `a-${randomUUID()}`;
    const b = `b-${randomUUID()}`;
    const since = client.received.length;
    client.send(`hold ${a} A`);
    await said('A:begin', since);
    client.send(`hold ${b} B`);
    await flush();
    await release(a);
    await said('A:end', since);
    await release(b);
    await said('B:end', since);
    await client.waitFor('task_end', () => true, { since });
    expect(events(since).filter((e) => e === 'task_start' || e === 'task_end')).to.deep.equal(['task_start', 'task_end']);
  });

  it('stop aborts every task, running and queued; a stopped answer sends nothing after its task_end', async () => {
    client = await connectClient(server.url);
    await said('start:end');
    const a = `a-${randomUUID()}`;
    const b = `b-${randomUUID()}`;
    const t = randomUUID().slice(0, 8);
    const since = client.received.length;
    client.send(`stream ${a} ${t}A`);
    const stream = await client.waitFor<Step>('stream_start', () => true, { since });
    client.send(`hold ${b} ${t}B`);
    await flush();
    client.socket.emit('stop');
    await said('Task manually stopped.', since);
    await client.waitFor('task_end', () => true, { since });
    const atStop = client.received.length;
    // A's handler ignores the signal: let it go on, and B's latch open too.
    await release(a);
    await release(b);
    await waitUntil('A has gone on after the stop', async () => (await log()).some((l) => l.startsWith(`${t}A:released content=stream ${a}`)));
    client.send('after');
    await said('echo:after', atStop);
    const late = client.received.slice(atStop).filter((r) => (r.payload as Step | undefined)?.id === stream.id || r.event === 'stream_token');
    expect(late, 'nothing of the stopped answer after task_end').to.deep.equal([]);
    expect(outputs(since), 'the queued turn never ran').to.not.include(`${t}B:begin`);
    expect(await log()).to.not.include(`${t}B:begin`);
    const chat = events(since).filter((e) => e === 'task_start' || e === 'task_end');
    expect(chat.filter((e) => e === 'task_start').length).to.equal(chat.filter((e) => e === 'task_end').length);
  });

  it('an edit cancels the answer to the edited message and answers an edited copy; the old handler keeps its message', async () => {
    client = await connectClient(server.url);
    await said('start:end');
    const a = `a-${randomUUID()}`;
    const label = `E${randomUUID().slice(0, 8)}`;
    const since = client.received.length;
    const id = client.send(`stream ${a} ${label}`);
    await client.waitFor('stream_start', () => true, { since });
    client.socket.emit('edit_message', { message: { id, output: 'edited', type: 'user_message', name: 'User', createdAt: new Date().toISOString() } });
    await said('echo:edited', since);
    await release(a);
    await waitUntil('the old handler has gone on', async () => (await log()).some((l) => l.startsWith(`${label}:released`)));
    client.send('after-edit');
    await said('echo:after-edit', since);
    expect((await log()).find((l) => l.startsWith(`${label}:released`)), 'the old handler saw its own message, not the edit').to.equal(`${label}:released content=stream ${a} ${label}`);
    const tokens = client.of<{ token: string }>('stream_token').map((t) => t.token);
    expect(tokens.join(''), 'the old stream never resumed').to.not.include(`${label}-two`);
    const update = client.of<Step>('update_message').find((m) => m.id === id);
    expect(update?.output).to.equal('edited');
  });

  it('action callbacks and settings changes during an answer run at once', async () => {
    client = await connectClient(server.url);
    await said('start:end');
    const a = `a-${randomUUID()}`;
    const since = client.received.length;
    client.send(`hold ${a} A`);
    await said('A:begin', since);
    const res = await fetch(`${server.url}/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${client.browserKey}` },
      body: JSON.stringify({ sessionId: client.sessionId, action: { id: randomUUID(), name: 'ping', payload: { n: 7 }, label: 'Ping', tooltip: '', icon: null, forId: null } }),
    });
    expect(await res.json()).to.deep.equal({ success: true, response: { pong: 7 } });
    client.socket.emit('chat_settings_change', { fast: true });
    await said('settings:{"fast":true}', since);
    expect(outputs(since)).to.not.include('A:end');
    await release(a);
    await said('A:end', since);
  });

  it('an action callback that arrives during onChatStart waits for it', async () => {
    const hold = `start-${randomUUID()}`;
    client = await connectClient(server.url, { userEnv: { hold } });
    await said('start:begin');
    const reply = fetch(`${server.url}/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${client.browserKey}` },
      body: JSON.stringify({ sessionId: client.sessionId, action: { id: randomUUID(), name: 'ping', payload: { n: 1 }, label: 'Ping', tooltip: '', icon: null, forId: null } }),
    });
    await waitUntil('the action is queued behind the chat start', () => session().tasks.size === 2);
    await release(hold);
    expect(await (await reply).json()).to.deep.equal({ success: true, response: { pong: 1 } });
    expect(outputs().filter((o) => o === 'start:end' || o === 'action:1')).to.deep.equal(['start:end', 'action:1']);
  });

  it('clear_session and the session end abort every task; queued turns never run', async () => {
    client = await connectClient(server.url);
    await said('start:end');
    const label = `S${randomUUID().slice(0, 8)}`;
    const b = `b-${randomUUID()}`;
    client.send(`signal x ${label}`);
    await said(`${label}:begin`);
    client.send(`hold ${b} ${label}B`);
    await flush();
    client.socket.emit('clear_session');
    client.close();
    await waitUntil('the running task saw its signal abort', async () => (await log()).includes(`${label}:aborted`));
    await waitUntil('the session has ended', () => server.app.registry.get(client.sessionId) === undefined);
    await release(b);
    expect(await log()).to.not.include(`${label}B:begin`);
  });

  it('a plugin error shows its own message; a runtime error shows a generic text with the id of its log line', async () => {
    client = await connectClient(server.url);
    await said('start:end');
    const since = client.received.length;
    client.send('throw boom');
    const own = await client.waitFor<Step>('new_message', (m) => m.isError === true, { since });
    expect(own.output).to.equal('plugin says boom');
    const next = client.received.length;
    client.send('bigint');
    const internal = await client.waitFor<Step>('new_message', (m) => m.isError === true, { since: next });
    expect(internal.output).to.match(/^Internal error \(id [0-9a-f-]{36}\)$/);
    expect(internal.output).to.not.include('BigInt');
    const id = /id ([0-9a-f-]{36})/.exec(internal.output)![1];
    const line = logged.lines.find((l) => l.errorId === id);
    expect(line, 'the log line carries the same id').to.not.equal(undefined);
    expect(String((line!.err as { message: string }).message)).to.include('BigInt');
  });
});
