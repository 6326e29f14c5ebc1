import { Ajv, type ValidateFunction } from 'ajv';
import { isObject, validationSchema, type SchemaNode } from './schema.js';

/**
 * ajv set up for the manifest: strict (typos in the schema itself fail loudly), allErrors
 * (report everything at once), useDefaults (the schema is the only home of defaults),
 * verbose (errors carry the failing data and schema, used for "did you mean" hints).
 */
export function createManifestAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true, verbose: true, discriminator: true, allowUnionTypes: true,
    // `anyOf: [{required: [command]}, {required: [url]}]` names keys declared by the parent.
    strictRequired: false });
  // Marks keys that may reach the browser (true) or never may (false); see client.ts. No validation effect.
  ajv.addKeyword({ keyword: 'clientVisible', schemaType: 'boolean' });
  // Names an environment variable that provides the key's default (applied by env.ts).
  ajv.addKeyword({ keyword: 'envDefault', schemaType: 'string' });
  // What to tell a person whose value fails the key's `pattern` (issues.ts uses it).
  ajv.addKeyword({ keyword: 'patternHint', schemaType: 'string' });
  // Defaults that depend on other keys, e.g. `ui.name` ← `/name`: {key: JSON pointer into the root}.
  ajv.addKeyword({
    keyword: 'defaultsFrom',
    schemaType: 'object',
    modifying: true,
    validate: (spec: Record<string, string>, data: unknown, _parent?: unknown, cxt?: { rootData: unknown }) => {
      if (!isObject(data) || !cxt) return true;
      for (const [key, pointer] of Object.entries(spec)) {
        if (data[key] !== undefined) continue;
        const value = readPointer(cxt.rootData, pointer);
        if (value !== undefined) data[key] = value;
      }
      return true;
    },
  });
  return ajv;
}

function readPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of pointer.split('/').slice(1)) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

let compiled: { validate: ValidateFunction; schema: SchemaNode } | undefined;

/** The compiled manifest validator (compiled once per process; the schema is static data). */
export function manifestValidator(): { validate: ValidateFunction; schema: SchemaNode } {
  if (!compiled) {
    const schema = validationSchema();
    compiled = { validate: createManifestAjv().compile(schema), schema };
  }
  return compiled;
}
