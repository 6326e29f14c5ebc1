/**
 * instrumentOpenAI: chat completions of the real `openai` client, pointed at a local
 * OpenAI-compatible server, become `llm` steps carrying the generation.
 */
import { expect } from 'chai';
import OpenAI from 'openai';
import { instrumentOpenAI } from '../../runtime/sdk/index.js';
import { connectClient } from '../support/client.js';
import { useInstrumentedApp } from '../support/instrument-app.js';

const plugin = (baseURL: string) => `import OpenAI from 'openai';
import { definePlugin, instrumentOpenAI, Message, Step } from 'chainlit-rt';

const openai = new OpenAI({ baseURL: ${JSON.stringify(baseURL)}, apiKey: 'test-key', maxRetries: 0 });
instrumentOpenAI(openai);
// A second client, instrumented through the package (no client given).
const other = new OpenAI({ baseURL: ${JSON.stringify(baseURL)}, apiKey: 'test-key', maxRetries: 0 });
const ready = instrumentOpenAI();
// Handed to the test, which removes the package-wide instrumentation at its end.
ready.then((undo) => { globalThis.undoInstrumentOpenAI = undo; });

const weatherTool = { type: 'function', function: { name: 'weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }];

async function streamInto(stream) {
  const msg = new Message({ content: '' });
  for await (const chunk of stream) {
    const token = chunk.choices[0]?.delta?.content;
    if (token) await msg.streamToken(token);
  }
  await msg.send();
}

export default definePlugin({
  async onMessage(message) {
    const text = message.content;
    if (text === 'plain') {
      const out = await Step.run({ name: 'agent', type: 'run' }, () =>
        openai.chat.completions.create({ model: 'gpt-test', messages, temperature: 0.2, max_tokens: 50, tools: [weatherTool] }));
      await new Message({ content: 'answer:' + out.choices[0].message.content }).send();
    } else if (text === 'stream') {
      const stream = await openai.chat.completions.create({ model: 'gpt-stream', messages, stream: true, stream_options: { include_usage: true } });
      await streamInto(stream);
    } else if (text === 'tools') {
      const stream = await openai.chat.completions.create({ model: 'gpt-tools', messages, stream: true, tools: [weatherTool] });
      let calls = 0;
      for await (const chunk of stream) calls += chunk.choices[0]?.delta?.tool_calls?.length ?? 0;
      await new Message({ content: 'tool chunks:' + calls }).send();
    } else if (text === 'error') {
      try {
        await openai.chat.completions.create({ model: 'gpt-error', messages });
      } catch (err) {
        await new Message({ content: 'caught:' + err.status }).send();
      }
    } else if (text === 'global') {
      await ready;
      const out = await other.chat.completions.create({ model: 'gpt-global', messages });
      await new Message({ content: 'global:' + out.choices[0].message.content }).send();
    } else if (text === 'slow') {
      // No signal given: the stop of the task aborts the request.
      const stream = await openai.chat.completions.create({ model: 'gpt-slow', messages, stream: true });
      await streamInto(stream);
    }
  },
});
`;

interface StepDict { id: string; name: string; type: string; input: string; output: string; parentId: string | null; isError: boolean; generation: Record<string, unknown> | null; end: string | null }
interface Token { id: string; token: string }

