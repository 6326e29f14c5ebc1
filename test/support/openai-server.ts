import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server for tests: `POST /v1/chat/completions`, streamed (SSE
 * chunks ending with `data: [DONE]`, the way OpenAI sends them) or not. Each test scripts the
 * replies: text tokens, tool calls (streamed as OpenAI does: the id and name first, then the
 * arguments in fragments), usage, error statuses with OpenAI's error body, 429 with
 * `retry-after`. Every request is recorded, and a stream can be held open at a named point
 * until the test releases it (stop tests).
 *
 *   const ai = await startOpenAiServer();
 *   ai.script({ content: ['Hel', 'lo'] }, { status: 500 });
 *   // point the client at ai.baseUrl (`http://127.0.0.1:<port>/v1`)
 */

/** One tool call the model makes. */
export interface ScriptedToolCall {
  /** Defaults to `call_<n>`. */
  id?: string;
  name: string;
  /** The JSON arguments text, sent as is (may be invalid JSON on purpose). */
  arguments: string;
}

export interface ScriptedReply {
  /** Answer text; each element is one streamed chunk. A string is split into word chunks. */
  content?: string | string[];
  toolCalls?: ScriptedToolCall[];
  /** Streamed tool-call arguments go out in chunks of this many characters (default 7). */
  fragment?: number;
  /** Token counts reported in `usage` (defaults count chunks). */
  usage?: { prompt_tokens: number; completion_tokens: number };
  /** Drop the connection after this many content chunks (a server that dies mid-answer). */
  dropAfter?: number;
  /** Wait this long between content chunks (benchmarks pace a model with it; tests never need it). */
  chunkDelayMs?: number;
  /** Hold the stream after `after` content chunks until `release(name)`. */
  hold?: { name: string; after: number };
  /** Answer this HTTP status with OpenAI's error body instead of a completion. */
  status?: number;
  /** The error message (default `Scripted error <status>`). */
  message?: string;
  /** Seconds sent as `retry-after` (429s). */
  retryAfter?: number;
}

export interface RecordedRequest {
  /** The parsed JSON body (model, messages, tools, stream, temperature…). */
  body: ChatRequest;
  headers: http.IncomingHttpHeaders;
}

/** The fields of a chat completion request the tests look at; the rest stays reachable. */
export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string; name?: string }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: object } }>;
  [key: string]: unknown;
}

