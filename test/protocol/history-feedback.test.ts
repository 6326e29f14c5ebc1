import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { PersistedUserDict } from '../../runtime/wire.js';
import { connectClient, type TestClient } from '../support/client.js';
import { captureLogger } from '../support/server.js';
import { BACKENDS, seedThread, seedUsers, startHistoryApp, type HistoryApp } from '../support/history.js';

// onFeedback sends a message: it reaches the chat only when the hook runs in that session's context.
const APP = `
import { definePlugin, Message, userSession } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() {
    userSession.set('who', 'the chat of ' + (userSession.get('user')?.identifier ?? 'nobody'));
    await new Message({ content: 'ready' }).send();
  },
  async onMessage(message) {
    await new Message({ content: 'echo ' + message.content }).send();
  },
  async onFeedback(feedback) {
    await new Message({ content: 'feedback ' + feedback.value + ' "' + (feedback.comment ?? '') + '" on ' + feedback.forId + ' id ' + feedback.id + ' in ' + feedback.threadId + ' for ' + userSession.get('who') }).send();
  },
});
`;
// A second onFeedback (a notification hook: both run) that fails; the first still runs.
const BROKEN = `
import { definePlugin } from 'chainlit-rt';
export default definePlugin({ onFeedback() { throw new Error('feedback hook exploded'); } });
`;

const FILES = { 'app.ts': APP, 'broken.ts': BROKEN };

interface Reply { success: boolean; feedbackId: string }

/** Every feedback message the hook sent before `ping` was answered (events arrive in order). */
async function hookMessagesUpTo(client: TestClient): Promise<string[]> {
  const since = client.received.length;
  const marker = `marker ${randomUUID()}`;
  client.send(marker);
  await client.waitFor('new_message', (m: { output: string }) => m.output === `echo ${marker}`, { since });
  return client.of<{ output: string }>('new_message').map((m) => m.output).filter((o) => o.startsWith('feedback '));
}

/**
 * PUT and DELETE /feedback (PROTOCOL.md §4.5): stored against the step, one per step, the
 * onFeedback hook called once in the named session's context, and only ever on the
 * caller's own threads (404 otherwise, where Chainlit checks nothing).
 */
