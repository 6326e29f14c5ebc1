import { OVERRIDE_SECTIONS, isObject } from './schema.js';
import type { Manifest } from './types.gen.js';

/** Objects merge key by key; anything else (arrays included) is replaced by the override. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override)) return override === undefined ? base : structuredClone(override);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = deepMerge(base[key], value);
  return out;
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * `effective(profile)` for a loaded config: the profile's `config_overrides` merged over
 * ui/features/project, computed on first use and cached (configs are immutable).
 */
export function effectiveResolver(config: Readonly<Manifest>): (profile?: string | null) => Readonly<Manifest> {
  const cache = new Map<string, Readonly<Manifest>>();
  return (profile) => {
    if (!profile) return config;
    const hit = cache.get(profile);
    if (hit) return hit;
    const overrides = config.profiles.find((p) => p.name === profile)?.config_overrides;
    if (!overrides) return config;
    const merged: Record<string, unknown> = { ...config };
    for (const section of OVERRIDE_SECTIONS) {
      if (overrides[section]) merged[section] = deepMerge(config[section], overrides[section]);
    }
    const result = deepFreeze(merged as unknown as Manifest);
    cache.set(profile, result);
    return result;
  };
}
