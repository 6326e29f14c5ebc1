/**
 * LangchainCallbackHandler: chains, tools, retrievers and model calls of a real LangChain.js
 * run (fake models from @langchain/core, a real LangGraph graph) become nested steps on the
 * wire; the final answer streams into a message; stop ends the run.
 */
import { expect } from 'chai';
import { useInstrumentedApp } from '../support/instrument-app.js';

const plugin = (baseURL: string) => `import { context, definePlugin, LangchainCallbackHandler, Message } from 'chainlit-rt';
import { Document } from '@langchain/core/documents';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { RunnableLambda, RunnableSequence } from '@langchain/core/runnables';
import { DynamicTool } from '@langchain/core/tools';
import { FakeListChatModel, FakeRetriever } from '@langchain/core/utils/testing';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { ChatOpenAI } from '@langchain/openai';

const chat = () => new ChatOpenAI({ model: 'gpt-lc', apiKey: 'test-key', temperature: 0.3, maxRetries: 0, configuration: { baseURL: ${JSON.stringify(baseURL)} } });

const retriever = new FakeRetriever({ output: [new Document({ pageContent: 'Paris is the capital of France.', metadata: { source: 'atlas' } })] });
const weather = new DynamicTool({ name: 'weather', description: 'Weather of a city', func: async (city) => 'sunny in ' + city });
const broken = new DynamicTool({ name: 'broken', description: 'Always fails', func: async () => { throw new Error('tool exploded'); } });

let last = Promise.resolve('none');

function rag() {
  const model = new FakeListChatModel({ responses: ['Let me think. Final Answer: Paris'] });
  const prepare = RunnableLambda.from(async (question, config) => {
    const docs = await retriever.invoke(question, config);
    const sky = await weather.invoke('Paris', config);
    return [new HumanMessage(question + ' | ' + docs.map((d) => d.pageContent).join(' ') + ' | ' + sky)];
  }).withConfig({ runName: 'prepare' });
  return RunnableSequence.from([prepare, model, new StringOutputParser()]).withConfig({ runName: 'qa' });
}

function graph() {
  const draft = new FakeListChatModel({ responses: ['draft notes'] });
  const answer = new FakeListChatModel({ responses: ['The answer is 42'] });
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await draft.invoke(state.messages)] }))
    .addNode('final', async (state) => ({ messages: [await answer.invoke(state.messages)] }))
    .addEdge(START, 'agent')
    .addEdge('agent', 'final')
    .addEdge('final', END)
    .compile();
}

export default definePlugin({
  async onMessage(message) {
    const text = message.content;
    if (text === 'rag') {
      const cb = new LangchainCallbackHandler({ streamFinalAnswer: true });
      const out = await rag().invoke('capital of France?', { callbacks: [cb] });
      await new Message({ content: 'result:' + out + '|final:' + (cb.finalMessage?.content ?? 'none') }).send();
    } else if (text === 'graph') {
      const cb = new LangchainCallbackHandler({ streamFinalAnswer: true, finalNode: 'final' });
      await graph().invoke({ messages: [new HumanMessage('meaning of life?')] }, { callbacks: [cb] });
      await new Message({ content: 'final:' + (cb.finalMessage?.content ?? 'none') }).send();
    } else if (text === 'usage') {
      const out = await chat().invoke([new SystemMessage('Be kind.'), new HumanMessage('hey')], { callbacks: [new LangchainCallbackHandler()] });
      await new Message({ content: 'usage:' + out.content }).send();
    } else if (text === 'agent') {
      const agent = createReactAgent({ llm: chat(), tools: [weather] });
      const cb = new LangchainCallbackHandler({ streamFinalAnswer: true, finalNode: 'agent' });
      await agent.invoke({ messages: [new HumanMessage('weather in Paris?')] }, { callbacks: [cb], signal: context.signal });
      await new Message({ content: 'agent:' + (cb.finalMessage?.content ?? 'none') }).send();
    } else if (text === 'tool-error') {
      const cb = new LangchainCallbackHandler();
      const out = await broken.invoke('x', { callbacks: [cb] }).catch((e) => 'caught ' + e.message);
      await new Message({ content: out }).send();
    } else if (text === 'slow') {
      const model = new FakeListChatModel({ responses: ['x'.repeat(5000)], sleep: 2 });
      const cb = new LangchainCallbackHandler({ streamFinalAnswer: true, answerPrefixTokens: [] });
      last = model.invoke('go', { callbacks: [cb], signal: context.signal }).then(() => 'finished', (e) => 'stopped:' + (cb.finalMessage?.content.length ?? 0));
      await last;
    } else if (text === 'last') {
      await new Message({ content: 'last:' + (await last) }).send();
    }
  },
});
`;

