import OpenAI from 'openai';
import { ErrorMessage, Message, chatContext, context, definePlugin, tools, userSession, type OpenAITool } from 'chainlit-rt';
import { complete, type ChatMessage } from './completion.js';
import { effectiveSettings, optionsSchema, type OpenAIChatOptions } from './options.js';
import { RateLimitExhausted, withRateLimitRetry } from './retry.js';

/**
 * An LLM chat configured from the manifest: any OpenAI-compatible server (OpenAI, LiteLLM,
 * vLLM, LM Studio, Ollama…), answers streamed token by token, tools from the session's tool
 * registry shown as `tool` steps, the conversation kept in chatContext. See docs/llm.md.
 */
export default definePlugin((options: OpenAIChatOptions) => {
  // One client per server and key: it keeps its connections alive between requests.
  const clients = new Map<string, OpenAI>();
  const clientFor = (settings: OpenAIChatOptions, apiKey: string) => {
    const key = JSON.stringify([settings.base_url, apiKey, settings.headers ?? {}, settings.timeout_ms]);
    let client = clients.get(key);
    if (!client) {
      // Retries are ours (withRateLimitRetry): bounded, honouring retry-after, stopped by stop.
      client = new OpenAI({ baseURL: settings.base_url, apiKey, defaultHeaders: settings.headers, timeout: settings.timeout_ms, maxRetries: 0 });
      clients.set(key, client);
    }
    return client;
  };

  return {
    name: 'openai-chat',
    async onMessage() {
      const signal = context.signal;
      const settings = effectiveSettings(options, userSession.get<string | null>('chat_profile'), userSession.get<Record<string, unknown>>('chat_settings') ?? {});
      try {
        await answer(settings, clientFor, signal);
      } catch (err) {
        if (signal.aborted) return;
        await new ErrorMessage({ content: describe(err, settings), author: settings.author }).send();
      }
    },
  };
}, { name: 'openai-chat', optionsSchema });

type ClientFor = (settings: OpenAIChatOptions, apiKey: string) => OpenAI;

const OPENAI_URL = /^https:\/\/api\.openai\.com\b/;

/** The conversation so far as OpenAI messages: the system prompt, then chatContext without error messages. */
function history(systemPrompt: string | undefined): ChatMessage[] {
  const messages: ChatMessage[] = systemPrompt ? [{ role: 'system', content: systemPrompt }] : [];
  for (const m of chatContext.get()) {
    if ((m as { isError?: boolean }).isError || m.content === '') continue;
    if (m.type === 'user_message') messages.push({ role: 'user', content: m.content });
    else if (m.type === 'system_message') messages.push({ role: 'system', content: m.content });
    else messages.push({ role: 'assistant', content: m.content });
  }
  return messages;
}

/** Asks the model, runs the tools it calls and asks again, until it answers in text. */
async function answer(settings: OpenAIChatOptions, clientFor: ClientFor, signal: AbortSignal): Promise<void> {
  const apiKey = process.env[settings.api_key_env];
  if (!apiKey && OPENAI_URL.test(settings.base_url)) {
    throw new Error(`The environment variable ${settings.api_key_env} is not set: put the API key of ${settings.base_url} there (or in .env).`);
  }
  // Local servers (Ollama, vLLM, LM Studio) take any key; the client insists on one.
  const client = clientFor(settings, apiKey || 'not-needed');
  // One listing per turn: every round of the tool loop uses it.
  const available = settings.tools?.length === 0 ? undefined : await tools.load();
  const offered: OpenAITool[] = available?.definitions(settings.tools) ?? [];
  const allowed = new Set(offered.map((t) => t.function.name));
  const messages = history(settings.system_prompt);
  const params = {
    ...settings.extra_body,
    model: settings.model,
    messages,
    ...(offered.length > 0 ? { tools: offered } : {}),
    ...pick(settings, ['temperature', 'max_tokens', 'top_p', 'frequency_penalty', 'presence_penalty', 'seed', 'stop']),
  };

  for (let round = 0; round < settings.max_tool_rounds; round++) {
    const message = new Message({ content: '', author: settings.author });
    let done;
    try {
      done = await withRateLimitRetry(() => complete(client, params, settings.stream, settings.include_usage, message, signal), settings.retry, signal);
    } catch (err) {
      // A stream that broke off mid-answer is closed with what came, before the error is shown.
      if (!signal.aborted && message.content !== '') await message.send();
      throw err;
    }
    if (done.usage) message.metadata = { ...message.metadata, usage: done.usage };
    if (done.content !== '' || done.toolCalls.length === 0) await message.send();
    if (done.toolCalls.length === 0) return;
    messages.push({
      role: 'assistant',
      content: done.content || null,
      tool_calls: done.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
    });
    for (const call of done.toolCalls) {
      const result = allowed.has(call.name)
        ? await available!.call(call.name, call.arguments)
        : { content: `Error: the tool "${call.name}" is not available; use one of: ${[...allowed].join(', ') || 'none'}`, isError: true };
      messages.push({ role: 'tool', tool_call_id: call.id, content: result.content });
    }
  }
  throw new Error(`The model called tools ${settings.max_tool_rounds} times in a row without answering (max_tool_rounds).`);
}

function pick<K extends keyof OpenAIChatOptions>(from: OpenAIChatOptions, keys: readonly K[]): Partial<Pick<OpenAIChatOptions, K>> {
  const out: Partial<Pick<OpenAIChatOptions, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

/** The server's own words: the `message` of OpenAI's error body, else the client's summary. */
function serverMessage(err: InstanceType<typeof OpenAI.APIError>): string {
  const detail = (err.error as { message?: unknown } | undefined)?.message;
  return typeof detail === 'string' ? detail : err.message;
}

/** What the user reads when a request fails. */
function describe(err: unknown, settings: OpenAIChatOptions): string {
  if (err instanceof RateLimitExhausted) {
    const wait = err.waitMs !== undefined ? ` (the server asked to wait ${Math.ceil(err.waitMs / 1000)} s)` : '';
    return `The model is rate limited: ${serverMessage(err.last)}. Gave up after ${err.attempts} attempt(s)${wait}; try again later.`;
  }
  if (err instanceof OpenAI.APIConnectionError) return `Could not reach the model server at ${settings.base_url}: ${err.cause instanceof Error ? err.cause.message : err.message}`;
  if (err instanceof OpenAI.APIError) return `The model request failed${err.status ? ` (HTTP ${err.status})` : ''}: ${serverMessage(err)}`;
  return err instanceof Error ? err.message : String(err);
}
