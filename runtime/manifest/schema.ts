import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A JSON Schema node as we read it: plain JSON, walked structurally. */
export type SchemaNode = { [key: string]: unknown };

/** Custom keywords our schema adds to JSON Schema (see validate.ts for their meaning). */
export const CUSTOM_KEYWORDS = ['clientVisible', 'defaultsFrom', 'envDefault', 'patternHint'] as const;

/** Sections of a profile's `config_overrides`, each a partial copy of the top-level one. */
export const OVERRIDE_SECTIONS = ['ui', 'features', 'project'] as const;

let cached: SchemaNode | undefined;

/**
 * Path of the committed schema. Found by walking up from this module so it works both from
 * source (tsx) and from a build under `dist/`.
 */
export function schemaFilePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schemas', 'manifest.schema.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`schemas/manifest.schema.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The manifest schema exactly as committed in `schemas/`. */
export function manifestSchema(): SchemaNode {
  cached ??= JSON.parse(readFileSync(schemaFilePath(), 'utf8')) as SchemaNode;
  return cached;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep copy of a schema node without defaults. Profile overrides reuse the section schemas,
 * but a default there would silently reset the app's own value when the override is merged.
 * `properties` maps are walked by name so a property *called* `default` survives.
 */
export function withoutDefaults(node: unknown, dropTitles = false): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutDefaults(n, dropTitles));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'default' || key === 'defaultsFrom' || key === 'envDefault') continue;
    if (dropTitles && key === 'title') continue;
    if ((key === 'properties' || key === 'definitions') && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutDefaults(v, dropTitles)]));
    } else {
      out[key] = withoutDefaults(value, dropTitles);
    }
  }
  return out;
}

/** Resolves a local `#/a/b` JSON pointer inside the schema. */
export function resolvePointer(root: SchemaNode, pointer: string): SchemaNode | undefined {
  if (!pointer.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return isObject(node) ? node : undefined;
}

/** Follows `$ref` chains so callers can look at the real node. */
export function deref(root: SchemaNode, node: SchemaNode): SchemaNode {
  let current = node;
  for (let i = 0; i < 16 && typeof current.$ref === 'string'; i++) {
    const next = resolvePointer(root, current.$ref);
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The schema ajv validates with: identical to the file, except that profile
 * `config_overrides` sections point at default-free copies of the top-level sections.
 */
export function validationSchema(): SchemaNode {
  const raw = manifestSchema();
  const copy = structuredClone(raw) as SchemaNode;
  const defs = copy.definitions as Record<string, SchemaNode>;
  const rootProps = raw.properties as Record<string, SchemaNode>;
  const overrides = resolvePointer(copy, '#/definitions/profile/properties/config_overrides/properties');
  for (const section of OVERRIDE_SECTIONS) {
    const name = `${section}__partial`;
    defs[name] = withoutDefaults(rootProps[section], true) as SchemaNode;
    if (overrides) overrides[section] = { $ref: `#/definitions/${name}`, description: (overrides[section] as SchemaNode).description };
  }
  return copy;
}
