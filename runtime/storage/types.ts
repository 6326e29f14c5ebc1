import type { Readable } from 'node:stream';

/** Where uploaded files and element contents live. The local folder is the default. */
export interface FileStorage {
  /** Store bytes under a session; returns the readable location (a local path for the local store). */
  put(sessionId: string, fileId: string, data: Buffer | Readable, meta: { name: string; mime: string }): Promise<{ path: string; size: number }>;
  /** Open stored bytes for reading; throws a 404 HttpError when missing. */
  read(path: string): Promise<Readable>;
  /** Remove everything stored for a session (called when the session ends). */
  deleteSession(sessionId: string): Promise<void>;
}
