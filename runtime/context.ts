import { AsyncLocalStorage } from 'node:async_hooks';
import { ChainlitRtError, TaskCancelledError } from './errors.js';
import type { Session } from './session/session.js';
import type { SessionOutput } from './session/output.js';
import type { Task } from './session/tasks.js';
import type { Step } from './sdk/step.js';

/**
 * What SDK calls find implicitly, as in Chainlit: the session, its emitter, the step that
 * new steps nest under, and the signal of the running task (set when `stop` cancels it).
 */
export interface RuntimeContext {
  readonly session: Session;
  readonly emitter: SessionOutput;
  /** The innermost running `Step.run` / `step()` step: new steps nest under it (Chainlit's `current_step`). */
  readonly currentStep: Step | null;
  readonly signal: AbortSignal;
}

const storage = new AsyncLocalStorage<RuntimeContext>();

/**
 * The context of work done for a session: a task's context carries the task's signal and an
 * emitter that goes quiet when the task is stopped; without a task (chat end, the stop
 * message itself) the session's own emitter and a signal that never aborts.
 */
export function contextFor(session: Session, task?: Task): RuntimeContext {
  if (!task) return { session, emitter: session.emitter, currentStep: null, signal: NEVER };
  return { session, emitter: session.emitter.forTask(task.signal), currentStep: null, signal: task.signal };
}

const NEVER = new AbortController().signal;

export function runInContext<T>(ctx: RuntimeContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function maybeContext(): RuntimeContext | undefined {
  return storage.getStore();
}

export function currentContext(): RuntimeContext {
  const ctx = storage.getStore();
  if (!ctx) {
    throw new ChainlitRtError(
      'CRT_NO_CONTEXT',
      'No chat context: SDK calls such as Message.send() must run inside a hook or action of a session (or code called from one).',
      { expose: true },
    );
  }
  return ctx;
}

/** Runs `fn` with `step` as the parent of steps created inside it. */
export function withCurrentStep<T>(step: Step, fn: () => T): T {
  const ctx = currentContext();
  return storage.run({ ...ctx, currentStep: step }, fn);
}

/** Throws when the surrounding task was stopped, so a stopped task sends nothing more. */
export function throwIfCancelled(ctx: RuntimeContext | undefined = maybeContext()): void {
  if (ctx?.signal.aborted) throw new TaskCancelledError();
}
