import { maybeContext, type RuntimeContext } from '../context.js';
import { Step } from '../sdk/step.js';
import { utcNow } from '../wire.js';
import { isCancel } from './context.js';
import { CallTimer, errorText, newGeneration, plain, type ChatGeneration } from './generation.js';

/**
 * The parts of the `openai` client this module touches, described structurally so that
 * chainlit-rt's published types need no `openai` package.
 */
export interface OpenAIClientLike {
  chat: { completions: { create(...args: never[]): unknown } };
}

type CreateFn = (this: unknown, body: unknown, options?: unknown) => unknown;

interface ChatBody {
  model?: string;
  messages?: unknown[];
  tools?: unknown[];
  stream?: boolean;
  [key: string]: unknown;
}

interface Usage { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }

interface ToolCallDelta { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }

interface ChatCompletion {
  model?: string;
  choices?: Array<{ message?: Record<string, unknown> & { content?: string | null; tool_calls?: unknown[] } }>;
  usage?: Usage | null;
}

interface ChatChunk {
  model?: string;
  choices?: Array<{ delta?: { content?: string | null; role?: string; tool_calls?: ToolCallDelta[] } }>;
  usage?: Usage | null;
}

/** What `_thenUnwrap` and `asResponse` look like on openai's APIPromise (v4 and later). */
interface ApiPromiseLike<T> extends PromiseLike<T> {
  _thenUnwrap?<U>(transform: (data: T) => U): PromiseLike<U>;
  asResponse?(): Promise<unknown>;
}

interface StreamLike {
  iterator?: () => AsyncIterator<ChatChunk>;
}

const WRAPPED = Symbol.for('chainlit-rt.instrumented');

/** One chat completion call seen as an `llm` step. */
class LlmCall {
  private readonly step: Step;
  private readonly sent: Promise<unknown>;
  private readonly generation: ChatGeneration;
  private readonly timer = new CallTimer();
  private done = false;
  private streamedChunks = 0;

  constructor(private readonly ctx: RuntimeContext, body: ChatBody) {
    const { messages, tools, functions: _functions, ...settings } = body;
    this.generation = newGeneration({
      provider: 'openai',
      model: body.model ?? null,
      messages: plain((messages ?? []) as Array<Record<string, unknown>>),
      settings: plain(settings),
      tools: tools ? plain(tools) : null,
    });
    this.step = new Step({ name: body.model ?? 'openai', type: 'llm', input: this.generation.messages });
    this.step.generation = this.generation as unknown as Record<string, unknown>;
    this.sent = this.step.send().catch(() => undefined);
  }

  /** Completes the step; failures to report (a stopped task, a closed session) are not the caller's. */
  private async finish(completion: Record<string, unknown> | null, usage: Usage | null | undefined, error?: unknown): Promise<void> {
    if (this.done) return;
    this.done = true;
    const g = this.generation;
    g.messageCompletion = completion;
    this.timer.finish(g, {
      input: usage?.prompt_tokens ?? null,
      // Without usage (a stream without `stream_options.include_usage`), each chunk counts as a token.
      output: usage?.completion_tokens ?? (this.streamedChunks || null),
      total: usage?.total_tokens ?? null,
    });
    if (error !== undefined) {
      g.error = errorText(error);
      this.step.isError = true;
      this.step.output = g.error;
    } else {
      const content = completion?.content;
      const calls = completion?.tool_calls;
      if (typeof content === 'string' && content !== '') this.step.output = content;
      else if (Array.isArray(calls) && calls.length > 0) this.step.setOutput(calls);
    }
    this.step.end = utcNow();
    try {
      await this.sent;
      await this.step.update();
    } catch (err) {
      if (!isCancel(err)) this.ctx.session.runtime.logger.warn({ err }, 'instrumentOpenAI: could not update the llm step');
    }
  }

  completed(data: ChatCompletion): void {
    if (data.model) this.generation.model = data.model;
    const message = data.choices?.[0]?.message ?? null;
    void this.finish(message ? plain(message) : null, data.usage);
  }

  failed(err: unknown): void {
    void this.finish(null, null, err);
  }

