import path from 'node:path';
import type { LoadedManifest } from '../manifest/index.js';

/** The folder served at /public: `server.public_dir` (resolved by the loader), else `<root>/public`. */
export function publicDir(manifest: Pick<LoadedManifest, 'root' | 'config'>): string {
  const dir = manifest.config.server.public_dir;
  return typeof dir === 'string' && dir !== '' ? path.resolve(manifest.root, dir) : path.join(manifest.root, 'public');
}
