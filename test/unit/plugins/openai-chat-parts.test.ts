import { expect } from 'chai';
import { evaluate } from '../../../plugins/basic-tools/calculator.js';
import { convert } from '../../../plugins/basic-tools/units.js';
import { effectiveSettings, type OpenAIChatOptions } from '../../../plugins/openai-chat/options.js';
import { retryAfterMs } from '../../../plugins/openai-chat/retry.js';
import { completionBatches, completionChunks } from '../../../plugins/openai-chat/sse.js';

describe('basic-tools: calculator and unit conversion', () => {
  it('evaluates arithmetic with precedence, powers, functions and constants', () => {
    expect(evaluate('(17 + 25) * 3')).to.equal(126);
    expect(evaluate('2 ^ 3 ^ 2')).to.equal(512);
    expect(evaluate('-2 ** 2')).to.equal(-4);
    expect(evaluate('sqrt(16) + abs(-3) + 10 % 4')).to.equal(9);
    expect(evaluate('round(pi * 100) / 100')).to.equal(3.14);
    expect(evaluate('1.5e3 / .5')).to.equal(3000);
  });

  it('refuses what is not arithmetic, with a reason', () => {
    expect(() => evaluate('1/0')).to.throw('division by zero');
    expect(() => evaluate('process.exit()')).to.throw('unknown name "process"');
    expect(() => evaluate('(1 + 2')).to.throw('expected ")" but found the end');
    expect(() => evaluate('1 2')).to.throw('unexpected "2"');
  });

  it('converts within one kind of unit and refuses across kinds', () => {
    expect(convert(1, 'mi', 'km')).to.equal(1.609344);
    expect(convert(100, 'C', 'F')).to.equal(212);
    expect(convert(0, 'k', 'c')).to.equal(-273.15);
    expect(() => convert(1, 'kg', 'km')).to.throw('cannot convert kg to km');
  });
});

describe('openai-chat: retry-after and effective settings', () => {
  it('reads retry-after-ms, retry-after seconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).to.equal(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).to.equal(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).to.equal(5000);
    expect(retryAfterMs(new Headers())).to.equal(undefined);
  });

  const base = {
    model: 'a', system_prompt: 'base', temperature: 0.5, base_url: 'http://x', api_key_env: 'K', stream: true, include_usage: true,
    max_tool_rounds: 10, timeout_ms: 1000, retry: { max_retries: 1, initial_delay_ms: 1, max_delay_ms: 1 },
    settings: { model: 'm', temperature: 't', system_prompt: 'p', max_tokens: 'n' },
    profiles: { P: { model: 'profile-model', top_p: 0.5 } },
  } satisfies OpenAIChatOptions;

  it('applies the profile, then bound settings; empty values and non-numbers leave the option', () => {
    const s = effectiveSettings(base, 'P', { m: '', t: '1.2', p: 'custom', n: 'lots' });
    expect(s).to.include({ model: 'profile-model', top_p: 0.5, temperature: 1.2, system_prompt: 'custom' });
    expect(s.max_tokens).to.equal(undefined);
    expect(effectiveSettings(base, null, {}).model).to.equal('a');
    expect(effectiveSettings(base, 'Unknown', { m: 'chosen' }).model).to.equal('chosen');
  });
});

describe('openai-chat: the SSE reader of streamed completions', () => {
  const body = (...parts: string[]) => new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
  const read = async (...parts: string[]) => {
    const out: unknown[] = [];
    for await (const chunk of completionChunks(body(...parts))) out.push(chunk);
    return out;
  };

  it('splits events across reads, with LF or CRLF, and stops at [DONE]', async () => {
    expect(await read('data: {"a":1}\n\ndata: {"a"', ':2}\n\n', 'data: [DONE]\n\ndata: {"a":3}\n\n')).to.deep.equal([{ a: 1 }, { a: 2 }]);
    expect(await read('data: {"a":1}\r', '\n\r\ndata: {"a":2}\r\n\r\n')).to.deep.equal([{ a: 1 }, { a: 2 }]);
  });

  it('batches the events that are there when it reads (they go to the UI as one token), and waits for nothing more', async () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const send = (...parts: string[]) => parts.forEach((p) => controller.enqueue(new TextEncoder().encode(p)));
    const batches = completionBatches(stream);
    send('data: {"a":1}\n\ndata: {"a":2}\n\ndata: {"a"');
    // Only what has arrived: the batch comes although the stream is still open.
    expect((await batches.next()).value).to.deep.equal([{ a: 1 }, { a: 2 }]);
    // Reads that arrived together while the last batch was handled are joined.
    send(':3}\n\n', 'data: {"a":4}\n\n');
    expect((await batches.next()).value).to.deep.equal([{ a: 3 }, { a: 4 }]);
    send('data: {"a":5}\n\ndata: [DONE]\n\n');
    expect((await batches.next()).value).to.deep.equal([{ a: 5 }]);
    expect((await batches.next()).done).to.equal(true);
  });

  it('skips comments and other fields, joins multi-line data, reads an unterminated last event', async () => {
    expect(await read(': keep-alive\n\nevent: x\nid: 1\ndata: {"a":\ndata: 1}\n\ndata: {"b":2}')).to.deep.equal([{ a: 1 }, { b: 2 }]);
  });

  it('throws a chunk that reports an error', async () => {
    let error: unknown;
    try {
      await read('data: {"error":{"message":"model overloaded"}}\n\n');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error).with.property('message', 'model overloaded');
  });
});
