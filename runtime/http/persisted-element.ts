import type { Context } from 'koa';
import { HttpError } from '../errors.js';
import { isAuthor, requireLayer, requireUser } from '../history/access.js';
import { maySeeShared } from '../history/sharing.js';
import type { RuntimeServices } from '../services.js';
import { setFileHeaders } from './file-headers.js';

const NOT_FOUND = 'File not found';

/**
 * `GET /project/file/{element_id}?thread_id=…`: the stored bytes of a persisted element
 * (the URL runtime/history/element-urls.ts gives elements of a thread read back). Readable
 * by the thread's author, and by whoever may see the thread through a share link. Anything
 * else, a thread someone else wrote included, is `404 File not found`.
 */
export async function servePersistedElement(ctx: Context, services: RuntimeServices, elementId: string, threadId: string): Promise<void> {
  const layer = requireLayer(services);
  const user = await requireUser(ctx, services);
  if (!(await isAuthor(layer, threadId, user))) {
    const thread = await layer.getThread(threadId);
    if (!thread || !(await maySeeShared(services, thread, user))) throw new HttpError(404, NOT_FOUND);
  }
  const element = await layer.getElement(threadId, elementId);
  const content = element && layer.readElementContent ? await layer.readElementContent(element) : null;
  if (!element || !content) throw new HttpError(404, NOT_FOUND);
  ctx.body = content;
  // Content may be replaced under the same element id (an updated element): revalidate.
  setFileHeaders(ctx, { mime: element.mime || 'application/octet-stream', name: element.name, cacheControl: 'private, no-cache' });
}
