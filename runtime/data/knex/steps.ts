import type { StepDict } from '../../wire.js';
import { assertUuid, deleteObjects, isUuid, touchThread, type Db, type Row } from './db.js';
import { deleteElementRows } from './elements.js';
import { feedbackDict, stepDict, stepRow } from './rows.js';

/** Upserts a step (its dict carries the full state), creating or touching its thread first. */
export async function upsertStep(db: Db, step: StepDict): Promise<void> {
  assertUuid('step id', step.id);
  assertUuid('thread id of a step', step.threadId);
  if (step.parentId != null && step.parentId !== '') assertUuid('parent id of a step', step.parentId);
  const row = stepRow(db, { ...step, parentId: step.parentId || null });
  await db.knex.transaction(async (trx) => {
    await touchThread(db, trx, step.threadId, step.createdAt ?? step.start);
    const { id: _id, ...update } = row;
    await trx('steps').insert(row).onConflict('id').merge(update);
  });
}

/** Deletes a step with its feedback and its elements (and their files). */
export async function deleteStep(db: Db, stepId: string): Promise<void> {
  if (!isUuid(stepId)) return;
  const keys = await db.knex.transaction(async (trx) => {
    await trx('feedbacks').where({ forId: stepId }).delete();
    const objectKeys = await deleteElementRows(trx, { forId: stepId });
    await trx('steps').where({ id: stepId }).delete();
    return objectKeys;
  });
  await deleteObjects(db, keys);
}

/** Order of a thread's steps: creation time, then insertion order for equal stamps. */
const STEP_ORDER = '"createdAt" ASC, "seq" ASC';

/** A thread's steps in order, each with its feedback (upsertFeedback keeps one per step). */
export async function threadSteps(db: Db, threadId: string): Promise<StepDict[]> {
  const [rows, feedbackRows] = await Promise.all([
    db.knex('steps').where({ threadId }).orderByRaw(STEP_ORDER) as Promise<Row[]>,
    db.knex('feedbacks').where({ threadId }) as Promise<Row[]>,
  ]);
  const byStep = new Map(feedbackRows.map((f) => [String(f.forId), feedbackDict(f)]));
  return rows.map((row) => stepDict(row, byStep.get(String(row.id)) ?? null));
}

/** Steps of the user's threads marked `metadata.favorite: true`, newest first. */
export async function favoriteSteps(db: Db, userId: string): Promise<StepDict[]> {
  if (!isUuid(userId)) return [];
  // Structural JSON test, not a text match: JSON.stringify writes `"favorite":true` without a space.
  const favorite = db.dialect === 'postgres' ? `(s."metadata"->>'favorite') = 'true'` : `json_extract(s."metadata", '$.favorite') = 1 AND json_type(s."metadata", '$.favorite') = 'true'`;
  const rows = (await db.knex('steps as s')
    .join('threads as t', 't.id', 's.threadId')
    .where('t.userId', userId)
    .whereRaw(favorite)
    .select('s.*')
    .orderBy('s.createdAt', 'desc')) as Row[];
  return rows.map((row) => stepDict(row, null));
}