interface StepDict { id: string; name: string; type: string; input: string; output: string; parentId: string | null; isError: boolean; streaming: boolean; generation: Record<string, unknown> | null; start: string | null; end: string | null }
interface Token { id: string; token: string }

describe('instrumentation: LangChain.js callback handler', function () {
  this.timeout(30000);
  const fx = useInstrumentedApp('LangChain', plugin);

  /** Sends `text` and returns, once the answer starting with `prefix` arrived, every step's last state. */
  async function turn(text: string, prefix: string) {
    const since = fx.client.received.length;
    fx.client.send(text);
    const answer = await fx.client.waitFor<StepDict>('new_message', (m) => m.type === 'assistant_message' && m.output.startsWith(prefix), { since, timeoutMs: 20000 });
    const events = fx.client.received.slice(since);
    const last = new Map<string, StepDict>();
    for (const e of events) if (e.event === 'new_message' || e.event === 'update_message') last.set((e.payload as StepDict).id, e.payload as StepDict);
    const steps = [...last.values()];
    const byName = (name: string) => {
      const found = steps.filter((s) => s.name === name);
      expect(found, `one step named ${name} in ${steps.map((s) => s.name).join(', ')}`).to.have.length(1);
      return found[0]!;
    };
    const tokens = (id: string) => events.filter((e) => e.event === 'stream_token' && (e.payload as Token).id === id).map((e) => (e.payload as Token).token);
    const starts = events.filter((e) => e.event === 'stream_start').map((e) => e.payload as StepDict);
    return { answer, steps, byName, tokens, starts };
  }

  it('a chain with a retriever, a tool and a model: nested run/undefined/retrieval/tool/llm steps with inputs, outputs and the generation', async () => {
    const { answer, steps, byName } = await turn('rag', 'result:');
    const onMessage = byName('on_message');
    const qa = byName('qa');
    expect(qa).to.include({ type: 'run', parentId: onMessage.id, output: 'Let me think. Final Answer: Paris', isError: false });
    expect(qa.input).to.equal('capital of France?');
    const prepare = byName('prepare');
    expect(prepare).to.include({ type: 'undefined', parentId: qa.id });
    const retrieval = byName('FakeRetriever');
    expect(retrieval).to.include({ type: 'retrieval', parentId: prepare.id, input: 'capital of France?' });
    expect(JSON.parse(retrieval.output)).to.deep.equal([{ pageContent: 'Paris is the capital of France.', metadata: { source: 'atlas' } }]);
    const tool = byName('weather');
    expect(tool).to.include({ type: 'tool', parentId: prepare.id, input: 'Paris', output: 'sunny in Paris' });
    const llm = steps.find((s) => s.type === 'llm')!;
    expect(llm.parentId).to.equal(qa.id);
    expect(llm.output).to.equal('Let me think. Final Answer: Paris');
    expect(llm.end).to.be.a('string');
    const g = llm.generation!;
    expect(g).to.include({ type: 'CHAT', error: null });
    expect(g.messages).to.deep.equal([{ role: 'user', content: 'capital of France? | Paris is the capital of France. | sunny in Paris' }]);
    expect(g.messageCompletion).to.deep.equal({ role: 'assistant', content: 'Let me think. Final Answer: Paris' });
    // The fake model reports no usage: each streamed chunk (one character) counts as a token.
    expect(g.outputTokenCount).to.equal('Let me think. Final Answer: Paris'.length);
    expect(g.duration).to.be.a('number').and.greaterThan(0);
    expect(g.ttFirstToken).to.be.a('number');
    expect(g.tokenThroughputInSeconds).to.be.a('number').and.greaterThan(0);
    // The plumbing runnables are no steps.
    expect(steps.map((s) => s.name)).to.not.include.members(['RunnableSequence', 'RunnableLambda']);
    expect(answer.output).to.equal('result:Let me think. Final Answer: Paris|final:Paris');
  });

  it('the final answer after the prefix streams into its own assistant message; the model tokens stream into the llm step', async () => {
    const { steps, tokens, starts } = await turn('rag', 'result:');
    const final = steps.find((s) => s.type === 'assistant_message' && s.output === 'Paris')!;
    expect(final, 'the streamed answer message').to.exist;
    const opened = starts.find((s) => s.id === final.id)!;
    expect(opened.output).to.equal('P');
    expect(tokens(final.id)).to.deep.equal(['a', 'r', 'i', 's']);
    const llm = steps.find((s) => s.type === 'llm')!;
    expect([starts.find((s) => s.id === llm.id)!.output, ...tokens(llm.id)].join('')).to.equal('Let me think. Final Answer: Paris');
  });

  it("LangGraph: nodes are steps under the graph's run; only the final node's model streams into the answer", async () => {
    const { steps, byName, tokens, starts } = await turn('graph', 'final:');
    const graph = steps.find((s) => s.type === 'run' && s.name !== 'on_message')!;
    expect(graph.parentId).to.equal(byName('on_message').id);
    const agent = byName('agent');
    const finalNode = byName('final');
    expect(agent.parentId).to.equal(graph.id);
    expect(finalNode.parentId).to.equal(graph.id);
    const llms = steps.filter((s) => s.type === 'llm');
    expect(llms.map((s) => [s.parentId, s.output])).to.deep.equal([[agent.id, 'draft notes'], [finalNode.id, 'The answer is 42']]);
    const answer = steps.find((s) => s.type === 'assistant_message' && s.output === 'The answer is 42')!;
    expect(answer, 'the final node streamed into a message').to.exist;
    expect([starts.find((s) => s.id === answer.id)!.output, ...tokens(answer.id)].join('')).to.equal('The answer is 42');
    expect(steps.some((s) => s.type === 'assistant_message' && s.output.includes('draft'))).to.equal(false);
    expect(steps.map((s) => s.name)).to.not.include.members(['__start__']);
    expect(steps.some((s) => s.output === 'final:The answer is 42'), 'cb.finalMessage is the streamed message').to.equal(true);
  });

  it("ChatOpenAI against a local OpenAI-compatible server: the generation has the provider's token counts, settings and the chat roles", async () => {
    fx.ai.script({ content: ['Hi', ' there'], usage: { prompt_tokens: 11, completion_tokens: 2 } });
    const { steps } = await turn('usage', 'usage:');
    const llm = steps.find((s) => s.type === 'llm')!;
    expect(llm.output).to.equal('Hi there');
    const g = llm.generation!;
    expect(g).to.include({ inputTokenCount: 11, outputTokenCount: 2, tokenCount: 13 });
    expect(g.messages).to.deep.equal([{ role: 'system', content: 'Be kind.' }, { role: 'user', content: 'hey' }]);
    expect(g.tokenThroughputInSeconds).to.be.closeTo(2 / (g.duration as number), 1e-6);
    expect(g).to.include({ provider: 'openai', model: 'gpt-lc' });
    expect(g.settings).to.deep.include({ temperature: 0.3 });
    // The handler asks the model to stream: the request was a stream.
    expect(fx.ai.requests.at(-1)!.body.stream).to.equal(true);
  });

  it('a LangGraph ReAct agent: model, tool and model again as steps; the tool call is in the completion; the final node streams the answer', async () => {
    fx.ai.script(
      { toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{"input":"Paris"}' }], usage: { prompt_tokens: 20, completion_tokens: 5 } },
      { content: ['It', ' is', ' sunny.'], usage: { prompt_tokens: 30, completion_tokens: 3 } },
    );
    const { steps, byName } = await turn('agent', 'agent:');
    const llms = steps.filter((s) => s.type === 'llm');
    expect(llms).to.have.length(2);
    const [first, second] = llms as [StepDict, StepDict];
    expect((first.generation!.messageCompletion as { tool_calls: Array<{ name: string; args: unknown }> }).tool_calls.map((c) => [c.name, c.args])).to.deep.equal([['weather', { input: 'Paris' }]]);
    expect(first.generation).to.include({ inputTokenCount: 20, outputTokenCount: 5 });
    expect((first.generation!.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).to.deep.equal(['weather']);
    const tool = byName('weather');
    expect(tool).to.include({ type: 'tool', output: 'sunny in Paris' });
    expect(second).to.include({ output: 'It is sunny.' });
    expect((second.generation!.messages as Array<{ role: string }>).map((m) => m.role)).to.deep.equal(['user', 'assistant', 'tool']);
    expect(steps.some((s) => s.output === 'agent:It is sunny.'), 'only the answer text streamed into the final message').to.equal(true);
  });

  it('a failing tool: its step is marked as an error with the message, the run goes on', async () => {
    const { byName, answer } = await turn('tool-error', 'caught');
    expect(byName('broken')).to.include({ type: 'tool', isError: true, output: 'tool exploded' });
    expect(answer.output).to.equal('caught tool exploded');
  });

  it('stop ends the run: the answer stream stops part-way and the run rejects', async () => {
    const since = fx.client.received.length;
    fx.client.send('slow');
    const answer = await fx.client.waitFor<StepDict>('stream_start', (s) => s.type === 'assistant_message', { since });
    fx.client.socket.emit('stop');
    await fx.client.waitFor('task_end', () => true, { since });
    const done = await turn('last', 'last:');
    const streamed = 1 + fx.client.received.slice(since).filter((e) => e.event === 'stream_token' && (e.payload as Token).id === answer.id).length;
    expect(done.answer.output).to.match(/^last:stopped:\d+$/);
    const length = Number(done.answer.output.split(':')[2]);
    expect(length).to.be.lessThan(5000);
    // What the client saw is what the handler streamed before the stop.
    expect(streamed).to.be.at.most(length);
  });
});
