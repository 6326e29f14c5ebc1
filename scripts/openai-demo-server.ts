/**
 * A local OpenAI-compatible server with the deterministic demo model of the test suite, to
 * run LLM apps and their conversation specs without a real model:
 *
 *   npx tsx scripts/openai-demo-server.ts [PORT]        # prints its base URL
 *   OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 node bin/chainlit-rt.js test manifests/tests/llm.test.yaml
 *
 * "calculate <expression>" calls the calculator, "convert <n> <unit> to <unit>" calls
 * convert_units, anything else is echoed (see test/support/openai-demo-model.ts).
 */
import { demoModel } from '../test/support/openai-demo-model.js';
import { startOpenAiServer } from '../test/support/openai-server.js';

const port = process.argv[2] === undefined ? 0 : Number(process.argv[2]);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${process.argv[2]}`);
const ai = await startOpenAiServer({ port });
ai.fallback = demoModel;
// It runs until stopped; forget requests so memory stays flat.
setInterval(() => { ai.requests.length = 0; }, 10_000).unref();
console.log(ai.baseUrl);
