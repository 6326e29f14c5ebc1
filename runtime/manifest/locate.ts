import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ManifestSource } from './source.js';

export type KeyPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** `["features", "audio", "enabled"]` → `features.audio.enabled`; indexes as `[0]`. */
export function formatPath(path: KeyPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Splits an ajv instancePath (JSON pointer) into segments. */
export function pointerSegments(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Line and column of the YAML node at `path`. With `atKey`, the position of the last key
 * itself (where an unknown key should be reported). A path that leaves the document (a value
 * filled by a default) falls back to the deepest node that exists.
 */
export function locate(source: ManifestSource, path: KeyPath, atKey = false): Position {
  const { doc } = source;
  let node: Node | null | undefined = doc.contents;
  let best = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      if (keyNode?.range) best = keyNode.range[0];
      if (atKey && i === path.length - 1) break;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      node = node.items[Number(seg)] as Node | undefined;
    } else {
      break;
    }
    if (node?.range) best = node.range[0];
  }
  const pos = source.lines.linePos(best);
  return { line: pos.line, column: pos.col };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}
