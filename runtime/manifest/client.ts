import { deref, isObject, manifestSchema, resolvePointer, type SchemaNode } from './schema.js';
import type { FeaturesConfig, Manifest, UiConfig } from './types.gen.js';

/**
 * What may reach the browser is decided by the schema's `clientVisible: true` marks, never
 * by hand-kept lists, so a secret added later (a token, a Redis URL) cannot leak through
 * `/project/settings` or the HTML template by accident.
 */
export function pickClientVisible(schemaPointer: string, value: unknown): unknown {
  const root = manifestSchema();
  const node = resolvePointer(root, schemaPointer);
  if (!node) throw new Error(`no schema node at ${schemaPointer}`);
  return pick(root, node, value);
}

function pick(root: SchemaNode, raw: SchemaNode, value: unknown): unknown {
  if (raw.clientVisible === true) return value;
  // An explicit `false` cuts off a subtree that reuses visible schemas (profile overrides).
  if (raw.clientVisible === false) return undefined;
  const node = deref(root, raw);
  if (node.clientVisible === true) return value;
  if (!mayShow(root, node)) return undefined;
  if (Array.isArray(value) && isObject(node.items)) {
    return value.map((item) => pick(root, node.items as SchemaNode, item) ?? null);
  }
  if (isObject(value) && isObject(node.properties)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node.properties)) {
      if (!isObject(child) || value[key] === undefined) continue;
      const picked = pick(root, child, value[key]);
      if (picked !== undefined) out[key] = picked;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return undefined;
}

const showable = new WeakMap<SchemaNode, boolean>();

/** Whether any key under this schema node is marked visible (decided by the schema alone). */
function mayShow(root: SchemaNode, raw: SchemaNode): boolean {
  const node = deref(root, raw);
  if (raw.clientVisible === false || node.clientVisible === false) return false;
  if (raw.clientVisible === true || node.clientVisible === true) return true;
  const known = showable.get(node);
  if (known !== undefined) return known;
  showable.set(node, false); // guards recursive schemas
  const children = [
    ...(isObject(node.properties) ? Object.values(node.properties) : []),
    node.items, node.additionalProperties,
    ...(Array.isArray(node.anyOf) ? node.anyOf : []), ...(Array.isArray(node.oneOf) ? node.oneOf : []),
  ].filter(isObject);
  const result = children.some((child) => mayShow(root, child));
  showable.set(node, result);
  return result;
}

/** Every visible key of a section, `null` when unset: Chainlit sends whole models, nulls included. */
function section(name: 'ui' | 'features', value: unknown): Record<string, unknown> {
  const props = (manifestSchema().properties as Record<string, SchemaNode>)[name].properties as Record<string, SchemaNode>;
  const picked = (pickClientVisible(`#/properties/${name}`, value) ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // A key marked visible, or one with visible keys inside (features.mcp hides one of its keys).
  for (const [key, child] of Object.entries(props)) if (child.clientVisible === true || (child.clientVisible !== false && mayShow(manifestSchema(), child))) out[key] = picked[key] ?? null;
  return out;
}

export interface ClientConfig {
  ui: UiConfig & Record<string, unknown>;
  features: FeaturesConfig & Record<string, unknown>;
}

/** The `ui` and `features` objects of `/project/settings` (pass `effective(profile)`). */
export function clientConfig(config: Readonly<Manifest>): ClientConfig {
  return { ui: section('ui', config.ui) as ClientConfig['ui'], features: section('features', config.features) as ClientConfig['features'] };
}
