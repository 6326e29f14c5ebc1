import type { LoadedManifest } from '../manifest/index.js';

/**
 * The web UI served for an app: `ui.custom_build` (a folder with `index.html` and
 * `assets/`, relative to the manifest) when set, else the packaged build. The copilot
 * widget always comes from the packaged build.
 */
export function uiFolder(manifest: LoadedManifest, packaged: string): string {
  const custom = manifest.config.ui.custom_build;
  return custom ? manifest.resolve(custom) : packaged;
}
