import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestIssue } from '../errors.js';
import { formatPath, locate, type KeyPath } from './locate.js';
import { resolveFrom } from './normalize.js';
import { isObject } from './schema.js';
import type { ManifestSource } from './source.js';

// What esbuild would also accept for an entry written without its extension, or as a folder.
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function pluginFileExists(abs: string): boolean {
  return isFile(abs) || EXTENSIONS.some((ext) => isFile(abs + ext) || isFile(join(abs, `index${ext}`)));
}

/** Where the manifest names plugin modules: `plugins[]` (string or `module:`) and `profiles[].plugin`. */
function pluginPaths(written: unknown): { path: KeyPath; module: string }[] {
  if (!isObject(written)) return [];
  const out: { path: KeyPath; module: string }[] = [];
  if (Array.isArray(written.plugins)) {
    written.plugins.forEach((entry, i) => {
      if (typeof entry === 'string') out.push({ path: ['plugins', i], module: entry });
      else if (isObject(entry) && typeof entry.module === 'string') out.push({ path: ['plugins', i, 'module'], module: entry.module });
    });
  }
  if (Array.isArray(written.profiles)) {
    written.profiles.forEach((profile, i) => {
      if (isObject(profile) && typeof profile.plugin === 'string') out.push({ path: ['profiles', i, 'plugin'], module: profile.plugin });
    });
  }
  return out;
}

/** CRT_PLUGIN_NOT_FOUND for each plugin module that is not on disk (checked by `validate` too, not only at start). */
export function missingPluginIssues(written: unknown, root: string, source: ManifestSource): ManifestIssue[] {
  return pluginPaths(written)
    .filter(({ module }) => !pluginFileExists(resolveFrom(root, module)))
    .map(({ path, module }) => {
      const pos = locate(source, path);
      const abs = resolveFrom(root, module);
      return { file: source.shownAs, line: pos.line, column: pos.column, path: formatPath(path), code: 'CRT_PLUGIN_NOT_FOUND' as const, message: `plugin file not found: ${module} (looked for ${abs}; paths are relative to the manifest's folder)` };
    });
}
