/**
 * LLM streaming overhead: tokens per second from a local OpenAI-compatible server (its own
 * process, bench/servers/openai.ts) read two ways:
 *   raw      — this process POSTs /v1/chat/completions and parses the SSE stream itself
 *              (fetch, split events, JSON.parse each chunk): the least any consumer does;
 *   runtime  — a chainlit-rt app (in this process) with the openai-chat plugin streams the
 *              same answer into a Message, and a Socket.IO client (its own process,
 *              bench/clients/llm-client.ts) counts the tokens until task_end: the whole
 *              path a browser sees.
 * (The `openai` package's own stream reader on the same stream is shown too; openai-chat
 * lets that client make the request but reads the body with its own SSE reader.)
 * The ratio runtime / raw is the share of the raw speed the runtime keeps; the overhead
 * per token is 1/runtime − 1/raw. Unpaced, the server sends as fast as it can (the reader
 * is the bottleneck: the worst case); paced, chunks come DELAY ms apart like a fast model.
 *
 *   npx tsx bench/llm.ts [--quick]          (or: npx tsx bench/run.ts llm)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import OpenAI from 'openai';
import { startServer, writeApp, type TestServer } from '../test/support/server.js';
import { REPO } from './lib/proc.js';
import { fmt, median, table } from './lib/stats.js';

export interface LlmBenchOptions {
  reps: number;
  scenarios: Array<{ tokens: number; delayMs: number }>;
}

interface Openai {
  url: string;
  child: ChildProcess;
}

async function startOpenai(tokens: number, delayMs: number): Promise<Openai> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/openai.ts', String(tokens), String(delayMs)], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => { if (line.startsWith('url ')) resolve(line.slice(4)); });
    child.once('exit', (code) => reject(new Error(`the OpenAI bench server exited with ${code}`)));
  });
  return { url, child };
}

/** One answer as its consumer saw it: all its tokens in `ms` from the request, the first ones at `firstMs`. */
interface Run {
  tokens: number;
  ms: number;
  firstMs: number;
}

/** Reads one streamed completion directly. */
async function rawRun(url: string): Promise<Run> {
  const t0 = performance.now();
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'go' }] }),
  });
  const decoder = new TextDecoder();
  let buffer = '';
  let tokens = 0;
  let firstMs = 0;
  for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(part, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!event.startsWith('data: ') || event === 'data: [DONE]') continue;
      const chunk = JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string } }> };
      if (chunk.choices[0]?.delta.content) tokens++;
    }
    if (tokens > 0 && firstMs === 0) firstMs = performance.now() - t0;
  }
  return { tokens, ms: performance.now() - t0, firstMs };
}

/** The same completion read through the `openai` package (what openai-chat does before the runtime). */
async function sdkRun(client: OpenAI): Promise<{ tokens: number; ms: number }> {
  const t0 = performance.now();
  const stream = await client.chat.completions.create({ model: 'bench', stream: true, messages: [{ role: 'user', content: 'go' }] });
  let tokens = 0;
  for await (const chunk of stream) if (chunk.choices[0]?.delta.content) tokens++;
  return { tokens, ms: performance.now() - t0 };
}

async function startApp(url: string): Promise<TestServer> {
  process.env.LLM_BENCH_KEY = 'bench';
  const manifest = writeApp({
    'chainlit.yaml': [
      'name: LLM bench',
      'plugins:',
      `  - module: ${REPO}plugins/openai-chat/index.ts`,
      '    options:',
      `      base_url: ${url}`,
      '      model: bench',
      '      api_key_env: LLM_BENCH_KEY',
      '      tools: []',
      // As bench/app: no persistence, so only the streaming path is measured.
      'data_layer:',
      '  enabled: false',
    ].join('\n'),
  });
  return startServer(manifest);
}

/** A Socket.IO client in its own process (bench/clients/llm-client.ts): one message per `run()`. */
async function startClient(server: TestServer): Promise<{ run(): Promise<Run>; close(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/clients/llm-client.ts', server.url], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the bench client exited');
    return line.value;
  };
  if ((await next()) !== 'ready') throw new Error('the bench client did not start');
  return {
    async run() {
      child.stdin!.write('go\n');
      return JSON.parse(await next()) as Run;
    },
    close: () => { child.stdin!.end(); child.kill(); },
  };
}

