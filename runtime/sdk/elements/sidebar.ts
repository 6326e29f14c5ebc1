import { currentContext, throwIfCancelled } from '../../context.js';
import type { Element } from './base.js';

/**
 * The element side panel, driven from code (Chainlit's `cl.ElementSidebar`).
 *
 * @example
 * ```ts
 * await ElementSidebar.setTitle('Sources');
 * await ElementSidebar.setElements([new Text({ name: 'doc 1', content: '…' })], 'sources-v1');
 * await ElementSidebar.setElements([]); // closes the panel
 * ```
 */
export const ElementSidebar = {
  /** Opens the panel with this title. */
  async setTitle(title: string): Promise<void> {
    const ctx = currentContext();
    throwIfCancelled(ctx);
    ctx.emitter.setSidebarTitle(title);
  },

  /**
   * Shows these elements in the panel; an empty list closes it. The UI keeps an open panel
   * that already shows the same `key`, so give a new key to replace its content.
   */
  async setElements(elements: Element[], key?: string): Promise<void> {
    const ctx = currentContext();
    throwIfCancelled(ctx);
    for (const element of elements) await element.send(element.forId ?? '');
    ctx.emitter.setSidebarElements(elements.map((e) => e.toDict()), key ?? null);
  },
};
