/**
 * The generation record an `llm` step carries (the step's `generation` field): the shape of
 * Chainlit's chat generation, camelCase as on the wire. The UI treats it as opaque; data
 * layers store it as JSON, so whatever observes LLM calls fills the same fields.
 */
export interface ChatGeneration {
  type: 'CHAT';
  /** Who served the call: `openai`, `langchain`, `llamaindex`, or what the library reports. */
  provider: string | null;
  model: string | null;
  /** The request's messages, OpenAI-style (`{role, content, …}`). */
  messages: Array<Record<string, unknown>>;
  /** The answer, OpenAI-style (`{role: 'assistant', content, tool_calls?}`); null until it ends. */
  messageCompletion: Record<string, unknown> | null;
  /** The request's settings (temperature, max_tokens, …: everything but messages and tools). */
  settings: Record<string, unknown>;
  tools: unknown[] | null;
  inputTokenCount: number | null;
  outputTokenCount: number | null;
  tokenCount: number | null;
  /** Milliseconds from the call to the first streamed token (streamed calls only). */
  ttFirstToken: number | null;
  /** Output tokens per second of the whole call. */
  tokenThroughputInSeconds: number | null;
  /** Seconds from the call to its end. */
  duration: number | null;
  /** The error message when the call failed. */
  error: string | null;
}

export function newGeneration(fields: Partial<ChatGeneration> = {}): ChatGeneration {
  return {
    type: 'CHAT',
    provider: null,
    model: null,
    messages: [],
    messageCompletion: null,
    settings: {},
    tools: null,
    inputTokenCount: null,
    outputTokenCount: null,
    tokenCount: null,
    ttFirstToken: null,
    tokenThroughputInSeconds: null,
    duration: null,
    error: null,
    ...fields,
  };
}

/** Times a call: when it started, when its first token came, and the derived numbers at the end. */
export class CallTimer {
  private readonly started = performance.now();
  private firstToken: number | null = null;

  token(): void {
    this.firstToken ??= performance.now();
  }

  /** Fills duration, time to first token, token counts and throughput into `g`. */
  finish(g: ChatGeneration, usage: { input?: number | null; output?: number | null; total?: number | null }): void {
    const ms = performance.now() - this.started;
    g.duration = ms / 1000;
    if (this.firstToken !== null) g.ttFirstToken = this.firstToken - this.started;
    g.inputTokenCount = usage.input ?? null;
    g.outputTokenCount = usage.output ?? null;
    g.tokenCount = usage.total ?? (usage.input != null || usage.output != null ? (usage.input ?? 0) + (usage.output ?? 0) : null);
    g.tokenThroughputInSeconds = g.outputTokenCount != null && ms > 0 ? g.outputTokenCount / (ms / 1000) : null;
  }
}

/** A plain JSON-able copy (drops functions, class instances become plain objects). */
export function plain<T>(value: T): T {
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch {
    return value;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
