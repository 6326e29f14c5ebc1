import { contextFor, runInContext } from '../context.js';
import type { RuntimeServices } from '../services.js';
import type { Session } from '../session/session.js';
import type { FeedbackDict } from '../wire.js';

/**
 * Calls every `onFeedback` handler with a stored feedback (its id and thread filled in).
 * When the session named by the request is live on this instance, the handlers run in its
 * context, so SDK calls (`new Message(...).send()`, `userSession`) reach that chat;
 * otherwise they run without one. A failing handler is logged; the feedback stays stored
 * and the next handler still runs.
 */
export async function notifyFeedback(services: RuntimeServices, feedback: FeedbackDict, session: Session | undefined, profile: string | null): Promise<void> {
  for (const { plugin, fn } of services.plugins().handlers('onFeedback', profile)) {
    try {
      const call = () => fn({ ...feedback });
      await (session ? runInContext(contextFor(session), call) : call());
    } catch (err) {
      plugin.logger.error({ err, feedbackId: feedback.id }, 'onFeedback failed');
    }
  }
}
