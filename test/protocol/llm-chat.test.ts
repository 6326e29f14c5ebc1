import { expect } from 'chai';
import { connectClient } from '../support/client.js';
import { OPENAI_CHAT, connect, finalSteps, startLlm, stopLlm, tokens, turn, type LlmFixture, type Wire } from '../support/llm-app.js';
import { startServer, writeApp } from '../support/server.js';

/**
 * The openai-chat plugin against a local OpenAI-compatible server: streamed answers, the
 * conversation kept across turns, stop, errors and rate limits, chat settings, profiles.
 */
describe('LLM: openai-chat streams answers and keeps the conversation', () => {
  let fx: LlmFixture;
  before(async () => {
    fx = await startLlm([
      '      system_prompt: Be brief.',
      '      temperature: 0.5',
      '      retry: { max_retries: 2, initial_delay_ms: 1, max_delay_ms: 2000 }',
    ].join('\n'));
  });
  after(() => stopLlm(fx));
  beforeEach(async () => {
    fx.ai.requests.length = 0;
    await connect(fx);
  });

  it('streams the answer as it arrives into one message, with the options in the request', async () => {
    const client = fx.client!;
    fx.ai.script({ content: ['Hel', 'lo', ' there', '!'], hold: { name: 'mid-answer', after: 2 } });
    const since = client.received.length;
    const sofar = () => tokens(client.received.slice(since)).join('');
    client.send('hi');
    await fx.ai.held('mid-answer');
    // What came is on the screen while the model still writes: nothing waits for the end.
    // (Chunks that arrive in one read go out as one token, so 'Hel' + 'lo' may be one.)
    await client.waitFor('stream_start', () => true, { since });
    if (sofar() !== 'Hello') await client.waitFor('stream_token', () => sofar() === 'Hello', { since });
    expect(client.received.slice(since).some((r) => r.event === 'task_end'), 'the turn is still running').to.equal(false);
    fx.ai.release('mid-answer');
    await client.waitFor('task_end', () => true, { since, timeoutMs: 10_000 });
    const events = client.received.slice(since);
    expect(sofar()).to.equal('Hello there!');
    expect(tokens(events).length, 'at least one token before and one after the pause').to.be.within(2, 4);
    const answers = finalSteps(events).filter((m) => m.type === 'assistant_message');
    expect(answers.map((m) => m.output)).to.deep.equal(['Hello there!']);
    expect(answers[0]!.isError).to.equal(false);
    const { body, headers } = fx.ai.requests[0]!;
    expect(body.model).to.equal('test-model');
    expect(body.stream).to.equal(true);
    expect(body.temperature).to.equal(0.5);
    expect(body.stream_options).to.deep.equal({ include_usage: true });
    expect(body.messages).to.deep.equal([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }]);
    expect(headers.authorization).to.equal('Bearer sk-local-test');
  });

  it('chatContext keeps the history across turns: the second request carries the first exchange', async () => {
    fx.ai.script({ content: 'I am fine.' }, { content: 'You asked how I am.' });
    await turn(fx.client!, 'how are you?');
    const second = finalSteps(await turn(fx.client!, 'what did I ask?'));
    expect(second.filter((m) => m.type === 'assistant_message').map((m) => m.output)).to.deep.equal(['You asked how I am.']);
    expect(fx.ai.requests[1]!.body.messages).to.deep.equal([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'how are you?' },
      { role: 'assistant', content: 'I am fine.' },
      { role: 'user', content: 'what did I ask?' },
    ]);
  });

  it('stop mid-stream aborts the HTTP request; nothing of the answer arrives after task_end', async () => {
    const client = fx.client!;
    fx.ai.script({ content: ['first', ' second', ' third'], hold: { name: 'stop-here', after: 1 } });
    const since = client.received.length;
    client.send('tell me a long story');
    const stream = await client.waitFor<Wire>('stream_start', (s) => s.output === 'first', { since });
    await fx.ai.held('stop-here');
    client.socket.emit('stop');
    await client.waitFor<Wire>('new_message', (m) => m.output === 'Task manually stopped.', { since });
    await client.waitFor('task_end', () => true, { since });
    await fx.ai.disconnected();
    const atEnd = client.received.length;
    // A next turn proves the session goes on and flushes anything still in flight.
    fx.ai.script({ content: 'Still here.' });
    const next = await turn(client, 'are you there?');
    expect(finalSteps(next).filter((m) => m.type === 'assistant_message').map((m) => m.output)).to.deep.equal(['Still here.']);
    const late = client.received.slice(atEnd).filter((r) => (r.payload as { id?: string } | undefined)?.id === stream.id);
    expect(late, 'events of the stopped message after task_end').to.deep.equal([]);
    expect(tokens(client.received.slice(since))).to.not.include(' second');
    // The stopped partial answer is not part of the conversation the model sees (the
    // runtime's stop notice is, as in Chainlit's chat_context).
    expect(fx.ai.requests[1]!.body.messages.map((m) => m.content)).to.deep.equal(['Be brief.', 'tell me a long story', 'Task manually stopped.', 'are you there?']);
  });

  it('a 500 shows an error message with the server\'s text, and the session goes on', async () => {
    fx.ai.script({ status: 500, message: 'the GPU caught fire' });
    const events = finalSteps(await turn(fx.client!, 'hi'));
    const errors = events.filter((m) => m.isError);
    expect(errors.map((m) => m.output)).to.deep.equal(['The model request failed (HTTP 500): the GPU caught fire']);
    fx.ai.script({ content: 'Recovered.' });
    const next = finalSteps(await turn(fx.client!, 'again'));
    expect(next.filter((m) => m.type === 'assistant_message' && !m.isError).map((m) => m.output)).to.deep.equal(['Recovered.']);
    // The error message is not sent back to the model as an assistant turn.
    expect(fx.ai.requests[1]!.body.messages.map((m) => m.role)).to.deep.equal(['system', 'user', 'user']);
  });

  it('a server that dies mid-answer: the partial answer is closed, then an error message; the session goes on', async () => {
    fx.ai.script({ content: ['Once', ' upon', ' a', ' time'], dropAfter: 2 });
    const events = finalSteps(await turn(fx.client!, 'story'));
    const messages = events.filter((m) => m.type === 'assistant_message');
    expect(messages.map((m) => [m.output, m.isError])).to.deep.equal([
      ['Once upon', false],
      [messages[1]!.output, true],
    ]);
    expect(messages[1]!.output).to.match(/^The model's answer broke off: /);
    fx.ai.script({ content: 'Back.' });
    expect(finalSteps(await turn(fx.client!, 'again')).filter((m) => m.type === 'assistant_message').map((m) => m.output)).to.deep.equal(['Back.']);
  });

  it('a 429 is retried (honouring retry-after) until the request succeeds', async () => {
    fx.ai.script({ status: 429, retryAfter: 0, message: 'slow down' }, { status: 429, message: 'slow down' }, { content: 'Finally.' });
    const events = finalSteps(await turn(fx.client!, 'hi'));
    expect(events.filter((m) => m.isError)).to.deep.equal([]);
    expect(events.filter((m) => m.type === 'assistant_message').map((m) => m.output)).to.deep.equal(['Finally.']);
    expect(fx.ai.requests).to.have.length(3);
  });

  it('429s beyond max_retries end with an error message naming the rate limit', async () => {
    fx.ai.script({ status: 429, message: 'quota' }, { status: 429, message: 'quota' }, { status: 429, message: 'quota' });
    const events = finalSteps(await turn(fx.client!, 'hi'));
    expect(events.filter((m) => m.isError).map((m) => m.output)).to.deep.equal(['The model is rate limited: quota. Gave up after 3 attempt(s); try again later.']);
    expect(fx.ai.requests).to.have.length(3);
    fx.ai.script({ status: 429, retryAfter: 3600, message: 'come back later' });
    const long = finalSteps(await turn(fx.client!, 'hi'));
    expect(long.filter((m) => m.isError).map((m) => m.output)).to.deep.equal(['The model is rate limited: come back later. Gave up after 1 attempt(s) (the server asked to wait 3600 s); try again later.']);
    expect(fx.ai.requests, 'a retry-after beyond max_delay_ms is not waited for').to.have.length(4);
  });

  it('an unreachable server is an error message naming the URL', async () => {
    const dead = await startLlm();
    try {
      const url = dead.ai.baseUrl;
      await dead.ai.close();
      const client = await connect(dead);
      const events = finalSteps(await turn(client, 'hi'));
      expect(events.filter((m) => m.isError).map((m) => m.output)[0]).to.match(new RegExp(`^Could not reach the model server at ${url.replace(/[.]/g, '\\.')}`));
    } finally {
      dead.client?.close();
      await dead.server.stop();
    }
  });
});

