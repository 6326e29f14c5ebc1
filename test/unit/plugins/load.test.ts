import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import * as runtimeSdk from '../../../runtime/sdk/index.js';
import { definePlugin, isPlugin } from '../../../runtime/sdk/plugin.js';
import type { IncomingMessage } from '../../../runtime/sdk/index.js';
import { checkSdkShared, loadPlugins, type PluginRegistry } from '../../../runtime/plugins/index.js';
import { FIXTURES, expectError, fixture, loadFixtures, logger, tempCache, tempDir } from './support.js';

// Hooks are called directly here; the runtime's context machinery is not under test.
const msg = (content: string) => ({ content }) as unknown as IncomingMessage;

describe('plugins/load', () => {
  let cache: ReturnType<typeof tempCache>;
  beforeEach(() => (cache = tempCache('load')));
  afterEach(() => cache.cleanup());

  it('loads a plugin whose chainlit-rt import is the runtime\'s own SDK instance', async () => {
    const registry = await loadFixtures([fixture('good.ts')], cache.dir);
    const [plugin] = registry.plugins;
    expect(plugin?.id).to.equal('good');
    expect(plugin?.file).to.equal(path.join(FIXTURES, 'good.ts'));
    expect(isPlugin(plugin?.definition)).to.equal(true);
    const mod = (await import(plugin?.url ?? '')) as { sdkModule: typeof runtimeSdk };
    expect(mod.sdkModule.definePlugin).to.equal(definePlugin);
    expect(mod.sdkModule.Message).to.equal(runtimeSdk.Message);
    expect(await checkSdkShared(logger)).to.equal(true);
  });

  it('gives each plugin a child logger bound to its id', async () => {
    const registry = await loadFixtures([fixture('good.ts')], cache.dir);
    expect(registry.plugins[0]?.logger.bindings()).to.include({ module: 'plugin', plugin: 'good' });
  });

  it('runs bundled local helpers and npm packages', async () => {
    const registry = await loadFixtures([fixture('with-deps.ts')], cache.dir);
    const [handler] = registry.handlers('onMessage');
    expect(await handler?.fn(msg('hi'))).to.equal('SAID: HI!');
    expect(registry.files()).to.include(path.join(FIXTURES, 'lib/helper.ts'));
  });

  it('locates a throw at import time in the .ts source', async () => {
    const err = await expectError(() => loadFixtures([fixture('throws-on-import.ts')], cache.dir), 'CRT_PLUGIN_LOAD');
    expect(err.message).to.equal('throws-on-import.ts:4:9: the API key is missing');
    expect(err.file).to.equal(path.join(FIXTURES, 'throws-on-import.ts'));
    expect(err.line).to.equal(4);
    expect((err.cause as Error).message).to.equal('the API key is missing');
  });

  it('rejects an unknown key with a did-you-mean', async () => {
    const err = await expectError(() => loadFixtures([fixture('typo-hook.ts')], cache.dir), 'CRT_PLUGIN_LOAD');
    expect(err.message).to.equal('typo-hook.ts: unknown key "onMesage" (did you mean "onMessage"?)');
  });

  it('rejects a default export that is not branded by definePlugin', async () => {
    const err = await expectError(() => loadFixtures([fixture('not-branded.ts')], cache.dir), 'CRT_PLUGIN_LOAD');
    expect(err.message).to.match(/^not-branded\.ts: the default export is not a plugin: wrap it in definePlugin/);
  });

  describe('options', () => {
    const manifest = path.join(FIXTURES, 'app.yaml');

    it('validates options and fills in schema defaults without touching the manifest object', async () => {
      const options = { greeting: 'hi' };
      const registry = await loadFixtures([fixture('with-options.ts', { options })], cache.dir, manifest);
      expect(registry.plugins[0]?.options).to.deep.equal({ greeting: 'hi', times: 2 });
      expect(options).to.deep.equal({ greeting: 'hi' });
    });

    it('names the plugin id, its file and the manifest when options are invalid', async () => {
      const bad = fixture('with-options.ts', { id: 'greeter', options: { times: 0, colour: 'red' } });
      const err = await expectError(() => loadFixtures([bad], cache.dir, manifest), 'CRT_PLUGIN_LOAD');
      expect(err.message).to.match(/^plugin "greeter" \(with-options\.ts\): invalid options in app\.yaml: /);
      expect(err.message).to.include('options has unknown key "colour"');
      expect(err.message).to.include("options must have required property 'greeting'");
      expect(err.message).to.include('options.times must be >= 1');
    });
  });

  describe('factory form', () => {
    it('calls the factory with the validated options of each entry', async () => {
      const registry = await loadFixtures(
        [
          fixture('factory.ts', { id: 'global', options: { greeting: 'hi' } }),
          fixture('factory.ts', { id: 'pro', options: { greeting: 'yo', times: 2 }, profile: 'pro' }),
        ],
        cache.dir,
      );
      expect(await registry.handlers('onMessage')[0]?.fn(msg('there'))).to.equal('hi there');
      expect(await registry.handlers('onMessage', 'pro')[0]?.fn(msg('there'))).to.equal('yoyo there');
      expect(registry.plugins.map((p) => p.options)).to.deep.equal([{ greeting: 'hi', times: 1 }, { greeting: 'yo', times: 2 }]);
    });

    it('checks the factory\'s options schema before calling it', async () => {
      const err = await expectError(
        () => loadFixtures([fixture('factory.ts', { options: { greeting: 3 } })], cache.dir, path.join(FIXTURES, 'app.yaml')),
        'CRT_PLUGIN_LOAD',
      );
      expect(err.message).to.equal('plugin "factory" (factory.ts): invalid options in app.yaml: options.greeting must be string');
    });
  });

  describe('reloading', () => {
    let app: ReturnType<typeof tempDir>;
    beforeEach(() => {
      app = tempDir('reload');
      mkdirSync(path.join(app.dir, 'plugins'));
      writeFileSync(path.join(app.dir, 'plugins/words.ts'), "export const word = 'first';\n");
      writeFileSync(
        path.join(app.dir, 'plugins/echo.ts'),
        "import { definePlugin } from 'chainlit-rt';\nimport { word } from './words.js';\n" +
          'export default definePlugin({ onMessage: () => `v1 ${word}` });\n',
      );
    });
    afterEach(() => app.cleanup());

    const load = () => loadPlugins([{ id: 'echo', module: path.join(app.dir, 'plugins/echo.ts'), options: {} }], { root: app.dir, logger });
    const reply = async (registry: PluginRegistry) => registry.handlers('onMessage')[0]?.fn(msg('x'));

    it('picks up a changed plugin file and a changed local import', async () => {
      const first = await load();
      expect(await reply(first)).to.equal('v1 first');
      expect(first.plugins[0]?.url).to.include('/.chainlit-rt/plugins/echo-');
      const echo = path.join(app.dir, 'plugins/echo.ts');
      writeFileSync(echo, readFileSync(echo, 'utf8').replace('v1', 'v2'));
      const second = await load();
      expect(await reply(second)).to.equal('v2 first');
      writeFileSync(path.join(app.dir, 'plugins/words.ts'), "export const word = 'second';\n");
      const third = await load();
      expect(await reply(third)).to.equal('v2 second');
      expect(new Set([first, second, third].map((r) => r.plugins[0]?.url)).size).to.equal(3);
      expect(await reply(first)).to.equal('v1 first');
    });

    it('throws on a broken edit and leaves the previous registry working', async () => {
      const good = await load();
      writeFileSync(path.join(app.dir, 'plugins/echo.ts'), "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({ onMessage: () => ) });\n");
      const err = await expectError(load, 'CRT_PLUGIN_COMPILE');
      expect(err.message).to.match(/^plugins\/echo\.ts:2:\d+: /);
      expect(await reply(good)).to.equal('v1 first');
    });
  });
});
