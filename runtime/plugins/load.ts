// The one function, not the whole package (its index loads ~50 modules at start-up).
import satisfies from 'semver/functions/satisfies.js';
import { PluginError } from '../errors.js';
import { isPlugin, isPluginFactory, pluginFactoryMeta, type PluginDefinition } from '../sdk/plugin.js';
import { display as displayPath, type CompiledPlugin } from './compile.js';
import { locateInSources } from './locate.js';
import { validateOptions, type OptionsSource } from './options.js';
import { checkDefinition } from './validate.js';
import { runtimeVersion } from './version.js';

let sourceMapsOn = false;

/** Stack traces of compiled plugins point at their .ts lines only with this switched on. */
export function enableSourceMaps(): void {
  if (sourceMapsOn) return;
  process.setSourceMapsEnabled(true);
  sourceMapsOn = true;
}

/** Imports a compiled bundle; a throw while the module evaluates becomes a located PluginError. */
export async function importCompiled(compiled: CompiledPlugin, target: LoadTarget): Promise<Record<string, unknown>> {
  enableSourceMaps();
  try {
    return (await import(compiled.url)) as Record<string, unknown>;
  } catch (err) {
    throw located(err, compiled, target, 'failed while loading');
  }
}

/** The plugin being loaded, as messages name it. */
export interface LoadTarget extends OptionsSource {
  /** App root, for showing paths relative to it. */
  root: string;
}

export interface Instantiated {
  definition: PluginDefinition;
  /** The manifest options after schema defaults were applied. */
  options: Record<string, unknown>;
}

/**
 * Turns a module's default export into a checked definition: the brand, the factory
 * form (called with the validated options), unknown keys, the options schema and the
 * `requires` range.
 */
export async function instantiate(
  mod: Record<string, unknown>,
  compiled: CompiledPlugin,
  src: LoadTarget,
  options: Record<string, unknown>,
): Promise<Instantiated> {
  const exported = mod.default;
  const fail = (message: string): never => {
    throw new PluginError('CRT_PLUGIN_LOAD', compiled.file, `${src.display}: ${message}`);
  };
  if (exported === undefined) fail('no default export; write `export default definePlugin({...})`');
  if (isPluginFactory(exported)) {
    const meta = pluginFactoryMeta(exported);
    checkRequires(meta.requires, src);
    const validated = await validateOptions(meta.optionsSchema, options, src);
    let definition: unknown;
    try {
      definition = await exported(validated);
    } catch (err) {
      throw located(err, compiled, src, 'the plugin factory threw');
    }
    checkDefinition(definition, src);
    checkRequires(definition.requires, src);
    return { definition, options: await validateOptions(definition.optionsSchema, validated, src) };
  }
  if (!isPlugin(exported)) {
    fail('the default export is not a plugin: wrap it in definePlugin(...) from "chainlit-rt"');
  }
  const definition: unknown = exported;
  checkDefinition(definition, src);
  checkRequires(definition.requires, src);
  return { definition, options: await validateOptions(definition.optionsSchema, options, src) };
}

function checkRequires(range: string | undefined, src: OptionsSource): void {
  if (range === undefined) return;
  const version = runtimeVersion();
  if (!satisfies(version, range, { includePrerelease: true })) {
    throw new PluginError('CRT_PLUGIN_LOAD', src.file, `${src.display}: requires chainlit-rt ${range}, this is ${version}`);
  }
}

function located(err: unknown, compiled: CompiledPlugin, target: LoadTarget, what: string): PluginError {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  const at = locateInSources(err, compiled.inputs);
  if (!at) return new PluginError('CRT_PLUGIN_LOAD', compiled.file, `${target.display}: ${what}: ${text}`, { cause: err });
  const where = `${displayPath(target.root, at.file)}:${at.line}:${at.column}`;
  return new PluginError('CRT_PLUGIN_LOAD', at.file, `${where}: ${text}`, { cause: err, line: at.line });
}
