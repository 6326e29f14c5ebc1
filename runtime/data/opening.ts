import { DATA_LAYER_METHODS, type DataLayer } from './types.js';

export interface OpeningLayer {
  /** Usable at once: every call waits until the real layer is open. */
  readonly layer: DataLayer;
  /** Resolves once the real layer is open (and migrated); rejects when it cannot open. */
  readonly ready: Promise<void>;
  /** Starts opening (idempotent); the first call on `layer` starts it too. */
  begin(): void;
}

/**
 * A data layer that opens in the background: the server listens (and answers `/health`)
 * while the database driver loads and the schema is checked, which takes a few hundred
 * milliseconds. `App.start()` begins it once the server listens, so loading the driver
 * does not delay the listening; calls made meanwhile wait for it; `App.start()` waits for
 * it too, so a database that cannot be opened still fails the start.
 */
export function openInBackground(open: () => Promise<DataLayer>): OpeningLayer {
  let real: DataLayer | undefined;
  let begin!: () => void;
  const started = new Promise<void>((resolve) => (begin = resolve));
  const opened = started.then(open).then((layer) => (real = layer));
  const ready = opened.then(() => undefined);
  // A failure is reported by whoever awaits `ready` (the start); calls made meanwhile reject with it too.
  ready.catch(() => undefined);
  const layer = {} as Record<string, unknown>;
  for (const method of DATA_LAYER_METHODS) {
    layer[method] = async (...args: unknown[]) => {
      begin();
      const target = real ?? (await opened);
      return (target[method] as (...a: unknown[]) => unknown).apply(target, args);
    };
  }
  const proxy = layer as unknown as DataLayer;
  proxy.readElementContent = async (element) => {
    begin();
    const target = real ?? (await opened);
    return target.readElementContent ? target.readElementContent(element) : null;
  };
  proxy.getFeedback = async (feedbackId) => {
    begin();
    const target = real ?? (await opened);
    return target.getFeedback ? target.getFeedback(feedbackId) : null;
  };
  proxy.isTransientError = (err) => real?.isTransientError?.(err) ?? true;
  return { layer: proxy, ready, begin };
}
