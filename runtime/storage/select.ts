import { ChainlitRtError } from '../errors.js';
import type { LoadedManifest } from '../manifest/index.js';
import type { FileStorage } from './types.js';

/** The `storage:` section as this module reads it; unknown keys belong to other backends. */
interface StorageConfig {
  kind?: string;
  /** Folder for the local backend, relative to the app root. */
  path?: string;
}

type StorageLoader = (config: StorageConfig, manifest: LoadedManifest) => Promise<FileStorage>;

// Backends load lazily so an app never pays for (or needs) SDKs it does not use.
const BACKENDS: Record<string, StorageLoader> = {
  local: async (config, manifest) => {
    const { createLocalStorage } = await import('./local.js');
    return createLocalStorage(manifest.resolve(config.path ?? './.files'));
  },
};

/** Builds the file storage named by the manifest's `storage:` section (local by default). */
export async function createStorage(manifest: LoadedManifest): Promise<FileStorage> {
  const raw = (manifest.config as { storage?: unknown }).storage;
  const config: StorageConfig = typeof raw === 'object' && raw !== null ? (raw as StorageConfig) : {};
  const kind = config.kind ?? 'local';
  const loader = BACKENDS[kind];
  if (!loader) {
    throw new ChainlitRtError('CRT_CONFIG', `Storage kind "${kind}" is not available yet; use one of: ${Object.keys(BACKENDS).join(', ')}`, { expose: true });
  }
  return loader(config, manifest);
}
