import { ChainlitRtError, ManifestError } from './errors.js';
import { UNAVAILABLE_HOOKS, refusalMessage } from './manifest/availability.js';
import type { LoadedManifest } from './manifest/index.js';
import { hint } from './manifest/issues.js';
import { formatPath, locate, type KeyPath } from './manifest/locate.js';
import { readSource } from './manifest/source.js';
import { display } from './plugins/compile.js';
import type { PluginSource } from './plugins/index.js';
import type { PluginRegistry } from './plugins/registry.js';

/** The plugins a manifest asks for: the global `plugins:` list, then each profile's own plugin. */
export function pluginSources(manifest: LoadedManifest): PluginSource[] {
  const sources: PluginSource[] = manifest.plugins.map((p) => ({ id: p.id, module: p.module, options: p.options, profile: null }));
  for (const profile of manifest.config.profiles ?? []) {
    if (!profile.plugin) continue;
    sources.push({
      id: `profile:${profile.name}`,
      module: manifest.resolve(profile.plugin),
      options: {},
      profile: profile.name,
      config: (profile.config ?? {}) as Record<string, unknown>,
    });
  }
  return sources;
}

/**
 * Hooks that would switch on what this version lacks (login above all: an app whose plugin
 * defines `passwordAuth` must not start public) are refused with CRT_NOT_AVAILABLE.
 */
export function refuseUnavailableHooks(manifest: LoadedManifest, registry: PluginRegistry): void {
  const problems = registry.plugins.flatMap((plugin) => {
    const defined = plugin.definition as unknown as Record<string, unknown>;
    return UNAVAILABLE_HOOKS.filter((h) => defined[h.hook] !== undefined)
      .map((h) => `${display(manifest.root, plugin.file)} (plugin "${plugin.id}") ${h.hook}: CRT_NOT_AVAILABLE: ${refusalMessage(h, 'hook')}`);
  });
  if (problems.length > 0) throw new ChainlitRtError('CRT_NOT_AVAILABLE', `A plugin uses what this version does not have:\n  ${problems.join('\n  ')}`, { expose: true });
}

/**
 * What the manifest declares and only the plugins can satisfy: every `commands[].handler`
 * must name a handler in some plugin's `commands`; no plugin may define a hook that is not
 * available. Checked at start and on reload, so a typo fails loudly with its manifest line
 * instead of on the first message.
 */
export async function checkManifestAgainstPlugins(manifest: LoadedManifest, registry: PluginRegistry): Promise<void> {
  refuseUnavailableHooks(manifest, registry);
  const problems: Array<{ path: KeyPath; message: string }> = [];
  manifest.config.commands.forEach((command, i) => {
    if (!command.handler) return;
    const served = [null, ...manifest.config.profiles.map((p) => p.name)].some((profile) => registry.command(command.handler!, profile));
    if (!served) {
      const known = [...new Set(registry.plugins.flatMap((p) => Object.keys(p.definition.commands ?? {})))];
      problems.push({
        path: ['commands', i, 'handler'],
        message: `no plugin defines the command handler "${command.handler}" in its \`commands\`${hint(command.handler, known)}`,
      });
    }
  });
  if (problems.length === 0) return;
  const { source } = await readSource(manifest.file);
  throw new ManifestError(problems.map((p) => ({ file: source.shownAs, ...locate(source, p.path), path: formatPath(p.path), message: p.message })));
}
