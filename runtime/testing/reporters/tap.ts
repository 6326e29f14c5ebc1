import { stringify } from 'yaml';
import type { Reporter, TestOutcome } from '../runner.js';
import { testTitle, where } from './format.js';

/**
 * TAP version 13: the plan first (every spec is loaded before anything runs), one test point
 * per conversation as it ends, failures with a YAML diagnostic block.
 */
export function tapReporter(write: (text: string) => void): Reporter {
  let n = 0;
  return {
    start(info) {
      write(`TAP version 13\n1..${info.tests}\n`);
    },
    testEnd(file: string, test: TestOutcome) {
      n++;
      const title = testTitle(file, test).replace(/#/g, '\\#');
      if (test.status === 'passed') {
        write(`ok ${n} - ${title}\n`);
        return;
      }
      const f = test.failure!;
      const diag: Record<string, unknown> = { at: where(f.at), turn: f.turn };
      if (f.error) diag.message = f.error;
      if (f.mismatches.length > 0) diag.mismatches = f.mismatches.map((m) => ({ path: m.path, expected: m.expected, actual: m.actual }));
      const block = stringify(diag).trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
      write(`not ok ${n} - ${title}\n  ---\n${block}\n  ...\n`);
    },
    end(summary) {
      write(`# pass ${summary.passed}\n# fail ${summary.failed}\n`);
    },
  };
}
