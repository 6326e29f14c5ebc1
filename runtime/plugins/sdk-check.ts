import type { Logger } from '../log.js';
import { definePlugin } from '../sdk/plugin.js';
import { SDK_ENTRY_URL } from './sdk-entry.js';

let shared: Promise<boolean> | undefined;

/**
 * True when the SDK module plugins import is the very instance the runtime uses. It is
 * not when the runtime itself was loaded through require() (e.g. mocha with Node's
 * require(esm) turning tsx files into CommonJS): plugins are ESM, so they would get a
 * second SDK with its own AsyncLocalStorage and every SDK call in a hook would find no
 * context. Logged loudly once, because the symptom is far from the cause.
 */
export function checkSdkShared(logger: Logger): Promise<boolean> {
  shared ??= (async () => {
    const sdk = (await import(SDK_ENTRY_URL.href)) as { definePlugin?: unknown };
    const same = sdk.definePlugin === definePlugin;
    if (!same) {
      logger.error(
        { sdk: SDK_ENTRY_URL.href },
        'plugins get a different chainlit-rt SDK instance than the runtime (the runtime was loaded as CommonJS); ' +
          'run it as ESM (for mocha: node-option "no-experimental-require-module")',
      );
    }
    return same;
  })();
  return shared;
}
