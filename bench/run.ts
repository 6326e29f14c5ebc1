/**
 * Benchmarks of the runtime core. Not part of `npm test`.
 *
 *   npm run bench                         # all three
 *   npx tsx bench/run.ts stream           # or coldstart, memory (several allowed)
 *   npx tsx bench/run.ts ui               # the web UI in Chromium (not part of the default set)
 *   npx tsx bench/run.ts history          # listing/searching 100k threads, 1M steps on SQLite and PostgreSQL (not default)
 *   npx tsx bench/run.ts llm              # tokens through openai-chat vs reading the local OpenAI server directly (not default)
 *   npx tsx bench/run.ts stream --profile # servers under --cpu-prof, top self time printed
 *   options: --quick (fewer repetitions), --no-build (reuse dist/ and bench/out/),
 *            --rt-bin=PATH (stream, coldstart: run another build's bin/chainlit-rt.js, to A/B a change)
 *            --runs=N (coldstart: warm starts of each side, default 21, 7 with --quick)
 *            --compare-bin=PATH (coldstart: also start another build's CLI in the same loop)
 *            --no-build with ui: reuse ui-dist as it is
 */
import { cpus, loadavg } from 'node:os';
import { buildAll } from './lib/build.js';
import { coldStartBench } from './coldstart.js';
import { memoryBench } from './memory.js';
import { scaleBench } from './scale.js';
import { streamBench } from './stream.js';
import { historyBench } from './history/index.js';
import { LLM_SCENARIOS, llmBench } from './llm.js';
import { uiBench } from './ui/run.js';

const BENCHES = ['stream', 'coldstart', 'memory', 'scale', 'ui', 'history', 'llm'] as const;
type Bench = (typeof BENCHES)[number];
/** Run when no benchmark is named; `ui` needs Chromium and `history` PostgreSQL, so they are asked for explicitly. */
const DEFAULT_BENCHES: Bench[] = ['stream', 'coldstart', 'memory'];

/** The machine is shared: the load average says how much others were running meanwhile. */
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const unknown = args.filter((a) => !a.startsWith('--') && !BENCHES.includes(a as Bench));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}`);
  const picked = args.filter((a): a is Bench => BENCHES.includes(a as Bench));
  const run = picked.length > 0 ? picked : DEFAULT_BENCHES;
  const quick = flags.has('--quick');
  const rtBin = args.find((a) => a.startsWith('--rt-bin='))?.slice('--rt-bin='.length);
  const compareBin = args.find((a) => a.startsWith('--compare-bin='))?.slice('--compare-bin='.length);
  const runsArg = args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length);
  const runs = runsArg === undefined ? undefined : Number.parseInt(runsArg, 10);
  if (runs !== undefined && !(runs >= 1)) throw new Error('--runs takes a whole number of at least 1');

  // The UI bench runs the server from source and builds only ui-dist; history needs no build.
  if (run.some((b) => b !== 'ui' && b !== 'history' && b !== 'llm')) await buildAll({ skipDist: flags.has('--no-build') });
  console.log(`# chainlit-rt benchmarks — ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average before: ${load()}\n`);
  for (const bench of run) {
    const t0 = Date.now();
    let out: string;
    if (bench === 'stream') out = await streamBench({ sessions: [1, 10, 100], tokens: 2000, reps: quick ? 3 : 7, profile: flags.has('--profile'), rtBin });
    else if (bench === 'coldstart') out = await coldStartBench({ manifest: 'manifests/app.yaml', coldRuns: quick ? 1 : 3, warmRuns: runs ?? (quick ? 7 : 21), rtBin, compareBin });
    else if (bench === 'scale') out = await scaleBench({ reps: quick ? 3 : 5, sessions: 20, tokens: 2000, paced: 1000, pacedSeconds: quick ? 10 : 30 });
    else if (bench === 'history') {
      const shape = quick
        ? { heavyThreads: 5_000, users: 50, threadsPerUser: 100, stepsPerThread: 10 }
        : { heavyThreads: 50_000, users: 50, threadsPerUser: 1_000, stepsPerThread: 10 };
      out = await historyBench({ shape, reps: quick ? 30 : 200, databases: ['sqlite', 'postgres'] });
    } else if (bench === 'llm') out = await llmBench({ reps: quick ? 3 : 7, scenarios: LLM_SCENARIOS });
    else if (bench === 'ui') out = await uiBench({ reps: quick ? 3 : 5, tokens: 40_000, messages: 1000, skipBuild: flags.has('--no-build') });
    else out = await memoryBench({ sessions: 1000, batch: 100, reps: quick ? 1 : 3, settleMs: 1000 });
    console.log(`${out}\n(${((Date.now() - t0) / 1000).toFixed(0)} s; load average after: ${load()})\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
