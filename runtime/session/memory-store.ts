import type { SessionRecord, SessionStore } from './types.js';

/** The embedded default: records live in this process, expiring like Redis keys would. */
export function createMemoryStore(): SessionStore {
  const records = new Map<string, { json: string; expiresAt: number }>();
  const owners = new Map<string, string>();
  const live = (id: string) => {
    const entry = records.get(id);
    if (entry && entry.expiresAt <= Date.now()) {
      records.delete(id);
      return undefined;
    }
    return entry;
  };
  return {
    async get(id) {
      const entry = live(id);
      return entry ? (JSON.parse(entry.json) as SessionRecord) : undefined;
    },
    async set(record, ttlSeconds) {
      records.set(record.id, { json: JSON.stringify(record), expiresAt: Date.now() + ttlSeconds * 1000 });
    },
    async touch(id, ttlSeconds) {
      const entry = live(id);
      if (entry) entry.expiresAt = Date.now() + ttlSeconds * 1000;
    },
    async delete(id) {
      records.delete(id);
      owners.delete(id);
    },
    // One process: it owns every session it holds.
    async claim(id, instance, expected) {
      if ((owners.get(id) ?? null) !== expected) return false;
      owners.set(id, instance);
      return true;
    },
    async owner(id) {
      return owners.get(id) ?? null;
    },
    async ownedBy(instance) {
      return [...owners].filter(([, owner]) => owner === instance).map(([id]) => id);
    },
    async forgetInstance() {},
    async close() {
      records.clear();
      owners.clear();
    },
  };
}
