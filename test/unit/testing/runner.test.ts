import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSpecFiles, type Reporter, type RunSummary } from '../../../runtime/testing/runner.js';
import { REPO } from '../../support/server.js';

const FIX = join(REPO, 'test/unit/testing/fixtures');
const fixture = (name: string) => join(FIX, name);
const TMP = join(REPO, 'test', '.tmp');
const tempDirs: string[] = [];
function tempDir(): string {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(join(TMP, 'runner-'));
  tempDirs.push(dir);
  return dir;
}

describe('testing: running conversation specs', () => {
  after(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  it('passes a correct spec: counts per session, nested steps named by their parent', async () => {
    const summary = await runSpecFiles([fixture('pass.test.yaml')]);
    expect(summary.failed, JSON.stringify(summary.specs[0]?.tests.map((t) => t.failure))).to.equal(0);
    expect(summary.passed).to.equal(2);
    expect(summary.specs[0]!.tests.map((t) => [t.name, t.turnsPassed, t.turnsTotal])).to.deep.equal([['counts', 2, 2], ['nested steps', 1, 1]]);
  });

  describe('failing specs', () => {
    let summary: RunSummary;
    before(async function () {
      this.timeout(60_000);
      summary = await runSpecFiles([fixture('wrong.test.yaml')]);
    });

    it('names the turn and its line, and gives expected vs actual for each expectation that differed', () => {
      const [wrong] = summary.specs[0]!.tests;
      expect(wrong!.status).to.equal('failed');
      expect(wrong!.turnsPassed).to.equal(1); // turn 3 never ran
      const f = wrong!.failure!;
      expect(f.turn).to.equal('turn 2: say "count"');
      expect(f.at).to.deep.equal({ file: 'test/unit/testing/fixtures/wrong.test.yaml', line: 8, column: 9 });
      expect(f.mismatches).to.deep.equal([
        { path: 'messages[0]', expected: 'a message "count=5"', actual: ['[Runner Fixture] "count=1"'] },
        { path: 'user_session.count', expected: '9', actual: ['1'] },
      ]);
    });

    it('an error message fails a turn that does not expect it, and passes one that does', () => {
      const [, unexpected, expected] = summary.specs[0]!.tests;
      expect(unexpected!.status).to.equal('failed');
      expect(unexpected!.failure!.mismatches).to.deep.equal([{ path: 'error', expected: 'no error message (add `error: true` to the expect block if this one is intended)', actual: ['[Error] "kaboom" (error)'] }]);
      expect(expected!.status).to.equal('passed');
      expect(summary.failed).to.equal(2);
      expect(summary.passed).to.equal(1);
    });
  });

  it('a turn past its time limit fails with a message saying what it waited for', async () => {
    const started = Date.now();
    const summary = await runSpecFiles([fixture('slow.test.yaml')]);
    const f = summary.specs[0]!.tests[0]!.failure!;
    expect(f.turn).to.equal('turn 1: say "slow"');
    expect(f.error).to.match(/^say "slow" did not finish within 0\.5 s: the app is still working on it \(no task_end\); last event: \w+, \d+\.\d s ago$/);
    expect(Date.now() - started).to.be.lessThan(2900); // the conversation was cut at its limit, not left to finish
  });

  it('an invalid spec counts as one failed test with its issues, and the other specs still run', async () => {
    const summary = await runSpecFiles([fixture('invalid.test.yaml'), fixture('pass.test.yaml')]);
    expect(summary.specs.map((s) => s.status)).to.deep.equal(['failed', 'passed']);
    const bad = summary.specs[0]!;
    expect(bad.tests[0]!.failure!.error).to.contain('invalid.test.yaml:7:11 tests[0].turns[0].expect.mesages: unknown key');
    expect(bad.tests[0]!.at.line).to.equal(7);
  });

  it('an app that fails to start fails its spec with the manifest error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'app.yaml'), 'name: 5\nnot_a_key: true\n');
    writeFileSync(join(dir, 'x.test.yaml'), 'manifest: app.yaml\ntests:\n  - name: t\n    turns: [{ say: hi }]\n');
    const summary = await runSpecFiles([join(dir, 'x.test.yaml')]);
    const f = summary.specs[0]!.tests[0]!.failure!;
    expect(f.turn).to.equal('starting the app');
    expect(f.error).to.match(/app\.yaml:2:1 not_a_key: unknown key/);
  });

  it('runs specs in parallel, each with its own app and sessions: counters never leak between conversations', async function () {
    this.timeout(60_000);
    const dir = tempDir();
    const conversations = Array.from({ length: 3 }, (_, i) => [
      `  - name: counter ${i}`,
      '    turns:',
      ...[1, 2, 3].map((n) => `      - say: count\n        expect: { messages: [count=${n}], user_session: { count: ${n} } }`),
    ].join('\n')).join('\n');
    const files = [0, 1, 2].map((i) => {
      const file = join(dir, `p${i}.test.yaml`);
      writeFileSync(file, `manifest: ${fixture('app/chainlit.yaml')}\ntests:\n${conversations}\n`);
      return file;
    });
    const order: string[] = [];
    const reporter: Reporter = { specStart: (f) => order.push(`start ${f.slice(-12)}`), specEnd: (s) => order.push(`end ${s.file.slice(-12)}`), end: () => undefined };
    const summary = await runSpecFiles(files, { parallel: 3, reporter });
    expect(summary.failed, JSON.stringify(summary.specs.flatMap((s) => s.tests.map((t) => t.failure)))).to.equal(0);
    expect(summary.passed).to.equal(9);
    // All three started before any finished: they really ran at once.
    expect(order.slice(0, 3).every((e) => e.startsWith('start'))).to.equal(true);
    expect(readFileSync(files[0]!, 'utf8')).to.contain('count=3');
  });
});