describe('instrumentation: instrumentOpenAI with the openai client and a local OpenAI-compatible server', function () {
  this.timeout(30000);
  const fx = useInstrumentedApp('OpenAI', plugin);

  const instrumented = () => Object.getOwnPropertySymbols(OpenAI.Chat.Completions.prototype.create).length > 0;

  async function turn(text: string, done: (m: StepDict) => boolean) {
    const since = fx.client.received.length;
    fx.client.send(text);
    const answer = await fx.client.waitFor<StepDict>('new_message', (m) => m.type === 'assistant_message' && done(m), { since, timeoutMs: 20000 });
    // The llm step is completed when its call ends: wait for that update too.
    await fx.client.waitFor<StepDict>('update_message', (s) => s.type === 'llm' && s.end !== null, { since });
    const events = fx.client.received.slice(since);
    const last = new Map<string, StepDict>();
    for (const e of events) if (e.event === 'new_message' || e.event === 'update_message') last.set((e.payload as StepDict).id, e.payload as StepDict);
    const steps = [...last.values()];
    const llms = steps.filter((s) => s.type === 'llm');
    expect(llms, 'one llm step').to.have.length(1);
    const sentFirst = events.find((e) => e.event === 'new_message' && (e.payload as StepDict).id === llms[0]!.id)!.payload as StepDict;
    return { answer, steps, llm: llms[0]!, sentFirst, events };
  }

  it('a plain call: an llm step under the running step, sent at the call and completed with the generation (settings, tools, usage, timing)', async () => {
    fx.ai.script({ content: 'Hello there', usage: { prompt_tokens: 12, completion_tokens: 3 } });
    const { answer, steps, llm, sentFirst } = await turn('plain', (m) => m.output.startsWith('answer:'));
    expect(answer.output).to.equal('answer:Hello there');
    const agent = steps.find((s) => s.name === 'agent')!;
    expect(llm).to.include({ name: 'gpt-test', parentId: agent.id, output: 'Hello there', isError: false });
    // Sent when the call starts, with the messages as input and no end yet.
    expect(sentFirst.end).to.equal(null);
    expect(JSON.parse(sentFirst.input)).to.deep.equal([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }]);
    const g = llm.generation!;
    expect(g).to.include({ type: 'CHAT', provider: 'openai', model: 'gpt-test', inputTokenCount: 12, outputTokenCount: 3, tokenCount: 15, error: null });
    expect(g.settings).to.deep.equal({ model: 'gpt-test', temperature: 0.2, max_tokens: 50 });
    expect(g.tools).to.deep.equal([{ type: 'function', function: { name: 'weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }]);
    expect(g.messages).to.deep.equal([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }]);
    expect(g.messageCompletion).to.deep.include({ role: 'assistant', content: 'Hello there' });
    expect(g.duration).to.be.a('number').and.greaterThan(0);
    expect(g.tokenThroughputInSeconds).to.be.closeTo(3 / (g.duration as number), 1e-6);
    expect(g.ttFirstToken).to.equal(null);
    // The request reached the server as the plugin made it.
    expect(fx.ai.requests.at(-1)!.body).to.deep.include({ model: 'gpt-test', temperature: 0.2 });
    // The data layer keeps the step with its generation (history shows it again).
    const threadId = fx.server.app.registry.get(fx.client.sessionId)!.threadId;
    await fx.server.app.persistence!.queue.drain(threadId);
    const stored = (await fx.server.app.services.dataLayer!.getThread(threadId))!.steps.find((s) => s.id === llm.id)!;
    expect(stored.generation).to.deep.include({ model: 'gpt-test', inputTokenCount: 12, outputTokenCount: 3, tokenCount: 15 });
    expect(stored.output).to.equal('Hello there');
  });

  it('a streamed call: the consumer gets every chunk; the step gets the whole completion, the usage chunk and the time to first token', async () => {
    fx.ai.script({ content: ['Hel', 'lo', ' world'], usage: { prompt_tokens: 7, completion_tokens: 3 } });
    const { answer, llm, events } = await turn('stream', (m) => m.output === 'Hello world');
    const tokens = events.filter((e) => e.event === 'stream_token' && (e.payload as Token).id === answer.id).map((e) => (e.payload as Token).token);
    expect(tokens).to.deep.equal(['lo', ' world']);
    expect(llm).to.include({ name: 'gpt-stream', output: 'Hello world', isError: false });
    const g = llm.generation!;
    expect(g).to.include({ model: 'gpt-stream', inputTokenCount: 7, outputTokenCount: 3, tokenCount: 10 });
    expect(g.settings).to.deep.include({ stream: true, stream_options: { include_usage: true } });
    expect(g.messageCompletion).to.deep.equal({ role: 'assistant', content: 'Hello world' });
    expect(g.ttFirstToken).to.be.a('number').and.at.least(0);
    expect(g.ttFirstToken as number).to.be.at.most((g.duration as number) * 1000);
  });

  it('a streamed tool call: the fragments are joined into the completion; without usage each chunk counts as a token', async () => {
    fx.ai.script({ toolCalls: [{ id: 'call_w', name: 'weather', arguments: '{"city":"Paris"}' }], fragment: 7 });
    const { answer, llm } = await turn('tools', (m) => m.output.startsWith('tool chunks:'));
    // One chunk opens the call (id and name), three carry the 16 characters of arguments.
    expect(answer.output).to.equal('tool chunks:4');
    const g = llm.generation!;
    expect(g.messageCompletion).to.deep.equal({ role: 'assistant', content: null, tool_calls: [{ id: 'call_w', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }] });
    expect(g).to.include({ outputTokenCount: 4, inputTokenCount: null });
    expect(JSON.parse(llm.output)).to.deep.equal((g.messageCompletion as { tool_calls: unknown }).tool_calls);
  });

  it('a failed call: the step is an error carrying the message, and the caller still gets the error', async () => {
    fx.ai.script({ status: 500, message: 'model overloaded' });
    const { answer, llm } = await turn('error', (m) => m.output.startsWith('caught:'));
    expect(answer.output).to.equal('caught:500');
    expect(llm.isError).to.equal(true);
    expect(llm.output).to.contain('model overloaded');
    expect(llm.generation!.error).to.contain('model overloaded');
  });

  it('instrumentOpenAI() without a client instruments every client of the package', async () => {
    fx.ai.script({ content: 'from afar', usage: { prompt_tokens: 2, completion_tokens: 2 } });
    const { answer, llm } = await turn('global', (m) => m.output.startsWith('global:'));
    expect(answer.output).to.equal('global:from afar');
    expect(llm).to.include({ name: 'gpt-global', output: 'from afar' });
    expect(llm.generation).to.include({ outputTokenCount: 2 });
  });

  it('one client shared by two chats at once: each call is a step of the chat that made it', async () => {
    const other = await connectClient(fx.server.url);
    try {
      fx.ai.script({ content: ['alpha', ' one'], hold: { name: 'both', after: 1 } }, { content: ['beta', ' two'], hold: { name: 'both', after: 1 } });
      const since = [fx.client.received.length, other.received.length];
      fx.client.send('stream');
      other.send('stream');
      // Both streams are open at the same time before either ends.
      await fx.client.waitFor<StepDict>('stream_start', (m) => m.type === 'assistant_message', { since: since[0] });
      await other.waitFor<StepDict>('stream_start', (m) => m.type === 'assistant_message', { since: since[1] });
      fx.ai.release('both');
      for (const [i, c] of [fx.client, other].entries()) {
        const answer = await c.waitFor<StepDict>('new_message', (m) => m.type === 'assistant_message' && m.output.includes(' '), { since: since[i] });
        const llm = await c.waitFor<StepDict>('update_message', (m) => m.type === 'llm' && m.end !== null, { since: since[i] });
        const onMessage = c.received.slice(since[i]).map((e) => e.payload as StepDict).find((p) => p?.name === 'on_message')!;
        expect(llm.output, 'the step of this chat carries its own answer').to.equal(answer.output);
        expect(llm.parentId).to.equal(onMessage.id);
        expect(c.received.slice(since[i]).filter((e) => e.event === 'new_message' && (e.payload as StepDict).type === 'llm')).to.have.length(1);
      }
    } finally {
      other.close();
    }
  });

  it('stop aborts the request (no signal passed by the plugin)', async () => {
    fx.ai.script({ content: ['one', ' two', ' three', ' four'], hold: { name: 'slow', after: 2 } });
    const since = fx.client.received.length;
    fx.client.send('slow');
    await fx.ai.held('slow');
    fx.client.socket.emit('stop');
    await fx.client.waitFor('task_end', () => true, { since });
    await fx.ai.disconnected();
    expect(fx.ai.disconnects).to.be.greaterThan(0);
    fx.ai.release('slow');
  });

  it('the function instrumentOpenAI() resolves to removes the package-wide instrumentation', () => {
    const undo = (globalThis as { undoInstrumentOpenAI?: () => void }).undoInstrumentOpenAI;
    expect(undo, 'the plugin handed over its undo function').to.be.a('function');
    expect(instrumented()).to.equal(true);
    undo!();
    expect(instrumented()).to.equal(false);
  });

  it('outside a chat the client is untouched: the APIPromise and the result are openai\'s own', async () => {
    const plainClient = new OpenAI({ baseURL: fx.ai.baseUrl, apiKey: 'test-key', maxRetries: 0 });
    await instrumentOpenAI(plainClient);
    fx.ai.script({ content: 'no chat here' });
    const pending = plainClient.chat.completions.create({ model: 'gpt-none', messages: [{ role: 'user', content: 'hi' }] });
    expect(pending.withResponse, 'an APIPromise').to.be.a('function');
    const { data, response } = await pending.withResponse();
    expect(response.status).to.equal(200);
    expect(data.choices[0]!.message.content).to.equal('no chat here');
  });
});
