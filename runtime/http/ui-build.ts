import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ManifestError } from '../errors.js';
import type { LoadedManifest } from '../manifest/index.js';
import { formatPath, locate, type KeyPath } from '../manifest/locate.js';
import { readSource } from '../manifest/source.js';

/**
 * The folder the UI routes are served from: the app's own build (`ui.custom_build`,
 * relative to the app folder) when it has one, else the bundled ui-dist. `index.html`
 * gets the same injections either way; `/assets/` comes from the same folder.
 */
export function uiFolder(manifest: Pick<LoadedManifest, 'root' | 'config'>, bundled: string): string {
  const custom = manifest.config.ui.custom_build;
  return typeof custom === 'string' && custom !== '' ? path.resolve(manifest.root, custom) : bundled;
}

function isInside(base: string, target: string): boolean {
  const rel = path.relative(base, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Why `ui.custom_build` cannot be served, or null when it can (or is not set). */
async function customBuildProblem(manifest: LoadedManifest): Promise<string | null> {
  const custom = manifest.config.ui.custom_build;
  if (typeof custom !== 'string' || custom === '') return null;
  const folder = uiFolder(manifest, '');
  // Symlinks count where they point: the build must really live in the app folder.
  const root = await realpath(manifest.root).catch(() => manifest.root);
  const real = await realpath(folder).catch(() => null);
  if (!isInside(manifest.root, folder) || (real !== null && !isInside(root, real))) {
    return `the folder "${custom}" must be inside the app folder (${manifest.root})`;
  }
  if (real === null || !(await stat(real)).isDirectory()) return `the folder "${custom}" was not found (looked for ${folder})`;
  const index = await stat(path.join(real, 'index.html')).catch(() => null);
  if (!index?.isFile()) return `the folder "${custom}" has no index.html: point it at the output folder of your frontend build`;
  return null;
}

/**
 * Checked at start and on every reload, so a wrong `ui.custom_build` fails loudly with its
 * manifest line instead of serving the bundled UI (or nothing) behind the developer's back.
 */
export async function checkCustomBuild(manifest: LoadedManifest): Promise<void> {
  const problems: Array<{ path: KeyPath; message: string }> = [];
  const problem = await customBuildProblem(manifest);
  if (problem) problems.push({ path: ['ui', 'custom_build'], message: problem });
  // The page is served before anyone picks a profile: a profile cannot change it.
  (manifest.config.profiles ?? []).forEach((profile, i) => {
    if (profile.config_overrides?.ui?.custom_build === undefined) return;
    problems.push({
      path: ['profiles', i, 'config_overrides', 'ui', 'custom_build'],
      message: 'a chat profile cannot change the frontend build (the page is served before a profile is chosen); set ui.custom_build at the top level',
    });
  });
  if (problems.length === 0) return;
  const { source } = await readSource(manifest.file);
  throw new ManifestError(problems.map((p) => ({ file: source.shownAs, ...locate(source, p.path), path: formatPath(p.path), message: p.message })));
}
