import { closest, distance } from 'fastest-levenshtein';
import validRange from 'semver/ranges/valid.js';
import { PluginError } from '../errors.js';
import { DEFINITION_KEYS, HOOK_NAMES, type PluginDefinition } from '../sdk/plugin.js';

const ALLOWED_KEYS: readonly string[] = [...HOOK_NAMES, ...DEFINITION_KEYS];
const ALLOWED = new Set(ALLOWED_KEYS);
const HOOKS = new Set<string>(HOOK_NAMES);
const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)$/i;

/** Where a definition came from, for messages: `plugins/demo.ts` and its absolute path. */
export interface DefinitionSource {
  display: string;
  file: string;
}

/**
 * Checks the shape of a plugin definition. Unknown keys are errors, not ignored: a typo
 * such as `onMesage` would otherwise leave the app silently without a message handler.
 */
export function checkDefinition(def: unknown, src: DefinitionSource): asserts def is PluginDefinition {
  if (typeof def !== 'object' || def === null || Array.isArray(def)) {
    fail(src, `the plugin definition must be an object, got ${describe(def)}`);
  }
  const record = def as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !ALLOWED.has(key));
  if (unknown.length > 0) fail(src, unknown.map(unknownKeyText).join('; '));
  for (const [key, value] of Object.entries(record)) {
    if (HOOKS.has(key) && value !== undefined && typeof value !== 'function') {
      fail(src, `hook "${key}" must be a function, got ${describe(value)}`);
    }
  }
  checkString(record, 'name', src);
  checkString(record, 'requires', src);
  if (typeof record.requires === 'string' && validRange(record.requires) === null) {
    fail(src, `"requires" is not a valid semver range: "${record.requires}"`);
  }
  if (record.optionsSchema !== undefined && !isObject(record.optionsSchema)) {
    fail(src, `"optionsSchema" must be a JSON Schema object, got ${describe(record.optionsSchema)}`);
  }
  for (const [name, fn] of entries(record, 'actions', src)) {
    if (typeof fn !== 'function') fail(src, `action "${name}" must be a function, got ${describe(fn)}`);
  }
  for (const [name, fn] of entries(record, 'commands', src)) {
    if (typeof fn !== 'function') fail(src, `command handler "${name}" must be a function, got ${describe(fn)}`);
  }
  for (const [name, tool] of entries(record, 'tools', src)) {
    const t = tool as Record<string, unknown> | null;
    if (!isObject(t) || typeof t.run !== 'function' || typeof t.description !== 'string') {
      fail(src, `tool "${name}" must be { description: string, parameters?, run(args) }`);
    }
  }
  for (const [id, provider] of entries(record, 'oauthProviders', src)) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(id)) fail(src, `OAuth provider id "${id}" must be lower-case letters, digits, "-" or "_"`);
    if (!isObject(provider) || typeof provider.strategy !== 'function') fail(src, `OAuth provider "${id}" must be { strategy({ callbackURL }) }`);
  }
  for (const [key, fn] of entries(record, 'routes', src)) {
    if (!parseRouteKey(key)) fail(src, `route "${key}" must look like "GET /path" (method, space, path starting with /)`);
    if (typeof fn !== 'function') fail(src, `route "${key}" must be a function, got ${describe(fn)}`);
  }
}

/** `'get /hello'` → `{ method: 'GET', path: '/hello' }`; undefined when malformed. */
export function parseRouteKey(key: string): { method: string; path: string } | undefined {
  const match = ROUTE_KEY.exec(key.trim());
  if (!match) return undefined;
  return { method: (match[1] ?? '').toUpperCase(), path: match[2] ?? '/' };
}

function unknownKeyText(key: string): string {
  const suggestion = closest(key, ALLOWED_KEYS as string[]);
  const near = distance(key.toLowerCase(), suggestion.toLowerCase()) <= Math.max(2, Math.floor(key.length / 3));
  return near ? `unknown key "${key}" (did you mean "${suggestion}"?)` : `unknown key "${key}"`;
}

function entries(record: Record<string, unknown>, key: string, src: DefinitionSource): [string, unknown][] {
  const value = record[key];
  if (value === undefined) return [];
  if (!isObject(value)) fail(src, `"${key}" must be an object keyed by name, got ${describe(value)}`);
  return Object.entries(value);
}

function checkString(record: Record<string, unknown>, key: string, src: DefinitionSource): void {
  if (record[key] !== undefined && typeof record[key] !== 'string') fail(src, `"${key}" must be a string`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function fail(src: DefinitionSource, message: string): never {
  throw new PluginError('CRT_PLUGIN_LOAD', src.file, `${src.display}: ${message}`);
}
