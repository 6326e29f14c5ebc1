import type OpenAI from 'openai';
import { Message } from 'chainlit-rt';
import { completionBatches } from './sse.js';

type Params = Omit<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming, 'stream' | 'stream_options'>;
export type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One model answer: its text (already shown in `message`), the tools it wants, usage. */
export interface Completion {
  content: string;
  toolCalls: ToolCall[];
  usage?: OpenAI.Completions.CompletionUsage;
  /** The message the text went into; not sent yet (the caller decides when). */
  message: Message;
}

/**
 * Asks the model once. Streamed: content goes straight into `message` as it arrives (what one
 * read of the body brings is one UI token; the first opens the UI stream); tool calls are put together from their fragments by index, as
 * OpenAI sends them. Not streamed: the whole text is set at once.
 */
export async function complete(client: OpenAI, params: Params, stream: boolean, includeUsage: boolean, message: Message, taskSignal: AbortSignal): Promise<Completion> {
  // A signal per request: the client leaves a listener on the signal it is given, and one
  // task may make many requests (tool rounds, retries).
  const request = new AbortController();
  const abort = () => request.abort(taskSignal.reason);
  if (taskSignal.aborted) abort();
  taskSignal.addEventListener('abort', abort, { once: true });
  try {
    return await ask(client, params, stream, includeUsage, message, request.signal);
  } finally {
    taskSignal.removeEventListener('abort', abort);
  }
}

async function ask(client: OpenAI, params: Params, stream: boolean, includeUsage: boolean, message: Message, signal: AbortSignal): Promise<Completion> {
  if (!stream) {
    const done = await client.chat.completions.create({ ...params, stream: false }, { signal });
    const choice = done.choices[0]?.message;
    const content = choice?.content ?? '';
    message.content = content;
    const toolCalls = (choice?.tool_calls ?? []).flatMap((c) => (c.type === 'function' ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : []));
    return { content, toolCalls, usage: done.usage, message };
  }
  const response = await client.chat.completions
    .create({ ...params, stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) }, { signal })
    .asResponse();
  let content = '';
  const calls: ToolCall[] = [];
  let usage: OpenAI.Completions.CompletionUsage | undefined;
  let finished = false;
  try {
    for await (const batch of completionBatches(response.body)) {
      // What arrived in one read goes to the UI as one token (see completionBatches).
      let text = '';
      for (const chunk of batch) {
        if (chunk.usage) usage = chunk.usage;
        if (chunk.choices[0]?.finish_reason) finished = true;
        const delta = chunk.choices[0]?.delta;
        if (!delta) continue;
        if (delta.content) text += delta.content;
        for (const part of delta.tool_calls ?? []) {
          const call = (calls[part.index] ??= { id: '', name: '', arguments: '' });
          if (part.id) call.id = part.id;
          if (part.function?.name) call.name += part.function.name;
          if (part.function?.arguments) call.arguments += part.function.arguments;
        }
      }
      if (text) {
        content += text;
        await message.streamToken(text);
      }
    }
  } catch (err) {
    if (signal.aborted) throw err;
    throw new Error(`The model's answer broke off: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  // What came before a stop is not an answer.
  if (signal.aborted) throw signal.reason ?? new Error('aborted');
  // Every complete answer ends with a finish_reason; a body that ends before it was cut.
  if (!finished) throw new Error("The model's answer broke off: the stream ended before the model finished");
  return { content, toolCalls: calls.filter(Boolean), usage, message };
}
