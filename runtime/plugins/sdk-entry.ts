import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The SDK module this very runtime loaded. Plugins' `chainlit-rt` import is rewritten to
 * it so that a plugin and the runtime share one module instance (one AsyncLocalStorage,
 * one definePlugin brand). Running from source through tsx this module is a `.ts` file
 * and so is the SDK; running from the build both are `.js`.
 */
export const SDK_ENTRY_URL: URL = pickSdkEntry(import.meta.url);

function pickSdkEntry(selfUrl: string): URL {
  const preferred = selfUrl.endsWith('.ts') ? ['index.ts', 'index.js'] : ['index.js', 'index.ts'];
  for (const name of preferred) {
    const candidate = new URL(`../sdk/${name}`, selfUrl);
    if (existsSync(fileURLToPath(candidate))) return candidate;
  }
  // Fall back to the conventional name; the import error will then name the missing file.
  return new URL(`../sdk/${preferred[0]}`, selfUrl);
}
