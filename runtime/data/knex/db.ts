import type { Knex } from 'knex';
import { ChainlitRtError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ObjectStorage } from '../../storage/types.js';

export type Dialect = 'sqlite' | 'postgres';

/** What every entity module of the SQL layer works with. */
export interface Db {
  readonly knex: Knex;
  readonly dialect: Dialect;
  /** Where element files go; null: element contents are not persisted (rows still are). */
  readonly storage: ObjectStorage | null;
  readonly logger: Logger;
}

type Row = Record<string, unknown>;

/** JSON for a JSON/JSONB column: text on both dialects (pg would turn a JS array into a PG array). */
export function jsonIn(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** PostgreSQL returns JSONB parsed; SQLite returns the text. */
export function jsonOut<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

/** Tags: a TEXT[] on PostgreSQL, JSON text on SQLite. */
export function tagsIn(db: Db, tags: readonly string[] | null | undefined): string[] | string | null {
  if (tags === null || tags === undefined) return null;
  return db.dialect === 'postgres' ? [...tags] : JSON.stringify(tags);
}

export function tagsOut(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String);
  return jsonOut<string[]>(value);
}

/** SQLite stores booleans as 0/1. */
export function boolOut(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

export function intOut(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

export function textOut(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs (PROTOCOL.md §0): PostgreSQL stores them as UUID, so both dialects insist. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Refuses a write with a malformed id; such a write can never succeed, so it is not retried. */
export function assertUuid(what: string, value: unknown): asserts value is string {
  if (!isUuid(value)) {
    throw new ChainlitRtError('CRT_DATA_LAYER', `The ${what} must be a UUID, got ${JSON.stringify(value)}.`, { expose: true, status: 400 });
  }
}

/** ISO-8601 UTC, the text form every timestamp column holds. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Last-activity stamps are compared as text, so they are kept in one form (milliseconds):
 * `...05.123456Z` and `...05.123Z` would otherwise sort by their length, not their time.
 */
export function canonicalTime(value: string | null | undefined): string {
  if (!value) return nowIso();
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? nowIso() : new Date(ms).toISOString();
}

/** `%` and `_` in a search text are literal. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive containment, on the dialect's terms (SQLite's LIKE folds ASCII only). */
export function containsSql(db: Db, column: string): string {
  return db.dialect === 'postgres' ? `${column} ILIKE ? ESCAPE '\\'` : `${column} LIKE ? ESCAPE '\\'`;
}

/** The larger of two text stamps, as SQL. */
export function greatestSql(db: Db, a: string, b: string): string {
  // SQLite's two-argument MAX is NULL when either side is; PostgreSQL's GREATEST skips NULLs.
  return db.dialect === 'postgres' ? `GREATEST(${a}, ${b})` : `MAX(COALESCE(${a}, ''), ${b})`;
}

/**
 * Makes sure a thread row exists and moves its last activity forward to `at` (never
 * back). Steps and elements call it before their own write, as Chainlit's layers do.
 */
export async function touchThread(db: Db, trx: Knex | Knex.Transaction, threadId: string, at: string | null | undefined): Promise<void> {
  const stamp = canonicalTime(at);
  await trx('threads')
    .insert({ id: threadId, createdAt: stamp, updatedAt: stamp, metadata: '{}' })
    .onConflict('id')
    .merge({ updatedAt: db.knex.raw(greatestSql(db, '"threads"."updatedAt"', '?'), [stamp]) as unknown as string });
}

/** Removes stored files after their rows are gone; a failure is logged, the rows stay deleted. */
export async function deleteObjects(db: Db, keys: readonly string[]): Promise<void> {
  if (!db.storage) return;
  for (const key of keys) {
    await db.storage.deleteObject(key).catch((err: unknown) => db.logger.warn({ err, key }, 'could not delete a stored element file'));
  }
}

export type { Row };
