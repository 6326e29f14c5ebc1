import { maybeContext, runInContext, type RuntimeContext } from '../context.js';
import { Text } from '../sdk/elements/text.js';
import { Step } from '../sdk/step.js';
import { utcNow } from '../wire.js';
import { isCancel } from './context.js';
import { CallTimer, errorText, newGeneration, plain, type ChatGeneration } from './generation.js';

/** An event of LlamaIndex.TS's callback manager: `detail` is the payload, `reason.caller` who sent it. */
export interface LlamaIndexEventLike {
  detail: unknown;
  reason?: { caller?: unknown } | null;
}

/**
 * LlamaIndex.TS's `CallbackManager` (`Settings.callbackManager` of `@llamaindex/core/global`),
 * structurally, so chainlit-rt needs no LlamaIndex package.
 */
export interface LlamaIndexCallbackManagerLike {
  on(event: string, handler: (event: LlamaIndexEventLike) => void): unknown;
  off(event: string, handler: (event: LlamaIndexEventLike) => void): unknown;
}

interface LiMessage { role?: string; content?: unknown; options?: { toolCall?: unknown } | null }
interface LiNode { node?: { text?: string; getContent?(mode?: unknown): string; metadata?: Record<string, unknown>; id_?: string }; score?: number }
interface LiToolCall { id?: string; name?: string; input?: unknown }
interface Usage { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }

interface Call {
  step: Step;
  sent: Promise<unknown>;
  generation?: ChatGeneration;
  timer?: CallTimer;
  chunks: number;
}

/** Text of a LlamaIndex message content: a string, or parts of which the text ones count. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'object' && p !== null && (p as { type?: string }).type === 'text' ? String((p as { text?: unknown }).text ?? '') : '')).join('');
  if (typeof content === 'object' && content !== null && 'query' in content) return textOf((content as { query: unknown }).query);
  return content === undefined || content === null ? '' : String(content);
}

function nodeText(n: LiNode): string {
  return n.node?.text ?? n.node?.getContent?.() ?? '';
}

/** The OpenAI-style usage in a response's `raw` (the completion, or the chunks of a stream). */
function usageOf(raw: unknown): Usage | null {
  if (Array.isArray(raw)) {
    for (let i = raw.length - 1; i >= 0; i--) {
      const u = usageOf((raw[i] as { raw?: unknown } | undefined)?.raw ?? raw[i]);
      if (u) return u;
    }
    return null;
  }
  const usage = (raw as { usage?: Usage } | null)?.usage;
  return usage && typeof usage === 'object' ? usage : null;
}

/** What an LLM says about itself: model and sampling settings (LlamaIndex's `LLMMetadata`). */
function callerInfo(reason: LlamaIndexEventLike['reason']): { provider: string; model: string | null; settings: Record<string, unknown> } {
  const caller = reason?.caller as { metadata?: Record<string, unknown>; constructor?: { name?: string } } | undefined;
  const meta = caller?.metadata ?? {};
  const settings: Record<string, unknown> = {};
  for (const key of ['temperature', 'topP', 'maxTokens', 'contextWindow']) if (meta[key] !== undefined && meta[key] !== null) settings[key] = meta[key];
  const name = caller?.constructor?.name;
  return { provider: name && name !== 'Object' ? name : 'llamaindex', model: typeof meta.model === 'string' ? meta.model : null, settings };
}

/**
 * Follows LlamaIndex.TS events for the chats they happen in: each event is handled in the
 * context of the code that caused it (LlamaIndex dispatches in a microtask of the caller),
 * in order, one after the other, so a start is always sent before its end.
 */
class LlamaIndexTracer {
  private readonly calls = new Map<string, Call>();
  private queue: Promise<void> = Promise.resolve();

  handle(kind: string, event: LlamaIndexEventLike): void {
    const ctx = maybeContext();
    if (!ctx) return; // not a chat's work
    this.queue = this.queue.then(() => runInContext(ctx, () => this.dispatch(kind, event, ctx))).catch((err: unknown) => {
      if (!isCancel(err)) ctx.session.runtime.logger.warn({ err, event: kind }, 'LlamaIndex instrumentation failed; the run goes on');
    });
  }

  private open(id: string, step: Step, extra: Partial<Call> = {}): void {
    // Awaited at the end of the call; a failed send (a stopped task) must not go unhandled meanwhile.
    const sent = step.send().catch((err: unknown) => {
      if (!isCancel(err)) throw err;
    });
    sent.catch(() => undefined);
    this.calls.set(id, { step, sent, chunks: 0, ...extra });
  }

  private async close(id: string, fill: (call: Call) => void): Promise<void> {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    fill(call);
    call.step.end = utcNow();
    await call.sent;
    await call.step.update();
  }

