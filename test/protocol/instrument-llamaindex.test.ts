/**
 * instrumentLlamaIndex: a real LlamaIndex.TS query (a retriever from @llamaindex/core and
 * the @llamaindex/openai LLM pointed at a local OpenAI-compatible server) shows a retrieval
 * step with its sources as Text elements and the LLM call as an llm step.
 */
import { expect } from 'chai';
import { fileUrl, ownerFetch } from '../fixtures/apps/elements/harness.js';
import { useInstrumentedApp } from '../support/instrument-app.js';

const plugin = (baseURL: string) => `import { definePlugin, instrumentLlamaIndex, Message } from 'chainlit-rt';
import { Settings } from '@llamaindex/core/global';
import { RetrieverQueryEngine } from '@llamaindex/core/query-engine';
import { BaseRetriever } from '@llamaindex/core/retriever';
import { TextNode } from '@llamaindex/core/schema';
import { OpenAI } from '@llamaindex/openai';
import { LLMAgent } from '@llamaindex/core/agent';
import { FunctionTool } from '@llamaindex/core/tools';

const weather = new FunctionTool(async ({ city }) => 'sunny in ' + city, {
  name: 'weather',
  description: 'Weather of a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
});

class AtlasRetriever extends BaseRetriever {
  async _retrieve() {
    return [
      { node: new TextNode({ text: 'Paris is the capital of France.' }), score: 0.9 },
      { node: new TextNode({ text: 'France is in Europe.' }), score: 0.5 },
    ];
  }
}

const llm = new OpenAI({ model: 'gpt-li', apiKey: 'test-key', baseURL: ${JSON.stringify(baseURL)}, temperature: 0.1, maxRetries: 0, additionalChatOptions: { stream_options: { include_usage: true } } });
Settings.llm = llm;
await instrumentLlamaIndex();
const engine = new RetrieverQueryEngine(new AtlasRetriever());

export default definePlugin({
  async onMessage(message) {
    if (message.content === 'stream') {
      const stream = await engine.query({ query: 'capital of France?', stream: true });
      const msg = new Message({ content: '' });
      for await (const chunk of stream) if (chunk.delta) await msg.streamToken(chunk.delta);
      await msg.send();
    } else if (message.content === 'agent') {
      const agent = new LLMAgent({ llm, tools: [weather] });
      const answer = await agent.chat({ message: 'weather in Paris?' });
      await new Message({ content: 'agent:' + answer.message.content }).send();
    } else if (message.content === 'plain') {
      const answer = await llm.chat({ messages: [{ role: 'user', content: 'hi' }] });
      await new Message({ content: 'plain:' + answer.message.content }).send();
    }
  },
});
`;

interface StepDict { id: string; name: string; type: string; input: string; output: string; parentId: string | null; isError: boolean; generation: Record<string, unknown> | null; end: string | null }
interface ElementDict { id: string; type: string; name: string; display: string; forId: string; url?: string | null; chainlitKey?: string | null }

