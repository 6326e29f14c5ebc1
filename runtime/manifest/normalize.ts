import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import type { ManifestIssue } from '../errors.js';
import { formatPath, locate } from './locate.js';
import { isObject } from './schema.js';
import type { ManifestSource } from './source.js';

/** A `plugins:` entry in its one normalized shape. */
export interface PluginEntry {
  id: string;
  /** Absolute path of the module. */
  module: string;
  options: Record<string, unknown>;
}

/** Absolute path for a manifest-relative one; absolute paths are kept. */
export function resolveFrom(root: string, path: string): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

/** `plugins/echo.ts` → `echo`; `plugins/demo/index.ts` → `demo` (an index file is named by its folder). */
export function defaultPluginId(module: string): string {
  const name = basename(module, extname(module));
  return name === 'index' ? basename(dirname(module)) : name;
}

/** String or object entries → `{ id, module, options }`; duplicate ids are issues naming the line. */
export function normalizePlugins(raw: readonly unknown[], root: string, source: ManifestSource): { plugins: PluginEntry[]; issues: ManifestIssue[] } {
  const plugins: PluginEntry[] = [];
  const issues: ManifestIssue[] = [];
  const firstIndex = new Map<string, number>();
  raw.forEach((entry, index) => {
    const spec = typeof entry === 'string' ? { module: entry } : (entry as { module: string; id?: string; options?: Record<string, unknown> });
    const module = resolveFrom(root, spec.module);
    const id = spec.id ?? defaultPluginId(module);
    const previous = firstIndex.get(id);
    if (previous !== undefined) {
      const path = typeof entry === 'string' || spec.id === undefined ? ['plugins', index] : ['plugins', index, 'id'];
      const pos = locate(source, path);
      const first = locate(source, ['plugins', previous]);
      issues.push({ file: source.shownAs, line: pos.line, column: pos.column, path: formatPath(path), message: `duplicate plugin id "${id}" (first used on line ${first.line}); give one of them another \`id:\`` });
      return;
    }
    firstIndex.set(id, index);
    plugins.push({ id, module, options: { ...(spec.options ?? {}) } });
  });
  return { plugins, issues };
}

/**
 * Rewrites the manifest's file paths to absolute ones, in place (before freezing). URLs and
 * UI values (which the browser requests from the server) are left alone.
 */
export function resolvePaths(config: Record<string, unknown>, root: string): void {
  const section = (name: string): Record<string, unknown> | undefined => (isObject(config[name]) ? config[name] : undefined);
  const dataLayer = section('data_layer');
  if (dataLayer) {
    if (typeof dataLayer.url === 'string') dataLayer.url = resolveSqliteUrl(dataLayer.url, root);
    if (typeof dataLayer.module === 'string') dataLayer.module = resolveFrom(root, dataLayer.module);
  }
  const storage = section('storage');
  if (storage && typeof storage.path === 'string') storage.path = resolveFrom(root, storage.path);
  const server = section('server');
  if (server && typeof server.public_dir === 'string') server.public_dir = resolveFrom(root, server.public_dir);
  const elements = section('elements');
  if (elements) for (const [name, file] of Object.entries(elements)) if (typeof file === 'string') elements[name] = resolveFrom(root, file);
  if (Array.isArray(config.profiles)) {
    for (const profile of config.profiles) if (isObject(profile) && typeof profile.plugin === 'string') profile.plugin = resolveFrom(root, profile.plugin);
  }
}

/** `sqlite://./x.db` → `sqlite:///abs/x.db`; in-memory and non-SQLite URLs are unchanged. */
export function resolveSqliteUrl(url: string, root: string): string {
  const match = /^sqlite:\/\/(.*)$/.exec(url);
  if (!match || match[1] === '' || match[1] === ':memory:') return url;
  return `sqlite://${resolveFrom(root, match[1])}`;
}
