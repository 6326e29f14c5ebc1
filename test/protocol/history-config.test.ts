import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { ThreadDict } from '../../runtime/wire.js';
import { seedThread, seedUsers, startHistoryApp, type HistoryApp } from '../support/history.js';

const list = { pagination: { first: 5, cursor: null }, filter: {} };
const PNG = Buffer.from('89504e470d0a1a0a', 'hex');

/** Every history route, as a caller would try it: [name, method, path, body]. */
function routes(threadId: string): Array<[string, string, string, unknown]> {
  return [
    ['list', 'POST', '/project/threads', list],
    ['get', 'GET', `/project/thread/${threadId}`, undefined],
    ['element', 'GET', `/project/thread/${threadId}/element/${randomUUID()}`, undefined],
    ['element file', 'GET', `/project/file/${randomUUID()}?thread_id=${threadId}`, undefined],
    ['rename', 'PUT', '/project/thread', { threadId, name: 'x' }],
    ['delete', 'DELETE', '/project/thread', { threadId }],
    ['share', 'PUT', '/project/thread/share', { threadId, isShared: true }],
    ['read shared', 'GET', `/project/share/${threadId}`, undefined],
  ];
}

/** What the history routes answer when the app lacks what history needs, and under a root path. */
describe('history routes: configuration', function () {
  this.timeout(60_000);

  describe('data_layer.enabled: false', () => {
    let app: HistoryApp;
    before(async function () {
      app = await startHistoryApp(this, 'sqlite', { dataLayer: false });
    });
    after(async () => app?.stop());

    it('every route answers Chainlit\'s "Data persistence is not enabled" (400; 500 on PUT /feedback)', async () => {
      expect(app.server.app.services.dataLayer).to.equal(null);
      for (const [name, method, path, body] of [
        ...routes(randomUUID()),
        ['delete feedback', 'DELETE', '/feedback', { feedbackId: randomUUID() }] as [string, string, string, unknown],
      ]) {
        const res = await app.call(method, path, app.cookies.alice!, body);
        expect(res.status, name).to.equal(400);
        expect(await res.json(), name).to.deep.equal({ detail: 'Data persistence is not enabled' });
      }
      const feedback = await app.call('PUT', '/feedback', app.cookies.alice!, { sessionId: randomUUID(), feedback: { forId: randomUUID(), value: 1 } });
      expect(feedback.status).to.equal(500);
      expect(await feedback.json()).to.deep.equal({ detail: 'Data persistence is not enabled' });
      const settings = (await (await app.call('GET', '/project/settings', app.cookies.alice!)).json()) as { dataPersistence: boolean; threadSharing: boolean };
      expect(settings).to.include({ dataPersistence: false, threadSharing: false });
    });
  });

  describe('login off', () => {
    let app: HistoryApp;
    before(async function () {
      app = await startHistoryApp(this, 'sqlite', { login: false, manifest: 'features:\n  allow_thread_sharing: true\n' });
    });
    after(async () => app?.stop());

    it('history needs a user: every thread route answers 401 Unauthorized, even for a thread without author', async () => {
      const { threadId } = await seedThread(app.layer, null, { name: 'anonymous' });
      await app.layer.updateThread(threadId, { metadata: { is_shared: true } });
      for (const [name, method, path, body] of routes(threadId)) {
        const res = await app.call(method, path, '', body);
        expect(res.status, name).to.equal(401);
        expect(await res.json(), name).to.deep.equal({ detail: 'Unauthorized' });
      }
      expect((await app.layer.getThread(threadId))!.name, 'untouched').to.equal('anonymous');
      const settings = (await (await app.call('GET', '/project/settings', '')).json()) as { dataPersistence: boolean };
      expect(settings.dataPersistence).to.equal(true);
    });
  });

  describe('under a root path', () => {
    let app: HistoryApp;
    before(async function () {
      app = await startHistoryApp(this, 'sqlite', { rootPath: '/chat' });
    });
    after(async () => app?.stop());

    it('element URLs carry the root path and load', async () => {
      const { alice } = await seedUsers(app.layer);
      const { threadId, stepIds } = await seedThread(app.layer, alice);
      const id = randomUUID();
      await app.layer.createElement({
        id, threadId, type: 'file', name: 'notes.bin', display: 'inline', forId: stepIds[1]!, url: null, chainlitKey: null,
        objectKey: null, mime: null, size: null, language: null, page: null, autoPlay: null, playerConfig: null, props: null,
      }, { mime: 'application/octet-stream', open: async () => PNG });
      expect(app.url).to.match(/\/chat$/);
      const thread = (await (await app.call('GET', `/project/thread/${threadId}`, app.cookies.alice!)).json()) as ThreadDict;
      const url = thread.elements![0]!.url!;
      expect(url).to.equal(`/chat/project/file/${id}?thread_id=${threadId}`);
      const file = await fetch(`${app.server.origin}${url}`, { headers: { cookie: app.cookies.alice! } });
      expect(file.status).to.equal(200);
      expect(file.headers.get('content-type')).to.equal('application/octet-stream');
      expect(file.headers.get('content-disposition')).to.equal("inline; filename*=UTF-8''notes.bin");
      expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).to.equal(true);
    });
  });
});
