/**
 * Memoises a function for the life of the process, keyed by its JSON-encoded arguments
 * (Chainlit's `@cl.cache`): load a model or an index once, share it across sessions.
 * Concurrent first calls share one pending promise.
 *
 * @example
 * ```ts
 * const loadIndex = cache(async (name: string) => buildIndex(name));
 * ```
 */
export function cache<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A): R => {
    const key = JSON.stringify(args);
    if (results.has(key)) return results.get(key) as R;
    const value = fn(...args);
    results.set(key, value);
    if (value instanceof Promise) value.catch(() => results.delete(key));
    return value;
  };
}
