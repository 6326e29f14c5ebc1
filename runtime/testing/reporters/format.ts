import type { Failure, SpecOutcome, TestOutcome } from '../runner.js';

export const where = (at: { file: string; line: number; column: number }) => `${at.file}:${at.line}:${at.column}`;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `file › conversation` — how a conversation is named in every report. */
export function testTitle(file: string, test: TestOutcome): string {
  return `${file} › ${test.name}`;
}

export interface Paint {
  red(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const id = (s: string) => s;
export const plain: Paint = { red: id, green: id, dim: id, bold: id };
export const ansi: Paint = {
  red: (s) => `\u001b[31m${s}\u001b[39m`,
  green: (s) => `\u001b[32m${s}\u001b[39m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
};

/**
 * A failure as lines: which turn (and where in the file), then for each expectation that
 * did not hold a `- expected` / `+ actual` pair, the diff people read first.
 */
export function failureLines(failure: Failure, paint: Paint = plain): string[] {
  const lines = [`${failure.turn}  ${paint.dim(`(${where(failure.at)})`)}`];
  if (failure.error) lines.push(...failure.error.split('\n').map((l) => `  ${paint.red(l)}`));
  for (const m of failure.mismatches) {
    lines.push(`  ${paint.bold(m.path)}`);
    lines.push(`    ${paint.green(`- expected: ${m.expected}`)}`);
    m.actual.forEach((a, i) => lines.push(`    ${paint.red(`${i === 0 ? '+ actual:  ' : '           '} ${a}`)}`));
  }
  return lines;
}

export function countTests(specs: SpecOutcome[]): { passed: number; failed: number } {
  const all = specs.flatMap((s) => s.tests);
  return { passed: all.filter((t) => t.status === 'passed').length, failed: all.filter((t) => t.status === 'failed').length };
}
