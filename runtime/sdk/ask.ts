import { currentContext, type RuntimeContext } from '../context.js';
import { AskTimeoutError, ChainlitRtError, TaskCancelledError } from '../errors.js';
import { acceptUserMessage, textAnswer } from '../realtime/user-message.js';
import type { AskAnswer, AskSpec, ActionDict, FileRecord, StepDict } from '../wire.js';
import { Action } from './action.js';
import { MessageBase } from './message.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface AskBaseOptions {
  content: string;
  author?: string;
  /** Seconds to wait for the answer. */
  timeout?: number;
  /** Throw an AskTimeoutError on timeout instead of resolving `undefined`. */
  raiseOnTimeout?: boolean;
}

/**
 * The shared round-trip of every ask (PROTOCOL.md §2.3): the question travels only inside
 * the `ask` event, the task pauses its loading state while the user answers, and `stop`
 * cancels the wait.
 */
export abstract class AskMessage<R> extends MessageBase {
  timeout: number;
  raiseOnTimeout: boolean;

  protected constructor(options: AskBaseOptions, defaultTimeout: number) {
    super({ content: options.content, author: options.author });
    this.timeout = options.timeout ?? defaultTimeout;
    this.raiseOnTimeout = options.raiseOnTimeout ?? false;
    this.waitForAnswer = true;
  }

  protected abstract spec(): AskSpec;
  /** Makes the result from the client's answer, which it checks first: clients are not trusted. */
  protected abstract takeAnswer(ctx: RuntimeContext, answer: AskAnswer): Promise<R | undefined>;
  protected before(_ctx: RuntimeContext): void {}
  protected after(_ctx: RuntimeContext, _result: R | undefined): Promise<void> | void {}

  protected async roundTrip(): Promise<R | undefined> {
    const ctx = this.prepare();
    const { session, emitter } = ctx;
    if (session.pendingAsk) {
      throw new ChainlitRtError('CRT_BAD_PAYLOAD', 'Another ask is already waiting for the user in this session; await it before asking again.', { expose: true });
    }
    // Claimed before the first await, so two concurrent asks cannot both pass the check.
    const cancel = new AbortController();
    session.pendingAsk = { stepId: this.id, cancel: () => cancel.abort(new TaskCancelledError()) };
    const onTaskAbort = () => cancel.abort(new TaskCancelledError());
    ctx.signal.addEventListener('abort', onTaskAbort, { once: true });
    let result: R | undefined;
    try {
      await this.resolveAuthor(ctx);
      const spec = this.spec();
      this.before(ctx);
      const answer = await emitter.ask(this.toDict(), spec, cancel.signal);
      if (answer === undefined || answer === null) {
        emitter.emit('ask_timeout', {});
        if (this.raiseOnTimeout) throw new AskTimeoutError(this.timeout);
      } else {
        session.tasks.pauseForAsk();
        result = await this.takeAnswer(ctx, answer);
        emitter.emit('clear_ask', {});
      }
    } catch (err) {
      if (cancel.signal.aborted) {
        // The stopped task's own emitter is quiet by now; the prompt must still be cleared.
        session.emitter.emit('clear_ask', {});
        throw new TaskCancelledError();
      }
      throw err;
    } finally {
      ctx.signal.removeEventListener('abort', onTaskAbort);
      session.pendingAsk = null;
      if (!ctx.signal.aborted) await session.tasks.resumeAfterAsk();
    }
    session.chatContext.push(this);
    await this.after(ctx, result);
    return result;
  }
}

/**
 * Asks the user for text; resolves to the answer step (`res.output` is the text).
 *
 * @example
 * ```ts
 * const res = await new AskUserMessage({ content: 'What is your name?', timeout: 30 }).send();
 * if (res) await new Message({ content: `Hi ${res.output}` }).send();
 * ```
 */
export class AskUserMessage extends AskMessage<StepDict> {
  constructor(options: AskBaseOptions) {
    super(options, 60);
  }
  protected spec(): AskSpec {
    return { type: 'text', step_id: this.id, timeout: this.timeout };
  }
  protected async takeAnswer(ctx: RuntimeContext, answer: AskAnswer): Promise<StepDict> {
    const message = acceptUserMessage(ctx.session, textAnswer(answer));
    return message.toDict();
  }
  async send(): Promise<StepDict | undefined> {
    return this.roundTrip();
  }
}

