import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { ElementDict, PersistedUserDict, ThreadDict } from '../../runtime/wire.js';
import { captureLogger } from '../support/server.js';
import { BACKENDS, seedThread, seedUsers, startHistoryApp, type HistoryApp } from '../support/history.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

function image(threadId: string, forId: string): ElementDict {
  return {
    id: randomUUID(), threadId, type: 'image', name: 'photo.png', display: 'inline', forId, url: null, chainlitKey: null,
    objectKey: null, mime: 'image/png', size: 'medium', language: null, page: null, autoPlay: null, playerConfig: null, props: null,
  };
}

// Lets bob read any thread of team "red" (shared or not), redacting its name; team "boom" makes the hook throw.
const VIEW_HOOK = `
import { definePlugin } from 'chainlit-rt';
export default definePlugin({
  onSharedThreadView(thread, user) {
    const team = (thread.metadata ?? {}).team;
    if (team === 'boom') throw new Error('hook exploded');
    if (team === 'red' && user.identifier === 'bob') {
      thread.name = 'redacted by the app';
      return true;
    }
    return false;
  },
});
`;

/**
 * Thread sharing (`features.allow_thread_sharing`, PROTOCOL.md §4.5): the owner shares or
 * unshares; any logged-in user reads a shared thread (without the owner's profile,
 * settings and environment) and its element files; everything else is a 404.
 */
