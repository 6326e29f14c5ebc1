import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDataLayer } from '../../runtime/data/select.js';
import type { DataLayer } from '../../runtime/data/types.js';
import { createLogger } from '../../runtime/log.js';
import { loadManifest } from '../../runtime/manifest/index.js';
import { pluginSources } from '../../runtime/plugin-sources.js';
import { loadPlugins } from '../../runtime/plugins/index.js';
import { REPO, writeApp } from '../support/server.js';
import { runDataLayerConformance } from './conformance.js';

const logger = createLogger({ silent: true });

/** The data layer an app gets, chosen the way the runtime chooses it. */
async function layerOf(manifestPath: string, env: Record<string, string> = {}): Promise<DataLayer | null> {
  const manifest = await loadManifest(manifestPath, { env });
  const plugins = await loadPlugins(pluginSources(manifest), { root: manifest.root, logger, manifestFile: manifest.file });
  return createDataLayer({ manifest, plugins, storage: null, logger });
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  return promise.then(
    () => { throw new Error('expected a rejection'); },
    (err: unknown) => err as { code?: string; message: string },
  );
}

// The runnable example of docs/data-layer.md, loaded through data_layer.module as an app would.
runDataLayerConformance('the example in-memory layer (manifests/data-layer.yaml, data_layer.module)', async () => {
  const layer = await layerOf(join(REPO, 'manifests', 'data-layer.yaml'));
  if (!layer) throw new Error('no data layer');
  return { layer, cleanup: () => layer.close() };
}, { feedbackLookup: true });

describe('choosing the data layer (runtime/data/select.ts)', function () {
  this.timeout(60_000);
  const memoryLayer = `import { definePlugin } from 'chainlit-rt';\nimport { createMemoryDataLayer } from '${join(REPO, 'plugins/examples/data-layer/memory-layer.ts')}';\n`;

  it('data_layer.enabled: false means no data layer', async () => {
    expect(await layerOf(writeApp({ 'chainlit.yaml': 'data_layer:\n  enabled: false\n' }))).to.equal(null);
  });

  it('a global plugin\'s dataLayer() hook provides the layer, without data_layer.module', async () => {
    const app = writeApp({
      'chainlit.yaml': 'plugins:\n  - layer.ts\n',
      'layer.ts': `${memoryLayer}const layer = createMemoryDataLayer();\n(layer as unknown as { tag: string }).tag = 'from the hook';\nexport default definePlugin({ dataLayer: () => layer });\n`,
    });
    const layer = await layerOf(app);
    expect((layer as unknown as { tag: string }).tag).to.equal('from the hook');
    expect(existsSync(join(dirname(app), '.chainlit-rt', 'data.db')), 'no SQLite file for a custom layer').to.equal(false);
  });

  it('data_layer.module wins over a url, and needs no plugins: entry', async () => {
    const app = writeApp({
      'chainlit.yaml': 'data_layer:\n  module: ./store.ts\n  url: postgres://nobody@127.0.0.1:1/none\n',
      'store.ts': `${memoryLayer}export default definePlugin({ async dataLayer() { return createMemoryDataLayer(); } });\n`,
    });
    const layer = await layerOf(app);
    expect(await layer!.getUser('nobody')).to.equal(null);
  });

  it('a module without a dataLayer() hook is a clear error', async () => {
    const app = writeApp({ 'chainlit.yaml': 'data_layer:\n  module: ./store.ts\n', 'store.ts': "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({});\n" });
    const err = await failure(layerOf(app));
    expect(err.code).to.equal('CRT_DATA_LAYER');
    expect(err.message).to.match(/store\.ts.*no dataLayer\(\) hook/);
  });

  it('a layer missing methods is refused, naming them', async () => {
    const app = writeApp({
      'chainlit.yaml': 'plugins:\n  - layer.ts\n',
      'layer.ts': "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({ dataLayer: () => ({ getUser: async () => null }) as never });\n",
    });
    const err = await failure(layerOf(app));
    expect(err.code).to.equal('CRT_DATA_LAYER');
    expect(err.message).to.match(/plugin "layer".*without createUser, upsertFeedback/);
  });

  it('by default, the built-in layer on a SQLite file under the app folder, created on first start', async () => {
    const app = writeApp({ 'chainlit.yaml': 'name: persisted\n' });
    const file = join(dirname(app), '.chainlit-rt', 'data.db');
    expect(existsSync(file)).to.equal(false);
    const layer = await layerOf(app);
    try {
      expect(existsSync(file)).to.equal(true);
      const user = await layer!.createUser({ identifier: 'ada', metadata: {} });
      expect(user!.identifier).to.equal('ada');
    } finally {
      await layer?.close();
    }
    // A second start finds the data where the first left it.
    const again = await layerOf(app);
    try {
      expect((await again!.getUser('ada'))!.identifier).to.equal('ada');
    } finally {
      await again?.close();
    }
  });

  it('DATABASE_URL names the database when the manifest does not', async () => {
    const app = writeApp({ 'chainlit.yaml': 'name: env\n' });
    const err = await failure(layerOf(app, { DATABASE_URL: 'mysql://localhost/db' }));
    expect(err.code).to.equal('CRT_DATA_LAYER');
    expect(err.message).to.match(/Unsupported database URL scheme "mysql:"/);
  });

  it('a PostgreSQL server that cannot be reached fails the start with the reason', async () => {
    const app = writeApp({ 'chainlit.yaml': 'data_layer:\n  url: postgres://postgres:secret@127.0.0.1:1/nothing\n' });
    const err = await failure(layerOf(app));
    expect(err.code).to.equal('CRT_DATA_LAYER');
    expect(err.message).to.match(/ECONNREFUSED/);
    expect(err.message).to.not.match(/secret/);
  });
});