describe('LLM: chat settings and chat profiles override the manifest options', () => {
  let fx: LlmFixture;
  before(async () => {
    fx = await startLlm([
      '      system_prompt: Default prompt.',
      '      temperature: 0.5',
      '      settings: { model: model, temperature: temperature, system_prompt: prompt }',
      '      profiles:',
      '        Deep: { system_prompt: Think step by step., max_tokens: 999, top_p: 0.9 }',
    ].join('\n'), [
      'chat_settings:',
      '  - { type: select, id: model, label: Model, values: [test-model, big-model], initial_index: 0 }',
      '  - { type: slider, id: temperature, label: Temperature, min: 0, max: 2, step: 0.1, initial: 0.5 }',
      '  - { type: textinput, id: prompt, label: Prompt, initial: "" }',
      'profiles:',
      '  - { name: Quick, default: true }',
      '  - { name: Deep }',
    ].join('\n'));
  });
  after(() => stopLlm(fx));
  beforeEach(() => { fx.ai.requests.length = 0; });

  it('bound chat settings replace the options; an empty text leaves the option', async () => {
    const client = await connect(fx, { chatProfile: 'Quick' });
    fx.ai.script({ content: 'a' }, { content: 'b' });
    await turn(client, 'first');
    expect(fx.ai.requests[0]!.body).to.include({ model: 'test-model', temperature: 0.5 });
    const since = client.received.length;
    client.socket.emit('chat_settings_change', { model: 'big-model', temperature: 1.3, prompt: '' });
    await client.waitFor('task_end', () => true, { since });
    await turn(client, 'second');
    expect(fx.ai.requests[1]!.body).to.include({ model: 'big-model', temperature: 1.3 });
    expect(fx.ai.requests[1]!.body.messages[0]).to.deep.equal({ role: 'system', content: 'Default prompt.' });
  });

  it('a chat profile\'s entry in `profiles` overrides the options for its sessions (and only for them)', async () => {
    const client = await connect(fx, { chatProfile: 'Deep' });
    fx.ai.script({ content: 'deep answer' });
    await turn(client, 'why?');
    const { body } = fx.ai.requests[0]!;
    expect(body).to.include({ model: 'test-model', max_tokens: 999, top_p: 0.9, temperature: 0.5 });
    expect(body.messages[0]).to.deep.equal({ role: 'system', content: 'Think step by step.' });
    const quick = await connect(fx, { chatProfile: 'Quick' });
    fx.ai.script({ content: 'quick answer' });
    await turn(quick, 'why?');
    expect(fx.ai.requests[1]!.body).to.not.have.property('max_tokens');
    expect(fx.ai.requests[1]!.body.messages[0]).to.deep.equal({ role: 'system', content: 'Default prompt.' });
  });
});

