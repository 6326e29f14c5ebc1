import { expect } from 'chai';
import { join } from 'node:path';
import { registerToolSource, type ToolSource } from '../../runtime/integrations/tools/registry.js';
import { REPO } from '../support/server.js';
import { connect, finalSteps, startLlm, stopLlm, turn, type LlmFixture, type Wire } from '../support/llm-app.js';

/**
 * The tool loop of openai-chat: tools from plugins (and registered sources, as MCP will
 * add) are offered as OpenAI tool definitions, each call is a `tool` step with its input
 * and output, and bad calls come back to the model as error results.
 */
describe('LLM: tools', () => {
  let listed = 0;
  const lookup: ToolSource = {
    id: 'mcp:test',
    async list() {
      listed += 1;
      return [{ name: 'lookup', description: 'Looks a word up', parameters: { type: 'object', required: ['word'], properties: { word: { type: 'string' } } } }];
    },
    async call(_session, name, args) {
      return { name, definition: `${String(args.word)}: a test word` };
    },
  };

  let fx: LlmFixture;
  let removeLookup: () => void;
  before(async () => {
    fx = await startLlm('      tools: [calculator, convert_units, lookup]');
    removeLookup = registerToolSource(lookup);
  });
  after(async () => {
    removeLookup();
    await stopLlm(fx);
  });
  beforeEach(async () => {
    fx.ai.requests.length = 0;
    await connect(fx);
  });

  const toolSteps = (steps: Wire[]) => steps.filter((s) => s.type === 'tool');
  const answers = (steps: Wire[]) => steps.filter((s) => s.type === 'assistant_message').map((s) => s.output);

  it('offers the chosen tools, runs the calls as tool steps and loops until the model answers', async () => {
    listed = 0;
    fx.ai.script(
      { content: 'Let me compute.', toolCalls: [{ id: 'call_a', name: 'calculator', arguments: '{"expression": "6 * 7"}' }, { id: 'call_b', name: 'convert_units', arguments: '{"value": 1, "from": "mi", "to": "km"}' }] },
      { toolCalls: [{ id: 'call_c', name: 'lookup', arguments: '{"word":"tool"}' }] },
      { content: ['42', ' and 1.609344 km.'] },
    );
    const steps = finalSteps(await turn(fx.client!, 'compute'));
    expect(fx.ai.requests[0]!.body.tools!.map((t) => t.function.name)).to.deep.equal(['calculator', 'convert_units', 'lookup']);
    expect(fx.ai.requests[0]!.body.tools![0]!.function.parameters).to.include({ type: 'object' });
    const tools = toolSteps(steps);
    expect(tools.map((s) => [s.name, JSON.parse(s.input!), s.output, s.isError])).to.deep.equal([
      ['calculator', { expression: '6 * 7' }, '42', false],
      ['convert_units', { value: 1, from: 'mi', to: 'km' }, JSON.stringify({ value: 1.609344, unit: 'km' }, null, 4), false],
      ['lookup', { word: 'tool' }, JSON.stringify({ name: 'lookup', definition: 'tool: a test word' }, null, 4), false],
    ]);
    expect(answers(steps)).to.deep.equal(['Let me compute.', '42 and 1.609344 km.']);
    const second = fx.ai.requests[1]!.body.messages;
    expect(second.slice(-3)).to.deep.equal([
      { role: 'assistant', content: 'Let me compute.', tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'calculator', arguments: '{"expression": "6 * 7"}' } },
        { id: 'call_b', type: 'function', function: { name: 'convert_units', arguments: '{"value": 1, "from": "mi", "to": "km"}' } },
      ] },
      { role: 'tool', tool_call_id: 'call_a', content: '42' },
      { role: 'tool', tool_call_id: 'call_b', content: '{"value":1.609344,"unit":"km"}' },
    ]);
    expect(fx.ai.requests[2]!.body.messages.at(-1)).to.deep.equal({ role: 'tool', tool_call_id: 'call_c', content: '{"name":"lookup","definition":"tool: a test word"}' });
    expect(fx.ai.requests).to.have.length(3);
    expect(listed, 'sources are listed once per turn, not per call or round').to.equal(1);
  });

  it('bad arguments (schema, JSON) give the model an error result, not a crash', async () => {
    fx.ai.script(
      { toolCalls: [{ name: 'calculator', arguments: '{"expr": 5}' }, { name: 'convert_units', arguments: '{"value": 1, "from": "mi"' }] },
      { content: 'Sorry, I sent bad arguments.' },
    );
    const steps = finalSteps(await turn(fx.client!, 'compute badly'));
    const tools = toolSteps(steps);
    expect(tools.map((s) => s.isError)).to.deep.equal([true, true]);
    expect(tools[0]!.output).to.match(/^invalid arguments: .*must have required property 'expression'/);
    expect(tools[1]!.output).to.match(/^the arguments are not valid JSON/);
    expect(tools[1]!.input).to.equal('{"value": 1, "from": "mi"');
    const results = fx.ai.requests[1]!.body.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
    expect(results[0]).to.match(/^Error: invalid arguments: /);
    expect(results[1]).to.match(/^Error: the arguments are not valid JSON/);
    expect(answers(steps)).to.deep.equal(['Sorry, I sent bad arguments.']);
    expect(steps.filter((s) => s.isError && s.type !== 'tool')).to.deep.equal([]);
  });

  it('a tool that throws is an error result the model reads; the answer still comes', async () => {
    fx.ai.script({ toolCalls: [{ name: 'calculator', arguments: '{"expression":"1/0"}' }] }, { content: 'Division by zero is undefined.' });
    const steps = finalSteps(await turn(fx.client!, 'divide'));
    expect(toolSteps(steps).map((s) => [s.name, s.output, s.isError])).to.deep.equal([['calculator', 'division by zero', true]]);
    expect(fx.ai.requests[1]!.body.messages.at(-1)).to.deep.include({ role: 'tool', content: 'Error: division by zero' });
    expect(answers(steps)).to.deep.equal(['Division by zero is undefined.']);
  });

  it('a tool the manifest did not allow is refused with an error result and no step', async () => {
    fx.ai.script({ toolCalls: [{ name: 'current_time', arguments: '{}' }] }, { content: 'I cannot tell the time.' });
    const steps = finalSteps(await turn(fx.client!, 'time?'));
    expect(toolSteps(steps)).to.deep.equal([]);
    expect(fx.ai.requests[1]!.body.messages.at(-1)!.content).to.equal('Error: the tool "current_time" is not available; use one of: calculator, convert_units, lookup');
  });

  it('two sources offering one tool name is a clear error message, and the session goes on', async () => {
    const remove = registerToolSource({ ...lookup, id: 'mcp:clash', list: async () => [{ name: 'calculator', description: 'another calculator', parameters: {} }] });
    try {
      const steps = finalSteps(await turn(fx.client!, 'compute'));
      expect(steps.filter((s) => s.isError).map((s) => s.output)).to.deep.equal(['the tool "calculator" is offered by both "plugins" and "mcp:clash"; tool names must be unique: rename one of them']);
      expect(fx.ai.requests).to.have.length(0);
    } finally {
      remove();
    }
    fx.ai.script({ content: 'ok' });
    expect(answers(finalSteps(await turn(fx.client!, 'again')))).to.deep.equal(['ok']);
  });

  it('stop during a tool call aborts the tool\'s signal; the model is not asked again', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => { started = resolve; });
    let sawAbort = false;
    const remove = registerToolSource({
      id: 'mcp:slow',
      list: async () => [{ name: 'slow', description: 'Takes its time', parameters: { type: 'object' } }],
      call: (_session, _name, _args, signal) => new Promise((resolve) => {
        started();
        signal.addEventListener('abort', () => { sawAbort = true; resolve('too late'); }, { once: true });
      }),
    });
    try {
      const stopper = await startLlm('      tools: [slow]');
      try {
        const client = await connect(stopper);
        stopper.ai.script({ toolCalls: [{ name: 'slow', arguments: '{}' }] });
        const since = client.received.length;
        client.send('go slow');
        await running;
        client.socket.emit('stop');
        await client.waitFor<Wire>('new_message', (m) => m.output === 'Task manually stopped.', { since });
        await client.waitFor('task_end', () => true, { since });
        expect(sawAbort).to.equal(true);
        stopper.ai.script({ content: 'next turn' });
        const next = finalSteps(await turn(client, 'hello'));
        expect(answers(next)).to.deep.equal(['next turn']);
        // No request carried the tool's late result: the stopped turn asked the model once.
        expect(stopper.ai.requests.map((r) => r.body.messages.at(-1)!.content)).to.deep.equal(['go slow', 'hello']);
        const late = client.received.filter((r) => (r.event === 'new_message' || r.event === 'update_message') && (r.payload as Wire).output === 'too late');
        expect(late, 'the tool step is not updated after the stop').to.deep.equal([]);
      } finally {
        await stopLlm(stopper);
      }
    } finally {
      remove();
    }
  });

  it('a model that never stops calling tools ends after max_tool_rounds with an error message', async () => {
    const rounds = Array.from({ length: 10 }, () => ({ toolCalls: [{ name: 'calculator', arguments: '{"expression":"1+1"}' }] }));
    fx.ai.script(...rounds);
    const steps = finalSteps(await turn(fx.client!, 'loop'));
    expect(toolSteps(steps)).to.have.length(10);
    expect(steps.filter((s) => s.isError && s.type !== 'tool').map((s) => s.output)).to.deep.equal(['The model called tools 10 times in a row without answering (max_tool_rounds).']);
  });
});

