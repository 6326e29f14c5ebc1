import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPluginOptions } from 'ajv-formats';
import { PluginError } from '../errors.js';

// ajv-formats is CommonJS: under NodeNext the default import is its `module.exports`,
// which also carries the plugin as `.default` (the shape TypeScript sees).
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv, opts?: FormatsPluginOptions) => Ajv }).default;

let ajv: Ajv | undefined;
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
export function validateOptions(
  schema: Record<string, unknown> | undefined,
  options: Record<string, unknown>,
  src: OptionsSource,
): Record<string, unknown> {
  const copy = structuredClone(options);
  if (!schema) return copy;
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = instance().compile(schema);
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

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
    addFormats(ajv);
  }
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
