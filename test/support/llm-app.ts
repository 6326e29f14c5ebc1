import { join } from 'node:path';
import { connectClient, type ClientOptions, type TestClient } from './client.js';
import { startOpenAiServer, type OpenAiServer } from './openai-server.js';
import { REPO, startServer, writeApp, type TestServer } from './server.js';

/** What the LLM protocol tests share: a local OpenAI server, an app using openai-chat, a client. */
export interface Wire {
  id: string;
  type: string;
  name: string;
  output: string;
  input?: string;
  isError?: boolean;
  parentId: string | null;
  metadata?: Record<string, unknown>;
}

export const OPENAI_CHAT = join(REPO, 'plugins/openai-chat/index.ts');
export const BASIC_TOOLS = join(REPO, 'plugins/basic-tools/index.ts');
export const KEY_ENV = 'LLM_TEST_API_KEY';

/** A manifest using openai-chat against `ai`, with `options` (YAML lines, indented 6) and more top-level YAML. */
export function llmManifest(ai: OpenAiServer, options = '', extra = ''): string {
  return [
    'name: LLM Test',
    'plugins:',
    `  - ${BASIC_TOOLS}`,
    `  - module: ${OPENAI_CHAT}`,
    '    options:',
    `      base_url: ${ai.baseUrl}`,
    '      model: test-model',
    `      api_key_env: ${KEY_ENV}`,
    options,
    extra,
  ].join('\n');
}

export interface LlmFixture {
  ai: OpenAiServer;
  server: TestServer;
  client?: TestClient;
}

export async function startLlm(options = '', extra = ''): Promise<LlmFixture> {
  process.env[KEY_ENV] = 'sk-local-test';
  const ai = await startOpenAiServer();
  const server = await startServer(writeApp({ 'chainlit.yaml': llmManifest(ai, options, extra) }));
  return { ai, server };
}

export async function stopLlm(fx: LlmFixture | undefined): Promise<void> {
  fx?.client?.close();
  await fx?.server.stop();
  await fx?.ai.close();
}

export async function connect(fx: LlmFixture, options: ClientOptions = {}): Promise<TestClient> {
  fx.client?.close();
  const client = await connectClient(fx.server.url, options);
  // The chat start ends with a task_end; a turn's own task_end comes after it.
  await client.waitFor('task_end');
  fx.client = client;
  return client;
}

/** Sends a message and waits for its task to end; returns the events of the turn. */
export async function turn(client: TestClient, text: string): Promise<Array<{ event: string; payload: unknown }>> {
  const since = client.received.length;
  client.send(text);
  await client.waitFor('task_end', () => true, { since, timeoutMs: 10_000 });
  return client.received.slice(since);
}

/** The final state of each message/step of a turn (the last `new_message`/`update_message` per id). */
export function finalSteps(events: Array<{ event: string; payload: unknown }>): Wire[] {
  const byId = new Map<string, Wire>();
  for (const { event, payload } of events) {
    if (event !== 'new_message' && event !== 'update_message') continue;
    const step = payload as Wire;
    byId.set(step.id, step);
  }
  return [...byId.values()];
}

/** Streamed text in order: the first token travels in `stream_start` (its output), the rest in `stream_token`. */
export function tokens(events: Array<{ event: string; payload: unknown }>): string[] {
  return events.flatMap((e) => {
    if (e.event === 'stream_start') return [(e.payload as Wire).output];
    return e.event === 'stream_token' ? [(e.payload as { token: string }).token] : [];
  });
}
