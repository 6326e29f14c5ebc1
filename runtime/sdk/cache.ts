import { maybeContext } from '../context.js';

/**
 * Entries live here, in the SDK module, not in the plugin: `serve -w` re-imports a changed
 * plugin but never this module, so a model or index loaded once stays loaded across reloads
 * (as Chainlit's `@cl.cache` keeps its entries in chainlit's own module). Keyed by the
 * function's source and its JSON-encoded arguments: editing the function's code starts
 * afresh, editing anything else keeps its entries.
 */
const entries = new Map<string, unknown>();

/** `project.cache` of the app outside any session (set by the runtime at start and on reload). */
let appDefault = true;

/** Runtime-only: the app's `project.cache`, for calls outside a session (startup hooks, module top level). */
export function configureCache(enabled: boolean): void {
  appDefault = enabled;
}

/** Runtime-only: forgets every entry (for tests). */
export function clearCache(): void {
  entries.clear();
}

function cachingOn(): boolean {
  // A session's own config first: a profile's config_overrides may switch caching.
  return maybeContext()?.session.runtime.config().project.cache ?? appDefault;
}

/**
 * Memoises a function for the life of the process, keyed by its JSON-encoded arguments
 * (Chainlit's `@cl.cache`): load a model or an index once, share it across sessions.
 * Concurrent first calls share one pending promise; a rejected promise is forgotten.
 * Entries survive `serve -w` reloads of the plugin. `project.cache: false` in the manifest
 * turns caching off (every call runs `fn`). Pass everything the result depends on as
 * arguments: two functions with the same source share their entries.
 *
 * @example
 * ```ts
 * const loadIndex = cache(async (name: string) => buildIndex(name));
 * ```
 */
export function cache<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const site = `${fn.name}\0${fn.toString()}`;
  return (...args: A): R => {
    if (!cachingOn()) return fn(...args);
    const key = `${site}\0${JSON.stringify(args)}`;
    if (entries.has(key)) return entries.get(key) as R;
    const value = fn(...args);
    entries.set(key, value);
    if (value instanceof Promise) value.catch(() => entries.delete(key));
    return value;
  };
}
