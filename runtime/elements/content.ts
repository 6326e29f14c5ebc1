import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileStorage } from '../storage/types.js';
import type { FileRecord } from '../wire.js';
import { SNIFF_BYTES } from './mime.js';

/** What content storage needs of a session. */
export interface ContentSession {
  readonly id: string;
  readonly files: Map<string, FileRecord>;
  readonly runtime: { readonly storage: FileStorage };
}

/** Bytes in memory: text is stored as UTF-8. */
export type ElementBytes = Buffer | Uint8Array | string;

export function toBuffer(data: ElementBytes): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The first bytes of a file, enough to sniff its type. */
export async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Stores element content as a session file, so the client loads it from
 * `/project/file/<chainlitKey>?session_id=…` with `type` as its Content-Type. `source` is
 * either bytes or the path of a file already checked by resolveElementPath (copied as a
 * stream, so a large file never sits in memory). A fresh key per call: the URL of a given
 * key always serves the same bytes.
 */
export async function storeContent(session: ContentSession, source: { bytes: ElementBytes } | { file: string }, meta: { name: string; type: string }): Promise<FileRecord> {
  const id = randomUUID();
  const data = 'file' in source ? createReadStream(source.file) : toBuffer(source.bytes);
  const stored = await session.runtime.storage.put(session.id, id, data, { name: meta.name, mime: meta.type });
  const record: FileRecord = { id, name: meta.name, path: stored.path, size: stored.size, type: meta.type };
  session.files.set(id, record);
  return record;
}
