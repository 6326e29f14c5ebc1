import { expect } from 'chai';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';

const CORE = join(REPO, 'test/fixtures/apps/core/chainlit.yaml');

interface Step { id: string; parentId: string | null; name: string; type: string; output: string; input?: string; streaming: boolean; isError?: boolean; end?: string | null }

describe('realtime: messages, steps, streaming', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(CORE);
  });
  after(() => server.stop());
  beforeEach(async () => {
    client = await connectClient(server.url);
    await client.waitFor('new_message', (m: Step) => m.output === 'Welcome!');
    await client.waitFor('task_end', () => true, { since: 3 });
  });
  afterEach(() => client.close());

  it('answers a client_message inside an on_message run step, framed by task_start/task_end, with first_interaction', async () => {
    const since = client.received.length;
    const userId = client.send('hello');
    const reply = await client.waitFor<Step>('new_message', (m) => m.output === 'echo: hello', { since });
    const run = client.of<Step>('new_message').find((m) => m.name === 'on_message');
    expect(run?.parentId).to.equal(userId);
    expect(reply.parentId).to.equal(run!.id);
    expect(reply.type).to.equal('assistant_message');
    await client.waitFor('task_end', () => true, { since });
    const events = client.received.slice(since).map((r) => r.event);
    expect(events[0]).to.equal('task_start');
    expect(events).to.include('first_interaction');
    expect(client.of<{ interaction: string }>('first_interaction')[0]!.interaction).to.equal('hello');
    expect(events.filter((e) => e === 'new_message' && false)).to.have.length(0);
    // the user's own message is not echoed back
    expect(client.of<Step>('new_message').some((m) => m.id === userId)).to.equal(false);
  });

  it('streams: stream_start carries the first token, stream_token the rest, isSequence replaces', async () => {
    const since = client.received.length;
    client.send('stream');
    const final = await client.waitFor<Step>('new_message', (m) => m.output === 'XYZ' && !m.streaming, { since });
    const start = await client.waitFor<Step>('stream_start', () => true, { since });
    expect(start.id).to.equal(final.id);
    expect(start.output).to.equal('a');
    expect(start.streaming).to.equal(true);
    const tokens = client.received.slice(since).filter((r) => r.event === 'stream_token').map((r) => r.payload as { id: string; token: string; isSequence: boolean; isInput: boolean });
    expect(tokens.map((t) => t.token)).to.deep.equal(['b', 'c', 'XYZ']);
    expect(tokens.map((t) => t.isSequence)).to.deep.equal([false, false, true]);
    expect(tokens.every((t) => t.id === final.id && t.isInput === false)).to.equal(true);
  });

  it('nests steps: Step.run and step() children point at their parent, with input and output', async () => {
    const since = client.received.length;
    client.send('steps');
    await client.waitFor<Step>('new_message', (m) => m.output === 'done', { since });
    const sent = client.received.slice(since).filter((r) => r.event === 'new_message').map((r) => r.payload as Step);
    const outer = sent.find((s) => s.name === 'outer')!;
    const inner = sent.find((s) => s.name === 'inner')!;
    const shout = sent.find((s) => s.name === 'shout')!;
    expect(outer.type).to.equal('tool');
    expect(inner.parentId).to.equal(outer.id);
    expect(shout.parentId).to.equal(outer.id);
    const updates = client.received.slice(since).filter((r) => r.event === 'update_message').map((r) => r.payload as Step);
    const innerDone = updates.find((s) => s.id === inner.id)!;
    expect(innerDone.output).to.equal('inner result');
    expect(innerDone.input).to.equal(JSON.stringify({ q: 1 }, null, 4));
    expect(updates.find((s) => s.id === shout.id)!.output).to.equal('QUIET');
    expect(updates.find((s) => s.id === shout.id)!.input).to.equal('quiet');
    expect(updates.find((s) => s.id === outer.id)!.end).to.be.a('string');
  });

  it('shows a throwing hook as an error message and keeps the session going', async () => {
    const since = client.received.length;
    client.send('throw');
    const err = await client.waitFor<Step>('new_message', (m) => m.isError === true, { since });
    expect(err.output).to.equal('the plugin broke on purpose');
    expect(err.name).to.equal('Error');
    await client.waitFor('task_end', () => true, { since });
    client.send('still alive?');
    await client.waitFor<Step>('new_message', (m) => m.output === 'echo: still alive?', { since });
  });

  it('rejects a malformed payload with an error toast, and the session survives', async () => {
    const since = client.received.length;
    client.socket.emit('client_message', { message: { id: 42 } });
    const toast = await client.waitFor<{ message: string; type: string }>('toast', () => true, { since });
    expect(toast.type).to.equal('error');
    expect(toast.message).to.match(/client_message/);
    client.socket.emit('client_message', { message: { id: 'not-a-uuid', output: 'x' } });
    const err = await client.waitFor<Step>('new_message', (m) => m.isError === true, { since });
    expect(err.output).to.match(/UUID v4/);
    client.send('ok?');
    await client.waitFor<Step>('new_message', (m) => m.output === 'echo: ok?', { since });
  });

  it('edits a message: the later messages go, the handler answers again', async () => {
    const since = client.received.length;
    const first = client.send('one');
    await client.waitFor<Step>('new_message', (m) => m.output === 'echo: one', { since });
    await client.waitFor('task_end', () => true, { since });
    const mid = client.received.length;
    const second = client.send('two');
    const secondReply = await client.waitFor<Step>('new_message', (m) => m.output === 'echo: two', { since: mid });
    await client.waitFor('task_end', () => true, { since: mid });
    const before = client.received.length;
    client.socket.emit('edit_message', { message: { id: first, output: 'uno' } });
    await client.waitFor<Step>('new_message', (m) => m.output === 'echo: uno', { since: before });
    const updated = await client.waitFor<Step>('update_message', (m) => m.id === first, { since: before });
    expect(updated.output).to.equal('uno');
    const deleted = client.received.slice(before).filter((r) => r.event === 'delete_message').map((r) => (r.payload as { id: string }).id);
    expect(deleted).to.include(second);
    expect(deleted).to.include(secondReply.id);
    client.send('history');
    const history = await client.waitFor<Step>('new_message', (m) => m.output.startsWith('[{'), { since: before });
    const roles = (JSON.parse(history.output) as Array<{ role: string; content: string }>).map((m) => `${m.role}:${m.content}`);
    expect(roles).to.deep.equal(['assistant:Welcome!', 'user:uno', 'assistant:echo: uno', 'user:history']);
  });

  it('passes the selected command on message.command', async () => {
    const since = client.received.length;
    client.send('stats', { command: 'search' });
    const msg = await client.waitFor<Step>('new_message', (m) => m.output.startsWith('{'), { since });
    expect(JSON.parse(msg.output).command).to.equal('search');
  });

  it('stores chat settings and calls onSettingsUpdate; window_message reaches onWindowMessage', async () => {
    const since = client.received.length;
    client.socket.emit('chat_settings_change', { model: 'gpt', temperature: 0.5 });
    client.socket.emit('window_message', { from: 'host' });
    await client.waitFor<Step>('new_message', (m) => m.output === 'window: {"from":"host"}', { since });
    client.send('stats');
    const msg = await client.waitFor<Step>('new_message', (m) => m.output.startsWith('{'), { since });
    const s = JSON.parse(msg.output);
    expect(s.settingsNow).to.deep.equal({ model: 'gpt', temperature: 0.5 });
    expect(s.settings).to.deep.include({ model: 'gpt', temperature: 0.5 });
  });
});
