import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { PersistedUserDict, StepDict } from '../../runtime/wire.js';
import { connectClient, type TestClient } from '../support/client.js';
import { captureLogger } from '../support/server.js';
import { waitUntil } from '../support/wait.js';
import { BACKENDS, at, message, seedThread, seedUsers, startHistoryApp, type HistoryApp } from '../support/history.js';

const APP = `
import { definePlugin, Message } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() { await new Message({ content: 'ready' }).send(); },
  async onMessage(m) { await new Message({ content: 'echo ' + m.content }).send(); },
});
`;

type Step = StepDict & { metadata: Record<string, unknown> };

async function connected(app: HistoryApp, cookie: string, threadId?: string): Promise<TestClient> {
  const client = await connectClient(app.url, { cookie, ...(threadId ? { threadId } : {}) });
  await client.waitFor('new_message', (m: { output: string }) => m.output === 'ready');
  return client;
}

/** Asks for the favorites and returns the `set_favorites` that answers. */
async function fetchFavorites(client: TestClient): Promise<Step[]> {
  const since = client.received.length;
  client.socket.emit('fetch_favorites');
  return client.waitFor<Step[]>('set_favorites', () => true, { since });
}

/** Sends a message and waits for its echo: every event the server sent before it has arrived. */
async function roundTrip(client: TestClient): Promise<void> {
  const since = client.received.length;
  const marker = `marker ${randomUUID()}`;
  client.send(marker);
  await client.waitFor('new_message', (m: { output: string }) => m.output === `echo ${marker}`, { since });
}

/**
 * Favorite messages (`features.favorites`, PROTOCOL.md §2.1): `fetch_favorites` answers
 * `set_favorites` with the user's favorite steps; `message_favorite` marks a message of the
 * chat or unmarks a stored favorite, stores the flag, sends the step back and the new list.
 */
