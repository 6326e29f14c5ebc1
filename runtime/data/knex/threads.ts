import { ChainlitRtError } from '../../errors.js';
import type { ThreadDict } from '../../wire.js';
import type { ThreadUpdate } from '../types.js';
import { assertUuid, deleteObjects, isUuid, jsonIn, jsonOut, nowIso, tagsIn, tagsOut, textOut, type Db, type Row } from './db.js';
import { deleteElementRows, threadElements } from './elements.js';
import { threadSteps } from './steps.js';

/** A thread row as a ThreadDict without its steps and elements; `createdAt` as given. */
export function threadHead(row: Row, createdAt: unknown = row.createdAt): ThreadDict {
  return {
    id: String(row.id),
    createdAt: String(createdAt ?? ''),
    name: textOut(row.name),
    userId: textOut(row.userId),
    userIdentifier: textOut(row.userIdentifier),
    tags: tagsOut(row.tags),
    metadata: jsonOut<Record<string, unknown>>(row.metadata) ?? {},
    steps: [],
    elements: [],
  };
}

export async function getThreadAuthor(db: Db, threadId: string): Promise<string | null> {
  if (!isUuid(threadId)) return null;
  const row = (await db.knex('threads').where({ id: threadId }).first('userIdentifier')) as Row | undefined;
  return row ? textOut(row.userIdentifier) : null;
}

export async function getThread(db: Db, threadId: string): Promise<ThreadDict | null> {
  if (!isUuid(threadId)) return null;
  const row = (await db.knex('threads').where({ id: threadId }).first()) as Row | undefined;
  if (!row) return null;
  const [steps, elements] = await Promise.all([threadSteps(db, threadId), threadElements(db, threadId)]);
  return { ...threadHead(row), steps, elements };
}

/** Splits a metadata update into keys to set and keys to delete (a null value deletes). */
function metadataPatch(metadata: Record<string, unknown>): { set: Record<string, unknown>; remove: string[] } {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null) remove.push(key);
    else if (value !== undefined) set[key] = value;
  }
  return { set, remove };
}

/**
 * Creates the thread when missing, then writes the given fields. Metadata is merged
 * (PROTOCOL.md §3.7): in one statement on PostgreSQL, read-merge-write in the
 * transaction on SQLite (whose single connection serialises writers).
 */
export async function updateThread(db: Db, threadId: string, update: ThreadUpdate): Promise<void> {
  assertUuid('thread id', threadId);
  if (update.userId != null) assertUuid('user id of a thread', update.userId);
  await db.knex.transaction(async (trx) => {
    const now = nowIso();
    await trx('threads').insert({ id: threadId, createdAt: now, updatedAt: now, metadata: '{}' }).onConflict('id').ignore();
    const fields: Row = {};
    const metadataName = typeof update.metadata?.name === 'string' ? update.metadata.name : undefined;
    if (update.name !== undefined) fields.name = update.name;
    else if (metadataName !== undefined) fields.name = metadataName;
    if (update.tags !== undefined) fields.tags = tagsIn(db, update.tags);
    if (update.userId !== undefined) {
      fields.userId = update.userId;
      fields.userIdentifier = null;
      if (update.userId !== null) {
        const user = (await trx('users').where({ id: update.userId }).first('identifier')) as Row | undefined;
        if (!user) throw new ChainlitRtError('CRT_NOT_FOUND', `Unknown user id ${update.userId}.`, { expose: true, status: 404 });
        fields.userIdentifier = String(user.identifier);
      }
    }
    if (update.metadata) {
      const { set, remove } = metadataPatch(update.metadata);
      if (db.dialect === 'postgres') {
        fields.metadata = trx.raw(`(COALESCE("metadata", '{}'::jsonb) - ?::text[]) || ?::jsonb`, [remove, JSON.stringify(set)]);
      } else {
        const row = (await trx('threads').where({ id: threadId }).first('metadata')) as Row;
        const merged = { ...(jsonOut<Record<string, unknown>>(row.metadata) ?? {}), ...set };
        for (const key of remove) delete merged[key];
        fields.metadata = jsonIn(merged);
      }
    }
    if (Object.keys(fields).length > 0) await trx('threads').where({ id: threadId }).update(fields);
  });
}

/** Deletes a thread with its feedback, elements (rows, then files) and steps. */
export async function deleteThread(db: Db, threadId: string): Promise<void> {
  if (!isUuid(threadId)) return;
  const keys = await db.knex.transaction(async (trx) => {
    await trx('feedbacks').where({ threadId }).delete();
    const objectKeys = await deleteElementRows(trx, { threadId });
    await trx('steps').where({ threadId }).delete();
    await trx('threads').where({ id: threadId }).delete();
    return objectKeys;
  });
  await deleteObjects(db, keys);
}