describe('LLM: non-streamed answers, usage, the API key', () => {
  let fx: LlmFixture;
  before(async () => {
    fx = await startLlm('      stream: false');
  });
  after(() => stopLlm(fx));

  it('stream: false sends the whole answer at once, with the usage in its metadata', async () => {
    const client = await connect(fx);
    fx.ai.script({ content: 'All at once.', usage: { prompt_tokens: 7, completion_tokens: 3 } });
    const events = await turn(client, 'hi');
    expect(tokens(events)).to.deep.equal([]);
    const answer = finalSteps(events).find((m) => m.type === 'assistant_message')!;
    expect(answer.output).to.equal('All at once.');
    expect(answer.metadata?.usage).to.deep.equal({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    expect(fx.ai.requests[0]!.body.stream).to.equal(false);
  });

  it('api.openai.com without its key is an error message naming the variable (no request is made)', async () => {
    const manifest = writeApp({ 'chainlit.yaml': [
      'name: No key',
      'plugins:',
      `  - module: ${OPENAI_CHAT}`,
      '    options: { model: gpt-4o-mini, api_key_env: LLM_TEST_UNSET_KEY }',
    ].join('\n') });
    delete process.env.LLM_TEST_UNSET_KEY;
    const server = await startServer(manifest);
    try {
      const client = await connectClient(server.url);
      await client.waitFor('task_end');
      const events = finalSteps(await turn(client, 'hi'));
      expect(events.filter((m) => m.isError).map((m) => m.output)).to.deep.equal([
        'The environment variable LLM_TEST_UNSET_KEY is not set: put the API key of https://api.openai.com/v1 there (or in .env).',
      ]);
      client.close();
    } finally {
      await server.stop();
    }
  });
});