for (const backend of BACKENDS) {
  describe(`history: favorites on ${backend}`, function () {
    this.timeout(60_000);

    describe('features.favorites: true', () => {
      let app: HistoryApp;
      let alice: PersistedUserDict;
      const logs = captureLogger();

      before(async function () {
        app = await startHistoryApp(this, backend, { manifest: 'features:\n  favorites: true\nplugins: [app.ts]\n', files: { 'app.ts': APP }, logger: logs.logger });
        ({ alice } = await seedUsers(app.layer));
      });
      after(async () => app?.stop());

      it('fetch_favorites answers with the user\'s favorite steps, newest first, from every thread; never another user\'s', async () => {
        const older = await seedThread(app.layer, alice, { start: 0 });
        const newer = await seedThread(app.layer, alice, { start: 100 });
        const first = message(older.threadId, 'first favorite', at(5), { metadata: { favorite: true } });
        const second = message(newer.threadId, 'second favorite', at(105), { metadata: { favorite: true, icon: 'star' } });
        await app.layer.createStep(first);
        await app.layer.createStep(second);
        await app.layer.createStep(message(newer.threadId, 'not a favorite', at(106), { metadata: { favorite: false } }));

        const client = await connected(app, app.cookies.alice!);
        try {
          const favorites = await fetchFavorites(client);
          expect(favorites.map((s) => s.output)).to.deep.equal(['second favorite', 'first favorite']);
          expect(favorites[0]!.metadata).to.deep.equal({ favorite: true, icon: 'star' });
        } finally {
          client.close();
        }
        const bobs = await connected(app, app.cookies.bob!);
        try {
          expect(await fetchFavorites(bobs)).to.deep.equal([]);
        } finally {
          bobs.close();
        }
      });

      it('message_favorite marks a message of the chat: update_message, set_favorites with it, and the flag stored', async () => {
        const { alice: me } = await seedUsers(app.layer);
        const threadId = randomUUID();
        await seedThread(app.layer, me, { threadId, name: 'this chat', start: 1000 });
        const client = await connected(app, app.cookies.alice!, threadId);
        try {
          client.send('tell me something');
          const answer = await client.waitFor<Step>('new_message', (m) => m.output === 'echo tell me something');
          const since = client.received.length;
          client.socket.emit('message_favorite', { message: { ...answer, metadata: { ...answer.metadata, favorite: true } } });
          const updated = await client.waitFor<Step>('update_message', (m) => m.id === answer.id, { since });
          expect(updated.metadata.favorite).to.equal(true);
          expect(updated.output).to.equal('echo tell me something');
          expect(updated.createdAt).to.match(/Z$/);
          const list = await client.waitFor<Step[]>('set_favorites', () => true, { since });
          expect(list.map((s) => s.id)).to.include(answer.id);
          const stored = await app.layer.getFavoriteSteps(me.id);
          expect(stored.find((s) => s.id === answer.id)).to.deep.include({ output: 'echo tell me something', threadId });
          // The chat keeps the flag: editing is not needed to see it, a later fetch has it.
          expect((await fetchFavorites(client)).map((s) => s.id)).to.include(answer.id);
        } finally {
          client.close();
        }
      });

      it('message_favorite unmarks a stored favorite of an older thread, keeping the step as it was', async () => {
        const old = await seedThread(app.layer, alice, { start: 2000 });
        const favorite = message(old.threadId, 'keep me', at(2005), { metadata: { favorite: true, icon: 'star' } });
        await app.layer.createStep(favorite);
        const client = await connected(app, app.cookies.alice!);
        try {
          const since = client.received.length;
          client.socket.emit('message_favorite', { message: { id: favorite.id, metadata: { favorite: false } } });
          const updated = await client.waitFor<Step>('update_message', (m) => m.id === favorite.id, { since });
          expect(updated.metadata).to.deep.equal({ favorite: false, icon: 'star' });
          const list = await client.waitFor<Step[]>('set_favorites', () => true, { since });
          expect(list.map((s) => s.id)).to.not.include(favorite.id);
          expect((await app.layer.getFavoriteSteps(alice.id)).map((s) => s.id)).to.not.include(favorite.id);
          const step = (await app.layer.getThread(old.threadId))!.steps.find((s) => s.id === favorite.id)!;
          expect(step).to.deep.include({ output: 'keep me', createdAt: at(2005) });
          expect(step.metadata).to.deep.equal({ favorite: false, icon: 'star' });
        } finally {
          client.close();
        }
      });

      it('a message that is neither in the chat nor a favorite of the user is ignored (another user\'s favorite too)', async () => {
        const bob = (await seedUsers(app.layer)).bob;
        const theirs = await seedThread(app.layer, bob, { start: 3000 });
        const bobsFavorite = message(theirs.threadId, 'bob likes this', at(3005), { metadata: { favorite: true } });
        await app.layer.createStep(bobsFavorite);
        const client = await connected(app, app.cookies.alice!);
        try {
          const since = client.received.length;
          const unknown = randomUUID();
          client.socket.emit('message_favorite', { message: { id: bobsFavorite.id, metadata: { favorite: false } } });
          client.socket.emit('message_favorite', { message: { id: unknown, metadata: { favorite: true } } });
          const ignored = (id: string) => logs.lines.some((l) => l.stepId === id && String(l.msg).startsWith('message_favorite names no message'));
          await waitUntil('both events were handled', () => ignored(bobsFavorite.id) && ignored(unknown));
          await roundTrip(client);
          expect(client.received.slice(since).filter((r) => r.event === 'set_favorites' || (r.event === 'update_message' && [bobsFavorite.id, unknown].includes((r.payload as Step).id)))).to.deep.equal([]);
          expect((await app.layer.getFavoriteSteps(bob.id)).map((s) => s.id)).to.include(bobsFavorite.id);
        } finally {
          client.close();
        }
      });
    });

    for (const [title, options] of [
      ['features.favorites off', { manifest: 'plugins: [app.ts]\n' }],
      ['without login', { manifest: 'features:\n  favorites: true\nplugins: [app.ts]\n', login: false }],
    ] as const) {
      describe(title, () => {
        let app: HistoryApp;

        before(async function () {
          app = await startHistoryApp(this, backend, { ...options, files: { 'app.ts': APP } });
        });
        after(async () => app?.stop());

        it('fetch_favorites and message_favorite are ignored', async () => {
          const client = await connected(app, app.cookies.alice ?? '');
          try {
            client.send('hello');
            const answer = await client.waitFor<Step>('new_message', (m) => m.output === 'echo hello');
            const since = client.received.length;
            client.socket.emit('fetch_favorites');
            client.socket.emit('message_favorite', { message: { id: answer.id, metadata: { favorite: true } } });
            await roundTrip(client);
            // Ignored before anything asynchronous: the round trip after them proves nothing came.
            expect(client.received.slice(since).filter((r) => r.event === 'set_favorites' || (r.event === 'update_message' && (r.payload as Step).id === answer.id))).to.deep.equal([]);
          } finally {
            client.close();
          }
        });
      });
    }
  });
}
