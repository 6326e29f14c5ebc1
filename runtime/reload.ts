import type { EventEmitter } from 'node:events';
import { sep } from 'node:path';
import { publicDir } from './http/public-dir.js';
import { checkCustomBuild } from './http/ui-build.js';
import type { Logger } from './log.js';
import { loadManifest, type LoadedManifest } from './manifest/index.js';
import { loadPlugins } from './plugins/index.js';
import type { PluginRegistry } from './plugins/registry.js';
import { watchApp } from './plugins/watch.js';
import { checkManifestAgainstPlugins, pluginSources } from './plugin-sources.js';

/** What `serve -w` reports after each reload: app.reloads emits these (see runtime/app.ts). */
export interface ReloadEvents {
  /** The new manifest and plugins are in force. */
  reloaded: [{ changed: string[]; uiChanged: boolean }];
  /** The edit did not load; the last good version keeps serving. */
  'reload-failed': [{ changed: string[]; error: string }];
}

export interface ReloadOptions {
  logger: Logger;
  manifest(): LoadedManifest;
  plugins(): PluginRegistry;
  /**
   * Installs a successfully reloaded manifest and registry; connected sessions keep running.
   * `uiChanged` says whether browsers must reload to show the change.
   */
  swap(next: { manifest: LoadedManifest; plugins: PluginRegistry }, uiChanged: boolean): void;
  /** Told the outcome of each reload, once it is in force or has failed. */
  events?: EventEmitter<ReloadEvents>;
}

/** Browsers reload only for what they render: the `ui` config, or files of the public folder (theme, CSS, JS). */
function uiChanged(before: LoadedManifest, after: LoadedManifest, changed: string[]): boolean {
  const dir = publicDir(after);
  return JSON.stringify(before.config.ui) !== JSON.stringify(after.config.ui) || changed.some((f) => f === dir || f.startsWith(dir + sep));
}

/**
 * `serve -w`: on a change to the manifest, a plugin (or a module it imports) or public/,
 * reload and swap. A broken edit is reported and the last good version keeps serving.
 */
export function startWatching(options: ReloadOptions): { ready: Promise<void>; close(): Promise<void> } {
  const log = options.logger.child({ module: 'reload' });
  let reloading = Promise.resolve();
  const watcher = watchApp({
    files: () => {
      const manifest = options.manifest();
      const inputs = options.plugins().plugins.flatMap((p) => [p.file, ...(p.inputs ?? [])]);
      return [manifest.file, publicDir(manifest), ...inputs];
    },
    onChange: (changed) => {
      reloading = reloading.then(async () => {
        const file = options.manifest().file;
        try {
          const manifest = await loadManifest(file);
          const plugins = await loadPlugins(pluginSources(manifest), { root: manifest.root, logger: options.logger });
          await checkManifestAgainstPlugins(manifest, plugins);
          await checkCustomBuild(manifest);
          const ui = uiChanged(options.manifest(), manifest, changed);
          options.swap({ manifest, plugins }, ui);
          log.info({ changed }, 'reloaded');
          options.events?.emit('reloaded', { changed, uiChanged: ui });
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          log.error({ err: error }, 'reload failed; the last good version keeps serving');
          options.events?.emit('reload-failed', { changed, error });
        }
      });
      // Returned so the watcher re-reads files() afterwards: newly imported modules are watched at once.
      return reloading;
    },
  });
  return {
    // Resolves once the initial scan is done: edits before that would be missed.
    ready: watcher.ready,
    async close() {
      await watcher.close();
      await reloading;
    },
  };
}
