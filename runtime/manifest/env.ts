import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseDotEnv } from 'dotenv';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node } from 'yaml';
import type { ManifestIssue } from '../errors.js';
import { formatPath, locate } from './locate.js';
import { isObject, type SchemaNode } from './schema.js';
import type { ManifestSource } from './source.js';

/**
 * The only module that reads the environment (DESIGN anti-pattern 3): `${VAR}` in the
 * manifest, and the `envDefault` keys declared in the schema.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** The variables of the `.env` file next to the manifest ({} when there is none). */
function readDotEnv(root: string): Record<string, string> {
  try {
    return parseDotEnv(readFileSync(join(root, '.env')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return {};
  }
}

/** Process env over the `.env` file next to the manifest (the process wins). */
export function mergedEnv(root: string, env: Env): Env {
  return { ...readDotEnv(root), ...env };
}

/**
 * Copies the `.env` next to the manifest into `target` (the process environment) before
 * plugins load, so SDKs that read their key from the environment (OpenAI, Anthropic) find
 * it, as in Chainlit. A variable already set wins. Returns the names it set.
 */
export function loadDotEnvInto(root: string, target: Record<string, string | undefined> = process.env): string[] {
  const set: string[] = [];
  for (const [name, value] of Object.entries(readDotEnv(root))) {
    if (target[name] !== undefined) continue;
    target[name] = value;
    set.push(name);
  }
  return set;
}

// `$${` is an escaped literal; a well-formed reference; anything else starting `${` is malformed.
const TOKEN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$\{[^}]*\}?/g;

type Expansion = { value: string; substituted: boolean } | { error: string };

export function expandString(text: string, env: Env): Expansion {
  let error: string | undefined;
  let substituted = false;
  const value = text.replace(TOKEN, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$${') return '${';
    if (name === undefined) {
      error ??= `malformed variable reference "${match}" (use \${NAME} or \${NAME:-default}; $\${ for a literal)`;
      return match;
    }
    substituted = true;
    const found = env[name];
    if (fallback !== undefined) return found === undefined || found === '' ? fallback : found;
    if (found === undefined) {
      error ??= `environment variable ${name} is not set (set it, add it to .env, or write \${${name}:-default})`;
      return match;
    }
    return found;
  });
  return error === undefined ? { value, substituted } : { error };
}

/**
 * Expands `${VAR}` in every string value of the document, in place. A plain (unquoted)
 * scalar is re-typed after expansion, so `port: ${PORT}` gives a number; quote it to keep
 * a string.
 */
export function expandDocument(source: ManifestSource, env: Env): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const seen = new Set<Node>();
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (!node || isAlias(node) || seen.has(node as Node)) return;
    seen.add(node as Node);
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
      const result = expandString(node.value, env);
      if ('error' in result) {
        const pos = locate(source, path);
        issues.push({ file: source.shownAs, line: pos.line, column: pos.column, path: formatPath(path), message: result.error });
      } else {
        node.value = node.type === Scalar.PLAIN && result.substituted ? retype(result.value) : result.value;
      }
    }
  };
  visit(source.doc.contents, []);
  return issues;
}

function retype(text: string): string | number | boolean {
  if (text.trim() === '') return text;
  const contents = parseDocument(text).contents;
  const value: unknown = isScalar(contents) ? contents.value : undefined;
  return typeof value === 'number' || typeof value === 'boolean' ? value : text;
}

/** Where the schema declares `envDefault: NAME`, following plain `properties` chains. */
function envDefaultKeys(node: SchemaNode, path: string[] = []): { path: string[]; env: string; type: unknown }[] {
  const props = node.properties;
  if (!isObject(props)) return [];
  return Object.entries(props).flatMap(([key, child]) => {
    if (!isObject(child)) return [];
    const here = typeof child.envDefault === 'string' ? [{ path: [...path, key], env: child.envDefault, type: child.type }] : [];
    return [...here, ...envDefaultKeys(child, [...path, key])];
  });
}

/**
 * Fills absent keys whose schema declares `envDefault` from the environment (e.g.
 * `auth.secret` from CHAINLIT_AUTH_SECRET). Returns dotted path → variable name, so errors
 * about such a value can name where it came from.
 */
export function applyEnvDefaults(config: Record<string, unknown>, schema: SchemaNode, env: Env): Map<string, string> {
  const filled = new Map<string, string>();
  for (const entry of envDefaultKeys(schema)) {
    const value = env[entry.env];
    if (value === undefined || value === '') continue;
    let holder: Record<string, unknown> = config;
    let blocked = false;
    for (const key of entry.path.slice(0, -1)) {
      const next = holder[key] ?? (holder[key] = {});
      if (!isObject(next)) { blocked = true; break; }
      holder = next;
    }
    const last = entry.path[entry.path.length - 1];
    if (blocked || holder[last] !== undefined) continue;
    holder[last] = entry.type === 'integer' || entry.type === 'number' || entry.type === 'boolean' ? retype(value) : value;
    filled.set(formatPath(entry.path), entry.env);
  }
  return filled;
}
