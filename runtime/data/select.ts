import path from 'node:path';
import { ChainlitRtError } from '../errors.js';
import { childLogger, type Logger } from '../log.js';
import type { LoadedManifest } from '../manifest/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { ObjectStorage } from '../storage/types.js';
import { DATA_LAYER_METHODS, type DataLayer } from './types.js';

export interface DataLayerDeps {
  manifest: LoadedManifest;
  /** The app's plugins: a global `dataLayer()` hook provides the layer. */
  plugins: PluginRegistry;
  /** Where the built-in layer stores element files. */
  storage: ObjectStorage | null;
  logger: Logger;
}

/**
 * The data layer the manifest asks for, or null (`data_layer.enabled: false`). In order:
 * the `dataLayer()` hook of `data_layer.module`; a global plugin's `dataLayer()` hook;
 * the built-in SQL layer on `data_layer.url` (SQLite by default, PostgreSQL for
 * `postgres://`), migrated on open. knex and its drivers load only in the last case, and
 * `pg` only for PostgreSQL.
 */
export async function createDataLayer(deps: DataLayerDeps): Promise<DataLayer | null> {
  const config = deps.manifest.config.data_layer;
  if (config.enabled === false) return null;
  const logger = childLogger(deps.logger, 'data');
  if (config.module) return fromModule(config.module, deps, logger);
  const hook = deps.plugins.handlers('dataLayer')[0];
  if (hook) return checkLayer(await hook.fn(), `the dataLayer() hook of plugin "${hook.plugin.id}"`);
  const { createKnexDataLayer } = await import('./knex/index.js');
  return createKnexDataLayer({ url: config.url, storage: deps.storage, logger });
}

/** `data_layer.module`: the plugin already loaded from `plugins:`, or loaded for this alone. */
async function fromModule(module: string, deps: DataLayerDeps, logger: Logger): Promise<DataLayer> {
  const file = path.resolve(deps.manifest.root, module);
  let plugin = deps.plugins.plugins.find((p) => p.file === file);
  if (!plugin) {
    const { loadPlugins } = await import('../plugins/index.js');
    const registry = await loadPlugins([{ id: 'data-layer', module: file, options: {} }], {
      root: deps.manifest.root,
      logger,
      cacheDir: path.join(deps.manifest.root, '.chainlit-rt', 'plugins', 'data-layer'),
      manifestFile: deps.manifest.file,
    });
    plugin = registry.plugins[0]!;
  }
  const where = `data_layer.module (${path.relative(deps.manifest.root, file) || file})`;
  if (typeof plugin.definition.dataLayer !== 'function') {
    throw new ChainlitRtError('CRT_DATA_LAYER', `${where} defines no dataLayer() hook; export definePlugin({ dataLayer() { return myLayer; } }).`, { expose: true });
  }
  return checkLayer(await plugin.definition.dataLayer(), where);
}

/** A custom layer must have every method of the interface; a missing one is named. */
export function checkLayer(value: unknown, where: string): DataLayer {
  if (typeof value !== 'object' || value === null) {
    throw new ChainlitRtError('CRT_DATA_LAYER', `${where} returned ${value === null ? 'null' : typeof value}, not a data layer object.`, { expose: true });
  }
  const missing = DATA_LAYER_METHODS.filter((m) => typeof (value as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) {
    throw new ChainlitRtError('CRT_DATA_LAYER', `${where} returned a data layer without ${missing.join(', ')} (see docs/data-layer.md).`, { expose: true });
  }
  return value as DataLayer;
}