export interface OpenAiServer {
  /** Base URL for an OpenAI client: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  /** Queue replies; each request takes the next one. */
  script(...replies: ScriptedReply[]): void;
  /** Answers requests once the queue is empty (default: a 500 saying nothing was scripted). */
  fallback: (request: ChatRequest) => ScriptedReply;
  requests: RecordedRequest[];
  /** Resolves when a stream is held at `name`. */
  held(name: string): Promise<void>;
  release(name: string): void;
  /** Resolves when the client went away before a stream ended (an aborted request). */
  disconnected(): Promise<void>;
  /** How many streams the client abandoned before their end. */
  disconnects: number;
  /** Resolves when `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

const MODEL_FALLBACK = 'test-model';

/** Splits text into chunks that keep their spaces: "a b c" → ["a", " b", " c"]. */
export function words(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function errorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 401) return 'invalid_request_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** `port`: 0 (the default) picks a free one. */
export async function startOpenAiServer(options: { port?: number } = {}): Promise<OpenAiServer> {
  const queue: ScriptedReply[] = [];
  const waiters = new Map<string, Array<() => void>>();
  const released = new Set<string>();
  const holds = new Map<string, Array<() => void>>();
  let completions = 0;
  let nextCall = 0;
  const seen = new Set<string>();
  const mark = (key: string) => {
    seen.add(key);
    for (const wake of waiters.get(key)?.splice(0) ?? []) wake();
  };
  const when = (key: string) => new Promise<void>((resolve) => {
    if (seen.has(key)) return resolve();
    waiters.set(key, [...(waiters.get(key) ?? []), resolve]);
  });
  const countWaiters: Array<{ count: number; wake: () => void }> = [];

  const ai: OpenAiServer = {
    baseUrl: '',
    script: (...replies) => { queue.push(...replies); },
    fallback: () => ({ status: 500, message: 'The test server has no scripted reply left' }),
    requests: [],
    held: (name) => when(`held:${name}`),
    release(name) {
      released.add(name);
      for (const go of holds.get(name)?.splice(0) ?? []) go();
    },
    disconnected: () => when('disconnect'),
    disconnects: 0,
    received: (count) => new Promise((resolve) => {
      if (ai.requests.length >= count) resolve();
      else countWaiters.push({ count, wake: resolve });
    }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };

  const sendError = (res: http.ServerResponse, reply: ScriptedReply & { status: number }) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
    if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
    res.writeHead(reply.status, headers);
    res.end(JSON.stringify({
      error: { message: reply.message ?? `Scripted error ${reply.status}`, type: errorType(reply.status), param: null, code: reply.status === 429 ? 'rate_limit_exceeded' : null },
    }));
  };

  const complete = async (res: http.ServerResponse, body: ChatRequest) => {
    const reply = queue.shift() ?? ai.fallback(body);
    if (reply.status !== undefined) return sendError(res, { ...reply, status: reply.status });
    const id = `chatcmpl-${++completions}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model || MODEL_FALLBACK;
    const chunks = typeof reply.content === 'string' ? words(reply.content) : reply.content ?? [];
    const calls = (reply.toolCalls ?? []).map((call) => ({ ...call, id: call.id ?? `call_${++nextCall}` }));
    const finish = calls.length > 0 ? 'tool_calls' : 'stop';
    const usage = reply.usage ?? { prompt_tokens: body.messages.length, completion_tokens: chunks.length + calls.length };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };

    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id, object: 'chat.completion', created, model,
        choices: [{
          index: 0,
          message: {
            role: 'assistant',
            content: chunks.length > 0 ? chunks.join('') : null,
            ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
          },
          finish_reason: finish,
        }],
        usage: fullUsage,
      }));
      return;
    }

    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let ended = false;
    res.on('close', () => {
      if (ended) return;
      ai.disconnects += 1;
      mark('disconnect');
    });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) => {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`);
    };
    const delta = (d: Record<string, unknown>, finishReason: string | null = null) => send([{ index: 0, delta: d, logprobs: null, finish_reason: finishReason }]);
    const pause = (name: string) => new Promise<void>((resolve) => {
      mark(`held:${name}`);
      if (released.has(name)) return resolve();
      holds.set(name, [...(holds.get(name) ?? []), resolve]);
    });

    delta({ role: 'assistant', content: '' });
    for (const [i, chunk] of chunks.entries()) {
      if (reply.hold && reply.hold.after === i) await pause(reply.hold.name);
      if (res.destroyed) return;
      if (reply.dropAfter === i) {
        // Flush what was sent (an SSE comment's callback fires once it is out), then cut.
        await new Promise((resolve) => res.write(':\n\n', resolve));
        res.destroy();
        return;
      }
      if (reply.chunkDelayMs && i > 0) await new Promise((resolve) => setTimeout(resolve, reply.chunkDelayMs));
      delta({ content: chunk });
    }
    if (reply.hold && reply.hold.after >= chunks.length) await pause(reply.hold.name);
    if (res.destroyed) return;
    const size = Math.max(1, reply.fragment ?? 7);
    for (const [index, call] of calls.entries()) {
      delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
      for (let at = 0; at < call.arguments.length; at += size) {
        delta({ tool_calls: [{ index, function: { arguments: call.arguments.slice(at, at + size) } }] });
      }
    }
    delta({}, finish);
    if (body.stream_options?.include_usage) send([], { usage: fullUsage });
    ended = true;
    res.end('data: [DONE]\n\n');
  };

  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `Unknown request ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } }));
        return;
      }
      let body: ChatRequest;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatRequest;
      } catch {
        return sendError(res, { status: 400, message: 'The body is not JSON' });
      }
      ai.requests.push({ body, headers: req.headers });
      for (const waiter of countWaiters.filter((w) => ai.requests.length >= w.count)) {
        countWaiters.splice(countWaiters.indexOf(waiter), 1);
        waiter.wake();
      }
      complete(res, body).catch((error: unknown) => {
        if (!res.headersSent) sendError(res, { status: 500, message: String(error) });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  ai.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return ai;
}
