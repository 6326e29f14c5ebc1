import Router from '@koa/router';
import type { Context } from 'koa';
import { HttpError } from '../../errors.js';
import { THREAD_NOT_FOUND, requireLayer, requireOwnThread, requirePersistedUser, requireUser } from '../../history/access.js';
import { withElementUrl, withElementUrls } from '../../history/element-urls.js';
import { maySeeShared, sharedView, sharingEnabled } from '../../history/sharing.js';
import type { RuntimeServices } from '../../services.js';
import { utcNow } from '../../wire.js';
import { parseShare, parseThreadList } from '../history-bodies.js';
import { sendJson } from '../respond.js';
import { requireBodyString } from '../validation.js';

/**
 * The history routes of PROTOCOL.md §4.5: the caller's threads (list, read, rename,
 * delete, one element), sharing, and reading a shared thread. Every route needs the data
 * layer (400 without) and a logged-in caller (401 while login is off); a thread the caller
 * did not write answers 404 exactly like one that does not exist.
 */
export function threadsRouter(services: RuntimeServices): Router {
  const router = new Router();

  /** The data layer and the caller, in the order Chainlit checks them. */
  async function caller(ctx: Context) {
    const layer = requireLayer(services);
    const user = await requireUser(ctx, services);
    return { layer, user };
  }

  router.post('/project/threads', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const { pagination, filter } = parseThreadList(ctx.request.body);
    // Only ever the caller's own threads, whatever userId the client sent.
    const persisted = await requirePersistedUser(layer, user);
    sendJson(ctx, await layer.listThreads(pagination, { ...filter, userId: persisted.id }));
  });

  router.get('/project/thread/:thread_id', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const threadId = ctx.params.thread_id ?? '';
    await requireOwnThread(layer, threadId, user);
    const thread = await layer.getThread(threadId);
    if (!thread) throw new HttpError(404, THREAD_NOT_FOUND);
    sendJson(ctx, withElementUrls(thread, services.rootPath, layer));
  });

  router.get('/project/thread/:thread_id/element/:element_id', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const threadId = ctx.params.thread_id ?? '';
    await requireOwnThread(layer, threadId, user);
    const element = await layer.getElement(threadId, ctx.params.element_id ?? '');
    sendJson(ctx, element ? withElementUrl(element, services.rootPath, layer) : null);
  });

  router.put('/project/thread', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const threadId = requireBodyString(ctx.request.body, 'threadId');
    const name = requireBodyString(ctx.request.body, 'name');
    await requireOwnThread(layer, threadId, user);
    await layer.updateThread(threadId, { name });
    sendJson(ctx, { success: true });
  });

  router.delete('/project/thread', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const threadId = requireBodyString(ctx.request.body, 'threadId');
    await requireOwnThread(layer, threadId, user);
    await layer.deleteThread(threadId);
    sendJson(ctx, { success: true });
  });

  router.put('/project/thread/share', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const { threadId, isShared } = parseShare(ctx.request.body);
    await requireOwnThread(layer, threadId, user);
    const thread = await layer.getThread(threadId);
    if (!thread) throw new HttpError(404, THREAD_NOT_FOUND);
    if (!sharingEnabled(services, thread)) throw new HttpError(400, 'Thread sharing is not enabled', 'CRT_CONFIG');
    // Metadata merges: `shared_at: null` really removes the stamp (Chainlit leaves it stored).
    await layer.updateThread(threadId, { metadata: isShared ? { is_shared: true, shared_at: utcNow() } : { is_shared: false, shared_at: null } });
    sendJson(ctx, { success: true });
  });

  router.get('/project/share/:thread_id', async (ctx) => {
    const { layer, user } = await caller(ctx);
    const thread = await layer.getThread(ctx.params.thread_id ?? '');
    // Not shared, sharing off, or no such thread: one answer, never 401, so nothing is revealed.
    if (!thread || !(await maySeeShared(services, thread, user))) throw new HttpError(404, THREAD_NOT_FOUND);
    sendJson(ctx, sharedView(withElementUrls(thread, services.rootPath, layer)));
  });

  return router;
}
