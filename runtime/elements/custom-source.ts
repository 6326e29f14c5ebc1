import path from 'node:path';
import { HttpError } from '../errors.js';

// Chainlit maps a custom element's name to `public/elements/<name>.jsx`; keeping names to
// plain tokens means a name can never become a path that climbs out of that folder.
export const ELEMENT_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** What locating a custom element's source needs of the app. */
export interface ElementSources {
  /** The manifest's `elements:` map (name → absolute JSX path). */
  readonly declared: Readonly<Record<string, string | undefined>>;
  /** The app's public folder. */
  readonly publicDir: string;
}

/**
 * The JSX source of a custom element: the manifest's `elements:` entry when there is one,
 * else `<public>/elements/<name>.jsx` (or `.tsx`). Throws a 400 for a name that is not a
 * plain token; existence is checked by the compiler.
 */
export function elementSourceCandidates(name: string, sources: ElementSources): string[] {
  if (!ELEMENT_NAME.test(name)) throw new HttpError(400, 'Invalid element name', 'CRT_BAD_PAYLOAD');
  const declared = sources.declared[name];
  if (declared) return [declared];
  const folder = path.join(sources.publicDir, 'elements');
  return [path.join(folder, `${name}.jsx`), path.join(folder, `${name}.tsx`)];
}
