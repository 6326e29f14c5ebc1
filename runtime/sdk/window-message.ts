import { currentContext } from '../context.js';

/**
 * Posts `data` to the page that embeds the app (`window.parent.postMessage`), e.g. the
 * host page of the copilot widget.
 */
export async function sendWindowMessage(data: unknown): Promise<void> {
  currentContext().emitter.sendWindowMessage(data);
}