  /** Follows a stream as its consumer reads it: the step completes when the stream ends. */
  follow(stream: StreamLike): void {
    const original = stream.iterator;
    if (typeof original !== 'function') return;
    let content = '';
    let usage: Usage | null = null;
    let role = 'assistant';
    const calls: Array<{ id?: string; type: string; function: { name: string; arguments: string } }> = [];
    const completion = (): Record<string, unknown> => {
      const out: Record<string, unknown> = { role, content: content || null };
      if (calls.length > 0) out.tool_calls = calls.filter(Boolean);
      return out;
    };
    const absorb = (chunk: ChatChunk) => {
      if (chunk.model) this.generation.model = chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const delta = chunk.choices?.[0]?.delta;
      if (!delta) return;
      if (delta.role) role = delta.role;
      let counted = false;
      if (delta.content) {
        content += delta.content;
        counted = true;
      }
      for (const d of delta.tool_calls ?? []) {
        const at = d.index ?? 0;
        const call = (calls[at] ??= { type: 'function', function: { name: '', arguments: '' } });
        if (d.id) call.id = d.id;
        if (d.type) call.type = d.type;
        if (d.function?.name) call.function.name += d.function.name;
        if (d.function?.arguments) call.function.arguments += d.function.arguments;
        counted = true;
      }
      if (counted) {
        this.timer.token();
        this.streamedChunks++;
      }
    };
    // The iterator is what `for await`, `tee()` and `toReadableStream()` all read through.
    stream.iterator = () => {
      const it = original.call(stream);
      return {
        next: async () => {
          try {
            const r = await it.next();
            if (r.done) void this.finish(completion(), usage);
            else absorb(r.value);
            return r;
          } catch (err) {
            this.failed(err);
            throw err;
          }
        },
        return: async (value?: unknown) => {
          // The consumer left early (break): what it read is the completion.
          void this.finish(completion(), usage);
          return it.return ? it.return(value) : { done: true as const, value: undefined };
        },
        throw: async (err?: unknown) => {
          this.failed(err);
          if (it.throw) return it.throw(err);
          throw err;
        },
      } as AsyncIterator<ChatChunk>;
    };
  }
}

function wrapCreate(original: CreateFn): CreateFn {
  if ((original as unknown as Record<symbol, unknown>)[WRAPPED]) return original;
  const wrapped: CreateFn = function (this: unknown, body: unknown, options?: unknown) {
    const ctx = maybeContext();
    // Outside a chat, or for a call we do not understand: the client as it was.
    if (!ctx || typeof body !== 'object' || body === null) return original.call(this, body, options);
    // Stop cancels the request too, unless the caller brought its own signal.
    const opts = typeof options === 'object' && options !== null && 'signal' in options ? options : { ...(options as object | undefined), signal: ctx.signal };
    const call = new LlmCall(ctx, body as ChatBody);
    let result: ApiPromiseLike<unknown>;
    try {
      result = original.call(this, body, opts) as ApiPromiseLike<unknown>;
    } catch (err) {
      call.failed(err);
      throw err;
    }
    const stream = (body as ChatBody).stream === true;
    const onData = (data: unknown) => {
      if (stream) call.follow(data as StreamLike);
      else call.completed(data as ChatCompletion);
      return data;
    };
    if (typeof result?._thenUnwrap === 'function' && typeof result.asResponse === 'function') {
      // Keep openai's APIPromise (withResponse(), asResponse()): observe, don't replace.
      result.asResponse().catch((err: unknown) => call.failed(err));
      return result._thenUnwrap(onData);
    }
    return Promise.resolve(result).then(onData, (err: unknown) => {
      call.failed(err);
      throw err;
    });
  };
  Object.defineProperty(wrapped, WRAPPED, { value: true });
  return wrapped;
}

/**
 * Instruments the `openai` client (Chainlit's `instrument_openai`): every chat completion
 * made inside a chainlit-rt hook becomes an `llm` step carrying the generation — model,
 * messages, settings, tools, the completion, token counts, duration, time to first token,
 * tokens per second — streamed or not; a failed call marks its step as an error. A stop
 * aborts the request (unless the call passes its own `signal`). Outside a chat the client
 * behaves exactly as before.
 *
 * With a client, that client is instrumented at once (awaiting is optional). Without one,
 * every client made from the `openai` package chainlit-rt resolves is instrumented — those
 * inside LangChain's `ChatOpenAI` or LlamaIndex's `OpenAI` too, which their own handlers
 * already show: instrument the client you call yourself instead. The promise resolves to
 * a function that removes the instrumentation.
 *
 * @example
 * ```ts
 * const openai = new OpenAI();
 * instrumentOpenAI(openai);
 * ```
 */
export async function instrumentOpenAI(client?: OpenAIClientLike): Promise<() => void> {
  if (client) return patch(client.chat.completions as unknown as { create: CreateFn });
  const mod = (await import('openai')) as unknown as { OpenAI: { Chat: { Completions: { prototype: { create: CreateFn } } } } };
  return patch(mod.OpenAI.Chat.Completions.prototype);
}

/** Wraps `target.create`; the returned function puts the original back (if nobody wrapped it since). */
function patch(target: { create: CreateFn }): () => void {
  const own = Object.prototype.hasOwnProperty.call(target, 'create');
  const original = target.create;
  const wrapped = wrapCreate(original);
  if (wrapped === original) return () => undefined; // already instrumented
  target.create = wrapped;
  return () => {
    if (target.create !== wrapped) return;
    if (own) target.create = original;
    else delete (target as { create?: CreateFn }).create;
  };
}
