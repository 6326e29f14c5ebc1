import { expect } from 'chai';
import { join } from 'node:path';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, type TestServer } from '../support/server.js';

interface Step { id: string; name: string; type: string; output: string; input?: string }

describe('sdk: session helpers, emitter, cot hidden, composition', () => {
  let server: TestServer;
  let client: TestClient;
  before(async () => {
    server = await startServer(join(REPO, 'test/fixtures/apps/sdk/chainlit.yaml'));
    client = await connectClient(server.url, { userEnv: { KEY: 'v' } });
    await client.waitFor('new_message', (m: Step) => m.output === 'second start');
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  async function say(text: string, event = 'new_message', match: (p: Step) => boolean = (m) => m.type === 'assistant_message') {
    const since = client.received.length;
    client.send(text);
    return client.waitFor<Step>(event, match, { since });
  }

  it('runs composing onChatStart hooks of several plugins in manifest order, and authorRename applies', () => {
    const outputs = client.of<Step>('new_message').filter((m) => m.type === 'assistant_message');
    expect(outputs.map((m) => m.output)).to.deep.equal(['first start', 'second start']);
    expect(outputs[0]!.name).to.equal('Renamed Bot');
  });

  it('keeps an explicit author (passed through authorRename)', async () => {
    expect((await say('author')).name).to.equal('Custom');
  });

  it('userSession reserved keys come from the session and cannot be overwritten', async () => {
    const m = await say('reserved');
    const v = JSON.parse(m.output);
    expect(v.id).to.equal(client.sessionId);
    expect(v.session).to.equal(client.sessionId);
    expect(v.env).to.deep.equal({ KEY: 'v' });
    expect(v.profile).to.equal(null);
    expect(v.clientType).to.equal('webapp');
    expect(v.thread).to.be.a('string').with.length(36);
  });

  it('context.emitter.setCommands and sendToast reach the client', async () => {
    const commands = await say('commands', 'set_commands', () => true);
    expect(commands).to.deep.equal([{ id: 'picture', icon: 'image', description: 'Draw', button: true, persistent: true }]);
    await client.waitFor<{ message: string; type: string }>('toast', (t) => t.message === 'done' && t.type === 'success');
  });

  it('sendWindowMessage emits window_message', async () => {
    const data = await say('window', 'window_message', () => true);
    expect(data).to.deep.equal({ hello: 'host' });
  });

  it('cache memoises across calls', async () => {
    expect((await say('cache')).output).to.equal('model:x model:x loads=1');
  });

  it('setStarters is called with the language; more starters than the UI shows are cut to 8', async () => {
    const res = await fetch(`${server.url}/project/settings?language=fr-FR`);
    const body = (await res.json()) as { starters: Array<{ label: string; message: string }> };
    expect(body.starters).to.have.length(8);
    expect(body.starters[0]).to.deep.include({ label: 'fr-FR starter 0', message: 'go 0' });
  });

  it('ui.cot hidden: tool steps reach the client as stubs without input or output, tokens included', async () => {
    const since = client.received.length;
    const done = await say('hidden-step');
    expect(done.output).to.match(/^context=\d+$/);
    const about = client.received.slice(since).filter((r) => (r.payload as Step)?.name === 'secret_tool');
    expect(about.length).to.be.greaterThan(1);
    for (const r of about) {
      expect(r.event).to.not.equal('stream_token');
      expect(r.event).to.not.equal('stream_start');
      expect(JSON.stringify(r.payload)).to.not.contain('secret output');
      expect(JSON.stringify(r.payload)).to.not.contain('top secret input');
      expect(JSON.stringify(r.payload)).to.not.contain('secret token');
    }
    expect(client.received.slice(since).some((r) => r.event === 'stream_token')).to.equal(false);
  });
});