for (const backend of BACKENDS) {
  describe(`history: feedback on ${backend}`, function () {
    this.timeout(60_000);

    describe('with login', () => {
      let app: HistoryApp;
      let alice: PersistedUserDict;
      let client: TestClient;
      const logs = captureLogger();

      before(async function () {
        app = await startHistoryApp(this, backend, { manifest: 'plugins: [app.ts, broken.ts]\n', files: FILES, logger: logs.logger });
        ({ alice } = await seedUsers(app.layer));
        client = await connectClient(app.url, { cookie: app.cookies.alice! });
        await client.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
      });
      after(async () => {
        client?.close();
        await app?.stop();
      });

      const put = (feedback: Record<string, unknown>, cookie = app.cookies.alice!, sessionId = client.sessionId) =>
        app.call('PUT', '/feedback', cookie, { sessionId, feedback });

      it('stores the feedback, calls onFeedback once in the named session\'s context, and a second one updates it', async () => {
        const { threadId, stepIds } = await seedThread(app.layer, alice);
        const forId = stepIds[1]!;
        const res = await put({ forId, threadId, value: 1, comment: 'spot on' });
        expect(res.status).to.equal(200);
        const { success, feedbackId } = (await res.json()) as Reply;
        expect(success).to.equal(true);
        expect((await app.layer.getThread(threadId))!.steps[1]!.feedback).to.deep.include({ id: feedbackId, forId, value: 1, comment: 'spot on' });
        expect(await hookMessagesUpTo(client)).to.deep.equal([`feedback 1 "spot on" on ${forId} id ${feedbackId} in ${threadId} for the chat of alice`]);
        expect(logs.lines.some((l) => l.msg === 'onFeedback failed' && (l.err as { message?: string })?.message === 'feedback hook exploded')).to.equal(true);

        // What the UI sends on a change: the stored feedback spread, new value and comment.
        const again = await put({ id: feedbackId, forId, threadId, value: 0, comment: 'actually no' });
        expect(((await again.json()) as Reply).feedbackId).to.equal(feedbackId);
        const steps = (await app.layer.getThread(threadId))!.steps;
        expect(steps[1]!.feedback).to.deep.include({ id: feedbackId, value: 0, comment: 'actually no' });
        expect(await hookMessagesUpTo(client), 'one more call, no more').to.have.length(2);
      });

      it('without threadId, the step is looked up in the thread of the named session', async () => {
        const threadId = randomUUID();
        const { stepIds } = await seedThread(app.layer, alice, { threadId, name: 'current chat' });
        const own = await connectClient(app.url, { cookie: app.cookies.alice!, threadId });
        try {
          await own.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
          const res = await put({ forId: stepIds[1], value: 1 }, app.cookies.alice!, own.sessionId);
          expect(res.status).to.equal(200);
          expect((await app.layer.getThread(threadId))!.steps[1]!.feedback).to.deep.include({ value: 1 });
          expect(await hookMessagesUpTo(own)).to.have.length(1);
        } finally {
          own.close();
        }
      });

      it('a session that is not live here: stored all the same, the hook runs outside any chat', async () => {
        const { threadId, stepIds } = await seedThread(app.layer, alice);
        const seen = (await hookMessagesUpTo(client)).length;
        const before = logs.lines.length;
        const res = await put({ forId: stepIds[1], threadId, value: 1 }, app.cookies.alice!, randomUUID());
        expect(res.status).to.equal(200);
        expect((await app.layer.getThread(threadId))!.steps[1]!.feedback).to.deep.include({ value: 1 });
        // Message.send() needs a chat: the hook failed with CRT_NO_CONTEXT, logged, not returned.
        expect(logs.lines.slice(before).some((l) => l.msg === 'onFeedback failed' && (l.err as { code?: string })?.code === 'CRT_NO_CONTEXT')).to.equal(true);
        expect(await hookMessagesUpTo(client), 'nothing reached the open chat').to.have.length(seen);
      });

      it('another user\'s step, a step of another thread, an unknown step: 404, nothing stored, no hook', async () => {
        const { threadId, stepIds } = await seedThread(app.layer, alice);
        const other = await seedThread(app.layer, alice);
        const hooked = (await hookMessagesUpTo(client)).length;
        const attempts = [
          await put({ forId: stepIds[1], threadId, value: 0 }, app.cookies.bob!),
          await put({ forId: stepIds[1], threadId: other.threadId, value: 0 }),
          await put({ forId: randomUUID(), threadId, value: 0 }),
          await put({ forId: stepIds[1], threadId: randomUUID(), value: 0 }),
        ];
        for (const res of attempts) {
          expect(res.status).to.equal(404);
          expect(await res.json()).to.deep.equal({ detail: 'Message not found' });
        }
        expect((await app.layer.getThread(threadId))!.steps[1]!.feedback ?? null).to.equal(null);
        expect((await app.layer.getThread(other.threadId))!.steps.every((s) => !s.feedback)).to.equal(true);
        expect(await hookMessagesUpTo(client)).to.have.length(hooked);
      });

      it('a feedback id sent by the client never reaches someone else\'s feedback', async () => {
        const { threadId, stepIds } = await seedThread(app.layer, alice);
        const bobs = (await seedUsers(app.layer)).bob;
        const theirs = await seedThread(app.layer, bobs);
        const bobFeedback = await app.layer.upsertFeedback({ forId: theirs.stepIds[1]!, threadId: theirs.threadId, value: 1, comment: 'bob says' });
        const res = await put({ id: bobFeedback, forId: stepIds[1], threadId, value: 0, comment: 'alice says' });
        expect(res.status).to.equal(200);
        expect(((await res.json()) as Reply).feedbackId).to.not.equal(bobFeedback);
        expect(await app.layer.getFeedback!(bobFeedback)).to.deep.include({ forId: theirs.stepIds[1], value: 1, comment: 'bob says' });
      });

      it('DELETE /feedback removes the caller\'s feedback; someone else\'s or an unknown one is a 404', async () => {
        const { threadId, stepIds } = await seedThread(app.layer, alice);
        const feedbackId = await app.layer.upsertFeedback({ forId: stepIds[1]!, threadId, value: 1 });
        const byBob = await app.call('DELETE', '/feedback', app.cookies.bob!, { feedbackId });
        expect(byBob.status).to.equal(404);
        expect(await byBob.json()).to.deep.equal({ detail: 'Feedback not found' });
        expect(await app.layer.getFeedback!(feedbackId)).to.not.equal(null);
        const res = await app.call('DELETE', '/feedback', app.cookies.alice!, { feedbackId });
        expect(res.status).to.equal(200);
        expect(await res.json()).to.deep.equal({ success: true });
        expect((await app.layer.getThread(threadId))!.steps[1]!.feedback ?? null).to.equal(null);
        expect((await app.call('DELETE', '/feedback', app.cookies.alice!, { feedbackId })).status).to.equal(404);
      });

      it('malformed feedback requests are 422s naming the field', async () => {
        const cases: Array<[unknown, (string | number)[]]> = [
          [{ feedback: { forId: randomUUID(), value: 1 } }, ['body', 'sessionId']],
          [{ sessionId: client.sessionId }, ['body', 'feedback']],
          [{ sessionId: client.sessionId, feedback: { value: 1 } }, ['body', 'feedback', 'forId']],
          [{ sessionId: client.sessionId, feedback: { forId: randomUUID() } }, ['body', 'feedback', 'value']],
          [{ sessionId: client.sessionId, feedback: { forId: randomUUID(), value: 2 } }, ['body', 'feedback', 'value']],
          [{ sessionId: client.sessionId, feedback: { forId: randomUUID(), value: 1, comment: 5 } }, ['body', 'feedback', 'comment']],
        ];
        for (const [body, loc] of cases) {
          const res = await app.call('PUT', '/feedback', app.cookies.alice!, body);
          expect(res.status, JSON.stringify(body)).to.equal(422);
          expect(((await res.json()) as { detail: Array<{ loc: unknown }> }).detail[0]!.loc).to.deep.equal(loc);
        }
        expect((await app.call('DELETE', '/feedback', app.cookies.alice!, {})).status).to.equal(422);
      });
    });

    describe('without login (anonymous chats)', () => {
      let app: HistoryApp;
      let client: TestClient;
      let threadId: string;

      before(async function () {
        app = await startHistoryApp(this, backend, { manifest: 'plugins: [app.ts]\n', files: { 'app.ts': APP }, login: false });
        threadId = randomUUID();
        client = await connectClient(app.url, { threadId });
        await client.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
      });
      after(async () => {
        client?.close();
        await app?.stop();
      });

      const browser = (key: string) => `chainlit_rt_browser=${key}`;

      it('the browser of the chat gives feedback on its own thread and removes it; the hook runs in that chat', async () => {
        const { stepIds } = await seedThread(app.layer, null, { threadId, name: 'anonymous chat' });
        const res = await app.call('PUT', '/feedback', browser(client.browserKey), { sessionId: client.sessionId, feedback: { forId: stepIds[1], value: 1 } });
        expect(res.status).to.equal(200);
        const { feedbackId } = (await res.json()) as Reply;
        expect(await hookMessagesUpTo(client)).to.deep.equal([`feedback 1 "" on ${stepIds[1]} id ${feedbackId} in ${threadId} for the chat of nobody`]);
        const removed = await app.call('DELETE', '/feedback', browser(client.browserKey), { feedbackId });
        expect(removed.status).to.equal(200);
        expect(await app.layer.getFeedback!(feedbackId)).to.equal(null);
      });

      it('another browser, or a thread that is not the session\'s, gets 404', async () => {
        const { stepIds } = await seedThread(app.layer, null, { threadId });
        const other = await seedThread(app.layer, null);
        const elsewhere = await app.call('PUT', '/feedback', browser(randomUUID()), { sessionId: client.sessionId, feedback: { forId: stepIds[1], value: 0 } });
        expect(elsewhere.status).to.equal(404);
        const notTheSessions = await app.call('PUT', '/feedback', browser(client.browserKey), { sessionId: client.sessionId, feedback: { forId: other.stepIds[1], threadId: other.threadId, value: 0 } });
        expect(notTheSessions.status).to.equal(404);
        expect((await app.layer.getThread(other.threadId))!.steps[1]!.feedback ?? null).to.equal(null);
      });

      it('feedback of a thread that has an author cannot be removed without login', async () => {
        const owner = (await seedUsers(app.layer)).alice;
        const owned = await seedThread(app.layer, owner);
        const feedbackId = await app.layer.upsertFeedback({ forId: owned.stepIds[1]!, threadId: owned.threadId, value: 1 });
        const res = await app.call('DELETE', '/feedback', browser(client.browserKey), { feedbackId });
        expect(res.status).to.equal(404);
        expect(await app.layer.getFeedback!(feedbackId)).to.not.equal(null);
      });
    });
  });
}