describe('instrumentation: LlamaIndex.TS callback manager events', function () {
  this.timeout(30000);
  const fx = useInstrumentedApp('LlamaIndex', plugin);

  async function turn(text: string, done: (m: StepDict) => boolean) {
    const since = fx.client.received.length;
    fx.client.send(text);
    await fx.client.waitFor<StepDict>('new_message', (m) => m.type === 'assistant_message' && done(m), { since, timeoutMs: 20000 });
    await fx.client.waitFor<StepDict>('update_message', (s) => s.type === 'llm' && s.end !== null, { since });
    const events = fx.client.received.slice(since);
    const last = new Map<string, StepDict>();
    for (const e of events) if (e.event === 'new_message' || e.event === 'update_message') last.set((e.payload as StepDict).id, e.payload as StepDict);
    return { steps: [...last.values()], events };
  }

  it('a streamed query: a retrieval step with its sources as side Text elements, then an llm step with the generation', async () => {
    fx.ai.script({ content: ['Paris', ' is', ' the', ' capital.'], usage: { prompt_tokens: 40, completion_tokens: 4 } });
    const { steps, events } = await turn('stream', (m) => m.output === 'Paris is the capital.');
    const onMessage = steps.find((s) => s.name === 'on_message')!;
    const retrieval = steps.find((s) => s.type === 'retrieval')!;
    expect(retrieval).to.include({ parentId: onMessage.id, input: 'capital of France?', name: '2 sources', output: 'Source 1 (score 0.90), Source 2 (score 0.50)' });
    const elements = events.filter((e) => e.event === 'element').map((e) => e.payload as ElementDict);
    expect(elements.map((e) => [e.type, e.name, e.display, e.forId])).to.deep.equal([['text', 'Source 1', 'side', retrieval.id], ['text', 'Source 2', 'side', retrieval.id]]);
    // The element's content is served from its file URL.
    const first = elements[0]!;
    expect(first.chainlitKey).to.be.a('string');
    const body = await (await ownerFetch(fx.client, fileUrl(fx.server, fx.client, first.chainlitKey!))).text();
    expect(body).to.equal('Paris is the capital of France.');
    const llm = steps.find((s) => s.type === 'llm')!;
    expect(llm).to.include({ parentId: onMessage.id, name: 'gpt-li', output: 'Paris is the capital.', isError: false });
    const g = llm.generation!;
    expect(g).to.include({ provider: 'OpenAI', model: 'gpt-li', inputTokenCount: 40, outputTokenCount: 4, tokenCount: 44 });
    expect(g.settings).to.deep.include({ temperature: 0.1 });
    expect(g.messageCompletion).to.deep.include({ role: 'assistant', content: 'Paris is the capital.' });
    expect(JSON.stringify(g.messages)).to.contain('Paris is the capital of France.');
    expect(g.ttFirstToken).to.be.a('number');
    expect(g.duration).to.be.a('number').and.greaterThan(0);
    // The model saw the retrieved sources in its prompt.
    expect(JSON.stringify(fx.ai.requests.at(-1)!.body.messages)).to.contain('France is in Europe.');
    // Retrieval happened before the call.
    const order = events.filter((e) => e.event === 'new_message').map((e) => (e.payload as StepDict).type);
    expect(order.indexOf('retrieval')).to.be.lessThan(order.indexOf('llm'));
  });

  it('an agent: a tool call between two llm calls is a tool step with its input and output', async () => {
    fx.ai.script(
      { toolCalls: [{ id: 'call_9', name: 'weather', arguments: '{"city":"Paris"}' }], usage: { prompt_tokens: 15, completion_tokens: 6 } },
      { content: 'Sunny.', usage: { prompt_tokens: 25, completion_tokens: 1 } },
    );
    const since = fx.client.received.length;
    fx.client.send('agent');
    await fx.client.waitFor<StepDict>('new_message', (m) => m.type === 'assistant_message' && m.output.startsWith('agent:'), { since, timeoutMs: 20000 });
    await fx.client.waitFor<StepDict>('update_message', (s) => s.type === 'llm' && s.output === 'Sunny.' && s.end !== null, { since });
    const last = new Map<string, StepDict>();
    for (const e of fx.client.received.slice(since)) if (e.event === 'new_message' || e.event === 'update_message') last.set((e.payload as StepDict).id, e.payload as StepDict);
    const steps = [...last.values()].filter((s) => ['llm', 'tool'].includes(s.type));
    expect(steps.map((s) => `${s.type}:${s.name}`)).to.deep.equal(['llm:gpt-li', 'tool:weather', 'llm:gpt-li']);
    const tool = steps[1]!;
    expect(JSON.parse(tool.input)).to.deep.equal({ city: 'Paris' });
    expect(tool).to.include({ output: 'sunny in Paris', isError: false });
    expect(steps[0]!.generation).to.include({ inputTokenCount: 15, outputTokenCount: 6 });
    expect(((steps[0]!.generation!.messageCompletion as { tool_calls: Array<{ name: string }> }).tool_calls).map((c) => c.name)).to.deep.equal(['weather']);
    expect(steps[2]!.generation).to.include({ inputTokenCount: 25, outputTokenCount: 1 });
  });

  it('a plain chat call: an llm step with the usage of the completion', async () => {
    fx.ai.script({ content: 'hello', usage: { prompt_tokens: 3, completion_tokens: 1 } });
    const { steps } = await turn('plain', (m) => m.output.startsWith('plain:'));
    const llm = steps.find((s) => s.type === 'llm')!;
    expect(llm.output).to.equal('hello');
    expect(llm.generation).to.include({ inputTokenCount: 3, outputTokenCount: 1, tokenCount: 4, ttFirstToken: null });
    expect(llm.generation!.messages).to.deep.equal([{ role: 'user', content: 'hi' }]);
    expect(steps.some((s) => s.type === 'retrieval')).to.equal(false);
  });
});
