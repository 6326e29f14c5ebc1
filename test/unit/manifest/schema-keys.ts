import { deref, isObject, manifestSchema, type SchemaNode } from '../../../runtime/manifest/schema.js';

/**
 * Every leaf key path of the manifest schema: dots between keys, `[]` for list items, `*`
 * for the values of a free map. Alternatives (`oneOf`/`anyOf`) contribute the union of their
 * keys. A profile's `config_overrides` reuses the top-level sections, so it is one leaf
 * (its keys are the top-level ones, refused or proved there).
 */
export function schemaLeafKeys(): string[] {
  const root = manifestSchema();
  const out = new Set<string>();
  const walk = (raw: SchemaNode, path: string): void => {
    const node = deref(root, raw);
    if (path.endsWith('.config_overrides')) { out.add(path); return; }
    const props: Record<string, SchemaNode> = {};
    const branches = [node, ...[...(Array.isArray(node.oneOf) ? node.oneOf : []), ...(Array.isArray(node.anyOf) ? node.anyOf : [])].filter(isObject).map((b) => deref(root, b))];
    for (const branch of branches) if (isObject(branch.properties)) Object.assign(props, branch.properties);
    if (Object.keys(props).length > 0) {
      for (const [key, child] of Object.entries(props)) if (isObject(child)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    const items = branches.map((b) => b.items).find(isObject);
    if (items) {
      const item = deref(root, items);
      const alts = [...(Array.isArray(item.oneOf) ? item.oneOf : []), ...(Array.isArray(item.anyOf) ? item.anyOf : [])].filter(isObject);
      if (isObject(item.properties) || alts.some((a) => isObject(deref(root, a).properties))) { walk(item, `${path}[]`); return; }
    }
    const values = isObject(node.additionalProperties) ? deref(root, node.additionalProperties) : undefined;
    if (values && isObject(values.properties)) { walk(values, `${path}.*`); return; }
    out.add(path);
  };
  walk(root, '');
  return [...out].sort();
}

export function segments(key: string): string[] {
  return key.replace(/\[\]/g, '.[]').split('.').filter(Boolean);
}

/** `a.b` covers `a.b` and everything under it. */
export function covers(prefix: string, key: string): boolean {
  const p = segments(prefix);
  const k = segments(key);
  return p.length <= k.length && p.every((s, i) => s === k[i]);
}

/** The word a test must mention to be about this key: its last named segment. */
export function keyWord(key: string): string {
  return segments(key).filter((s) => s !== '[]' && s !== '*').pop() ?? key;
}
