import type { ManifestIssue } from '../errors.js';
import { UNAVAILABLE_KEYS, matchesPattern, patternSegments, refusalMessage, type UnavailableKey } from './availability.js';
import { formatPath, locate, type KeyPath } from './locate.js';
import { OVERRIDE_SECTIONS, isObject } from './schema.js';
import type { ManifestSource } from './source.js';

const compiled = UNAVAILABLE_KEYS.map((entry) => ({ entry, segments: patternSegments(entry.key) }));

/** Every key path present in the author's data (maps and lists walked), with its value. */
function* keyPaths(node: unknown, path: (string | number)[] = []): Generator<{ path: (string | number)[]; value: unknown }> {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      yield { path: [...path, i], value: node[i] };
      yield* keyPaths(node[i], [...path, i]);
    }
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      yield { path: [...path, key], value };
      yield* keyPaths(value, [...path, key]);
    }
  }
}

/** A profile's `config_overrides.features.x` is refused exactly like `features.x`. */
function asTopLevel(path: KeyPath): KeyPath {
  const inOverride = path[0] === 'profiles' && typeof path[1] === 'number' && path[2] === 'config_overrides'
    && (OVERRIDE_SECTIONS as readonly unknown[]).includes(path[3]);
  return inOverride ? path.slice(3) : path;
}

function refuses(entry: UnavailableKey, value: unknown): boolean {
  if (entry.value !== undefined) return value === entry.value;
  if (entry.off !== undefined) return value !== entry.off;
  return true;
}

/**
 * CRT_NOT_AVAILABLE issues for the keys the author set (in `user`, the document as
 * written, after `${VAR}` expansion but before defaults) that this version cannot honour.
 */
export function unavailableIssues(user: unknown, source: ManifestSource): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const { path, value } of keyPaths(user)) {
    const view = asTopLevel(path);
    const hit = compiled.find(({ segments, entry }) => segments.length === view.length && matchesPattern(segments, view) && refuses(entry, value));
    if (!hit) continue;
    const shown = formatPath(path);
    const pos = locate(source, path, hit.entry.value === undefined);
    issues.push({ file: source.shownAs, line: pos.line, column: pos.column, path: shown, code: 'CRT_NOT_AVAILABLE', message: refusalMessage(hit.entry) });
  }
  return issues;
}
