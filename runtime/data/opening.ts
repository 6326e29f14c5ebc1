import { DATA_LAYER_METHODS, type DataLayer } from './types.js';

export interface OpeningLayer {
  /** Usable at once: every call waits until the real layer is open. */
  readonly layer: DataLayer;
  /** Resolves once the real layer is open (and migrated); rejects when it cannot open. */
  readonly ready: Promise<void>;
}

/**
 * A data layer that opens in the background: the server listens (and answers `/health`)
 * while the database driver loads and the schema is checked, which takes a few hundred
 * milliseconds. Calls made meanwhile wait for it; `App.start()` waits for it too, so a
 * database that cannot be opened still fails the start.
 */
export function openInBackground(open: () => Promise<DataLayer>): OpeningLayer {
  let real: DataLayer | undefined;
  const opened = open().then((layer) => (real = layer));
  const ready = opened.then(() => undefined);
  // A failure is reported by whoever awaits `ready` (the start); calls made meanwhile reject with it too.
  ready.catch(() => undefined);
  const layer = {} as Record<string, unknown>;
  for (const method of DATA_LAYER_METHODS) {
    layer[method] = async (...args: unknown[]) => {
      const target = real ?? (await opened);
      return (target[method] as (...a: unknown[]) => unknown).apply(target, args);
    };
  }
  const proxy = layer as unknown as DataLayer;
  proxy.readElementContent = async (element) => {
    const target = real ?? (await opened);
    return target.readElementContent ? target.readElementContent(element) : null;
  };
  proxy.getFeedback = async (feedbackId) => {
    const target = real ?? (await opened);
    return target.getFeedback ? target.getFeedback(feedbackId) : null;
  };
  proxy.isTransientError = (err) => real?.isTransientError?.(err) ?? true;
  return { layer: proxy, ready };
}
