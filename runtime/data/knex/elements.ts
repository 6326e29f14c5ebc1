import type { Knex } from 'knex';
import type { Readable } from 'node:stream';
import type { ElementDict } from '../../wire.js';
import type { ElementContent } from '../types.js';
import { assertUuid, deleteObjects, isUuid, touchThread, type Db, type Row } from './db.js';
import { elementDict, elementRow } from './rows.js';

/** Where an element's file is kept: under its thread, so the key says whose it is. */
export function elementObjectKey(threadId: string, elementId: string): string {
  return `threads/${threadId}/${elementId}`;
}

/**
 * Upserts an element. Its content, when given, is stored first (under a fixed key, so a
 * retry overwrites rather than duplicates); then the row records the key.
 */
export async function upsertElement(db: Db, element: ElementDict, content?: ElementContent): Promise<void> {
  assertUuid('element id', element.id);
  assertUuid('thread id of an element', element.threadId);
  if (element.forId) assertUuid('forId of an element', element.forId);
  const threadId = element.threadId;
  let objectKey = element.objectKey ?? null;
  if (content && db.storage) {
    const key = elementObjectKey(threadId, element.id);
    await db.storage.putObject(key, await content.open(), { mime: content.mime });
    objectKey = key;
  }
  const row = elementRow({ ...element, mime: element.mime ?? content?.mime ?? null }, objectKey);
  await db.knex.transaction(async (trx) => {
    await touchThread(db, trx, threadId, null);
    const { id: _id, ...update } = row;
    await trx('elements').insert(row).onConflict('id').merge(update);
  });
}

export async function getElement(db: Db, threadId: string, elementId: string): Promise<ElementDict | null> {
  if (!isUuid(threadId) || !isUuid(elementId)) return null;
  const row = (await db.knex('elements').where({ id: elementId, threadId }).first()) as Row | undefined;
  return row ? elementDict(row) : null;
}

export async function deleteElement(db: Db, elementId: string, threadId?: string): Promise<void> {
  if (!isUuid(elementId) || (threadId !== undefined && !isUuid(threadId))) return;
  const where: Record<string, string> = threadId ? { id: elementId, threadId } : { id: elementId };
  const keys = await db.knex.transaction((trx) => deleteElementRows(trx, where));
  await deleteObjects(db, keys);
}

/** Deletes element rows and returns the object keys their files had. */
export async function deleteElementRows(trx: Knex.Transaction, where: Record<string, string>): Promise<string[]> {
  const rows = (await trx('elements').where(where).select('objectKey')) as Row[];
  await trx('elements').where(where).delete();
  return rows.map((r) => r.objectKey).filter((k): k is string => typeof k === 'string' && k !== '');
}

export async function threadElements(db: Db, threadId: string): Promise<ElementDict[]> {
  const rows = (await db.knex('elements').where({ threadId })) as Row[];
  return rows.map(elementDict);
}

export async function readElementContent(db: Db, element: ElementDict): Promise<Readable | null> {
  if (!element.objectKey || !db.storage) return null;
  return db.storage.readObject(element.objectKey);
}
