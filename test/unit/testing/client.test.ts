import { expect } from 'chai';
import { join } from 'node:path';
import { createTestClient, startTestApp, type TestApp, type TestClient } from '../../../runtime/testing/index.js';
import { REPO } from '../../support/server.js';

const APP = join(REPO, 'test/unit/testing/fixtures/app/chainlit.yaml');

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('resolved');
}

describe('testing: the TypeScript API (createTestClient)', () => {
  let app: TestApp;
  let chat: TestClient;
  before(async () => {
    app = await startTestApp(APP);
  });
  after(() => app.close());
  beforeEach(async () => {
    chat = await app.open();
  });
  afterEach(() => chat.close());

  it('exposes what the chat start produced, then one result per turn', async () => {
    expect(chat.started.messages.map((m) => m.content)).to.deep.equal(['ready']);
    const turn = await chat.send('hi');
    expect(turn.messages).to.have.length(1);
    expect(turn.messages[0]).to.deep.include({ content: 'echo: hi', author: 'Runner Fixture', type: 'assistant_message', isError: false });
    expect(turn.errors).to.deep.equal([]);
    expect(turn.events.map((e) => e.event)).to.include.members(['task_start', 'new_message', 'task_end']);
    // The whole conversation, the user's own messages included, as the UI shows it.
    expect(chat.messages.map((m) => `${m.type}:${m.content}`)).to.deep.equal(['assistant_message:ready', 'user_message:hi', 'assistant_message:echo: hi']);
  });

  it('clickAction by label or name posts /project/action and returns what the callback sent', async () => {
    const offered = await chat.send('pick');
    expect(offered.actions.map((a) => [a.name, a.label, a.payload])).to.deep.equal([['like', 'Like it', { id: 7 }]]);
    expect((await chat.clickAction('Like it')).messages.map((m) => m.content)).to.deep.equal(['liked 7']);
    expect((await chat.clickAction('like')).messages.map((m) => m.content)).to.deep.equal(['liked 7']);
    const err = await rejection(chat.clickAction('dislike'));
    expect(err.code).to.equal('CRT_TEST_TURN');
    expect(err.message).to.equal('no action "dislike" is offered; offered: like ("Like it")');
  });

  it('answer() answers the open question; answering with none open is a typed error', async () => {
    const asked = await chat.send('ask');
    expect(asked.ask).to.deep.include({ type: 'text', content: 'Your colour?' });
    expect(chat.ask?.content).to.equal('Your colour?');
    const answered = await chat.answer('green');
    expect(answered.messages.map((m) => m.content)).to.deep.equal(['colour=green']);
    expect(answered.ask).to.equal(null);
    const err = await rejection(chat.answer('again'));
    expect(err).to.deep.include({ code: 'CRT_TEST_TURN', message: 'no question is waiting for an answer' });
  });

  it('userSession shows the session values (reserved keys too), per session', async () => {
    await chat.send('count');
    await chat.send('count');
    expect(chat.userSession).to.deep.include({ count: 2, chat_profile: null, client_type: 'webapp' });
    const other = await app.open();
    try {
      await other.send('count');
      expect(other.userSession.count).to.equal(1);
      expect(chat.userSession.count).to.equal(2);
    } finally {
      await other.close();
    }
  });

  it('steps come with their nearest shown parent; hook wrappers are left out', async () => {
    const turn = await chat.send('tool');
    expect(turn.steps.map((s) => [s.name, s.type, s.parent, s.input, s.output])).to.deep.equal([
      ['outer', 'run', null, '', ''],
      ['inner', 'tool', 'outer', 'in', 'out'],
    ]);
  });

  it('stop() after send(…, { until: "started" }) cancels the task, and the chat goes on', async () => {
    const started = await chat.send('slow', { until: 'started' });
    expect(started.messages).to.deep.equal([]);
    const stopped = await chat.stop();
    expect(stopped.messages.map((m) => m.content)).to.deep.equal(['Task manually stopped.']);
    const later = await chat.send('hi');
    expect(later.messages.map((m) => m.content)).to.deep.equal(['echo: hi']);
  });

  it('a turn past chat.timeout fails with CRT_TEST_TIMEOUT', async () => {
    chat.timeout = 0.3;
    const err = await rejection(chat.send('slow'));
    expect(err.code).to.equal('CRT_TEST_TIMEOUT');
    expect(err.message).to.match(/^say "slow" did not finish within 0\.3 s: the app is still working on it/);
  });

  it('createTestClient starts its own app, and close() stops it', async () => {
    const own = await createTestClient(APP, { timeout: 5 });
    const { url } = own;
    expect((await own.starter('Say count')).messages.map((m) => m.content)).to.deep.equal(['count=1']);
    await own.close();
    const refused = await fetch(`${url}/project/settings`).then(() => 'answered', () => 'refused');
    expect(refused).to.equal('refused');
  });
});
