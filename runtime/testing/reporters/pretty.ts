import type { Reporter, RunSummary, SpecOutcome } from '../runner.js';
import { ansi, failureLines, plain, seconds, testTitle, type Paint } from './format.js';

/**
 * For people: one block per spec file as it finishes (a progress line, then a mark per
 * conversation), then every failure with its expected/actual diff, then the totals.
 */
export function prettyReporter(write: (text: string) => void, options: { color?: boolean } = {}): Reporter {
  const paint: Paint = options.color ? ansi : plain;
  let done = 0;
  let total = 0;
  return {
    start(info) {
      total = info.specs;
      write(paint.dim(`Running ${info.tests} conversation(s) from ${info.specs} spec file(s)\n`));
    },
    specEnd(spec: SpecOutcome) {
      done++;
      const failed = spec.tests.filter((t) => t.status === 'failed').length;
      const mark = spec.status === 'passed' ? paint.green('✓') : paint.red('✗');
      const counts = failed > 0 ? `${failed} of ${spec.tests.length} failed` : `${spec.tests.length} passed`;
      write(`${mark} ${spec.file} ${paint.dim(`(${counts}, ${seconds(spec.durationMs)}) [${done}/${total}]`)}\n`);
      for (const t of spec.tests) {
        const turns = t.turnsTotal > 0 ? paint.dim(` (${t.turnsPassed}/${t.turnsTotal} turns)`) : '';
        write(`    ${t.status === 'passed' ? paint.green('✓') : paint.red('✗')} ${t.name}${turns}\n`);
      }
    },
    end(summary: RunSummary) {
      const failures = summary.specs.flatMap((s) => s.tests.filter((t) => t.failure).map((t) => ({ file: s.file, t })));
      failures.forEach(({ file, t }, i) => {
        write(`\n${paint.red(`${i + 1}) ${testTitle(file, t)}`)}\n`);
        for (const line of failureLines(t.failure!, paint)) write(`   ${line}\n`);
      });
      const parts = [paint.green(`${summary.passed} passed`), summary.failed > 0 ? paint.red(`${summary.failed} failed`) : ''];
      write(`\n${parts.filter(Boolean).join(', ')} ${paint.dim(`(${seconds(summary.durationMs)})`)}\n`);
    },
  };
}
