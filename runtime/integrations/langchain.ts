import { Message } from '../sdk/message.js';
import { Step } from '../sdk/step.js';
import type { StepType } from '../wire.js';
import { utcNow } from '../wire.js';
import { ChatBinding, isCancel } from './context.js';
import { CallTimer, errorText, newGeneration, plain, type ChatGeneration } from './generation.js';
import { messageDict, runName, simplify, type LcDocument, type LcLLMResult, type LcMessage, type LcSerialized } from './lc-shapes.js';

export interface LangchainCallbackOptions {
  /** Streams the final answer into a chat message (default false: only steps). */
  streamFinalAnswer?: boolean;
  /**
   * LangGraph: the node whose model output is the final answer (its runs carry
   * `metadata.langgraph_node`). When set, every token of a model running in that node is
   * streamed into the answer message.
   */
  finalNode?: string;
  /**
   * Without `finalNode`: the text that announces the final answer; what the model writes
   * after it is streamed. Whitespace is ignored when matching, so tokenisation does not
   * matter. Default `['Final', 'Answer', ':']`; `[]` streams every model token.
   */
  answerPrefixTokens?: string[];
  /** Run names shown as no step (their children move up to the nearest shown run). */
  toIgnore?: string[];
}

/** LangChain's plumbing runnables and LangGraph's entry/exit nodes: noise in a chain of thought. */
const DEFAULT_IGNORE = ['RunnableSequence', 'RunnableParallel', 'RunnableMap', 'RunnableAssign', 'RunnableLambda', 'RunnablePassthrough', 'RunnablePick', 'RunnableBinding', '<lambda>', '__start__', '__end__'];
const HIDDEN_TAG = 'langsmith:hidden';

interface Run {
  /** null: the run is not shown; its children attach to `parentStepId`. */
  step: Step | null;
  parentStepId: string | null;
  generation?: ChatGeneration;
  timer?: CallTimer;
  streamedTokens: number;
  /** Set when this model run's tokens (or some of them) are the final answer. */
  final?: { reached: boolean; seen: string };
}

