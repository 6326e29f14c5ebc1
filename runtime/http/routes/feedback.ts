import Router from '@koa/router';
import type { DataLayer } from '../../data/types.js';
import { HttpError } from '../../errors.js';
import { isAuthor, requireLayer } from '../../history/access.js';
import { notifyFeedback } from '../../history/feedback-hook.js';
import type { Logger } from '../../log.js';
import type { RuntimeServices } from '../../services.js';
import { Session } from '../../session/session.js';
import type { UserDict } from '../../wire.js';
import { parseFeedback } from '../history-bodies.js';
import { sendJson } from '../respond.js';
import { ownsSession } from '../session-access.js';
import { isRecord, requireBodyString } from '../validation.js';

const MESSAGE_NOT_FOUND = 'Message not found';
const FEEDBACK_NOT_FOUND = 'Feedback not found';

/**
 * `PUT /feedback` and `DELETE /feedback` (PROTOCOL.md §4.5). Unlike Chainlit, the caller
 * must own the thread of the step (PUT) or of the feedback (DELETE); anything else answers
 * 404 as if it did not exist. With login, "own" means wrote the thread. Without login
 * (anonymous chats are persisted too, and the UI shows the thumbs), a PUT must name the
 * caller's live session, whose thread holds the step; a DELETE may only remove feedback of
 * a thread without author, whose feedback ids only that chat ever received.
 */
export function feedbackRouter(services: RuntimeServices, logger: Logger): Router {
  const router = new Router();
  let warnedNoLookup = false;

  router.put('/feedback', async (ctx) => {
    const layer = requireLayer(services, 500);
    const body: unknown = ctx.request.body;
    const sessionId = requireBodyString(body, 'sessionId');
    const feedback = parseFeedback(isRecord(body) ? body.feedback : undefined);
    const user = await services.currentUser(ctx.headers);
    const live = services.session(sessionId);
    const session = live instanceof Session && (await ownsSession(ctx, services, live)) ? live : undefined;
    const threadId = feedback.threadId ?? session?.threadId;
    if (!threadId) throw new HttpError(404, MESSAGE_NOT_FOUND);
    // A fresh answer (and the thread row of a new chat) may still be in the write queue.
    await services.drainWrites?.(threadId);
    if (!(await mayGiveFeedback(layer, threadId, user, session))) throw new HttpError(404, MESSAGE_NOT_FOUND);
    // The step must be in that thread; its current feedback (one per step) is the one updated.
    const thread = await layer.getThread(threadId);
    const step = thread?.steps.find((s) => s.id === feedback.forId);
    if (!thread || !step) throw new HttpError(404, MESSAGE_NOT_FOUND);
    const current = step.feedback?.id;
    const id = await layer.upsertFeedback({ ...feedback, threadId, ...(current ? { id: current } : {}) });
    const profile = session?.chatProfile ?? (typeof thread.metadata?.chat_profile === 'string' ? thread.metadata.chat_profile : null);
    await notifyFeedback(services, { id, forId: feedback.forId, threadId, value: feedback.value, comment: feedback.comment ?? null }, session, profile);
    sendJson(ctx, { success: true, feedbackId: id });
  });

  router.delete('/feedback', async (ctx) => {
    const layer = requireLayer(services);
    const feedbackId = requireBodyString(ctx.request.body, 'feedbackId');
    const user = await services.currentUser(ctx.headers);
    if (!layer.getFeedback) {
      if (!warnedNoLookup) logger.warn('the data layer has no getFeedback(): DELETE /feedback cannot check who owns a feedback, so it deletes none');
      warnedNoLookup = true;
      throw new HttpError(404, FEEDBACK_NOT_FOUND);
    }
    const stored = await layer.getFeedback(feedbackId);
    if (!stored?.threadId || !(await mayRemoveFeedback(layer, stored.threadId, user))) throw new HttpError(404, FEEDBACK_NOT_FOUND);
    await layer.deleteFeedback(feedbackId);
    sendJson(ctx, { success: true });
  });

  return router;
}

/** With login: the caller wrote the thread. Without: it is the thread of the caller's live chat, and has no author. */
async function mayGiveFeedback(layer: DataLayer, threadId: string, user: UserDict | null, session: Session | undefined): Promise<boolean> {
  if (user) return isAuthor(layer, threadId, user);
  return session?.threadId === threadId && (await layer.getThreadAuthor(threadId)) === null;
}

/** With login: the caller wrote the thread. Without: the thread has no author (its feedback ids only went to its chat). */
async function mayRemoveFeedback(layer: DataLayer, threadId: string, user: UserDict | null): Promise<boolean> {
  if (user) return isAuthor(layer, threadId, user);
  return (await layer.getThreadAuthor(threadId)) === null;
}