export interface AskFileOptions extends AskBaseOptions {
  /** MIME globs (`['image/*']`) or a map of MIME glob to extensions (`{'text/plain': ['.txt']}`). */
  accept: string[] | Record<string, string[]>;
  /** Largest file in MB (default 2). */
  maxSizeMb?: number;
  /** How many files (default 1, at most 10). */
  maxFiles?: number;
}

/** An uploaded answer to an AskFileMessage. */
export type AskFileResponse = FileRecord;

/** Asks the user for files; resolves to `[{ id, name, path, size, type }]`. */
export class AskFileMessage extends AskMessage<AskFileResponse[]> {
  accept: string[] | Record<string, string[]>;
  maxSizeMb: number;
  maxFiles: number;

  constructor(options: AskFileOptions) {
    super(options, 90);
    this.accept = options.accept;
    this.maxSizeMb = options.maxSizeMb ?? 2;
    this.maxFiles = Math.min(10, Math.max(1, options.maxFiles ?? 1));
  }
  protected spec(): Extract<AskSpec, { type: 'file' }> {
    return { type: 'file', step_id: this.id, timeout: this.timeout, accept: this.accept, max_size_mb: this.maxSizeMb, max_files: this.maxFiles };
  }
  protected override before(ctx: RuntimeContext): void {
    ctx.session.fileSpecs.set(this.specKey(), this.spec());
    ctx.session.fileSpecUploads.set(this.specKey(), 0);
  }
  /** Uploads name the ask by its message's parentId (PROTOCOL.md §4.7). */
  private specKey(): string {
    return String(this.parentId);
  }
  private forget(ctx: RuntimeContext): void {
    ctx.session.fileSpecs.delete(this.specKey());
    ctx.session.fileSpecUploads.delete(this.specKey());
  }
  protected async takeAnswer(ctx: RuntimeContext, answer: AskAnswer): Promise<AskFileResponse[]> {
    // Entries that are not `{id}` of a file of this session are skipped.
    const ids = Array.isArray(answer) ? answer.map((a: unknown) => (isRecord(a) ? a.id : undefined)).filter((id): id is string => typeof id === 'string') : [];
    const files = ids.map((id) => ctx.session.files.get(id)).filter((f): f is FileRecord => f !== undefined).slice(0, this.maxFiles);
    ctx.session.runtime.firstInteraction(ctx.session, files.map((f) => f.name).join(','));
    return files;
  }
  async send(): Promise<AskFileResponse[] | undefined> {
    try {
      return await this.roundTrip();
    } finally {
      this.forget(this.context());
    }
  }
}

export interface AskActionOptions extends AskBaseOptions {
  actions: Action[];
}

/** Shows buttons and waits for a click; resolves to the clicked action (`res.name`, `res.payload`). */
export class AskActionMessage extends AskMessage<ActionDict> {
  constructor(options: AskActionOptions) {
    super(options, 90);
    this.actions = options.actions;
  }
  protected spec(): AskSpec {
    return { type: 'action', step_id: this.id, timeout: this.timeout, keys: this.actions.map((a) => a.id) };
  }
  protected override before(ctx: RuntimeContext): void {
    for (const action of this.actions) action.sendFor(this.id, ctx);
  }
  protected async takeAnswer(ctx: RuntimeContext, answer: AskAnswer): Promise<ActionDict | undefined> {
    // Only the id of the answer counts: the action itself is the one this ask offered.
    const id: unknown = isRecord(answer) ? answer.id : undefined;
    const picked = this.actions.find((a) => a.id === id);
    if (!picked) return undefined;
    ctx.session.runtime.firstInteraction(ctx.session, picked.name);
    return picked.toDict();
  }
  protected override async after(ctx: RuntimeContext, result: ActionDict | undefined): Promise<void> {
    for (const action of this.actions) ctx.emitter.removeAction({ id: action.id });
    this.content = result ? `**Selected:** ${result.label || result.name}` : 'Timed out: no action was taken';
    await this.update();
  }
  async send(): Promise<ActionDict | undefined> {
    return this.roundTrip();
  }
}
