import Router from '@koa/router';
import { ChainlitRtError, HttpError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RuntimeServices } from '../../services.js';
import type { ActionDict } from '../../wire.js';
import { sendJson } from '../respond.js';
import { requireOwnedSession } from '../session-access.js';
import { RequestValidationError, isRecord, missing, requireBodyString } from '../validation.js';

/** POST /project/action (PROTOCOL.md §4.6). */
export function actionsRouter(services: RuntimeServices, logger: Logger): Router {
  const router = new Router();

  router.post('/project/action', async (ctx) => {
    const body: unknown = ctx.request.body;
    const sessionId = requireBodyString(body, 'sessionId');
    const action = parseAction(isRecord(body) ? body.action : undefined);
    const session = await requireOwnedSession(ctx, services, sessionId, 'Session not found');
    if (!services.plugins().action(action.name, session.chatProfile)) {
      throw new HttpError(404, `No callback found for action ${action.name}`);
    }
    let response: unknown = null;
    try {
      response = await services.runAction(sessionId, action);
    } catch (err) {
      if (err instanceof ChainlitRtError && err.expose) throw err;
      // As in Chainlit: a failing callback is logged and answered with `response: null`.
      logger.error({ err, sessionId, action: action.name }, 'action callback failed');
    }
    sendJson(ctx, { success: true, response: response ?? null });
  });

  return router;
}

function parseAction(value: unknown): ActionDict {
  if (!isRecord(value)) throw new RequestValidationError([missing(['body', 'action'])]);
  const name = value.name;
  if (typeof name !== 'string' || name === '') throw new RequestValidationError([missing(['body', 'action', 'name'])]);
  const text = (key: string): string => (typeof value[key] === 'string' ? (value[key] as string) : '');
  const orNull = (key: string): string | null => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    id: text('id'),
    name,
    payload: isRecord(value.payload) ? value.payload : {},
    label: text('label'),
    tooltip: text('tooltip'),
    icon: orNull('icon'),
    forId: orNull('forId'),
  };
}
