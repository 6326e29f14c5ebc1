import { maybeContext, runInContext, type RuntimeContext } from '../context.js';
import { TaskCancelledError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The chat an integration reports to. LLM libraries call their callbacks from wherever the
 * work runs (a queue, a timer, a stream consumer), so the context of the caller is captured
 * when the integration is created and restored when a callback finds none.
 */
export class ChatBinding {
  private readonly captured: RuntimeContext | undefined;

  constructor() {
    this.captured = maybeContext();
  }

  /** The live context when there is one (it knows the current step), else the captured one. */
  current(): RuntimeContext | undefined {
    const live = maybeContext();
    if (live && (!this.captured || live.session === this.captured.session)) return live;
    return this.captured;
  }

  /** Runs `fn` in the chat's context; undefined (and `fn` not run) outside any chat. */
  run<T>(fn: (ctx: RuntimeContext) => T): T | undefined {
    const ctx = this.current();
    if (!ctx) return undefined;
    return maybeContext() === ctx ? fn(ctx) : runInContext(ctx, () => fn(ctx));
  }

  logger(): Logger | undefined {
    return this.current()?.session.runtime.logger;
  }
}

/** A stop is the only failure of ours an LLM library should see: it ends the user's run. */
export function isCancel(err: unknown): boolean {
  return err instanceof TaskCancelledError;
}
