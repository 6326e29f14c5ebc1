import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { ElementDict, PersistedUserDict, ThreadDict } from '../../runtime/wire.js';
import { BACKENDS, at, bearerFor, freshUser, seedThread, seedUsers, startHistoryApp, type HistoryApp } from '../support/history.js';

interface Page {
  pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
  data: ThreadDict[];
}

const list = (first: number, cursor: string | null = null, filter: Record<string, unknown> = {}) => ({ pagination: { first, cursor }, filter });

function textElement(threadId: string, forId: string, fields: Partial<ElementDict> = {}): ElementDict {
  return {
    id: randomUUID(), threadId, type: 'image', name: 'chart.png', display: 'inline', forId, url: null, chainlitKey: null,
    objectKey: null, mime: 'image/png', size: 'medium', language: null, page: null, autoPlay: null, playerConfig: null, props: null, ...fields,
  };
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/**
 * The history routes of PROTOCOL.md §4.5 against a real server and a real database: data
 * is written straight into the app's data layer, users log in through the real password
 * form (alice, bob) or carry a signed token (a user of its own per test).
 */
for (const backend of BACKENDS) {
  describe(`history routes: threads on ${backend}`, function () {
    this.timeout(60_000);
    let app: HistoryApp;
    let alice: PersistedUserDict;
    let bob: PersistedUserDict;

    before(async function () {
      app = await startHistoryApp(this, backend, { manifest: 'features:\n  allow_thread_sharing: true\n' });
      ({ alice, bob } = await seedUsers(app.layer));
    });
    after(async () => app?.stop());

    const page = async (res: Response): Promise<Page> => {
      expect(res.status).to.equal(200);
      return (await res.json()) as Page;
    };

    it('lists the caller\'s threads, latest activity first, page by page through cursors', async () => {
      const { user, auth } = await freshUser(app.layer);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await seedThread(app.layer, user, { name: `t${i}`, start: i * 10 })).threadId);
      // Activity, not creation, orders the list: a new step in t1 brings it first.
      await seedThread(app.layer, user, { threadId: ids[1], outputs: ['later question'], start: 100 });
      const order = [ids[1]!, ids[4]!, ids[3]!, ids[2]!, ids[0]!];

      const first = await page(await app.call('POST', '/project/threads', auth, list(2)));
      expect(first.data.map((t) => t.id)).to.deep.equal(order.slice(0, 2));
      expect(first.pageInfo).to.deep.equal({ hasNextPage: true, startCursor: order[0], endCursor: order[1] });
      // List items carry the last activity in createdAt (the sidebar groups by it), and no steps.
      expect(first.data[0]).to.include({ name: 't1', userId: user.id, userIdentifier: user.identifier, createdAt: at(100) });
      expect(first.data[0]!.steps).to.deep.equal([]);
      const second = await page(await app.call('POST', '/project/threads', auth, list(2, first.pageInfo.endCursor)));
      expect(second.data.map((t) => t.id)).to.deep.equal(order.slice(2, 4));
      const last = await page(await app.call('POST', '/project/threads', auth, list(2, second.pageInfo.endCursor)));
      expect(last.data.map((t) => t.id)).to.deep.equal(order.slice(4));
      expect(last.pageInfo.hasNextPage).to.equal(false);
    });

    it('lists only the caller\'s threads: a userId in the filter is overwritten', async () => {
      const mine = await freshUser(app.layer);
      const other = await freshUser(app.layer);
      const own = await seedThread(app.layer, mine.user);
      await seedThread(app.layer, other.user);
      const res = await page(await app.call('POST', '/project/threads', mine.auth, list(10, null, { userId: other.user.id })));
      expect(res.data.map((t) => t.id)).to.deep.equal([own.threadId]);
    });

    it('search matches the thread name and step outputs, case-insensitively', async () => {
      const { user, auth } = await freshUser(app.layer);
      const byOutput = await seedThread(app.layer, user, { name: 'plain', outputs: ['How do Giraffes sleep?', 'standing'], start: 0 });
      const byName = await seedThread(app.layer, user, { name: 'About GIRAFFES', outputs: ['q', 'a'], start: 10 });
      await seedThread(app.layer, user, { name: 'other', outputs: ['zebras', 'stripes'], start: 20 });
      const found = await page(await app.call('POST', '/project/threads', auth, list(20, null, { search: 'giraffe' })));
      expect(found.data.map((t) => t.id)).to.deep.equal([byName.threadId, byOutput.threadId]);
      const none = await page(await app.call('POST', '/project/threads', auth, list(20, null, { search: 'penguin' })));
      expect(none.data).to.deep.equal([]);
      expect(none.pageInfo.hasNextPage).to.equal(false);
    });

    it('the feedback filter keeps threads with a step of that value (thumbs down too)', async () => {
      const { user, auth } = await freshUser(app.layer);
      const up = await seedThread(app.layer, user, { start: 0 });
      const down = await seedThread(app.layer, user, { start: 10 });
      await seedThread(app.layer, user, { start: 20 });
      await app.layer.upsertFeedback({ forId: up.stepIds[1]!, threadId: up.threadId, value: 1 });
      await app.layer.upsertFeedback({ forId: down.stepIds[1]!, threadId: down.threadId, value: 0 });
      const liked = await page(await app.call('POST', '/project/threads', auth, list(20, null, { feedback: 1 })));
      expect(liked.data.map((t) => t.id)).to.deep.equal([up.threadId]);
      const disliked = await page(await app.call('POST', '/project/threads', auth, list(20, null, { feedback: 0 })));
      expect(disliked.data.map((t) => t.id)).to.deep.equal([down.threadId]);
      const all = await page(await app.call('POST', '/project/threads', auth, list(20, null, { feedback: null })));
      expect(all.data).to.have.length(3);
    });

    it('a malformed list request is a 422 naming the field', async () => {
      const { auth } = await freshUser(app.layer);
      const cases: Array<[unknown, (string | number)[]]> = [
        [{ filter: {} }, ['body', 'pagination']],
        [{ pagination: { first: 5 } }, ['body', 'filter']],
        [{ pagination: { first: 'five' }, filter: {} }, ['body', 'pagination', 'first']],
        [{ pagination: { first: 0 }, filter: {} }, ['body', 'pagination', 'first']],
        // A numeric cursor: Chainlit validates the cursor as a string too.
        [{ pagination: { first: 5, cursor: 3 }, filter: {} }, ['body', 'pagination', 'cursor']],
        [{ pagination: { first: 5 }, filter: { feedback: 2 } }, ['body', 'filter', 'feedback']],
        [{ pagination: { first: 5 }, filter: { search: ['x'] } }, ['body', 'filter', 'search']],
      ];
      for (const [body, loc] of cases) {
        const res = await app.call('POST', '/project/threads', auth, body);
        expect(res.status, JSON.stringify(body)).to.equal(422);
        const detail = ((await res.json()) as { detail: Array<{ loc: unknown }> }).detail;
        expect(detail[0]!.loc, JSON.stringify(body)).to.deep.equal(loc);
      }
    });

    it('a logged-in user who was never stored gets 404 User not found', async () => {
      const forged = await app.call('POST', '/project/threads', { authorization: 'Bearer not-a-token' }, list(5));
      expect(forged.status, 'a bad token is refused first').to.equal(401);
      const ghost = await app.call('POST', '/project/threads', bearerFor(`ghost-${randomUUID()}`), list(5));
      expect(ghost.status).to.equal(404);
      expect(await ghost.json()).to.deep.equal({ detail: 'User not found' });
    });

    it('GET /project/thread/{id}: the whole thread, steps in order with their feedback, elements with a URL that serves their bytes', async () => {
      const { threadId, stepIds } = await seedThread(app.layer, alice, { name: 'full', outputs: ['draw a chart', 'here it is'], metadata: { chat_profile: 'Basic', note: 1 } });
      const feedbackId = await app.layer.upsertFeedback({ forId: stepIds[1]!, threadId, value: 1, comment: 'nice' });
      const stored = textElement(threadId, stepIds[1]!);
      await app.layer.createElement(stored, { mime: 'image/png', open: async () => PNG });
      const linked = textElement(threadId, stepIds[1]!, { name: 'remote', url: 'https://example.com/a.png' });
      await app.layer.createElement(linked);

      const res = await app.call('GET', `/project/thread/${threadId}`, app.cookies.alice!);
      expect(res.status).to.equal(200);
      const thread = (await res.json()) as ThreadDict;
      expect(thread).to.include({ id: threadId, name: 'full', userIdentifier: 'alice' });
      expect(thread.metadata).to.deep.equal({ chat_profile: 'Basic', note: 1 });
      expect(thread.steps.map((s) => s.output)).to.deep.equal(['draw a chart', 'here it is']);
      expect(thread.steps[1]!.feedback).to.deep.include({ id: feedbackId, forId: stepIds[1], value: 1, comment: 'nice' });
      const byId = new Map(thread.elements!.map((e) => [e.id, e]));
      const url = byId.get(stored.id)!.url!;
      expect(url).to.equal(`/project/file/${stored.id}?thread_id=${threadId}`);
      expect(byId.get(linked.id)!.url, 'an element with its own URL keeps it').to.equal('https://example.com/a.png');

      const file = await fetch(`${app.url}${url}`, { headers: { cookie: app.cookies.alice! } });
      expect(file.status).to.equal(200);
      expect(file.headers.get('content-type')).to.equal('image/png');
      expect(file.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).to.equal(true);
      const unknown = await fetch(`${app.url}/project/file/${randomUUID()}?thread_id=${threadId}`, { headers: { cookie: app.cookies.alice! } });
      expect(unknown.status).to.equal(404);
      expect((await fetch(`${app.url}/project/file/${stored.id}`, { headers: { cookie: app.cookies.alice! } })).status, 'neither session_id nor thread_id').to.equal(422);
    });

    it('GET /project/thread/{id}/element/{id}: the element (with its file URL), or null', async () => {
      const { threadId, stepIds } = await seedThread(app.layer, alice);
      const element = textElement(threadId, stepIds[1]!);
      await app.layer.createElement(element, { mime: 'image/png', open: async () => PNG });
      const res = await app.call('GET', `/project/thread/${threadId}/element/${element.id}`, app.cookies.alice!);
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.include({ id: element.id, name: 'chart.png', url: `/project/file/${element.id}?thread_id=${threadId}` });
      const missing = await app.call('GET', `/project/thread/${threadId}/element/${randomUUID()}`, app.cookies.alice!);
      expect(missing.status).to.equal(200);
      expect(await missing.json()).to.equal(null);
    });

    it('PUT /project/thread renames; DELETE /project/thread removes the thread with its steps, feedback, elements and their files', async () => {
      const { threadId, stepIds } = await seedThread(app.layer, alice, { name: 'old name' });
      const renamed = await app.call('PUT', '/project/thread', app.cookies.alice!, { threadId, name: 'new name' });
      expect(renamed.status).to.equal(200);
      expect(await renamed.json()).to.deep.equal({ success: true });
      expect((await app.layer.getThread(threadId))!.name).to.equal('new name');

      const feedbackId = await app.layer.upsertFeedback({ forId: stepIds[1]!, threadId, value: 0 });
      const element = textElement(threadId, stepIds[1]!);
      await app.layer.createElement(element, { mime: 'image/png', open: async () => PNG });
      const fileUrl = `${app.url}/project/file/${element.id}?thread_id=${threadId}`;
      expect((await fetch(fileUrl, { headers: { cookie: app.cookies.alice! } })).status).to.equal(200);
      const stored = (await app.layer.getElement(threadId, element.id))!;

      const deleted = await app.call('DELETE', '/project/thread', app.cookies.alice!, { threadId });
      expect(deleted.status).to.equal(200);
      expect(await deleted.json()).to.deep.equal({ success: true });
      expect(await app.layer.getThread(threadId)).to.equal(null);
      expect(await app.layer.getElement(threadId, element.id)).to.equal(null);
      expect(await app.layer.getFeedback!(feedbackId)).to.equal(null);
      const content = await app.layer.readElementContent!(stored).then(() => 'readable', (err: { status?: number }) => err.status);
      expect(content, 'the stored file is deleted').to.equal(404);
      expect((await app.call('GET', `/project/thread/${threadId}`, app.cookies.alice!)).status).to.equal(404);
      expect((await fetch(fileUrl, { headers: { cookie: app.cookies.alice! } })).status).to.equal(404);
    });

    it('a thread that does not exist: 404 Thread not found on every thread route', async () => {
      const threadId = randomUUID();
      for (const res of [
        await app.call('GET', `/project/thread/${threadId}`, app.cookies.alice!),
        await app.call('GET', `/project/thread/${threadId}/element/${randomUUID()}`, app.cookies.alice!),
        await app.call('PUT', '/project/thread', app.cookies.alice!, { threadId, name: 'x' }),
        await app.call('DELETE', '/project/thread', app.cookies.alice!, { threadId }),
        await app.call('PUT', '/project/thread/share', app.cookies.alice!, { threadId, isShared: true }),
        await app.call('GET', `/project/share/${threadId}`, app.cookies.alice!),
        await app.call('GET', '/project/thread/not-a-uuid', app.cookies.alice!),
      ]) {
        expect(res.status, res.url).to.equal(404);
        expect(await res.json()).to.deep.equal({ detail: 'Thread not found' });
      }
      expect(await app.layer.getThread(threadId), 'nothing was created by the attempts').to.equal(null);
    });

    it('another user\'s thread answers exactly like one that does not exist, on every route, and stays untouched', async () => {
      const { threadId, stepIds } = await seedThread(app.layer, alice, { name: 'alice only', outputs: ['secret question', 'secret answer'] });
      const feedbackId = await app.layer.upsertFeedback({ forId: stepIds[1]!, threadId, value: 1, comment: 'mine' });
      const element = textElement(threadId, stepIds[1]!);
      await app.layer.createElement(element, { mime: 'image/png', open: async () => PNG });
      const ghost = randomUUID();
      const attempts = (id: string, cookie: string) => [
        ['GET thread', () => app.call('GET', `/project/thread/${id}`, cookie)],
        ['GET element', () => app.call('GET', `/project/thread/${id}/element/${element.id}`, cookie)],
        ['GET element file', () => app.call('GET', `/project/file/${element.id}?thread_id=${id}`, cookie)],
        ['rename', () => app.call('PUT', '/project/thread', cookie, { threadId: id, name: 'pwned' })],
        ['share', () => app.call('PUT', '/project/thread/share', cookie, { threadId: id, isShared: true })],
        ['read shared', () => app.call('GET', `/project/share/${id}`, cookie)],
        ['delete', () => app.call('DELETE', '/project/thread', cookie, { threadId: id })],
        ['feedback', () => app.call('PUT', '/feedback', cookie, { sessionId: randomUUID(), feedback: { forId: stepIds[1], threadId: id, value: 0, comment: 'pwned' } })],
        ['delete feedback', () => app.call('DELETE', '/feedback', cookie, { feedbackId: id === threadId ? feedbackId : randomUUID() })],
      ] as const;
      const own = attempts(threadId, app.cookies.bob!);
      const none = attempts(ghost, app.cookies.bob!);
      for (let i = 0; i < own.length; i++) {
        const [name, attempt] = own[i]!;
        const res = await attempt();
        const same = await none[i]![1]();
        expect(res.status, name).to.equal(404);
        expect(await res.json(), name).to.deep.equal(await same.json());
        expect(same.status, name).to.equal(404);
      }
      const after = (await app.layer.getThread(threadId))!;
      expect(after.name).to.equal('alice only');
      expect(after.metadata?.is_shared).to.equal(undefined);
      expect(after.steps[1]!.feedback).to.deep.include({ id: feedbackId, value: 1, comment: 'mine' });
      expect(await app.layer.getElement(threadId, element.id)).to.not.equal(null);
      // Bob's own history does not list it either.
      const bobs = (await (await app.call('POST', '/project/threads', app.cookies.bob!, list(100))).json()) as Page;
      expect(bobs.data.map((t) => t.id)).to.not.include(threadId);
      expect(bob.identifier).to.equal('bob');
    });

    it('without a login cookie every history route answers 401', async () => {
      const { threadId } = await seedThread(app.layer, alice);
      for (const res of [
        await app.call('POST', '/project/threads', '', list(5)),
        await app.call('GET', `/project/thread/${threadId}`, ''),
        await app.call('GET', `/project/thread/${threadId}/element/${randomUUID()}`, ''),
        await app.call('GET', `/project/file/${randomUUID()}?thread_id=${threadId}`, ''),
        await app.call('PUT', '/project/thread', '', { threadId, name: 'x' }),
        await app.call('DELETE', '/project/thread', '', { threadId }),
        await app.call('PUT', '/project/thread/share', '', { threadId, isShared: true }),
        await app.call('GET', `/project/share/${threadId}`, ''),
        await app.call('PUT', '/feedback', '', { sessionId: randomUUID(), feedback: { forId: randomUUID(), threadId, value: 1 } }),
        await app.call('DELETE', '/feedback', '', { feedbackId: randomUUID() }),
      ]) {
        expect(res.status, res.url).to.equal(401);
      }
      expect(await app.layer.getThread(threadId)).to.not.equal(null);
    });

    it('/project/settings reports the data layer and thread sharing', async () => {
      const res = await app.call('GET', '/project/settings', app.cookies.alice!);
      const body = (await res.json()) as { dataPersistence: boolean; threadSharing: boolean };
      expect(body.dataPersistence).to.equal(true);
      expect(body.threadSharing).to.equal(true);
    });
  });
}
