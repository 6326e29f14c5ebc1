import { randomUUID } from 'node:crypto';
import { ChainlitRtError } from '../../errors.js';
import type { FeedbackDict } from '../../wire.js';
import { assertUuid, isUuid, type Db, type Row } from './db.js';
import { feedbackDict } from './rows.js';

/**
 * Creates or updates a feedback and returns its id. Without an id, the step's existing
 * feedback (if any) is the one updated: a step has one feedback, as the UI shows one.
 * The step must be stored (flush its thread's write queue first); a given `threadId` must
 * be the step's.
 */
export async function upsertFeedback(db: Db, feedback: FeedbackDict): Promise<string> {
  assertUuid('forId of a feedback', feedback.forId);
  if (feedback.id != null) assertUuid('feedback id', feedback.id);
  if (feedback.value !== 0 && feedback.value !== 1) {
    throw new ChainlitRtError('CRT_DATA_LAYER', `A feedback value is 0 or 1, got ${JSON.stringify(feedback.value)}.`, { expose: true, status: 400 });
  }
  return db.knex.transaction(async (trx) => {
    const step = (await trx('steps').where({ id: feedback.forId }).first('threadId')) as Row | undefined;
    if (!step || (feedback.threadId && feedback.threadId !== String(step.threadId))) {
      throw new ChainlitRtError('CRT_NOT_FOUND', 'Feedback for an unknown step.', { expose: true, status: 404 });
    }
    const threadId = String(step.threadId);
    const existing = feedback.id
      ? undefined
      : ((await trx('feedbacks').where({ forId: feedback.forId }).first('id')) as Row | undefined);
    const id = feedback.id ?? (existing ? String(existing.id) : randomUUID());
    const row = { id, forId: feedback.forId, threadId, value: feedback.value, comment: feedback.comment ?? null };
    const { id: _id, ...update } = row;
    await trx('feedbacks').insert(row).onConflict('id').merge(update);
    return id;
  });
}

export async function deleteFeedback(db: Db, feedbackId: string): Promise<boolean> {
  if (!isUuid(feedbackId)) return false;
  const count = await db.knex('feedbacks').where({ id: feedbackId }).delete();
  return count > 0;
}

export async function getFeedback(db: Db, feedbackId: string): Promise<FeedbackDict | null> {
  if (!isUuid(feedbackId)) return null;
  const row = (await db.knex('feedbacks').where({ id: feedbackId }).first()) as Row | undefined;
  return row ? feedbackDict(row) : null;
}
