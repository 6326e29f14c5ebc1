/**
 * The per-session task model: every piece of work a session runs (chat start, a turn, an
 * action callback, a settings hook, …) is a Task in one set, so `stop`, `clear_session` and
 * the session's end can abort all of them, and the client's loading state follows the set.
 *
 * Ordering rules:
 * - Nothing gated runs before the chat has started (`onChatStart` finished or failed).
 * - Turns (messages, edits) run one after another in arrival order.
 * - Side work (actions, settings, window messages, audio) runs as soon as the gate is open,
 *   beside a running turn.
 *
 * A task that is aborted is retired at once: it leaves the set, the next turn may start and
 * `task_end` goes out if nothing else runs. Its code may still be unwinding (a plugin that
 * ignores the signal), but everything it sends afterwards is dropped by its emitter.
 */

/** How the client learns that work is running (Chainlit's boolean `task_start`/`task_end`). */
export interface TaskSignals {
  taskStart(): void;
  taskEnd(): void;
  /**
   * Resolves once what the client was sent so far would survive this process. Work waits
   * for it before it begins, so an instance that dies while a handler runs always leaves
   * behind that work was running (and the answer is marked interrupted by a takeover).
   */
  persisted(): Promise<void>;
}

export type TaskKind = 'start' | 'turn' | 'side';

export interface TaskOptions {
  kind: TaskKind;
  /** Counts for the client's loading state (task_start / task_end). */
  visible: boolean;
}

export interface Task {
  readonly kind: TaskKind;
  readonly signal: AbortSignal;
  abort(): void;
}

interface Entry extends Task {
  readonly controller: AbortController;
  readonly visible: boolean;
  /** Resolves when the work finished or the task was aborted, whichever comes first. */
  readonly settled: Promise<void>;
  retired: boolean;
}

function abortPromise(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export class SessionTasks {
  private readonly entries = new Set<Entry>();
  private visibleCount = 0;
  /** Settles when the last queued turn has settled. */
  private lastTurn: Promise<void> = Promise.resolve();
  private gateOpen: boolean;
  private openWaiters: Array<() => void> = [];

  constructor(
    private readonly signals: TaskSignals,
    options: { started: boolean },
  ) {
    this.gateOpen = options.started;
  }

  /** Whether any visible task is running or queued (the client shows its stop button). */
  get running(): boolean {
    return this.visibleCount > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The chat has started (onChatStart finished, failed or was stopped): gated work may run. */
  open(): void {
    if (this.gateOpen) return;
    this.gateOpen = true;
    for (const wake of this.openWaiters.splice(0)) wake();
  }

  get isOpen(): boolean {
    return this.gateOpen;
  }

  private gate(): Promise<void> {
    if (this.gateOpen) return Promise.resolve();
    return new Promise((resolve) => this.openWaiters.push(resolve));
  }

  /**
   * Runs `work` as a task of this session and resolves to its result, or to `undefined` as
   * soon as the task is aborted (the work may still be unwinding then; a throw after the
   * abort is ignored). `skipped` runs instead of `work` when the task was aborted before its
   * turn came. A throw of `work` before any abort rejects.
   */
  run<T>(options: TaskOptions, work: (task: Task) => Promise<T>, skipped?: () => void): Promise<T | undefined> {
    const controller = new AbortController();
    const aborted = abortPromise(controller.signal);
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const entry: Entry = {
      kind: options.kind,
      controller,
      signal: controller.signal,
      visible: options.visible,
      settled: Promise.race([done, aborted]),
      retired: false,
      abort: () => controller.abort(),
    };
    this.entries.add(entry);
    if (entry.visible && this.visibleCount++ === 0) this.signals.taskStart();
    controller.signal.addEventListener('abort', () => this.retire(entry), { once: true });

    const previous = options.kind === 'turn' ? this.lastTurn : Promise.resolve();
    if (options.kind === 'turn') this.lastTurn = entry.settled;
    const ready = options.kind === 'start' ? Promise.resolve() : Promise.all([this.gate(), previous]);

    const execute = async (): Promise<T | undefined> => {
      await Promise.race([ready, aborted]);
      if (entry.visible && !controller.signal.aborted) await Promise.race([this.signals.persisted(), aborted]);
      if (controller.signal.aborted) {
        skipped?.();
        return undefined;
      }
      return await work(entry);
    };
    const result = execute().finally(() => {
      this.retire(entry);
      finish();
    });
    return Promise.race([result, aborted.then(() => undefined)]);
  }

  private retire(entry: Entry): void {
    if (entry.retired) return;
    entry.retired = true;
    this.entries.delete(entry);
    if (entry.visible && --this.visibleCount === 0) this.signals.taskEnd();
  }

  /** Aborts every task, running and queued; returns how many there were. */
  abortAll(): number {
    const all = [...this.entries];
    for (const entry of all) entry.controller.abort();
    return all.length;
  }

  /**
   * Aborts every turn, running and queued. An edit does this: turns answer messages in
   * arrival order, so each of them answers the edited message or one after it, and those
   * are removed by the edit.
   */
  abortTurns(): void {
    for (const entry of [...this.entries]) if (entry.kind === 'turn') entry.controller.abort();
  }

  /** An ask waits for the user: the client must see "not running" so it can answer. */
  pauseForAsk(): void {
    this.signals.taskEnd();
  }

  /** The ask was answered: show running again if anything still runs. */
  resumeAfterAsk(): Promise<void> {
    if (this.visibleCount === 0) return Promise.resolve();
    this.signals.taskStart();
    return this.signals.persisted();
  }
}
