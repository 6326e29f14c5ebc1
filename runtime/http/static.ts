import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'koa';
import mime from 'mime-types';
import { HttpError } from '../errors.js';

/**
 * Resolves a client-supplied relative path inside `baseDir`. Anything that escapes the
 * folder (`..`, absolute paths, NUL bytes, symlinks pointing outside) is a 400, as in
 * Chainlit; a path that is simply absent is a 404.
 */
export async function resolveInside(baseDir: string, relative: string): Promise<string> {
  if (relative.includes('\0') || path.isAbsolute(relative) || relative.includes('\\')) throw invalidFilename();
  const base = path.resolve(baseDir);
  const target = path.resolve(base, relative);
  if (!isWithin(base, target)) throw invalidFilename();
  let realTarget: string;
  try {
    realTarget = await realpath(target);
  } catch {
    throw new HttpError(404, 'File not found');
  }
  const realBase = await realpath(base).catch(() => base);
  if (!isWithin(realBase, realTarget)) throw invalidFilename();
  const info = await stat(realTarget);
  if (!info.isFile()) throw new HttpError(404, 'File not found');
  return realTarget;
}

function isWithin(base: string, target: string): boolean {
  const rel = path.relative(base, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function invalidFilename(): HttpError {
  return new HttpError(400, 'Invalid filename', 'CRT_BAD_PAYLOAD');
}

/** Decodes the rest of a URL path (`a%20b/c.css`), rejecting malformed escapes. */
export function decodePathRest(rest: string): string {
  try {
    return decodeURIComponent(rest);
  } catch {
    throw invalidFilename();
  }
}

/** Streams a file with a Content-Type guessed from its extension. */
export async function sendFile(ctx: Context, file: string): Promise<void> {
  const info = await stat(file);
  // Koa does not read a stream body for HEAD, so opening one would leak a descriptor.
  ctx.body = ctx.method === 'HEAD' ? Buffer.alloc(0) : createReadStream(file);
  ctx.status = 200;
  ctx.type = mime.lookup(file) || 'application/octet-stream';
  ctx.length = info.size;
  ctx.set('X-Content-Type-Options', 'nosniff');
}

/** Serves `<baseDir>/<relative>` with the 400/404 rules of PROTOCOL.md §4.9. */
export async function serveFrom(ctx: Context, baseDir: string, relative: string): Promise<void> {
  await sendFile(ctx, await resolveInside(baseDir, decodePathRest(relative)));
}

/**
 * The first file in `dir` (sorted, so the choice is stable) whose name satisfies `match`,
 * or undefined when the folder or the file is absent.
 */
export async function firstMatch(dir: string, match: (name: string) => boolean): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    if (!match(name)) continue;
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => undefined);
    if (info?.isFile()) return full;
  }
  return undefined;
}

/** A matcher for `<stem>.<anything>`, e.g. `favicon.ico`, `logo_dark.png`. */
export function stemIs(stem: string): (name: string) => boolean {
  return (name) => name.startsWith(`${stem}.`) && name.length > stem.length + 1;
}
