import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server.js';

/** The stand-in OpenAI server speaks the protocol the real `openai` client expects. */
describe('test support: local OpenAI server', () => {
  let ai: OpenAiServer;
  let client: OpenAI;
  beforeEach(async () => {
    ai = await startOpenAiServer();
    client = new OpenAI({ baseURL: ai.baseUrl, apiKey: 'sk-test', maxRetries: 0 });
  });
  afterEach(() => ai.close());

  it('streams text tokens, tool calls in fragments and usage', async () => {
    ai.script({ content: 'one two three', toolCalls: [{ name: 'add', arguments: '{"a":1,"b":22}' }], usage: { prompt_tokens: 5, completion_tokens: 4 } });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    const tokens: string[] = [];
    let args = '';
    let name = '';
    let finish: string | null = null;
    let usage: unknown;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (chunk.usage) usage = chunk.usage;
      if (!choice) continue;
      if (choice.delta.content) tokens.push(choice.delta.content);
      for (const call of choice.delta.tool_calls ?? []) {
        name += call.function?.name ?? '';
        args += call.function?.arguments ?? '';
      }
      finish = choice.finish_reason ?? finish;
    }
    assert.deepEqual(tokens, ['one', ' two', ' three']);
    assert.equal(name, 'add');
    assert.equal(args, '{"a":1,"b":22}');
    assert.equal(finish, 'tool_calls');
    assert.deepEqual(usage, { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    assert.equal(ai.requests[0]?.body.messages[0]?.content, 'hi');
    assert.equal(ai.requests[0]?.headers.authorization, 'Bearer sk-test');
  });

  it('answers non-streamed completions', async () => {
    ai.script({ content: ['Hi', ' there'] });
    const done = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(done.choices[0]?.message.content, 'Hi there');
    assert.equal(done.choices[0]?.finish_reason, 'stop');
  });

  it('answers errors with OpenAI error bodies and retry-after', async () => {
    ai.script({ status: 429, retryAfter: 3, message: 'slow down' }, { status: 500 });
    await assert.rejects(client.chat.completions.create({ model: 'm', messages: [] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.headers.get('retry-after'), '3');
      assert.match(error.message, /slow down/);
      return true;
    });
    await assert.rejects(client.chat.completions.create({ model: 'm', messages: [] }), OpenAI.InternalServerError);
  });

  it('holds a stream until released and sees the client abort', async () => {
    ai.script({ content: ['a', 'b', 'c'], hold: { name: 'mid', after: 1 } });
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) {
        const token = chunk.choices[0]?.delta.content;
        if (token) seen.push(token);
        if (token === 'a') {
          await ai.held('mid');
          controller.abort();
        }
      }
    })();
    // The openai client ends an aborted stream's iteration quietly.
    await reading.catch(() => undefined);
    await ai.disconnected();
    assert.deepEqual(seen, ['a']);
    assert.equal(ai.disconnects, 1);
  });

  it('a released hold streams to the end', async () => {
    ai.script({ content: ['a', 'b'], hold: { name: 'h', after: 1 } });
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    void ai.held('h').then(() => ai.release('h'));
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'ab');
  });
});
