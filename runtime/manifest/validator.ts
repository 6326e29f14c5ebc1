import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { validationSchema, type SchemaNode } from './schema.js';

/** File name of the precompiled validator, next to this module in dist/ (see scripts/build.ts). */
export const PRECOMPILED_VALIDATOR = 'validator.gen.js';

/** Ties a precompiled validator to the exact schema it checks. */
export function schemaHash(schema: SchemaNode): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

export interface ManifestValidator {
  validate: ValidateFunction;
  schema: SchemaNode;
  /** True when the build's precompiled code is used; false when ajv compiled the schema now. */
  precompiled: boolean;
}

let loaded: Promise<ManifestValidator> | undefined;

/**
 * The manifest validator, once per process. A build ships it precompiled (ajv standalone
 * code, no ajv compile at start-up, which took most of the start time); running from
 * source, or with a schema edited since the build, compiles it with ajv instead.
 */
export function manifestValidator(): Promise<ManifestValidator> {
  loaded ??= loadManifestValidator(new URL(`./${PRECOMPILED_VALIDATOR}`, import.meta.url));
  return loaded;
}

/** The precompiled module at `url` when it exists and matches the schema, else a fresh compile. */
export async function loadManifestValidator(url: URL): Promise<ManifestValidator> {
  const schema = validationSchema();
  if (existsSync(fileURLToPath(url))) {
    const mod = (await import(url.href)) as { schemaHash: string; validate: ValidateFunction };
    if (mod.schemaHash === schemaHash(schema)) return { validate: mod.validate, schema, precompiled: true };
  }
  const { compileManifestValidator } = await import('./ajv.js');
  return { validate: compileManifestValidator(schema), schema, precompiled: false };
}
