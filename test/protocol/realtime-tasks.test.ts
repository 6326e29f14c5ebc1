import { expect } from 'chai';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';

const CORE = join(REPO, 'test/fixtures/apps/core/chainlit.yaml');
interface Step { id: string; parentId: string | null; name: string; type: string; output: string; streaming: boolean; waitForAnswer?: boolean }

describe('realtime: stop, asks, actions', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(CORE);
  });
  after(() => server.stop());
  afterEach(() => client?.close());

  async function ready(options = {}) {
    client = await connectClient(server.url, options);
    await client.waitFor('new_message', (m: Step) => m.output === 'Welcome!');
  }

  /** Resolves once every event the server sent before it has arrived (socket events keep their order). */
  async function roundTrip(since: number): Promise<Record<string, unknown>> {
    client.send('stats');
    const msg = await client.waitFor<Step>('new_message', (m) => m.output.startsWith('{'), { since });
    return JSON.parse(msg.output) as Record<string, unknown>;
  }

  it('stop cancels the running task: nothing more is streamed, the stop message and task_end arrive, onStop runs', async () => {
    await ready();
    const since = client.received.length;
    client.send('slow');
    const stream = await client.waitFor<Step>('stream_start', () => true, { since });
    client.socket.emit('stop');
    await client.waitFor<Step>('new_message', (m) => m.output === 'Task manually stopped.', { since });
    await client.waitFor('task_end', () => true, { since });
    const atStop = client.received.length;
    const stats = await roundTrip(atStop);
    const after = client.received.slice(atStop).filter((r) => r.event === 'stream_token' || (r.payload as Step | undefined)?.id === stream.id);
    expect(after, 'the stopped task sent nothing more').to.have.length(0);
    expect(stats.stops).to.be.greaterThan(0);
  });

  it('stop aborts context.signal, so plugin I/O given the signal ends; what it sends afterwards is dropped', async () => {
    await ready();
    const since = client.received.length;
    client.send('wait-signal');
    await client.waitFor<Step>('new_message', (m) => m.output === 'waiting for the signal', { since });
    client.socket.emit('stop');
    await client.waitFor<Step>('new_message', (m) => m.output === 'Task manually stopped.', { since });
    expect((await roundTrip(since)).aborted).to.equal(1);
    expect(client.of<Step>('new_message').some((m) => m.output === 'must not arrive')).to.equal(false);
  });

  it('ask: the question travels in `ask`, the answer becomes a user message and a first interaction', async () => {
    await ready({ onAsk: ({ msg }: { msg: Record<string, unknown> }) => ({ id: crypto.randomUUID(), type: 'user_message', output: 'Ada', name: 'User', parentId: msg.parentId ?? null, createdAt: new Date().toISOString(), metadata: {} }) });
    const since = client.received.length;
    client.send('ask');
    const hi = await client.waitFor<Step>('new_message', (m) => m.output === 'Hi Ada', { since });
    const ask = client.received.slice(since).find((r) => r.event === 'ask')!.payload as { msg: Step; spec: { type: string; timeout: number; step_id: string } };
    expect(ask.spec).to.include({ type: 'text', timeout: 5 });
    expect(ask.spec.step_id).to.equal(ask.msg.id);
    expect(ask.msg.waitForAnswer).to.equal(true);
    expect(client.of<Step>('new_message').some((m) => m.id === ask.msg.id), 'question only inside ask').to.equal(false);
    const events = client.received.slice(since).map((r) => r.event);
    expect(events).to.include('clear_ask');
    expect(hi.type).to.equal('assistant_message');
  });

  it('ask: an answer that is not a user message (as the wire schema says) fails the ask with a clear error', async () => {
    await ready({ onAsk: () => ({ id: crypto.randomUUID(), type: 'user_message', output: 42, name: 'User', metadata: 'not an object' }) });
    const since = client.received.length;
    client.send('ask');
    const error = await client.waitFor<Step & { isError?: boolean }>('new_message', (m) => m.isError === true, { since });
    expect(error.output).to.equal('Invalid answer to the question: user_step/output must be string.');
    await roundTrip(since);
    expect(client.of<Step>('new_message').some((m) => m.output.startsWith('Hi ')), 'the malformed answer was not taken').to.equal(false);
  });

  it('ask timeout: ask_timeout is sent and the ask resolves to nothing', async () => {
    await ready();
    const since = client.received.length;
    client.send('ask-short');
    await client.waitFor('ask_timeout', () => true, { since, timeoutMs: 4000 });
    await client.waitFor<Step>('new_message', (m) => m.output === 'timed out', { since });
  });

  it('stop cancels a pending ask cleanly', async () => {
    await ready();
    const since = client.received.length;
    client.send('ask');
    await client.waitFor('ask', () => true, { since });
    client.socket.emit('stop');
    await client.waitFor('clear_ask', () => true, { since });
    await client.waitFor<Step>('new_message', (m) => m.output === 'Task manually stopped.', { since });
    await roundTrip(since);
    expect(client.of<Step>('new_message').some((m) => m.output === 'no answer')).to.equal(false);
  });

  it('actions: sent after their message with forId; POST /project/action runs the callback in the session', async () => {
    await ready();
    const since = client.received.length;
    client.send('action');
    const msg = await client.waitFor<Step>('new_message', (m) => m.output === 'pick', { since });
    const action = await client.waitFor<{ id: string; name: string; forId: string; payload: unknown }>('action', () => true, { since });
    expect(action).to.include({ id: 'fixed-action-id', name: 'pick', forId: msg.id });
    const res = await fetch(`${server.url}/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${client.browserKey}` },
      body: JSON.stringify({ action, sessionId: client.sessionId }),
    });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ success: true, response: { ok: true } });
    await client.waitFor<Step>('new_message', (m) => m.output === 'picked 42', { since });
    const removed = await client.waitFor<{ id: string }>('remove_action', () => true, { since });
    expect(removed.id).to.equal('fixed-action-id');
  });

  it('POST /project/action for an unknown action is a 404 naming it', async () => {
    await ready();
    const res = await fetch(`${server.url}/project/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${client.browserKey}` },
      body: JSON.stringify({ action: { id: 'x', name: 'nope', payload: {}, label: '', tooltip: '', forId: null }, sessionId: client.sessionId }),
    });
    expect(res.status).to.equal(404);
    expect(((await res.json()) as { detail: string }).detail).to.equal('No callback found for action nope');
  });
});