/** LangChain wraps a chain's plain input and output as `{input}` / `{output}`: show the value. */
function unwrap(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key ? (value as Record<string, unknown>)[key] : value;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * A LangChain.js callback handler (Chainlit's `LangchainCallbackHandler`): chains, tools,
 * retrievers and model calls become nested steps (`run`, `tool`, `retrieval`, `llm`; model
 * steps carry the generation), and the final answer can stream into a chat message. Create
 * one per turn, inside the hook, and pass it in the run's `callbacks`. A stop ends the run at
 * its next callback; pass `signal: context.signal` too so a waiting HTTP call ends at once.
 *
 * It is a plain object LangChain accepts as a handler, so chainlit-rt loads no LangChain
 * code: install `@langchain/core` in your app.
 *
 * @example
 * ```ts
 * const cb = new LangchainCallbackHandler({ streamFinalAnswer: true, answerPrefixTokens: [] });
 * await chain.invoke({ question: message.content }, { callbacks: [cb], signal: context.signal });
 * ```
 */
export class LangchainCallbackHandler {
  /** LangChain reads these flags on every handler. */
  readonly name = 'chainlit_rt_langchain_handler';
  readonly ignoreLLM = false;
  readonly ignoreChain = false;
  readonly ignoreAgent = false;
  readonly ignoreRetriever = false;
  readonly ignoreCustomEvent = true;
  /** A stop must end the run: our callbacks throw only for it (other failures are logged). */
  readonly raiseError = true;
  /** Awaited in order, inside the caller's async context, so steps and tokens keep their order. */
  readonly awaitHandlers = true;
  /** Asks models called with `invoke` to stream, so tokens reach the UI as they come. */
  readonly lc_prefer_streaming = true;

  /** The message the final answer streamed into (null until a final token came). */
  finalMessage: Message | null = null;

  private readonly binding = new ChatBinding();
  private readonly runs = new Map<string, Run>();
  private readonly ignore: Set<string>;
  private readonly prefix: string;
  private readonly options: LangchainCallbackOptions;
  private finalSent = false;

  constructor(options: LangchainCallbackOptions = {}) {
    this.options = options;
    this.ignore = new Set([...DEFAULT_IGNORE, ...(options.toIgnore ?? [])]);
    this.prefix = compact((options.answerPrefixTokens ?? ['Final', 'Answer', ':']).join(''));
  }

  /** LangChain may copy handlers between run managers; the state must stay shared. */
  copy(): this {
    return this;
  }

  // ---- plumbing ----

  /** Runs a callback in the chat; a stop is rethrown (it ends the run), other failures logged. */
  private async guard(what: string, fn: () => Promise<void>, rethrowStop = true): Promise<void> {
    try {
      await this.binding.run(fn);
    } catch (err) {
      if (isCancel(err)) {
        if (rethrowStop) throw err;
        return;
      }
      this.binding.logger()?.warn({ err, callback: what }, 'LangChain callback handler failed; the run goes on');
    }
  }

  private parentStepId(parentRunId: string | undefined): string | null {
    const parent = parentRunId ? this.runs.get(parentRunId) : undefined;
    if (parent) return parent.step?.id ?? parent.parentStepId;
    return this.binding.current()?.currentStep?.id ?? null;
  }

  private async open(runId: string, parentRunId: string | undefined, name: string, type: StepType, hidden: boolean, input: unknown, extra: Partial<Run> = {}): Promise<Run> {
    if (this.runs.size === 0) {
      // A new top-level run (a handler kept for the next turn): its answer is a new message.
      this.finalMessage = null;
      this.finalSent = false;
    }
    const parentStepId = this.parentStepId(parentRunId);
    const run: Run = { step: null, parentStepId, streamedTokens: 0, ...extra };
    this.runs.set(runId, run);
    if (hidden) return run;
    const step = new Step({ name, type, parentId: parentStepId });
    step.setInput(input);
    if (run.generation) step.generation = run.generation as unknown as Record<string, unknown>;
    run.step = step;
    await step.send();
    return run;
  }

  private async close(runId: string, output: unknown, error?: unknown): Promise<Run | undefined> {
    const run = this.runs.get(runId);
    this.runs.delete(runId);
    const step = run?.step;
    if (!run || !step) return run;
    if (error !== undefined) {
      step.isError = true;
      step.output = errorText(error);
    } else if (output !== undefined) {
      step.setOutput(output);
    }
    step.end = utcNow();
    await step.update();
    return run;
  }

  private hidden(name: string, tags: string[] | undefined): boolean {
    return this.ignore.has(name) || (tags?.includes(HIDDEN_TAG) ?? false);
  }

  // ---- chains ----

  // The argument order is the one @langchain/core calls with (its declared interface differs).
  async handleChainStart(chain: LcSerialized, inputs: unknown, runId: string, parentRunId?: string, tags?: string[], _metadata?: Record<string, unknown>, runType?: string, name?: string): Promise<void> {
    await this.guard('handleChainStart', async () => {
      const title = runName(chain, name, 'Chain');
      // As Chainlit: an agent, or the outermost chain, is a `run`; nested chains stay untyped.
      const type: StepType = runType === 'agent' || !parentRunId || !this.runs.has(parentRunId) ? 'run' : 'undefined';
      await this.open(runId, parentRunId, title, type, this.hidden(title, tags), unwrap(simplify(inputs), 'input'));
    });
  }

  async handleChainEnd(outputs: unknown, runId: string): Promise<void> {
    await this.guard('handleChainEnd', async () => {
      const out = unwrap(simplify(outputs), 'output');
      // A chain ending in a model answers with a message: its text is the output.
      const message = out as { role?: unknown; content?: unknown } | null;
      const text = typeof out === 'object' && message !== null && message.role !== undefined && typeof message.content === 'string' ? message.content : out;
      await this.close(runId, text);
    });
  }

  async handleChainError(err: unknown, runId: string): Promise<void> {
    await this.guard('handleChainError', async () => {
      await this.close(runId, undefined, err);
    }, false);
  }

  // ---- tools and retrievers ----

  async handleToolStart(tool: LcSerialized, input: string, runId: string, parentRunId?: string, tags?: string[], _metadata?: Record<string, unknown>, name?: string): Promise<void> {
    await this.guard('handleToolStart', async () => {
      const title = runName(tool, name, 'Tool');
      let shown: unknown = input;
      try {
        shown = JSON.parse(input);
      } catch {
        // A plain string input is shown as it is.
      }
      await this.open(runId, parentRunId, title, 'tool', this.hidden(title, tags), unwrap(shown, 'input'));
    });
  }

  async handleToolEnd(output: unknown, runId: string): Promise<void> {
    await this.guard('handleToolEnd', async () => {
      const simple = simplify(output);
      // A ToolMessage's content is the tool's answer; the envelope is noise.
      const content = typeof simple === 'object' && simple !== null && 'content' in simple && 'role' in simple ? (simple as { content: unknown }).content : simple;
      await this.close(runId, content);
    });
  }

  async handleToolError(err: unknown, runId: string): Promise<void> {
    await this.guard('handleToolError', async () => {
      await this.close(runId, undefined, err);
    }, false);
  }

  async handleRetrieverStart(retriever: LcSerialized, query: string, runId: string, parentRunId?: string, tags?: string[], _metadata?: Record<string, unknown>, name?: string): Promise<void> {
    await this.guard('handleRetrieverStart', async () => {
      const title = runName(retriever, name, 'Retriever');
      await this.open(runId, parentRunId, title, 'retrieval', this.hidden(title, tags), query);
    });
  }

  async handleRetrieverEnd(documents: LcDocument[], runId: string): Promise<void> {
    await this.guard('handleRetrieverEnd', async () => {
      await this.close(runId, simplify(documents));
    });
  }

  async handleRetrieverError(err: unknown, runId: string): Promise<void> {
    await this.guard('handleRetrieverError', async () => {
      await this.close(runId, undefined, err);
    }, false);
  }

  // ---- models ----

  private async openModel(llm: LcSerialized, messages: Array<Record<string, unknown>>, runId: string, parentRunId: string | undefined, extraParams: Record<string, unknown> | undefined, tags: string[] | undefined, metadata: Record<string, unknown> | undefined, name: string | undefined): Promise<void> {
    const params = { ...((extraParams?.invocation_params as Record<string, unknown> | undefined) ?? {}) };
    const tools = Array.isArray(params.tools) ? params.tools : null;
    delete params.tools;
    delete params.messages;
    const model = (metadata?.ls_model_name as string | undefined) ?? (params.model as string | undefined) ?? (params.model_name as string | undefined) ?? null;
    const generation = newGeneration({
      provider: (metadata?.ls_provider as string | undefined) ?? llm.id?.at(-1) ?? 'langchain',
      model,
      messages,
      settings: plain(params),
      tools: tools ? plain(tools) : null,
    });
    const title = runName(llm, name, model ?? 'LLM');
    const final = this.isFinalRun(metadata) ? { reached: this.prefix === '' || this.options.finalNode !== undefined, seen: '' } : undefined;
    await this.open(runId, parentRunId, title, 'llm', this.hidden(title, tags), messages, { generation, timer: new CallTimer(), final });
  }

  private isFinalRun(metadata: Record<string, unknown> | undefined): boolean {
    if (!this.options.streamFinalAnswer) return false;
    if (this.options.finalNode !== undefined) return metadata?.langgraph_node === this.options.finalNode;
    return true;
  }

  async handleChatModelStart(llm: LcSerialized, messages: LcMessage[][], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, tags?: string[], metadata?: Record<string, unknown>, name?: string): Promise<void> {
    await this.guard('handleChatModelStart', () => this.openModel(llm, (messages[0] ?? []).map(messageDict), runId, parentRunId, extraParams, tags, metadata, name));
  }

  async handleLLMStart(llm: LcSerialized, prompts: string[], runId: string, parentRunId?: string, extraParams?: Record<string, unknown>, tags?: string[], metadata?: Record<string, unknown>, name?: string): Promise<void> {
    await this.guard('handleLLMStart', () => this.openModel(llm, prompts.map((content) => ({ role: 'user', content })), runId, parentRunId, extraParams, tags, metadata, name));
  }

  async handleLLMNewToken(token: string, _idx: unknown, runId: string): Promise<void> {
    await this.guard('handleLLMNewToken', async () => {
      const run = this.runs.get(runId);
      if (!run || token === '') return;
      run.timer?.token();
      run.streamedTokens++;
      if (run.step) await run.step.streamToken(token);
      if (run.final) await this.streamFinal(run.final, token);
    });
  }

  private async streamFinal(final: NonNullable<Run['final']>, token: string): Promise<void> {
    if (!final.reached) {
      final.seen += compact(token);
      if (!final.seen.endsWith(this.prefix)) return;
      final.reached = true;
      return; // the prefix itself is not part of the answer
    }
    if (!this.finalMessage) {
      // The answer starts at its first word, not at the blank after the prefix.
      token = token.trimStart();
      if (token === '') return;
      this.finalMessage = new Message({ content: '' });
    }
    await this.finalMessage.streamToken(token);
  }

  async handleLLMEnd(output: LcLLMResult, runId: string): Promise<void> {
    await this.guard('handleLLMEnd', async () => {
      const run = this.runs.get(runId);
      if (run?.generation && run.timer) {
        const first = output.generations[0]?.[0];
        const message = first?.message;
        const text = first?.text ?? (typeof message?.content === 'string' ? message.content : '');
        const completion: Record<string, unknown> = { role: 'assistant', content: message ? message.content : text };
        if (message?.tool_calls?.length) completion.tool_calls = plain(message.tool_calls);
        run.generation.messageCompletion = completion;
        const usage = message?.usage_metadata;
        const lcUsage = (output.llmOutput?.tokenUsage ?? output.llmOutput?.estimatedTokenUsage) as { promptTokens?: number; completionTokens?: number; totalTokens?: number } | undefined;
        run.timer.finish(run.generation, {
          input: usage?.input_tokens ?? lcUsage?.promptTokens ?? null,
          // Without usage from the provider, each streamed chunk counts as a token (an estimate).
          output: usage?.output_tokens ?? lcUsage?.completionTokens ?? (run.streamedTokens || null),
          total: usage?.total_tokens ?? lcUsage?.totalTokens ?? null,
        });
        if (run.step) {
          run.step.output = text || (completion.tool_calls ? JSON.stringify(completion.tool_calls, null, 2) : '');
          run.step.generation = run.generation as unknown as Record<string, unknown>;
        }
      }
      await this.close(runId, undefined);
      if (run?.final?.reached && this.finalMessage) {
        if (this.finalSent) await this.finalMessage.update();
        else await this.finalMessage.send();
        this.finalSent = true;
      }
    });
  }

  async handleLLMError(err: unknown, runId: string): Promise<void> {
    await this.guard('handleLLMError', async () => {
      const run = this.runs.get(runId);
      if (run?.generation && run.timer) {
        run.generation.error = errorText(err);
        run.timer.finish(run.generation, { output: run.streamedTokens || null });
      }
      await this.close(runId, undefined, err);
    }, false);
  }
}
