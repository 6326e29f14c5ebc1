import type OpenAI from 'openai';

export type Chunk = OpenAI.Chat.Completions.ChatCompletionChunk;

/**
 * The chunks of a streamed chat completion, read straight off the HTTP body, in batches:
 * one batch holds the chunks that had arrived when it was read (readsTogether). The `openai`
 * client still makes the request (URL, key, headers, error statuses as typed errors); its
 * generic SSE reader costs several times a plain split-and-parse per token, and tokens are
 * this plugin's hot path (bench/llm.ts). Batches let the caller send what arrived together
 * as one UI token: no waiting is added, and a server faster than the runtime forwards costs
 * a few frames instead of one per chunk.
 */
export async function* completionBatches(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Chunk[]> {
  if (!body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const part of readsTogether(body)) {
    buffer += decoder.decode(part, { stream: true });
    // Servers may end lines with CRLF; a trailing CR waits for its LF.
    if (buffer.includes('\r')) buffer = normalise(buffer);
    const batch: Chunk[] = [];
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = dataOf(event);
      if (data === undefined) continue;
      if (data === '[DONE]') {
        if (batch.length > 0) yield batch;
        return;
      }
      batch.push(parse(data));
    }
    if (batch.length > 0) yield batch;
  }
  const rest = dataOf(normalise(buffer + decoder.decode()).trim());
  if (rest !== undefined && rest !== '[DONE]') yield [parse(rest)];
}

/** The chunks one by one (for callers that need no batching). */
export async function* completionChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Chunk> {
  for await (const batch of completionBatches(body)) yield* batch;
}

function normalise(text: string): string {
  const tail = text.endsWith('\r') ? '\r' : '';
  return text.slice(0, text.length - tail.length).replace(/\r\n?/g, '\n') + tail;
}

/** The `data:` lines of one event, joined as the SSE spec says; undefined when it has none. */
function dataOf(event: string): string | undefined {
  if (event.startsWith('data: ') && !event.includes('\n')) return event.slice(6);
  let data: string | undefined;
  for (const line of event.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const value = line.slice(line[5] === ' ' ? 6 : 5);
    data = data === undefined ? value : `${data}\n${value}`;
  }
  return data;
}

function parse(data: string): Chunk {
  const value = JSON.parse(data) as Chunk & { error?: { message?: string } };
  // Some servers report a failure mid-stream as a chunk with an `error` object.
  if (value.error) throw new Error(value.error.message ?? JSON.stringify(value.error));
  return value;
}

const NOT_YET = Symbol('not yet');

/**
 * The body's reads, with the reads that are already there joined: what the server sent
 * while the last batch was being handled goes on as one batch (one UI token), not as one
 * per read. Nothing waits for data that has not arrived (one turn of the event loop at most).
 */
async function* readsTogether(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let next = reader.read();
  try {
    for (;;) {
      const first = await next;
      if (first.done) return;
      const parts = [first.value];
      let ended = false;
      for (;;) {
        next = reader.read();
        const ready = await Promise.race([next, new Promise<typeof NOT_YET>((resolve) => setImmediate(resolve, NOT_YET))]);
        if (ready === NOT_YET) break;
        if (ready.done) {
          ended = true;
          break;
        }
        parts.push(ready.value);
      }
      yield parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      if (ended) return;
    }
  } finally {
    // Left early ([DONE], a throw): the body is not read further, as a for-await would do.
    next.catch(() => undefined);
    await reader.cancel().catch(() => undefined);
  }
}