  private async dispatch(kind: string, event: LlamaIndexEventLike, _ctx: RuntimeContext): Promise<void> {
    const d = event.detail as Record<string, unknown>;
    switch (kind) {
      case 'retrieve-start':
        return this.open(String(d.id), new Step({ name: 'Retrieval', type: 'retrieval', input: textOf(d.query) }));
      case 'retrieve-end':
        return this.close(String(d.id), (call) => {
          const nodes = (d.nodes as LiNode[] | undefined) ?? [];
          // Sources become side elements; naming them in the output makes them links.
          const names = nodes.map((_, i) => `Source ${i + 1}`);
          call.step.elements = nodes.map((n, i) => new Text({ name: names[i]!, content: nodeText(n), display: 'side' }));
          call.step.name = `${nodes.length} source${nodes.length === 1 ? '' : 's'}`;
          call.step.output = nodes.length ? names.map((name, i) => `${name}${nodes[i]!.score !== undefined ? ` (score ${nodes[i]!.score!.toFixed(2)})` : ''}`).join(', ') : 'No source found';
        });
      case 'llm-start': {
        const info = callerInfo(event.reason);
        const messages = ((d.messages as LiMessage[] | undefined) ?? []).map((m) => ({ role: m.role ?? 'user', content: textOf(m.content) }));
        const generation = newGeneration({ provider: info.provider, model: info.model, settings: info.settings, messages });
        const step = new Step({ name: info.model ?? 'LLM', type: 'llm', input: messages });
        step.generation = generation as unknown as Record<string, unknown>;
        return this.open(String(d.id), step, { generation, timer: new CallTimer() });
      }
      case 'llm-stream': {
        const call = this.calls.get(String(d.id));
        const chunk = d.chunk as { delta?: string } | undefined;
        if (call?.timer && chunk?.delta) {
          call.timer.token();
          call.chunks++;
        }
        return;
      }
      case 'llm-end':
        return this.close(String(d.id), (call) => {
          const response = d.response as { message?: LiMessage; raw?: unknown } | undefined;
          const content = textOf(response?.message?.content);
          const completion: Record<string, unknown> = { role: response?.message?.role ?? 'assistant', content };
          const toolCall = response?.message?.options?.toolCall;
          if (Array.isArray(toolCall) && toolCall.length) completion.tool_calls = plain(toolCall);
          const usage = usageOf(response?.raw);
          if (call.generation && call.timer) {
            call.generation.messageCompletion = completion;
            call.timer.finish(call.generation, {
              input: usage?.prompt_tokens ?? null,
              // Without usage, each streamed chunk counts as a token (an estimate).
              output: usage?.completion_tokens ?? (call.chunks || null),
              total: usage?.total_tokens ?? null,
            });
          }
          call.step.output = content || (completion.tool_calls ? JSON.stringify(completion.tool_calls, null, 2) : '');
        });
      case 'llm-tool-call': {
        const tc = d.toolCall as LiToolCall;
        return this.open(`tool:${tc.id}`, new Step({ name: tc.name ?? 'tool', type: 'tool', input: tc.input }));
      }
      case 'llm-tool-result': {
        const tc = d.toolCall as LiToolCall;
        const result = d.toolResult as { output?: unknown; isError?: boolean } | undefined;
        return this.close(`tool:${tc.id}`, (call) => {
          call.step.isError = result?.isError ?? false;
          call.step.setOutput(call.step.isError ? errorText(result?.output) : result?.output);
        });
      }
    }
  }
}

const EVENTS = ['retrieve-start', 'retrieve-end', 'llm-start', 'llm-stream', 'llm-end', 'llm-tool-call', 'llm-tool-result'] as const;
const attached = new WeakMap<object, () => void>();

/**
 * Instruments LlamaIndex.TS (Chainlit's LlamaIndex callback handler): in a chainlit-rt chat,
 * each retrieval becomes a `retrieval` step whose sources are Text elements shown beside
 * it, each LLM call an `llm` step carrying the generation, each tool call a `tool` step.
 * Work outside a chat is left alone. Call it once (at plugin load); it returns a function
 * that detaches it.
 *
 * Without an argument it uses `Settings.callbackManager` of `@llamaindex/core/global`
 * (install LlamaIndex in your app); pass another callback manager to follow that one.
 *
 * @example
 * ```ts
 * await instrumentLlamaIndex();
 * const answer = await queryEngine.query({ query: message.content });
 * ```
 */
export async function instrumentLlamaIndex(callbackManager?: LlamaIndexCallbackManagerLike): Promise<() => void> {
  let manager = callbackManager;
  if (!manager) {
    const mod = (await import('@llamaindex/core/global')) as unknown as { Settings: { callbackManager: LlamaIndexCallbackManagerLike } };
    manager = mod.Settings.callbackManager;
  }
  const existing = attached.get(manager);
  if (existing) return existing;
  const tracer = new LlamaIndexTracer();
  const handlers = EVENTS.map((kind) => [kind, (event: LlamaIndexEventLike) => tracer.handle(kind, event)] as const);
  for (const [kind, fn] of handlers) manager.on(kind, fn);
  const target = manager;
  const detach = () => {
    for (const [kind, fn] of handlers) target.off(kind, fn);
    attached.delete(target);
  };
  attached.set(manager, detach);
  return detach;
}
