import { expect } from 'chai';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createReporter } from '../../../runtime/testing/reporters/index.js';
import { runSpecFiles, type Reporter, type RunSummary } from '../../../runtime/testing/runner.js';
import { REPO } from '../../support/server.js';

const FIX = join(REPO, 'test/unit/testing/fixtures');

/** Checks that tags nest and close properly and returns the elements in document order. */
function xmlElements(xml: string): Array<{ name: string; attrs: Record<string, string>; depth: number }> {
  const stack: string[] = [];
  const out: Array<{ name: string; attrs: Record<string, string>; depth: number }> = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[a-z]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      expect(stack.pop(), `closing </${name}>`).to.equal(name);
      continue;
    }
    const attrs = Object.fromEntries([...attrText!.matchAll(/([a-z]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    out.push({ name: name!, attrs, depth: stack.length });
    if (!selfClose) stack.push(name!);
  }
  expect(stack, 'unclosed elements').to.deep.equal([]);
  // Nothing but text may remain once tags are removed, and no raw markup characters.
  expect(body.replace(/<[^>]+>/g, '')).to.not.match(/[<>]/);
  return out;
}

describe('testing: reporters', () => {
  const outputs = { pretty: '', color: '', tap: '', junit: '' };
  let summary: RunSummary;
  before(async function () {
    this.timeout(60_000);
    const reporters: Reporter[] = [
      createReporter('pretty', (t) => (outputs.pretty += t), { color: false }),
      createReporter('pretty', (t) => (outputs.color += t), { color: true }),
      createReporter('tap', (t) => (outputs.tap += t)),
      createReporter('junit', (t) => (outputs.junit += t)),
    ];
    const fanOut: Reporter = {
      start: (i) => reporters.forEach((r) => r.start?.(i)),
      specStart: (f) => reporters.forEach((r) => r.specStart?.(f)),
      testEnd: (f, t) => reporters.forEach((r) => r.testEnd?.(f, t)),
      specEnd: (s) => reporters.forEach((r) => r.specEnd?.(s)),
      end: (s) => reporters.forEach((r) => r.end(s)),
    };
    summary = await runSpecFiles([join(FIX, 'pass.test.yaml'), join(FIX, 'wrong.test.yaml'), join(FIX, 'invalid.test.yaml')], { reporter: fanOut, parallel: 2 });
  });

  it('TAP 13: version, a plan that matches, numbered points, YAML diagnostics that parse', () => {
    const lines = outputs.tap.trimEnd().split('\n');
    expect(lines[0]).to.equal('TAP version 13');
    expect(lines[1]).to.equal('1..6');
    const points = lines.filter((l) => /^(not )?ok \d+ - /.test(l));
    expect(points).to.have.length(6);
    expect(points.map((p) => Number(/ok (\d+)/.exec(p)![1]))).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(points.filter((p) => p.startsWith('not ok'))).to.have.length(summary.failed);
    expect(points.some((p) => /^ok \d+ - test\/unit\/testing\/fixtures\/pass\.test\.yaml › counts$/.test(p))).to.equal(true);
    expect(points.some((p) => /^not ok \d+ - test\/unit\/testing\/fixtures\/wrong\.test\.yaml › expects the wrong reply$/.test(p))).to.equal(true);
    const blocks = [...outputs.tap.matchAll(/\n {2}---\n([\s\S]*?)\n {2}\.\.\.\n/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
    expect(blocks).to.have.length(summary.failed);
    const wrong = blocks.find((b) => b.turn === 'turn 2: say "count"')!;
    expect(wrong.at).to.equal('test/unit/testing/fixtures/wrong.test.yaml:8:9');
    expect(wrong.mismatches).to.deep.equal([
      { path: 'messages[0]', expected: 'a message "count=5"', actual: ['[Runner Fixture] "count=1"'] },
      { path: 'user_session.count', expected: '9', actual: ['1'] },
    ]);
    expect(blocks.some((b) => String(b.message).includes('invalid.test.yaml:7:11'))).to.equal(true);
    expect(lines.at(-2)).to.equal(`# pass ${summary.passed}`);
    expect(lines.at(-1)).to.equal(`# fail ${summary.failed}`);
  });

  it('JUnit XML: well-formed, a testsuite per spec and a testcase per conversation, failures with the diff', () => {
    const els = xmlElements(outputs.junit);
    const root = els[0]!;
    expect(root).to.deep.include({ name: 'testsuites', depth: 0 });
    expect(root.attrs).to.deep.include({ tests: '6', failures: String(summary.failed) });
    const suites = els.filter((e) => e.name === 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures])).to.deep.equal([
      ['test/unit/testing/fixtures/pass.test.yaml', '2', '0'],
      ['test/unit/testing/fixtures/wrong.test.yaml', '3', '2'],
      ['test/unit/testing/fixtures/invalid.test.yaml', '1', '1'],
    ]);
    expect(els.filter((e) => e.name === 'testcase' && e.depth === 2)).to.have.length(6);
    expect(els.filter((e) => e.name === 'failure' && e.depth === 3)).to.have.length(summary.failed);
    expect(outputs.junit).to.contain('<failure message="turn 2: say &quot;count&quot;" type="mismatch">');
    expect(outputs.junit).to.contain('- expected: a message &quot;count=5&quot;');
  });

  it('pretty: a progress line per spec, marks per conversation, numbered failures with - expected / + actual; colour only when asked', () => {
    const text = outputs.pretty;
    expect(text).to.match(/^Running 6 conversation\(s\) from 3 spec file\(s\)\n/);
    expect(text).to.match(/✓ test\/unit\/testing\/fixtures\/pass\.test\.yaml \(2 passed, \d+\.\d s\) \[\d\/3\]/);
    expect(text).to.match(/✗ test\/unit\/testing\/fixtures\/wrong\.test\.yaml \(2 of 3 failed/);
    expect(text).to.contain('    ✗ expects the wrong reply (1/3 turns)');
    expect(text).to.contain([
      '1) test/unit/testing/fixtures/wrong.test.yaml › expects the wrong reply',
      '   turn 2: say "count"  (test/unit/testing/fixtures/wrong.test.yaml:8:9)',
      '     messages[0]',
      '       - expected: a message "count=5"',
      '       + actual:   [Runner Fixture] "count=1"',
    ].join('\n'));
    expect(text).to.match(/\n3 passed, 3 failed \(\d+\.\d s\)\n$/);
    expect(text).to.not.contain('\u001b[');
    expect(outputs.color).to.contain('\u001b[31m');
    const timeless = (t: string) => t.replace(/\u001b\[\d+m/g, '').replace(/\d+\.\d s/g, 'T').replace(/\[\d\/3\]/g, '[n/3]').split('\n').sort().join('\n');
    expect(timeless(outputs.color)).to.equal(timeless(text));
  });
});
