import { randomUUID } from 'node:crypto';
import { currentContext, maybeContext, throwIfCancelled, type RuntimeContext } from '../context.js';
import { utcNow, type StepDict } from '../wire.js';

const RESOLVED = Promise.resolve();

export interface StreamOptions {
  /** Replace the whole content with this token instead of appending it. */
  isSequence?: boolean;
  /** Stream into the step's input instead of its output (steps only). */
  isInput?: boolean;
}

/**
 * What messages and steps share: identity, placement in the tree, and streaming. The
 * session is captured when the object is created (or first sent), so an object created
 * in a hook can still be updated from a callback later.
 */
export abstract class StepBase {
  id: string;
  parentId: string | null;
  threadId = '';
  createdAt: string | null = null;
  metadata: Record<string, unknown>;
  tags: string[] | null;
  language: string | null;
  protected streaming = false;
  protected sent = false;
  protected ctx: RuntimeContext | undefined;
  /** What each token of the open stream needs to know about this step (set at stream start). */
  private streamHead: { id: string; type: StepDict['type']; name: string; toDict(): StepDict } | undefined;

  protected constructor(options: { id?: string; parentId?: string | null; metadata?: Record<string, unknown>; tags?: string[]; language?: string }) {
    this.id = options.id ?? randomUUID();
    this.ctx = maybeContext();
    this.parentId = options.parentId !== undefined ? options.parentId : (this.ctx?.currentStep?.id ?? null);
    this.metadata = options.metadata ?? {};
    this.tags = options.tags ?? null;
    this.language = options.language ?? null;
  }

  abstract toDict(): StepDict;

  /** The context of the caller when there is one (it carries the task's stop signal). */
  protected context(): RuntimeContext {
    const live = maybeContext();
    if (live && (!this.ctx || live.session === this.ctx.session)) {
      this.ctx = live;
      return live;
    }
    if (this.ctx) return this.ctx;
    this.ctx = currentContext();
    return this.ctx;
  }

  protected prepare(): RuntimeContext {
    const ctx = this.context();
    throwIfCancelled(ctx);
    this.threadId = ctx.session.threadId;
    this.createdAt ??= utcNow();
    return ctx;
  }

  protected abstract appendToken(token: string, options: StreamOptions): void;

  /**
   * Streams a token to the client; the first token opens the stream (`stream_start`).
   * After that, each token is one synchronous emit: this is the hottest path of the runtime.
   */
  streamToken(token: string, options: StreamOptions = {}): Promise<void> {
    if (!this.streaming) return this.openStream(token, options);
    try {
      const ctx = this.context();
      throwIfCancelled(ctx);
      this.appendToken(token, options);
      ctx.emitter.streamToken(this.streamHead!, token, options.isSequence ?? false, options.isInput ?? false);
      return RESOLVED;
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Work before the first token goes out (a message resolves its author, a step its start). */
  protected async beforeStream(_ctx: RuntimeContext): Promise<void> {}

  private async openStream(token: string, options: StreamOptions): Promise<void> {
    const ctx = this.prepare();
    await this.beforeStream(ctx);
    throwIfCancelled(ctx);
    this.appendToken(token, options);
    this.streaming = true;
    const dict = this.toDict();
    this.streamHead = { id: this.id, type: dict.type, name: dict.name, toDict: () => this.toDict() };
    ctx.emitter.streamStart(dict);
  }

  protected emitSend(): void {
    const ctx = this.prepare();
    // The final send also closes a stream: clients replace the node with this full payload.
    this.streaming = false;
    this.sent = true;
    ctx.emitter.sendStep(this.toDict());
  }

  /** Sends the complete current state (clients replace the node). */
  async update(): Promise<this> {
    const ctx = this.prepare();
    this.streaming = false;
    ctx.emitter.updateStep(this.toDict());
    return this;
  }

  async remove(): Promise<this> {
    const ctx = this.context();
    throwIfCancelled(ctx);
    ctx.emitter.deleteStep({ id: this.id });
    return this;
  }
}
