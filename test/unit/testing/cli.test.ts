import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expandSpecFiles, testCommand } from '../../../cli/commands/test.js';
import { REPO } from '../../support/server.js';

const FIX = join(REPO, 'test/unit/testing/fixtures');

describe('testing: `chainlit-rt test`', () => {
  const TMP = join(REPO, 'test', '.tmp');
  let dir: string;
  before(() => {
    mkdirSync(TMP, { recursive: true });
    dir = mkdtempSync(join(TMP, 'cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('expands folders to their *.test.yaml files', () => {
    expect(expandSpecFiles([FIX]).map((f) => f.slice(FIX.length + 1))).to.deep.equal(['invalid.test.yaml', 'pass.test.yaml', 'slow.test.yaml', 'wrong.test.yaml']);
  });

  it('exit code 0 when all pass, 1 on a failure; --output writes the report there and says so', async () => {
    let out = '';
    expect(await testCommand([join(FIX, 'pass.test.yaml')], { write: (t) => (out += t), color: false })).to.equal(0);
    expect(out).to.match(/2 passed \(\d+\.\d s\)\n$/);
    const junit = join(dir, 'report.xml');
    const errs: string[] = [];
    expect(await testCommand([join(FIX, 'wrong.test.yaml')], { reporter: 'junit', output: junit, err: (l) => errs.push(l) })).to.equal(1);
    expect(readFileSync(junit, 'utf8')).to.match(/^<\?xml[\s\S]*<testsuites [^>]*tests="3" failures="2"/);
    expect(errs).to.deep.equal([`1 passed, 2 failed; junit report written to ${junit}`]);
  });

  it('exit code 2 for an unknown reporter, a bad --parallel, or no specs', async () => {
    const errs: string[] = [];
    const err = (l: string) => errs.push(l);
    expect(await testCommand([join(FIX, 'pass.test.yaml')], { reporter: 'xml', err })).to.equal(2);
    expect(await testCommand([join(FIX, 'pass.test.yaml')], { parallel: 0, err })).to.equal(2);
    expect(await testCommand([dir], { err })).to.equal(2);
    expect(errs).to.deep.equal([
      'Unknown reporter "xml"; use one of: pretty, tap, junit',
      '--parallel takes a whole number of at least 1',
      'No conversation specs found: pass files or folders (specs are named *.test.yaml).',
    ]);
  });

  it('is wired into the CLI: TAP on stdout and exit code 1 for a failing spec', async function () {
    this.timeout(60_000);
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(REPO, 'cli/index.ts'), 'test', '--reporter', 'tap', join(FIX, 'slow.test.yaml')], { cwd: REPO }, (error, stdout) => {
        resolve({ code: error ? (error as { code?: number }).code ?? null : 0, stdout });
      });
    });
    expect(result.code).to.equal(1);
    expect(result.stdout).to.match(/^TAP version 13\n1\.\.1\nnot ok 1 - test\/unit\/testing\/fixtures\/slow\.test\.yaml › a turn past its time limit\n/);
  });
});
