import { expect } from 'chai';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, SpecError } from '../../../runtime/testing/spec.js';
import { REPO } from '../../support/server.js';

const FIX = join(REPO, 'test/unit/testing/fixtures');

async function specError(file: string): Promise<SpecError> {
  try {
    await loadSpec(file);
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error(`${file} loaded without an error`);
}

function tempSpec(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'crt-spec-'));
  const file = join(dir, 'x.test.yaml');
  writeFileSync(file, text);
  return file;
}

describe('testing: loading conversation specs', () => {
  it('normalises a valid spec: manifest resolved against the spec, one action per turn, labels, default timeout', async () => {
    const spec = await loadSpec(join(FIX, 'pass.test.yaml'));
    expect(spec.manifest).to.equal(join(FIX, 'app/chainlit.yaml'));
    expect(spec.tests.map((t) => t.name)).to.deep.equal(['counts', 'nested steps']);
    const [first] = spec.tests[0]!.turns;
    expect(first).to.deep.include({ index: 1, label: 'say "count"', until: 'idle', timeout: 10 });
    expect(first!.action).to.deep.equal({ kind: 'say', text: 'count' });
    expect(first!.at.line).to.equal(7);
    expect(spec.tests[0]!.onStart).to.deep.equal({ messages: ['ready'] });
  });

  it('names file, line, column and key path for schema errors, with a did-you-mean hint, and refuses a turn doing two things', async () => {
    const err = await specError(join(FIX, 'invalid.test.yaml'));
    expect(err.code).to.equal('CRT_TEST_SPEC_INVALID');
    const shown = err.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    expect(shown).to.deep.equal([
      '7:11 tests[0].turns[0].expect.mesages: unknown key; did you mean "messages"?',
      '8:9 tests[0].turns[1]: a turn does one thing; found say and click (split it into turns)',
    ]);
    expect(err.issues[0]!.file).to.equal('test/unit/testing/fixtures/invalid.test.yaml');
    expect(err.message).to.contain('test/unit/testing/fixtures/invalid.test.yaml:7:11');
  });

  it('reports YAML syntax errors, bad regexes, missing files and duplicate names at their lines', async () => {
    const syntax = await specError(tempSpec('manifest: a.yaml\ntests: [\n'));
    expect(syntax.issues[0]!.message).to.match(/^YAML syntax error/);
    const file = tempSpec([
      'manifest: nowhere.yaml',
      'tests:',
      '  - name: a',
      '    turns:',
      '      - answer: { file: missing.txt }',
      '      - say: x',
      '        expect:',
      '          messages: [{ regex: "(" }]',
      '  - name: a',
      '    turns: []',
    ].join('\n'));
    const err = await specError(file);
    expect(err.issues.map((i) => [i.line, i.path, i.message.replace(/: \/.*$/, '')])).to.deep.equal([
      [1, 'manifest', 'no such manifest'],
      [5, 'tests[0].turns[0]', 'no such file'],
      [8, 'tests[0].turns[1].expect.messages[0].regex', 'not a valid regular expression: Invalid regular expression'],
      [9, 'tests[1].name', 'two conversations are named "a"; names must be unique'],
    ]);
  });

  it('reports a reused schema part that fails at several places once per place (e.g. two numbers in `messages`)', async () => {
    const file = tempSpec(['manifest: nowhere.yaml', 'tests:', '  - name: a', '    turns:', '      - say: x', '        expect:', '          messages: [1, ok, 2]'].join('\n'));
    const err = await specError(file);
    expect(err.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).to.deep.equal([
      '7:22 tests[0].turns[0].expect.messages[0]: expected string or object, got 1',
      '7:29 tests[0].turns[0].expect.messages[2]: expected string or object, got 2',
    ]);
  });

  it('a missing spec file is a typed error', async () => {
    try {
      await loadSpec(join(FIX, 'nope.test.yaml'));
      expect.fail('loaded');
    } catch (err) {
      expect((err as { code: string }).code).to.equal('CRT_TEST_SPEC_INVALID');
      expect((err as Error).message).to.match(/Conversation spec not found: .*nope\.test\.yaml/);
    }
  });
});
