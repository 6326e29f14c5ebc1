import type { HookName, PluginHooks } from '../sdk/plugin.js';
import type { Session } from '../session/session.js';
import { isCancellation } from '../errors.js';
import { reportError } from './tasks.js';

type HookArgs<K extends HookName> = Parameters<NonNullable<PluginHooks[K]>>;
type HookResult<K extends HookName> = Awaited<ReturnType<NonNullable<PluginHooks[K]>>>;

/**
 * Calls every handler of a hook for the session's profile, in manifest order. With one
 * handler its error propagates (the surrounding task reports it); with several, each
 * failure is reported and the next handler still runs. Returns the last result.
 */
export async function callHook<K extends HookName>(session: Session, hook: K, ...args: HookArgs<K>): Promise<HookResult<K> | undefined> {
  const handlers = session.runtime.plugins().handlers(hook, session.chatProfile);
  if (handlers.length === 1) {
    const fn = handlers[0]!.fn as (...a: HookArgs<K>) => HookResult<K> | Promise<HookResult<K>>;
    return await fn(...args);
  }
  let result: HookResult<K> | undefined;
  for (const { plugin, fn } of handlers) {
    try {
      result = await (fn as (...a: HookArgs<K>) => HookResult<K> | Promise<HookResult<K>>)(...args);
    } catch (err) {
      if (isCancellation(err)) throw err;
      await reportError(session, err, `${hook} of plugin ${plugin.id}`);
    }
  }
  return result;
}

export function hasHook(session: Session, hook: HookName): boolean {
  return session.runtime.plugins().has(hook, session.chatProfile);
}
