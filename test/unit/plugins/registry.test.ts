import path from 'node:path';
import { expect } from 'chai';
import type { IncomingMessage } from '../../../runtime/sdk/index.js';
import { FIXTURES, expectError, fixture, loadFixtures, tempCache } from './support.js';

const msg = (content: string) => ({ content }) as unknown as IncomingMessage;

describe('plugins/registry', () => {
  let cache: ReturnType<typeof tempCache>;
  beforeEach(() => (cache = tempCache('registry')));
  afterEach(() => cache.cleanup());

  describe('conflicts', () => {
    it('refuses two global plugins defining the exclusive onMessage, naming both files', async () => {
      const err = await expectError(() => loadFixtures([fixture('reply-a.ts'), fixture('reply-b.ts')], cache.dir), 'CRT_PLUGIN_CONFLICT');
      expect(err.message).to.match(/^reply-a\.ts \(plugin "reply-a"\) and reply-b\.ts \(plugin "reply-b"\) both define the hook "onMessage" globally/);
      expect(err.file).to.equal(path.join(FIXTURES, 'reply-b.ts'));
    });

    it('refuses two plugins defining the same action', async () => {
      const err = await expectError(
        () => loadFixtures([fixture('dup-action-a.ts'), fixture('dup-action-b.ts')], cache.dir),
        'CRT_PLUGIN_CONFLICT',
      );
      expect(err.message).to.include('dup-action-a.ts').and.include('dup-action-b.ts').and.include('the action "like"');
    });

    it('refuses the same route from two plugins, even when one serves a profile', async () => {
      const err = await expectError(
        () => loadFixtures([fixture('good.ts'), fixture('good.ts', { id: 'again', profile: 'pro' })], cache.dir),
        'CRT_PLUGIN_CONFLICT',
      );
      expect(err.message).to.include('the route "GET /hello"');
    });

    it('refuses two entries with one id', async () => {
      const err = await expectError(
        () => loadFixtures([fixture('reply-a.ts', { id: 'x' }), fixture('chat-start-a.ts', { id: 'x' })], cache.dir),
        'CRT_PLUGIN_CONFLICT',
      );
      expect(err.message).to.equal('two plugins share the id "x": reply-a.ts and chat-start-a.ts');
    });
  });

  it('runs every notification handler, in manifest order', async () => {
    const registry = await loadFixtures([fixture('chat-start-b.ts'), fixture('reply-a.ts'), fixture('chat-start-a.ts')], cache.dir);
    const handlers = registry.handlers('onChatStart');
    expect(handlers.map((h) => h.plugin.id)).to.deep.equal(['chat-start-b', 'chat-start-a']);
    expect(await Promise.all(handlers.map((h) => h.fn()))).to.deep.equal(['start-b', 'start-a']);
    expect(registry.has('onChatStart')).to.equal(true);
    expect(registry.has('onStop')).to.equal(false);
  });

  describe('a profile plugin', () => {
    const load = () =>
      loadFixtures(
        [
          fixture('reply-a.ts'),
          fixture('chat-start-a.ts'),
          fixture('dup-action-a.ts'),
          fixture('profile-reply.ts', { profile: 'Expert', config: { model: 'big' } }),
        ],
        cache.dir,
      );

    it('replaces the global handlers of the hooks it defines, for its profile only', async () => {
      const registry = await load();
      expect(await registry.handlers('onMessage', 'Expert')[0]?.fn(msg('x'))).to.equal('reply-profile');
      expect(await registry.handlers('onMessage', 'Other')[0]?.fn(msg('x'))).to.equal('reply-a');
      expect(await registry.handlers('onMessage')[0]?.fn(msg('x'))).to.equal('reply-a');
      expect(registry.handlers('onChatStart', 'Expert').map((h) => h.plugin.id)).to.deep.equal(['profile-reply']);
      expect(registry.handlers('onChatStart', null).map((h) => h.plugin.id)).to.deep.equal(['chat-start-a']);
    });

    it('overrides actions by name and falls back to global ones', async () => {
      const registry = await load();
      const own = registry.action('like', 'Expert');
      expect(own?.plugin.id).to.equal('profile-reply');
      expect(await own?.fn({} as never)).to.equal('profile-like');
      expect(registry.action('like')?.plugin.id).to.equal('dup-action-a');
      expect(registry.action('only_a', 'Expert')?.plugin.id).to.equal('chat-start-a');
      expect(registry.action('missing', 'Expert')).to.equal(undefined);
    });

    it('exposes its config and is found by profile name', async () => {
      const registry = await load();
      const plugin = registry.profilePlugin('Expert');
      expect(plugin?.id).to.equal('profile-reply');
      expect(plugin?.config).to.deep.equal({ model: 'big' });
      expect(registry.profilePlugin('Other')).to.equal(undefined);
      expect(registry.profilePlugin(null)).to.equal(undefined);
      expect(registry.plugins.find((p) => p.id === 'reply-a')?.config).to.deep.equal({});
      expect(registry.appHandlers('onChatStart').map((h) => h.plugin.id)).to.deep.equal(['chat-start-a', 'profile-reply']);
    });
  });

  it('lists tools and routes', async () => {
    const registry = await loadFixtures([fixture('good.ts')], cache.dir);
    const tool = registry.tools().get('add');
    expect(tool?.plugin.id).to.equal('good');
    expect(await tool?.tool.run({ a: 2, b: 3 })).to.equal(5);
    const routes = registry.routes();
    expect(routes.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /hello']);
    expect(await routes[0]?.handler({} as never)).to.deep.equal({ ok: true });
  });
});
