import mime from 'mime-types';

/** How many leading bytes are enough for every signature file-type knows. */
export const SNIFF_BYTES = 4100;

/** The MIME type of a name, path or URL by its extension (query and hash ignored), or null. */
export function mimeFromName(nameOrUrl: string | null | undefined): string | null {
  if (!nameOrUrl) return null;
  let pathPart = nameOrUrl;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(nameOrUrl)) pathPart = new URL(nameOrUrl).pathname;
  } catch {
    // Not a URL after all: use it as a plain name.
  }
  pathPart = pathPart.split(/[?#]/)[0] ?? '';
  const found = mime.lookup(pathPart);
  return found === false ? null : found;
}

// file-type reads binary signatures only; SVG is text and needs its own look.
function looksLikeSvg(head: Buffer): boolean {
  const text = head.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<svg')) return true;
  return /^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text);
}

/** The MIME type of content from its first bytes, or null when nothing is recognised. */
export async function sniffMime(head: Buffer): Promise<string | null> {
  if (head.length === 0) return null;
  if (looksLikeSvg(head)) return 'image/svg+xml';
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  return found?.mime ?? null;
}

/**
 * Chainlit's order: a MIME given by the plugin wins, then the bytes' signature, then the
 * extension of the name, path or URL.
 */
export async function inferMime(input: { given?: string | null; head?: Buffer | null; names?: Array<string | null | undefined> }): Promise<string | null> {
  if (input.given) return input.given;
  if (input.head) {
    const sniffed = await sniffMime(input.head);
    if (sniffed) return sniffed;
  }
  for (const name of input.names ?? []) {
    const byName = mimeFromName(name);
    if (byName) return byName;
  }
  return null;
}
