import type { LoadedManifest } from '../manifest/index.js';
import type { FileStorage, ObjectStorage } from './types.js';

type ObjectStorageLoader = (manifest: LoadedManifest) => Promise<ObjectStorage>;

// Backends load lazily so an app never pays for (or needs) SDKs it does not use.
const OBJECT_BACKENDS: Record<LoadedManifest['config']['storage']['kind'], ObjectStorageLoader> = {
  local: async (manifest) => {
    const { createLocalObjectStorage } = await import('./local.js');
    return createLocalObjectStorage(manifest.config.storage.path);
  },
  s3: async (manifest) => {
    const { createS3Storage } = await import('./s3.js');
    return createS3Storage(manifest.config.storage.s3 ?? {});
  },
};

/**
 * A session's files: always the local folder `storage.path`, as in Chainlit (app code
 * reads uploads at their path).
 */
export async function createStorage(manifest: LoadedManifest): Promise<FileStorage> {
  const { createLocalStorage } = await import('./local.js');
  return createLocalStorage(manifest.config.storage.path);
}

/** Where persisted element files go: `storage.kind` (local by default, or s3). */
export async function createObjectStorage(manifest: LoadedManifest): Promise<ObjectStorage> {
  return OBJECT_BACKENDS[manifest.config.storage.kind](manifest);
}
