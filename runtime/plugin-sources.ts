import type { LoadedManifest } from './manifest/index.js';
import type { PluginSource } from './plugins/index.js';

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
