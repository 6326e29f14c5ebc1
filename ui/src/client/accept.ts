/**
 * File acceptance as react-dropzone does it: a file passes if its MIME type matches a
 * MIME pattern (with `type/*` wildcards) or its name ends with a listed extension.
 */
export type AcceptSpec = string[] | Record<string, string[]> | null | undefined;

function entries(accept: AcceptSpec): { mimes: string[]; exts: string[] } {
  const mimes: string[] = [];
  const exts: string[] = [];
  if (!accept) return { mimes, exts };
  const add = (v: string) => (v.startsWith('.') ? exts : mimes).push(v.toLowerCase());
  if (Array.isArray(accept)) accept.forEach(add);
  else
    for (const [mime, list] of Object.entries(accept)) {
      add(mime);
      list.forEach(add);
    }
  return { mimes, exts };
}

/** Value for <input accept>; empty string accepts anything. */
export function acceptAttribute(accept: AcceptSpec): string {
  const { mimes, exts } = entries(accept);
  if (mimes.includes('*/*') || mimes.includes('*')) return '';
  return [...mimes, ...exts].join(',');
}

export function fileAccepted(file: { name: string; type: string }, accept: AcceptSpec): boolean {
  const { mimes, exts } = entries(accept);
  if (!mimes.length && !exts.length) return true;
  const type = (file.type || '').toLowerCase();
  const base = type.split('/')[0];
  const name = file.name.toLowerCase();
  for (const m of mimes) {
    if (m === '*/*' || m === '*') return true;
    if (m.endsWith('/*') ? base === m.slice(0, -2) : type === m) return true;
  }
  return exts.some((e) => name.endsWith(e));
}

export interface FileCheck {
  ok: File[];
  errors: { key: string; vars: Record<string, string | number> }[];
}

/** Validates a batch against accept / size / count limits; returns what passes and why not. */
export function checkFiles(
  files: File[],
  limits: { accept?: AcceptSpec; maxSizeMb?: number | null; maxFiles?: number | null },
  already = 0,
): FileCheck {
  const ok: File[] = [];
  const errors: FileCheck['errors'] = [];
  for (const f of files) {
    if (!fileAccepted(f, limits.accept)) {
      errors.push({ key: 'chat.fileUpload.errors.wrongType', vars: { name: f.name } });
    } else if (limits.maxSizeMb && f.size > limits.maxSizeMb * 1024 * 1024) {
      errors.push({ key: 'chat.fileUpload.errors.tooLarge', vars: { name: f.name, max: limits.maxSizeMb } });
    } else if (limits.maxFiles && already + ok.length >= limits.maxFiles) {
      errors.push({ key: 'chat.fileUpload.errors.tooMany', vars: { max: limits.maxFiles } });
    } else ok.push(f);
  }
  return { ok, errors };
}
