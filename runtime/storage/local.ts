import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mime from 'mime-types';
import { ChainlitRtError, HttpError } from '../errors.js';
import type { FileStorage } from './types.js';

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
