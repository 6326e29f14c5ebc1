import path from 'node:path';
import { PluginError } from '../errors.js';
import { childLogger, type Logger } from '../log.js';
import { compilePlugin, display, type CompiledPlugin } from './compile.js';
import { importCompiled, instantiate, type LoadTarget } from './load.js';
import { PluginRegistry, type LoadedPlugin } from './registry.js';
import { checkSdkShared } from './sdk-check.js';

export { PluginRegistry, type HookHandler, type LoadedPlugin, type PluginRoute } from './registry.js';
export { EXCLUSIVE_HOOKS, NOTIFICATION_HOOKS, isExclusiveHook, type ExclusiveHook, type NotificationHook } from './hooks.js';
export { compilePlugin, type CompiledPlugin } from './compile.js';
export { SDK_ENTRY_URL } from './sdk-entry.js';
export { checkSdkShared } from './sdk-check.js';
// watch.ts (chokidar) is not re-exported: only `serve -w` loads it, through runtime/reload.ts.

/** One plugin to load, built by the app from the manifest (`plugins:` and `profiles[].plugin`). */
export interface PluginSource {
  id: string;
  /** Absolute path of the TypeScript module (relative paths resolve against the app root). */
  module: string;
  options: Record<string, unknown>;
  /** The chat profile this plugin serves; null/absent for a global plugin. */
  profile?: string | null;
  /** The profile's `config` object. */
  config?: Record<string, unknown>;
  /** The manifest that lists this plugin, named in option errors (defaults to loadPlugins' `manifestFile`). */
  manifestFile?: string;
}

export interface LoadPluginsOptions {
  /** App root (the manifest's folder). */
  root: string;
  logger: Logger;
  /** Where bundles go; defaults to `<root>/.chainlit-rt/plugins`. */
  cacheDir?: string;
  /** The manifest, for error messages. */
  manifestFile?: string;
}

/**
 * Compiles, imports and checks every plugin, then builds the registry. All or nothing:
 * any failure throws a PluginError and no registry exists, so a failed hot reload leaves
 * the running one untouched.
 */
export async function loadPlugins(sources: PluginSource[], opts: LoadPluginsOptions): Promise<PluginRegistry> {
  const root = path.resolve(opts.root);
  const cacheDir = opts.cacheDir ?? path.join(root, '.chainlit-rt', 'plugins');
  checkIds(sources, root);
  if (sources.length > 0) await checkSdkShared(opts.logger);
  // esbuild works in parallel; errors are still reported in manifest order.
  const builds = await Promise.allSettled(
    sources.map((s) => compilePlugin(path.resolve(root, s.module), { id: s.id, root, cacheDir })),
  );
  const compiled: CompiledPlugin[] = builds.map((b) => {
    if (b.status === 'rejected') throw b.reason;
    return b.value;
  });
  const loaded: LoadedPlugin[] = [];
  // Imported one by one, in manifest order, so module side effects happen in a predictable order.
  for (const [i, source] of sources.entries()) {
    const build = compiled[i] as CompiledPlugin;
    const manifest = source.manifestFile ?? opts.manifestFile;
    const target: LoadTarget = {
      id: source.id,
      root,
      file: build.file,
      display: display(root, build.file),
      manifest: manifest === undefined ? undefined : display(root, path.resolve(root, manifest)),
    };
    const mod = await importCompiled(build, target);
    const { definition, options } = await instantiate(mod, build, target, source.options ?? {});
    loaded.push(Object.freeze({
      id: source.id,
      file: build.file,
      definition,
      options,
      logger: childLogger(opts.logger, 'plugin', { plugin: source.id }),
      profile: source.profile ?? null,
      config: source.config ?? {},
      inputs: build.inputs,
      url: build.url,
    }));
  }
  return new PluginRegistry(loaded, { root });
}

function checkIds(sources: PluginSource[], root: string): void {
  const seen = new Map<string, PluginSource>();
  for (const source of sources) {
    const before = seen.get(source.id);
    if (before) {
      const file = path.resolve(root, source.module);
      throw new PluginError(
        'CRT_PLUGIN_CONFLICT',
        file,
        `two plugins share the id "${source.id}": ${display(root, path.resolve(root, before.module))} and ${display(root, file)}`,
      );
    }
    seen.set(source.id, source);
  }
}
