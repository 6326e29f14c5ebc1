import { existsSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WatchOptions {
  /**
   * The files and folders to watch: the manifest, every plugin's inputs
   * (`registry.files()`), the public/ folder. Asked again after each onChange, so files a
   * reload added or dropped are followed.
   */
  files: () => string[];
  /** Called with the changed paths once a burst of changes has settled. A returned promise is awaited before the next call. */
  onChange: (changed: string[]) => void | Promise<void>;
  /** Quiet time before onChange fires, in ms (default 150). */
  debounceMs?: number;
  /** Called when onChange throws or rejects (the watcher keeps going). */
  onError?: (err: unknown) => void;
}

export interface AppWatcher {
  /** Resolves once the initial scan is done and changes are being reported. */
  readonly ready: Promise<void>;
  /** Re-reads `files()` now (e.g. after a reload triggered elsewhere). */
  refresh(): void;
  close(): Promise<void>;
}

// Editors' temp files and our own build output would otherwise trigger reload loops.
const IGNORED = /(^|[\\/])(node_modules|\.git|\.chainlit-rt)([\\/]|$)|(~|\.swp|\.tmp)$/;

/**
 * Dev hot reload: watches the app's sources and calls onChange once per burst of changes
 * (editors often write a file several times for one save). Calls never overlap: changes
 * arriving while onChange runs are delivered in the next call.
 */
export function watchApp(opts: WatchOptions): AppWatcher {
  const debounceMs = opts.debounceMs ?? 150;
  let watched = new Set(opts.files().map((f) => path.resolve(f)));
  // Chokidar may say `ready` before it watches the paths listed after one that does not
  // exist (an app without public/): those that exist are watched first, the others (to see
  // them appear) once it is ready.
  const missing = [...watched].filter((f) => !existsSync(f));
  const watcher: FSWatcher = watch([...watched].filter((f) => !missing.includes(f)), { ignoreInitial: true, ignored: IGNORED });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const refresh = (): void => {
    if (closed) return;
    const next = new Set(opts.files().map((f) => path.resolve(f)));
    const added = [...next].filter((f) => !watched.has(f));
    const removed = [...watched].filter((f) => !next.has(f));
    if (added.length > 0) watcher.add(added);
    if (removed.length > 0) watcher.unwatch(removed);
    watched = next;
  };

  const flush = async (): Promise<void> => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    if (running) {
      // Deliver after the current call; it re-arms the timer when done.
      return;
    }
    const changed = [...pending].sort();
    pending.clear();
    running = (async () => {
      try {
        await opts.onChange(changed);
      } catch (err) {
        opts.onError?.(err);
      } finally {
        running = undefined;
        refresh();
        if (pending.size > 0 && !closed) schedule();
      }
    })();
    await running;
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };

  const onEvent = (file: string): void => {
    if (closed) return;
    pending.add(path.resolve(file));
    schedule();
  };
  watcher.on('add', onEvent).on('change', onEvent).on('unlink', onEvent);

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => {
    if (missing.length > 0 && !closed) watcher.add(missing);
    resolve();
  }));

  return {
    ready,
    refresh,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
