import type { Readable } from 'node:stream';

/**
 * Where a session's uploaded files and element contents live while it runs. Always a
 * local folder, as in Chainlit: app code reads uploads at their `path`.
 */
export interface FileStorage {
  /** Store bytes under a session; returns the readable location (a local path for the local store). */
  put(sessionId: string, fileId: string, data: Buffer | Readable, meta: { name: string; mime: string }): Promise<{ path: string; size: number }>;
  /** Open stored bytes for reading; throws a 404 HttpError when missing. */
  read(path: string): Promise<Readable>;
  /** Remove everything stored for a session (called when the session ends). */
  deleteSession(sessionId: string): Promise<void>;
}

/**
 * Where persisted element files live (Chainlit's storage clients): the local folder by
 * default, or an S3-compatible bucket (`storage.kind: s3`). Keys are `/`-separated paths
 * of plain segments (letters, digits, `_`, `-`, `.`), chosen by the data layer. The
 * runtime serves the bytes itself (after its access checks), so no store hands out URLs.
 */
export interface ObjectStorage {
  /** Stores bytes under a key, replacing what was there. */
  putObject(key: string, data: Buffer | Readable, meta: { mime: string }): Promise<{ key: string; size: number }>;
  /** Opens an object for reading; throws a 404 HttpError when missing. */
  readObject(key: string): Promise<Readable>;
  /** Deletes an object; a missing one is not an error. */
  deleteObject(key: string): Promise<void>;
  close(): Promise<void>;
}

/** Object keys are made of safe segments only, so no key can climb out of a folder or bucket prefix. */
const KEY = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127})(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,15}$/;

export function isValidObjectKey(key: string): boolean {
  return KEY.test(key) && !key.split('/').some((s) => s === '.' || s === '..');
}