for (const backend of BACKENDS) {
  describe(`history: sharing threads on ${backend}`, function () {
    this.timeout(60_000);

    describe('features.allow_thread_sharing: true', () => {
      let app: HistoryApp;
      let alice: PersistedUserDict;
      const logs = captureLogger();

      before(async function () {
        app = await startHistoryApp(this, backend, {
          manifest: 'features:\n  allow_thread_sharing: true\nplugins: [view.ts]\n',
          files: { 'view.ts': VIEW_HOOK },
          logger: logs.logger,
        });
        ({ alice } = await seedUsers(app.layer));
      });
      after(async () => app?.stop());

      const share = (threadId: string, isShared: boolean, cookie = app.cookies.alice!) =>
        app.call('PUT', '/project/thread/share', cookie, { threadId, isShared });
      const view = (threadId: string, cookie = app.cookies.bob!) => app.call('GET', `/project/share/${threadId}`, cookie);

      it('the owner shares; another user reads it without the owner\'s profile, settings and environment, and loads its files', async () => {
        const metadata = { chat_profile: 'Pro', chat_settings: { temperature: 1 }, env: { API_KEY: 'secret' }, note: 'kept' };
        const { threadId, stepIds } = await seedThread(app.layer, alice, { name: 'shared one', outputs: ['q', 'a'], metadata });
        const element = image(threadId, stepIds[1]!);
        await app.layer.createElement(element, { mime: 'image/png', open: async () => PNG });
        expect((await view(threadId)).status, 'not shared yet').to.equal(404);

        const res = await share(threadId, true);
        expect(res.status).to.equal(200);
        expect(await res.json()).to.deep.equal({ success: true });
        const stored = (await app.layer.getThread(threadId))!.metadata!;
        expect(stored.is_shared).to.equal(true);
        expect(Date.parse(String(stored.shared_at))).to.be.closeTo(Date.now(), 60_000);

        const seen = await view(threadId);
        expect(seen.status).to.equal(200);
        const thread = (await seen.json()) as ThreadDict;
        expect(thread.name).to.equal('shared one');
        expect(thread.steps.map((s) => s.output)).to.deep.equal(['q', 'a']);
        expect(thread.metadata).to.deep.equal({ note: 'kept', is_shared: true, shared_at: stored.shared_at });
        const url = thread.elements![0]!.url!;
        const file = await fetch(`${app.url}${url}`, { headers: { cookie: app.cookies.bob! } });
        expect(file.status).to.equal(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).to.equal(true);
        // The owner reads it the same way.
        expect((await view(threadId, app.cookies.alice!)).status).to.equal(200);
      });

      it('unsharing closes the link and the files, and removes the share stamp', async () => {
        const { threadId, stepIds } = await seedThread(app.layer, alice);
        const element = image(threadId, stepIds[1]!);
        await app.layer.createElement(element, { mime: 'image/png', open: async () => PNG });
        expect((await share(threadId, true)).status).to.equal(200);
        expect((await view(threadId)).status).to.equal(200);

        expect((await share(threadId, false)).status).to.equal(200);
        const metadata = (await app.layer.getThread(threadId))!.metadata!;
        expect(metadata.is_shared).to.equal(false);
        expect(metadata).to.not.have.property('shared_at');
        const closed = await view(threadId);
        const unknown = await view(randomUUID());
        expect(closed.status).to.equal(404);
        expect(await closed.json()).to.deep.equal(await unknown.json());
        const file = await fetch(`${app.url}/project/file/${element.id}?thread_id=${threadId}`, { headers: { cookie: app.cookies.bob! } });
        expect(file.status).to.equal(404);
      });

      it('only the owner can share or unshare', async () => {
        const { threadId } = await seedThread(app.layer, alice);
        const res = await share(threadId, true, app.cookies.bob!);
        expect(res.status).to.equal(404);
        expect(await res.json()).to.deep.equal({ detail: 'Thread not found' });
        expect((await app.layer.getThread(threadId))!.metadata).to.not.have.property('is_shared');
        expect((await share(threadId, true)).status).to.equal(200);
        expect((await share(threadId, false, app.cookies.bob!)).status).to.equal(404);
        expect((await app.layer.getThread(threadId))!.metadata!.is_shared, 'still shared').to.equal(true);
      });

      it('a malformed share request is a 422', async () => {
        const { threadId } = await seedThread(app.layer, alice);
        for (const body of [{ threadId }, { isShared: true }, { threadId, isShared: 'yes' }]) {
          expect((await app.call('PUT', '/project/thread/share', app.cookies.alice!, body)).status, JSON.stringify(body)).to.equal(422);
        }
      });

      it('onSharedThreadView opens threads that were not shared, and may redact them; a throw counts as no', async () => {
        const red = await seedThread(app.layer, alice, { name: 'team red', metadata: { team: 'red' } });
        const blue = await seedThread(app.layer, alice, { name: 'team blue', metadata: { team: 'blue' } });
        const boom = await seedThread(app.layer, alice, { name: 'team boom', metadata: { team: 'boom' } });
        const forBob = await view(red.threadId);
        expect(forBob.status).to.equal(200);
        expect(((await forBob.json()) as ThreadDict).name).to.equal('redacted by the app');
        expect((await view(red.threadId, app.cookies.alice!)).status, 'the hook says no to alice, and red is not shared').to.equal(404);
        expect((await view(blue.threadId)).status).to.equal(404);
        expect((await view(boom.threadId)).status).to.equal(404);
        expect(logs.lines.some((l) => l.msg === 'onSharedThreadView failed; the thread is not shown' && (l.err as { message?: string })?.message === 'hook exploded')).to.equal(true);
        // A thread the owner shared stays readable whatever the hook answers.
        expect((await share(blue.threadId, true)).status).to.equal(200);
        expect((await view(blue.threadId)).status).to.equal(200);
      });

      it('reading a shared thread needs a login', async () => {
        const { threadId } = await seedThread(app.layer, alice);
        expect((await share(threadId, true)).status).to.equal(200);
        expect((await view(threadId, '')).status).to.equal(401);
      });
    });

    describe('features.allow_thread_sharing off, and on through a profile', () => {
      let app: HistoryApp;
      let alice: PersistedUserDict;

      before(async function () {
        app = await startHistoryApp(this, backend, {
          manifest: [
            'plugins: [view.ts]',
            'profiles:',
            '  - name: Basic',
            '  - name: Team',
            '    config_overrides:',
            '      features:',
            '        allow_thread_sharing: true',
            '',
          ].join('\n'),
          files: { 'view.ts': VIEW_HOOK },
        });
        ({ alice } = await seedUsers(app.layer));
      });
      after(async () => app?.stop());

      it('with sharing off, a thread cannot be shared and no link opens, whatever its metadata or the hook says', async () => {
        const { threadId } = await seedThread(app.layer, alice, { metadata: { is_shared: true, team: 'red' } });
        const res = await app.call('PUT', '/project/thread/share', app.cookies.alice!, { threadId, isShared: true });
        expect(res.status).to.equal(400);
        expect(await res.json()).to.deep.equal({ detail: 'Thread sharing is not enabled' });
        const seen = await app.call('GET', `/project/share/${threadId}`, app.cookies.bob!);
        expect(seen.status).to.equal(404);
        expect(await seen.json()).to.deep.equal({ detail: 'Thread not found' });
        const settings = (await (await app.call('GET', '/project/settings', app.cookies.alice!)).json()) as { threadSharing: boolean };
        expect(settings.threadSharing).to.equal(false);
      });

      it('a profile that turns sharing on shares the threads written under it', async () => {
        const { threadId } = await seedThread(app.layer, alice, { metadata: { chat_profile: 'Team' } });
        expect((await app.call('PUT', '/project/thread/share', app.cookies.alice!, { threadId, isShared: true })).status).to.equal(200);
        const seen = await app.call('GET', `/project/share/${threadId}`, app.cookies.bob!);
        expect(seen.status).to.equal(200);
        expect(((await seen.json()) as ThreadDict).metadata).to.not.have.property('chat_profile');
        const settings = (await (await app.call('GET', '/project/settings?chat_profile=Team', app.cookies.alice!)).json()) as { threadSharing: boolean };
        expect(settings.threadSharing).to.equal(true);
      });
    });
  });
}
