/**
 * The local OpenAI-compatible server of `bench/llm.ts`, in its own process so its CPU is not
 * the reader's. Every request is answered with TOKENS chunks ("t0 ", "t1 ", …), each
 * DELAY_MS apart (0: as fast as the socket takes them). Prints `url <baseUrl>` when ready.
 *
 *   node --import tsx bench/servers/openai.ts TOKENS DELAY_MS
 */
import { startOpenAiServer } from '../../test/support/openai-server.js';

const tokens = Number(process.argv[2] ?? 2000);
const delay = Number(process.argv[3] ?? 0);
const content = Array.from({ length: tokens }, (_, i) => `t${i} `);
const ai = await startOpenAiServer();
ai.fallback = () => ({ content, ...(delay > 0 ? { chunkDelayMs: delay } : {}) });
// Keep memory flat over many requests.
setInterval(() => { ai.requests.length = 0; }, 1000).unref();
console.log(`url ${ai.baseUrl}`);