/** One token (the fixed cost of a message), a long unpaced answer (the per-token cost), a paced one (a fast model). */
export const LLM_SCENARIOS = [{ tokens: 1, delayMs: 0 }, { tokens: 2000, delayMs: 0 }, { tokens: 20000, delayMs: 0 }, { tokens: 500, delayMs: 2 }];

export async function llmBench(options: LlmBenchOptions): Promise<string> {
  const rows: string[][] = [];
  /** Median ms of a whole answer per unpaced size: the slope between two sizes is the cost per token alone. */
  const unpaced: Array<{ tokens: number; raw: number; rt: number }> = [];
  for (const { tokens, delayMs } of options.scenarios) {
    const openai = await startOpenai(tokens, delayMs);
    const server = await startApp(openai.url);
    const client = await startClient(server);
    try {
      const sdk = new OpenAI({ baseURL: openai.url, apiKey: 'bench', maxRetries: 0 });
      await rawRun(openai.url);
      await sdkRun(sdk);
      await client.run();
      const raw: number[] = [];
      const viaSdk: number[] = [];
      const rt: number[] = [];
      const rawFirst: number[] = [];
      const rtFirst: number[] = [];
      for (let rep = 0; rep < options.reps; rep++) {
        // Alternate, so drift in machine load hits both sides alike.
        const r = await rawRun(openai.url);
        const k = await sdkRun(sdk);
        const s = await client.run();
        if (r.tokens !== tokens || k.tokens !== tokens || s.tokens !== tokens) throw new Error(`expected ${tokens} tokens, raw read ${r.tokens}, openai package ${k.tokens}, runtime streamed ${s.tokens}`);
        raw.push((r.tokens * 1000) / r.ms);
        viaSdk.push((k.tokens * 1000) / k.ms);
        rt.push((s.tokens * 1000) / s.ms);
        rawFirst.push(r.firstMs);
        rtFirst.push(s.firstMs);
      }
      if (delayMs === 0) unpaced.push({ tokens, raw: (tokens * 1000) / median(raw), rt: (tokens * 1000) / median(rt) });
      const rawRate = median(raw);
      const rtRate = median(rt);
      rows.push([
        delayMs > 0 ? `paced, ${delayMs} ms/chunk` : 'unpaced',
        String(tokens),
        fmt(rawRate, 0),
        fmt(median(viaSdk), 0),
        fmt(rtRate, 0),
        fmt(rtRate / rawRate, 3),
        fmt(rtRate / median(viaSdk), 3),
        fmt((1 / rtRate - 1 / rawRate) * 1e6, 1),
        fmt(median(rawFirst), 1),
        fmt(median(rtFirst), 1),
      ]);
    } finally {
      client.close();
      await server.stop();
      openai.child.kill();
    }
  }
  const sizes = unpaced.filter((u) => u.tokens > 1).sort((a, b) => a.tokens - b.tokens);
  const marginal: string[][] = [];
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1]!, sizes[i]!];
    const rawRate = ((b.tokens - a.tokens) * 1000) / (b.raw - a.raw);
    const rtRate = ((b.tokens - a.tokens) * 1000) / (b.rt - a.rt);
    marginal.push([`${a.tokens} → ${b.tokens}`, fmt(rawRate, 0), fmt(rtRate, 0), fmt(rtRate / rawRate, 3), fmt((1 / rtRate - 1 / rawRate) * 1e6, 2)]);
  }
  return [
    `## LLM streaming through openai-chat (medians of ${options.reps} runs)`,
    '',
    ...(marginal.length > 0
      ? [
        'Per streamed token: the extra time a longer unpaced answer takes, per extra token (the fixed cost of a message cancels out):',
        '',
        table(['unpaced answers', 'raw tok/s', 'runtime tok/s', 'ratio runtime/raw', 'overhead µs/token'], marginal),
        '',
        'Whole answers:',
        '',
      ]
      : []),
    table(['scenario', 'tokens', 'raw SSE read tok/s', 'openai package tok/s', 'runtime tok/s', 'ratio runtime/raw', 'runtime/openai package', 'overhead µs/token', 'first token ms, raw', 'first token ms, runtime'], rows),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const out = await llmBench({ reps: quick ? 3 : 7, scenarios: LLM_SCENARIOS });
  console.log(out);
  process.exit(0);
}
