import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { FormatsPluginOptions } from 'ajv-formats';
import { PluginError } from '../errors.js';

let ajv: Promise<Ajv> | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

export interface OptionsSource {
  id: string;
  /** `plugins/demo.ts`. */
  display: string;
  file: string;
  /** The manifest the options came from, as shown to the user; may be unknown. */
  manifest?: string;
}

/**
 * Validates a manifest entry's `options` against a plugin's schema and returns a copy
 * with the schema's defaults filled in (the caller's object is left untouched).
 */
export async function validateOptions(
  schema: Record<string, unknown> | undefined,
  options: Record<string, unknown>,
  src: OptionsSource,
): Promise<Record<string, unknown>> {
  const copy = structuredClone(options);
  if (!schema) return copy;
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = (await instance()).compile(schema);
    } catch (err) {
      throw new PluginError('CRT_PLUGIN_LOAD', src.file, `${where(src)}: invalid optionsSchema: ${(err as Error).message}`, { cause: err });
    }
    compiled.set(schema, validate);
  }
  if (!validate(copy)) {
    const problems = (validate.errors ?? []).map(formatError).join('; ');
    const inManifest = src.manifest ? ` in ${src.manifest}` : '';
    throw new PluginError('CRT_PLUGIN_LOAD', src.file, `${where(src)}: invalid options${inManifest}: ${problems}`);
  }
  return copy;
}

/** ajv and its formats load with the first plugin that declares an options schema. */
function instance(): Promise<Ajv> {
  ajv ??= Promise.all([import('ajv'), import('ajv-formats')]).then(([{ Ajv }, formats]) => {
    // ajv-formats is CommonJS: its namespace's default is `module.exports`, which carries
    // the plugin as `.default` (the shape TypeScript sees).
    const addFormats = (formats.default as unknown as { default: (ajv: Ajv, opts?: FormatsPluginOptions) => Ajv }).default;
    const created = new Ajv({ allErrors: true, useDefaults: true, strict: false });
    addFormats(created);
    return created;
  });
  return ajv;
}

function where(src: OptionsSource): string {
  return `plugin "${src.id}" (${src.display})`;
}

function formatError(e: ErrorObject): string {
  const at = `options${e.instancePath.replace(/\//g, '.')}`;
  if (e.keyword === 'additionalProperties') {
    return `${at} has unknown key "${String((e.params as { additionalProperty?: string }).additionalProperty)}"`;
  }
  return `${at} ${e.message ?? 'is invalid'}`;
}
