import { currentContext, throwIfCancelled } from '../context.js';
import { TaskCancelledError } from '../errors.js';

export interface CopilotFunctionOptions {
  name: string;
  args?: Record<string, unknown>;
  /** Seconds to wait for the host page's answer (default 300). */
  timeout?: number;
}

/**
 * Calls a function of the page that embeds the copilot widget (Chainlit's
 * `cl.CopilotFunction`). The page receives a `chainlit-call-fn` event and answers through
 * its callback; `acall()` resolves to that answer, or `undefined` on timeout.
 *
 * @example
 * ```ts
 * const color = await new CopilotFunction({ name: 'get_theme_color', args: {} }).acall();
 * ```
 */
export class CopilotFunction {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly timeout: number;

  constructor(options: CopilotFunctionOptions) {
    this.name = options.name;
    this.args = options.args ?? {};
    this.timeout = options.timeout ?? 300;
  }

  async acall(): Promise<unknown> {
    const ctx = currentContext();
    throwIfCancelled(ctx);
    try {
      const answer = await ctx.emitter.emitWithAck('call_fn', { name: this.name, args: this.args }, this.timeout, ctx.signal);
      if (answer === undefined) {
        ctx.emitter.emit('call_fn_timeout', {});
        return undefined;
      }
      ctx.emitter.emit('clear_call_fn', {});
      return answer;
    } catch (err) {
      if (ctx.signal.aborted) {
        // The stopped task's own emitter is quiet by now; the client must still drop the call.
        ctx.session.emitter.emit('clear_call_fn', {});
        throw new TaskCancelledError();
      }
      throw err;
    }
  }
}
