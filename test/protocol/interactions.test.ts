import { expect } from 'chai';
import { join } from 'node:path';
import { connectClient, type ClientOptions, type TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';

const APP = join(REPO, 'test/fixtures/apps/interact/chainlit.yaml');
interface Step { id: string; parentId: string | null; output: string; type: string; name: string }
type AskPayload = { msg: Step & Record<string, unknown>; spec: Record<string, unknown> };

describe('interaction APIs', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(APP);
  });
  after(() => server.stop());
  afterEach(() => client?.close());

  async function open(options: ClientOptions = {}) {
    client = await connectClient(server.url, options);
    await client.waitFor('set_commands');
    return client;
  }
  async function say(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const since = client.received.length;
    client.send(text, extra);
    const m = await client.waitFor<Step & { isError?: boolean }>('new_message', (x) => x.type === 'assistant_message' && !('waitForAnswer' in x && x.waitForAnswer), { since, timeoutMs: 8000 });
    return m.output;
  }
  const post = (path: string, body: FormData) =>
    fetch(`${server.url}${path}`, { method: 'POST', body, headers: { cookie: `chainlit_rt_browser=${client.browserKey}` } });
  const file = (name: string, content: string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type }), name);
    return form;
  };

  describe('chat settings', () => {
    it('sends the manifest widgets with Chainlit defaults at chat start, and their initial values are the session settings', async () => {
      await open();
      const widgets = await client.waitFor<Array<Record<string, unknown>>>('chat_settings');
      expect(widgets.map((w) => w.id)).to.deep.equal(['model', 'temperature', 'stream', 'topics', 'persona']);
      expect(widgets[0]).to.deep.include({ type: 'select', initial: 'large', items: [{ label: 'small', value: 'small' }, { label: 'large', value: 'large' }] });
      expect(widgets[1]).to.deep.include({ type: 'slider', min: 0, max: 2, step: 0.5, initial: 1 });
      expect(widgets[3]).to.deep.include({ type: 'tags', initial: [] });
      expect(JSON.parse(await say('settings?'))).to.deep.equal({ model: 'large', temperature: 1, stream: true, topics: [], persona: 'calm' });
    });

    it('stores valid changes and calls onSettingsUpdate; onSettingsEdit leaves the stored values alone', async () => {
      await open();
      const since = client.received.length;
      client.socket.emit('chat_settings_edit', { temperature: 0.5 });
      await client.waitFor<Step>('new_message', (m) => m.output === 'editing {"temperature":0.5}', { since });
      expect(JSON.parse(await say('settings?')).temperature).to.equal(1);
      client.socket.emit('chat_settings_change', { model: 'small', temperature: 1.5, topics: ['a', 'b'] });
      await client.waitFor<Step>('new_message', (m) => m.output.startsWith('updated'), { since });
      expect(JSON.parse(await say('settings?'))).to.deep.include({ model: 'small', temperature: 1.5, topics: ['a', 'b'] });
    });

    for (const [label, bad, reason] of [
      ['a slider value out of range', { temperature: 5 }, /temperature: expected a number between 0 and 2/],
      ['a slider value off its step', { temperature: 0.3 }, /temperature: expected a multiple of 0.5/],
      ['a select value not offered', { model: 'huge' }, /model: expected one of "small", "large"/],
      ['a wrong type', { stream: 'yes' }, /stream: expected true or false/],
      ['an unknown setting', { colour: 'red' }, /colour: no such setting/],
      ['a change to a disabled setting', { persona: 'angry' }, /persona: this setting is disabled/],
    ] as const) {
      it(`rejects ${label} with an error, keeping the stored settings`, async () => {
        await open();
        const before = JSON.parse(await say('settings?'));
        const since = client.received.length;
        client.socket.emit('chat_settings_change', bad);
        const toast = await client.waitFor<{ message: string; type: string }>('toast', () => true, { since });
        expect(toast.type).to.equal('error');
        expect(toast.message).to.match(reason);
        expect(JSON.parse(await say('settings?'))).to.deep.equal(before);
        expect(client.received.slice(since).some((r) => (r.payload as Step)?.output?.startsWith?.('updated'))).to.equal(false);
      });
    }

    it('ChatSettings.send() from code replaces the widgets and values; items maps and min/max are checked', async () => {
      await open();
      expect(await say('new-settings')).to.equal('sent {"voice":"bass","speed":2,"count":null}');
      const widgets = client.of<Array<Record<string, unknown>>>('chat_settings').at(-1)!;
      expect(widgets[0]).to.deep.include({ items: [{ label: 'Alto', value: 'alto' }, { label: 'Bass', value: 'bass' }] });
      const since = client.received.length;
      client.socket.emit('chat_settings_change', { count: 9 });
      expect((await client.waitFor<{ message: string }>('toast', () => true, { since })).message).to.match(/count: expected at most 5/);
      client.socket.emit('chat_settings_change', { voice: 'alto', count: 3 });
      await client.waitFor<Step>('new_message', (m) => m.output.startsWith('updated'), { since });
    });
  });

  describe('asks', () => {
    it('AskFileMessage: uploads are checked against the ask spec (type, extension, size, count) and resolve to file records', async () => {
      const statuses: Record<string, number | string> = {};
      let spec: Record<string, unknown> = {};
      await open({
        onAsk: async ({ msg, spec: s }) => {
          spec = s;
          const url = `/project/file?session_id=${client.sessionId}&ask_parent_id=${String(msg.parentId)}`;
          statuses.mime = (await post(url, file('a.png', 'x', 'image/png'))).status;
          statuses.ext = (await post(url, file('a.csv', 'x', 'text/plain'))).status;
          const big = await post(url, file('big.txt', 'x'.repeat(1024 * 1024 + 10), 'text/plain'));
          statuses.big = `${big.status} ${((await big.json()) as { detail: string }).detail}`;
          const ids: Array<{ id: string }> = [];
          for (const [name, text] of [['one.txt', 'first'], ['two.TXT', 'second']] as const) {
            const res = await post(url, file(name, text, 'text/plain'));
            ids.push((await res.json()) as { id: string });
          }
          const third = await post(url, file('three.txt', 'x', 'text/plain'));
          statuses.third = `${third.status} ${((await third.json()) as { detail: string }).detail}`;
          return ids;
        },
      });
      expect(await say('file')).to.equal('one.txt:5:text/plain:first|two.TXT:6:text/plain:second');
      expect(spec).to.deep.include({ type: 'file', accept: { 'text/plain': ['.txt'] }, max_size_mb: 1, max_files: 2, timeout: 10 });
      expect(statuses).to.deep.equal({ mime: 400, ext: 400, big: '400 File size too large', third: '400 Too many files: this question takes at most 2' });
    });

    it('AskFileMessage: an upload naming no pending ask is refused', async () => {
      await open();
      const res = await post(`/project/file?session_id=${client.sessionId}&ask_parent_id=nothing`, file('a.txt', 'x', 'text/plain'));
      expect(res.status).to.equal(404);
    });

    it('AskActionMessage: buttons with forId, the clicked action comes back, buttons go and the question says what was chosen', async () => {
      await open({ onAsk: ({ spec }) => (spec.type === 'action' ? client.of<Record<string, unknown>>('action').find((a) => a.id === 'no-id') : undefined) });
      expect(await say('action')).to.equal('chose no {"v":0}');
      const ask = client.of<AskPayload>('ask')[0]!;
      expect(ask.spec).to.deep.include({ type: 'action', timeout: 90, keys: ['yes-id', 'no-id'] });
      const actions = client.of<{ id: string; forId: string }>('action');
      expect(actions.map((a) => a.forId)).to.deep.equal([ask.msg.id, ask.msg.id]);
      expect(client.of<{ id: string }>('remove_action').map((a) => a.id).sort()).to.deep.equal(['no-id', 'yes-id']);
      const updated = client.of<Step>('update_message').find((m) => m.id === ask.msg.id)!;
      expect(updated.output).to.equal('**Selected:** No');
    });

    it('raiseOnTimeout: a typed timeout error the plugin can catch', async () => {
      await open();
      expect(await say('raise')).to.equal('raised AskTimeoutError CRT_ASK_TIMEOUT');
      expect(client.of('ask_timeout')).to.have.length(1);
    });

    it('only one ask at a time: a second concurrent ask is refused', async () => {
      await open({ onAsk: ({ msg }) => (msg.output === 'first' ? new Promise((r) => setTimeout(() => r({ id: crypto.randomUUID(), output: 'late', name: 'User', type: 'user_message' }), 300)) : undefined) });
      const since = client.received.length;
      client.send('double-ask');
      const refused = await client.waitFor<Step>('new_message', (m) => m.output.startsWith('second refused'), { since });
      expect(refused.output).to.match(/Another ask is already waiting/);
      expect(client.of<AskPayload>('ask').map((a) => a.msg.output)).to.deep.equal(['first']);
    });
  });

  describe('commands, profiles, copilot functions, makeAsync, uploads', () => {
    it('passes message.command; a manifest handler takes its command; an unknown command is refused', async () => {
      await open();
      const cmds = await client.waitFor<Array<Record<string, unknown>>>('set_commands');
      expect(cmds.map((c) => c.id)).to.deep.equal(['search', 'shout']);
      expect(await say('cats', { command: 'search' })).to.equal('searching cats');
      expect(await say('hello', { command: 'shout' })).to.equal('HELLO!');
      const since = client.received.length;
      client.send('x', { command: 'teleport' });
      const err = await client.waitFor<Step & { isError: boolean }>('new_message', (m) => m.isError, { since });
      expect(err.output).to.equal('Unknown command "/teleport".');
    });

    it('a profile binds its own plugin and config; its overrides shape the session and /project/settings', async () => {
      await open({ chatProfile: 'Pirate' });
      expect(await say('ahoy')).to.equal('Arr! ahoy (Pirate)');
      const reply = client.of<Step>('new_message').find((m) => m.output.startsWith('Arr!'))!;
      expect(reply.name).to.equal('Captain');
      const settings = (await (await fetch(`${server.url}/project/settings?chat_profile=Pirate`)).json()) as { ui: { name: string }; features: { edit_message: boolean }; chatProfiles: Array<Record<string, unknown>> };
      expect(settings.ui.name).to.equal('Captain');
      expect(settings.features.edit_message).to.equal(false);
      expect(settings.chatProfiles.map((p) => p.name)).to.deep.equal(['Default', 'Pirate']);
      expect(JSON.stringify(settings.chatProfiles)).to.not.contain('config_overrides');
      expect(JSON.stringify(settings.chatProfiles)).to.not.contain('greeting');
      const since = client.received.length;
      client.socket.emit('edit_message', { message: { id: reply.id, output: 'nope' } });
      expect((await client.waitFor<{ message: string }>('toast', () => true, { since })).message).to.match(/disabled/);
    });

    it('the default profile keeps the global plugin', async () => {
      await open({ chatProfile: 'Default' });
      expect(await say('profile?')).to.equal('profile=Default');
    });

    it('CopilotFunction: call_fn round trip, then a timeout', async () => {
      let calls = 0;
      await open({ onCallFn: ({ name, args }) => (calls++ === 0 ? { name, args, color: 'blue' } : undefined) });
      expect(await say('call-fn')).to.equal('host said {"name":"get_color","args":{"of":"sky"},"color":"blue"}');
      expect(client.of('clear_call_fn').length).to.be.greaterThan(1);
      expect(await say('call-fn')).to.equal('host said undefined');
      expect(client.of('call_fn_timeout')).to.have.length(1);
    });

    it('makeAsync runs the function in a worker thread and returns into the session context', async () => {
      await open();
      expect(await say('heavy')).to.equal('299995 worker=true callerMain=true session=true');
    });

    it('spontaneous uploads appear on message.elements with name, mime and size', async () => {
      await open();
      const res = await post(`/project/file?session_id=${client.sessionId}`, file('notes.md', '# hi', 'text/markdown'));
      const { id } = (await res.json()) as { id: string };
      const since = client.received.length;
      client.socket.emit('client_message', { message: { id: crypto.randomUUID(), output: 'elements?', name: 'User', type: 'user_message' }, fileReferences: [{ id }] });
      const m = await client.waitFor<Step>('new_message', (x) => x.type === 'assistant_message', { since });
      expect(m.output).to.equal('notes.md:text/markdown:4');
    });
  });
});
