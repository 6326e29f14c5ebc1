import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** runtime/ when running from source, dist/runtime/ when built: this file's folder either way. */
const RUNTIME_DIR = dirname(fileURLToPath(import.meta.url)) + sep;

const FRAME = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):\d+:\d+\)?\s*$/;

function framePath(line: string): string | null {
  const match = FRAME.exec(line.trim());
  if (!match) return null;
  const path = match[1]!;
  return path.startsWith('file://') ? fileURLToPath(path) : path;
}

/**
 * Whether an error was raised by the runtime's own code rather than by a plugin (or a
 * library a plugin called). The first stack frame that is either runtime code or app code
 * decides; frames of node internals and of npm packages are looked through, since a library
 * error belongs to whoever called the library. Runtime internals are not shown to users
 * (they get an error id instead); a plugin's own errors are.
 */
export function raisedByRuntime(err: unknown): boolean {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return false;
  for (const line of stack.split('\n').slice(1)) {
    const path = framePath(line);
    if (!path) continue;
    if (path.startsWith(RUNTIME_DIR)) return true;
    if (path.includes(`${sep}node_modules${sep}`)) continue;
    return false;
  }
  return false;
}