describe('LLM: MCP tools reach the model through the same registry', () => {
  let fx: LlmFixture;
  before(async () => {
    const server = join(REPO, 'test/fixtures/mcp/stdio-server.mjs');
    fx = await startLlm('      tools: [add, calculator]', [
      'features:',
      '  mcp:',
      '    enabled: true',
      '    stdio: { allowed_executables: [node] }',
      'mcp:',
      '  servers:',
      `    calc: { command: node ${JSON.stringify(server)} }`,
    ].join('\n'));
  });
  after(() => stopLlm(fx));

  it('a declared MCP server\'s tool is offered with its schema, called as a tool step, and its result goes back', async () => {
    const client = await connect(fx);
    fx.ai.script({ toolCalls: [{ id: 'call_m', name: 'add', arguments: '{"a": 2, "b": 40}' }] }, { content: 'It is 42.' });
    const steps = finalSteps(await turn(client, 'add 2 and 40'));
    const add = fx.ai.requests[0]!.body.tools!.find((t) => t.function.name === 'add')!;
    expect(add.function.description).to.equal('Adds two numbers');
    expect(add.function.parameters).to.deep.include({ type: 'object', required: ['a', 'b'] });
    expect(steps.filter((s) => s.type === 'tool').map((s) => [s.name, JSON.parse(s.input!), s.output, s.isError])).to.deep.equal([['add', { a: 2, b: 40 }, '42', false]]);
    expect(fx.ai.requests[1]!.body.messages.at(-1)).to.deep.equal({ role: 'tool', tool_call_id: 'call_m', content: '42' });
    expect(steps.filter((s) => s.type === 'assistant_message').map((s) => s.output)).to.deep.equal(['It is 42.']);
  });

  it('MCP arguments are checked against the server\'s schema before the call', async () => {
    const client = await connect(fx);
    fx.ai.script({ toolCalls: [{ name: 'add', arguments: '{"a": "two", "b": 40}' }] }, { content: 'Oops.' });
    const steps = finalSteps(await turn(client, 'add two and 40'));
    const [step] = steps.filter((s) => s.type === 'tool');
    expect(step!.isError).to.equal(true);
    expect(step!.output).to.match(/^invalid arguments: a must be number/);
  });
});
