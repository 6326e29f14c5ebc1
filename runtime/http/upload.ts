import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { HttpError } from '../errors.js';
import { RequestValidationError, missing } from './validation.js';

export type AcceptSpec = string[] | Record<string, string[] | undefined>;

/** What an upload is checked against: an ask spec or the spontaneous-upload settings. */
export interface UploadRules {
  accept?: AcceptSpec;
  /** Bytes; undefined means no limit. */
  maxBytes?: number;
}

/** A file received into a temporary folder; the caller moves it to storage and removes it. */
export interface ReceivedFile {
  tempPath: string;
  /** The client's file name: shown to app code, never used as a path. */
  name: string;
  mime: string;
  size: number;
}

/** Shell-style glob match (`image/*`, `*\/*`, `text/?lain`), as Python's fnmatch on POSIX. */
export function globMatches(glob: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        let set = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

/** PROTOCOL.md §4.7 "type matches": a glob list, or a `{mimeGlob: [extensions]}` map. */
export function typeAllowed(accept: AcceptSpec | undefined, mime: string, fileName: string): boolean {
  if (accept === undefined) return true;
  const type = mime.toLowerCase();
  if (Array.isArray(accept)) return accept.some((g) => globMatches(g.toLowerCase(), type));
  const lowerName = fileName.toLowerCase();
  return Object.entries(accept).some(([g, exts]) =>
    globMatches(g.toLowerCase(), type) && (!exts || exts.length === 0 || exts.some((e) => lowerName.endsWith(e.toLowerCase()))));
}

/** `text/plain; charset=utf-8` → `text/plain`; absent → octet-stream. */
export function normaliseMime(contentType: string | null | undefined): string {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return base || 'application/octet-stream';
}

const TEMP_DIR = path.join(os.tmpdir(), 'chainlit-rt-uploads');

/**
 * Reads the multipart part named `file` into a temp file. The type is checked from the
 * part's headers before any byte is written, and the size limit is enforced by formidable
 * while the bytes stream in, so an oversized upload never lands whole on disk.
 */
export async function receiveSingleFile(req: IncomingMessage, rules: UploadRules): Promise<ReceivedFile> {
  // Loaded with the first upload: most starts never need it.
  const { default: formidable, errors: formidableErrors } = await import('formidable');
  await mkdir(TEMP_DIR, { recursive: true });
  const written: string[] = [];
  let rejectedType = false;
  const limit = rules.maxBytes ?? Number.MAX_SAFE_INTEGER;
  const form = formidable({
    uploadDir: TEMP_DIR,
    maxFiles: 1,
    maxFileSize: limit,
    maxTotalFileSize: limit,
    maxFields: 20,
    maxFieldsSize: 64 * 1024,
    allowEmptyFiles: true,
    minFileSize: 0,
    filename: () => randomUUID(),
    filter: (part) => {
      if (part.name !== 'file' || !part.originalFilename) return false;
      if (!typeAllowed(rules.accept, normaliseMime(part.mimetype), part.originalFilename)) {
        rejectedType = true;
        return false;
      }
      return true;
    },
  });
  form.on('fileBegin', (_name, file) => written.push(file.filepath));

  try {
    const [, files] = await form.parse(req);
    if (rejectedType) throw new HttpError(400, 'File type not allowed', 'CRT_UPLOAD_REJECTED');
    const file = files.file?.[0];
    if (!file) throw new RequestValidationError([missing(['body', 'file'])]);
    return { tempPath: file.filepath, name: file.originalFilename ?? 'file', mime: normaliseMime(file.mimetype), size: file.size };
  } catch (err) {
    await Promise.all(written.map((f) => rm(f, { force: true })));
    throw translateFormError(err, formidableErrors);
  }
}

function translateFormError(err: unknown, formidableErrors: typeof import('formidable').errors): unknown {
  const code = (err as { code?: number }).code;
  if (code === formidableErrors.biggerThanMaxFileSize || code === formidableErrors.biggerThanTotalMaxFileSize) {
    return new HttpError(400, 'File size too large', 'CRT_UPLOAD_REJECTED');
  }
  if (code === formidableErrors.aborted) return new HttpError(400, 'Upload aborted', 'CRT_UPLOAD_REJECTED');
  if (code === formidableErrors.maxFilesExceeded) return new HttpError(400, 'Only one file per request', 'CRT_UPLOAD_REJECTED');
  if (code === formidableErrors.missingContentType || code === formidableErrors.missingMultipartBoundary
    || code === formidableErrors.malformedMultipart || code === formidableErrors.noParser) {
    return new RequestValidationError([missing(['body', 'file'])]);
  }
  return err;
}
