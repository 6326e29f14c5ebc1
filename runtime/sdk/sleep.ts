import { maybeContext } from '../context.js';
import { TaskCancelledError } from '../errors.js';

/**
 * Waits `seconds` (Chainlit's `cl.sleep`). Inside a task that gets stopped it rejects at
 * once, so a stopped handler does not go on.
 */
export function sleep(seconds: number): Promise<void> {
  const signal = maybeContext()?.signal;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TaskCancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, seconds * 1000));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new TaskCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
