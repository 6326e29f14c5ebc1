import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { ManifestIssue } from '../errors.js';
import { formatPath, locate, pointerSegments, type KeyPath } from './locate.js';
import { isObject } from './schema.js';
import type { ManifestSource } from './source.js';

/** Turns ajv errors into located, human-worded issues (one per real problem). */
export function issuesFromAjv(errors: readonly ErrorObject[], data: unknown, source: ManifestSource, envOrigins: ReadonlyMap<string, string> = new Map()): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const seen = new Set<string>();
  for (const err of prune(errors)) {
    const base = toKeyPath(err.instancePath, data);
    const { path, message, atKey } = describe(err, base);
    const shown = formatPath(path);
    const origin = envOrigins.get(shown);
    const text = origin ? `${message} (value from environment variable ${origin})` : message;
    const id = `${shown}\0${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const pos = locate(source, path, atKey);
    issues.push({ file: source.shownAs, line: pos.line, column: pos.column, path: shown, message: text });
  }
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Pointer segments typed by the data: array indexes become numbers. */
function toKeyPath(pointer: string, data: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  let node = data;
  for (const seg of pointerSegments(pointer)) {
    const key = Array.isArray(node) ? Number(seg) : seg;
    out.push(key);
    node = Array.isArray(node) ? node[Number(seg)] : isObject(node) ? node[seg] : undefined;
  }
  return out;
}

/**
 * Drops noise around alternatives: when one branch of an anyOf/oneOf failed for a deeper
 * reason, the "wrong type" errors of the other branches and the anyOf summary are dropped
 * (the deeper error is what the author needs). A discriminator error is dropped when the tag
 * key already has its own error.
 */
function prune(errors: readonly ErrorObject[]): ErrorObject[] {
  const drop = new Set<ErrorObject>();
  for (const alt of errors) {
    if (alt.keyword !== 'anyOf' && alt.keyword !== 'oneOf') continue;
    // A schema reused through $ref fails at several instance paths with the same schemaPath; only this instance's errors are its branches.
    const here = (e: ErrorObject) => e.instancePath === alt.instancePath || e.instancePath.startsWith(`${alt.instancePath}/`);
    const branch = errors.filter((e) => e !== alt && e.schemaPath.startsWith(`${alt.schemaPath}/`) && here(e));
    const shape = branch.filter((e) => e.keyword === 'type' && e.instancePath === alt.instancePath);
    // `anyOf: [{required: [a]}, {required: [b]}]` reads best as one "needs a or b" issue.
    const requiredOnly = Array.isArray(alt.schema) && alt.schema.every((b) => isObject(b) && Object.keys(b).join() === 'required');
    if (!requiredOnly && branch.length > shape.length) {
      shape.forEach((e) => drop.add(e));
      drop.add(alt);
    } else {
      branch.forEach((e) => drop.add(e));
    }
  }
  for (const err of errors) {
    if (err.keyword !== 'discriminator') continue;
    const tag = `${err.instancePath}/${(err.params as { tag: string }).tag}`;
    if (errors.some((e) => e.instancePath === tag)) drop.add(err);
  }
  return errors.filter((e) => !drop.has(e));
}

function describe(err: ErrorObject, path: KeyPath): { path: KeyPath; message: string; atKey: boolean } {
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = isObject(err.parentSchema) && isObject(err.parentSchema.properties) ? Object.keys(err.parentSchema.properties) : [];
      return { path: [...path, key], message: `unknown key${hint(key, known)}`, atKey: true };
    }
    case 'required':
      return { path: [...path, String(params.missingProperty)], message: 'required key is missing', atKey: false };
    case 'type':
      return { path, message: `expected ${String(params.type).replace(',', ' or ')}, got ${show(err.data)}`, atKey: false };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const got = typeof err.data === 'string' ? hint(err.data, (params.allowedValues as unknown[]).map(String), false) : '';
      return { path, message: `expected one of ${allowed.join(', ')}; got ${show(err.data)}${got}`, atKey: false };
    }
    case 'const':
      return { path, message: `expected ${JSON.stringify(params.allowedValue)}, got ${show(err.data)}`, atKey: false };
    case 'discriminator':
      return { path: [...path, String(params.tag)], message: `missing or unknown "${String(params.tag)}"`, atKey: false };
    case 'anyOf':
    case 'oneOf':
      return { path, message: alternatives(err), atKey: false };
    case 'pattern': {
      const hintText = isObject(err.parentSchema) && typeof err.parentSchema.patternHint === 'string' ? err.parentSchema.patternHint : undefined;
      // Never echo the value: a failing password hash may be a plain-text password.
      return { path, message: hintText ?? `${err.message ?? 'is invalid'}, got ${show(err.data)}`, atKey: false };
    }
    case 'maxItems':
    case 'minItems': {
      const count = Array.isArray(err.data) ? err.data.length : 0;
      const bound = err.keyword === 'maxItems' ? 'at most' : 'at least';
      return { path, message: `expected ${bound} ${String(params.limit)} items, got ${count}`, atKey: false };
    }
    default:
      return { path, message: `${err.message ?? 'is invalid'}${err.data === undefined || isObject(err.data) ? '' : `, got ${show(err.data)}`}`, atKey: false };
  }
}

function alternatives(err: ErrorObject): string {
  const branches = Array.isArray(err.schema) ? (err.schema as unknown[]) : [];
  const required = branches.flatMap((b) => (isObject(b) && Array.isArray(b.required) ? b.required.map(String) : []));
  if (required.length === branches.length && required.length > 0) return `needs one of the keys ${required.map((r) => `"${r}"`).join(', ')}`;
  const types = branches.map((b) => (isObject(b) && typeof b.type === 'string' ? b.type : 'another shape'));
  return `expected ${[...new Set(types)].join(' or ')}, got ${show(err.data)}`;
}

/** `; did you mean "x"?` when a known name is close enough to be a typo. */
export function hint(word: string, known: readonly string[], listOtherwise = true): string {
  if (known.length === 0) return '';
  const best = closest(word, [...known]);
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (distance(word, best) <= limit) return `; did you mean "${best}"?`;
  return listOtherwise && known.length <= 12 ? `; expected one of: ${known.join(', ')}` : '';
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
