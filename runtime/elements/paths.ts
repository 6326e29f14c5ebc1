import { realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChainlitRtError } from '../errors.js';

/** Where an element's `path` may point. */
export interface PathPolicy {
  /** The app root (folder of the manifest); relative paths resolve against it. */
  appRoot: string;
  /** Files this session uploaded: allowed wherever the storage keeps them. */
  uploads?: Iterable<string>;
}

function pathError(given: string, why: string): ChainlitRtError {
  // The message reaches the chat: it names the path as the plugin wrote it, never the server's folders.
  return new ChainlitRtError('CRT_ELEMENT_PATH', `Element path "${given}" ${why}`, { expose: true, status: 400 });
}

function inside(root: string, target: string): string | null {
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel;
}

async function real(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch {
    return null;
  }
}

/**
 * Resolves a plugin-given element `path` to a real file the runtime may copy into session
 * storage. Allowed: files inside the app root (not under a dot-folder or dot-file such as
 * `.env` or `.git`), files inside the OS temp folder, and this session's own uploads.
 * Symlinks are resolved first, so a link cannot smuggle a file out of those places.
 */
export async function resolveElementPath(given: string, policy: PathPolicy): Promise<string> {
  if (given.includes('\0')) throw pathError(given, 'is not a valid path.');
  const target = await real(path.resolve(policy.appRoot, given));
  if (!target) throw pathError(given, 'does not exist or cannot be read.');
  const info = await stat(target);
  if (!info.isFile()) throw pathError(given, 'is not a regular file.');

  for (const upload of policy.uploads ?? []) {
    if ((await real(upload)) === target) return target;
  }
  const appRoot = await real(policy.appRoot);
  const inApp = appRoot ? inside(appRoot, target) : null;
  if (inApp !== null) {
    if (inApp.split(path.sep).some((segment) => segment.startsWith('.'))) {
      throw pathError(given, 'is a hidden file or inside a hidden folder of the app; element paths may not expose those.');
    }
    return target;
  }
  const tmp = await real(os.tmpdir());
  if (tmp && inside(tmp, target) !== null) return target;
  throw pathError(given, 'is outside the allowed folders (the app folder and the OS temp folder); move the file there or pass its bytes as `content`.');
}
