import { dirname, resolve } from 'node:path';
import { ManifestError, type ManifestIssue } from '../errors.js';
import { manifestValidator } from './validator.js';
import { applyEnvDefaults, expandDocument, mergedEnv, type Env } from './env.js';
import { issuesFromAjv } from './issues.js';
import { normalizePlugins, resolveFrom, resolvePaths, type PluginEntry } from './normalize.js';
import { deepFreeze, effectiveResolver } from './overrides.js';
import { missingPluginIssues } from './plugin-files.js';
import { unavailableIssues } from './refuse.js';
import type { SchemaNode } from './schema.js';
import { readSource, type ManifestSource } from './source.js';
import type { Manifest } from './types.gen.js';

export interface LoadedManifest {
  /** Absolute path of the manifest. */
  readonly file: string;
  /** Folder of the manifest (the app root). */
  readonly root: string;
  /** Validated, defaults applied, deep-frozen. */
  readonly config: Readonly<Manifest>;
  readonly plugins: readonly PluginEntry[];
  /** Config with the profile's config_overrides merged in (frozen, cached). Unknown/null profile → config. */
  effective(profile?: string | null): Readonly<Manifest>;
  /** Absolute path for a manifest-relative path. */
  resolve(relative: string): string;
  /**
   * The environment the manifest was loaded with (process env over `.env`), frozen: modules
   * that read documented variables (auth's `OAUTH_*`, `CHAINLIT_URL`, …) read them here.
   */
  readonly env: Env;
}

export interface LoadOptions {
  /** Environment for `${VAR}` (default: process.env); wins over the `.env` next to the manifest. */
  env?: Record<string, string | undefined>;
}

/**
 * read YAML (positions kept) → expand `${VAR}` → env defaults → ajv (defaults applied) →
 * normalize plugins and paths → refuse what is not available and plugin files that do not
 * exist → freeze. Every failure is collected and thrown as one ManifestError whose issues
 * name file:line:column and key path.
 */
export async function loadManifest(file: string, options: LoadOptions = {}): Promise<LoadedManifest> {
  const { loaded, written, source } = await readManifest(file, options);
  const issues = [...unavailableIssues(written, source), ...missingPluginIssues(written, loaded.root, source)];
  if (issues.length > 0) throw new ManifestError(sortIssues(issues));
  return loaded;
}

/**
 * Everything `loadManifest` does except refusing keys this version cannot honour and
 * missing plugin files: what the schema alone accepts. For tests of the schema; an app is
 * always loaded with `loadManifest`.
 */
export async function loadManifestSchemaOnly(file: string, options: LoadOptions = {}): Promise<LoadedManifest> {
  return (await readManifest(file, options)).loaded;
}

async function readManifest(file: string, options: LoadOptions): Promise<{ loaded: LoadedManifest; written: unknown; source: ManifestSource }> {
  const abs = resolve(file);
  const root = dirname(abs);
  const { source, issues: syntax } = await readSource(abs);
  if (syntax.length > 0) throw new ManifestError(syntax);

  const env: Env = mergedEnv(root, options.env ?? process.env);
  const envIssues = expandDocument(source, env);
  const data: unknown = source.doc.toJS({ maxAliasCount: 1000 }) ?? {};
  // What the author wrote (after `${VAR}`), before defaults: only that can be refused.
  const written: unknown = structuredClone(data);
  const config = data as Record<string, unknown>;
  const { validate, schema } = await manifestValidator();
  dropEmptySections(config, schema);
  const origins = applyEnvDefaults(config, schema, env);

  const issues: ManifestIssue[] = [...envIssues];
  if (!validate(config)) {
    // A value left unexpanded already has its issue; its type error would only repeat it.
    const unexpanded = new Set(envIssues.map((i) => i.path));
    issues.push(...issuesFromAjv(validate.errors ?? [], config, source, origins).filter((i) => !unexpanded.has(i.path)));
  }
  if (issues.length > 0) throw new ManifestError(sortIssues(issues));

  const normalized = normalizePlugins(Array.isArray(config.plugins) ? config.plugins : [], root, source);
  if (normalized.issues.length > 0) throw new ManifestError(normalized.issues);
  resolvePaths(config, root);

  const frozen = deepFreeze(config as unknown as Manifest);
  const effective = effectiveResolver(frozen);
  const loaded: LoadedManifest = Object.freeze({
    file: abs,
    root,
    config: frozen,
    plugins: deepFreeze(normalized.plugins),
    effective,
    resolve: (relative: string) => resolveFrom(root, relative),
    env: Object.freeze({ ...env }),
  });
  return { loaded, written, source };
}

/** `ui:` with every child commented out parses as null; treat it as absent, not as a type error. */
function dropEmptySections(config: Record<string, unknown>, schema: SchemaNode): void {
  const props = schema.properties as Record<string, SchemaNode>;
  for (const [key, value] of Object.entries(config)) {
    if (value === null && props[key] && (props[key].type === 'object' || props[key].type === 'array')) delete config[key];
  }
}

function sortIssues(issues: ManifestIssue[]): ManifestIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

export { ManifestError } from '../errors.js';
export type { ManifestIssue } from '../errors.js';
export type { Manifest } from './types.gen.js';
export type * from './types.gen.js';
export type { PluginEntry } from './normalize.js';
export type { Env } from './env.js';
export { clientConfig, pickClientVisible, type ClientConfig } from './client.js';
