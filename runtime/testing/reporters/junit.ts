import type { Reporter, RunSummary } from '../runner.js';
import { failureLines } from './format.js';

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // Characters XML 1.0 cannot carry at all (ANSI escapes and other controls).
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
const secs = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML, the format CI systems read: a testsuite per spec file, a testcase per conversation. */
export function junitReporter(write: (text: string) => void): Reporter {
  return {
    end(summary: RunSummary) {
      const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
      out.push(`<testsuites name="chainlit-rt conversations" tests="${summary.passed + summary.failed}" failures="${summary.failed}" errors="0" time="${secs(summary.durationMs)}">`);
      for (const spec of summary.specs) {
        const failed = spec.tests.filter((t) => t.status === 'failed').length;
        out.push(`  <testsuite name="${xml(spec.file)}" tests="${spec.tests.length}" failures="${failed}" errors="0" skipped="0" time="${secs(spec.durationMs)}">`);
        for (const t of spec.tests) {
          const head = `    <testcase name="${xml(t.name)}" classname="${xml(spec.file)}" file="${xml(t.at.file)}" line="${t.at.line}" time="${secs(t.durationMs)}"`;
          if (!t.failure) {
            out.push(`${head}/>`);
            continue;
          }
          const kind = t.failure.error ? 'error' : 'mismatch';
          out.push(`${head}>`);
          out.push(`      <failure message="${xml(t.failure.turn)}" type="${kind}">${xml(failureLines(t.failure).join('\n'))}</failure>`);
          out.push('    </testcase>');
        }
        out.push('  </testsuite>');
      }
      out.push('</testsuites>');
      write(`${out.join('\n')}\n`);
    },
  };
}
