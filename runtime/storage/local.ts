import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mime from 'mime-types';
import { ChainlitRtError, HttpError } from '../errors.js';
import { isValidObjectKey, type FileStorage, type ObjectStorage } from './types.js';

// Ids come from browsers (session ids) or from us (file ids); only plain tokens may become
// path segments, so nothing a client sends can climb out of the storage folder.
const SAFE_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

function assertToken(kind: string, value: string): void {
  if (!SAFE_TOKEN.test(value)) {
    throw new ChainlitRtError('CRT_BAD_PAYLOAD', `Invalid ${kind} for file storage`, { expose: true, status: 400 });
  }
}

/** The file-name extension for a MIME type (".png"), or "" when unknown. */
export function extensionFor(mimeType: string): string {
  const ext = mime.extension(mimeType);
  return ext ? `.${ext}` : '';
}

/**
 * Local-folder storage: `<folder>/<sessionId>/<fileId><ext from MIME>`. The client's file
 * name is never used in a path.
 */
export function createLocalStorage(folder: string): FileStorage {
  const root = path.resolve(folder);

  async function isInside(target: string): Promise<boolean> {
    try {
      const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
      const rel = path.relative(realRoot, realTarget);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    } catch {
      return false;
    }
  }

  return {
    async put(sessionId, fileId, data, meta) {
      assertToken('session id', sessionId);
      assertToken('file id', fileId);
      const dir = path.join(root, sessionId);
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, `${fileId}${extensionFor(meta.mime)}`);
      if (Buffer.isBuffer(data)) {
        await pipeline(async function* () { yield data; }, createWriteStream(target, { flags: 'wx' }));
      } else {
        await pipeline(data as Readable, createWriteStream(target, { flags: 'wx' }));
      }
      const { size } = await stat(target);
      return { path: target, size };
    },

    async read(filePath) {
      if (!(await isInside(filePath))) throw new HttpError(404, 'File not found');
      return createReadStream(filePath);
    },

    async deleteSession(sessionId) {
      assertToken('session id', sessionId);
      await rm(path.join(root, sessionId), { recursive: true, force: true });
    },
  };
}

/**
 * Persisted element files in a local folder: `<folder>/.persisted/<key>`. Session folders
 * are named by plain tokens (no dot), so the two never meet.
 */
export function createLocalObjectStorage(folder: string): ObjectStorage {
  const root = path.join(path.resolve(folder), '.persisted');

  function fileOf(key: string): string {
    if (!isValidObjectKey(key)) throw new ChainlitRtError('CRT_BAD_PAYLOAD', `Invalid storage key "${key}"`, { expose: true, status: 400 });
    return path.join(root, ...key.split('/'));
  }

  return {
    async putObject(key, data, _meta) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside then renamed, so a reader never sees half a file and a retry overwrites cleanly.
      const partial = `${target}.${process.pid}.${Date.now()}.part`;
      try {
        const source = Buffer.isBuffer(data) ? async function* () { yield data; } : (data as Readable);
        await pipeline(source, createWriteStream(partial));
        await rename(partial, target);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
      const { size } = await stat(target);
      return { key, size };
    },

    async readObject(key) {
      const file = fileOf(key);
      try {
        await stat(file);
      } catch {
        throw new HttpError(404, 'File not found');
      }
      return createReadStream(file);
    },

    async deleteObject(key) {
      await rm(fileOf(key), { force: true });
    },

    async close() {},
  };
}
