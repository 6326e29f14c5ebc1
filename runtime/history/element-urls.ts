import type { DataLayer } from '../data/types.js';
import type { ElementDict, ThreadDict } from '../wire.js';

/**
 * Where the runtime serves the stored bytes of a persisted element: Chainlit's element file
 * route, named by thread instead of session (the session that sent the element is gone
 * when its thread is read back). `rootPath` is the mount path, '' at the root.
 */
export function elementFileUrl(rootPath: string, threadId: string, elementId: string): string {
  return `${rootPath}/project/file/${encodeURIComponent(elementId)}?thread_id=${encodeURIComponent(threadId)}`;
}

/**
 * A persisted element whose bytes the layer stores (an `objectKey`) and that has no URL of
 * its own gets the URL of the route above; clients load an element from `url` when it is
 * set, so a thread read back shows its images and files. Nothing is written back.
 */
export function withElementUrl(element: ElementDict, rootPath: string, layer: DataLayer): ElementDict {
  if (element.url || !element.objectKey || !layer.readElementContent || !element.threadId) return element;
  return { ...element, url: elementFileUrl(rootPath, element.threadId, element.id) };
}

/** The thread with `withElementUrl` applied to each of its elements. */
export function withElementUrls(thread: ThreadDict, rootPath: string, layer: DataLayer): ThreadDict {
  if (!thread.elements || thread.elements.length === 0) return thread;
  return { ...thread, elements: thread.elements.map((e) => withElementUrl({ ...e, threadId: e.threadId ?? thread.id }, rootPath, layer)) };
}
