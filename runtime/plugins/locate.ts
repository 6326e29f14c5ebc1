import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

const FRAME = /(?:\(|\bat\s+)((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/**
 * The first stack frame of `err` that lies in one of `files`. With source maps enabled
 * Node reports frames in the original .ts sources, so this is the plugin line that threw.
 */
export function locateInSources(err: unknown, files: readonly string[]): SourceLocation | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  const wanted = new Set(files.map((f) => path.resolve(f)));
  for (const raw of stack.split('\n')) {
    const match = FRAME.exec(raw.trim());
    if (!match) continue;
    const [, where = '', line = '0', column = '0'] = match;
    const file = toPath(where);
    if (file && wanted.has(file)) return { file, line: Number(line), column: Number(column) };
  }
  return undefined;
}

function toPath(where: string): string | undefined {
  try {
    return where.startsWith('file://') ? fileURLToPath(where) : path.isAbsolute(where) ? path.resolve(where) : undefined;
  } catch {
    return undefined;
  }
}
