import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO, readRepoFile } from './support.js';

/**
 * Every ```ts block of docs/sdk.md, docs/auth.md and docs/history.md whose leading imports include one from 'chainlit-rt' is
 * type-checked against the real SDK. TypeScript 7 ships no in-process compiler API
 * (`ts.createProgram` is gone), so the blocks are written to a temp folder with a tsconfig
 * that extends the repo's and checked by the repo's own `tsc`.
 */
const DOCS = ['docs/sdk.md', 'docs/auth.md', 'docs/history.md', 'docs/mcp.md'];
/** At least this many checked blocks per page, so a broken extractor cannot pass vacuously. */
const MIN_BLOCKS: Record<string, number> = { 'docs/sdk.md': 4, 'docs/auth.md': 4, 'docs/history.md': 2, 'docs/mcp.md': 2 };

interface Example {
  doc: string;
  /** 1-based line of the block's first code line in the doc. */
  line: number;
  code: string;
}

function examples(doc: string, markdown: string): Example[] {
  const found: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    const body = lines.slice(i + 1, end < 0 ? undefined : end);
    i = end < 0 ? lines.length : end;
    // A first comment line may name the file (`// plugin.ts (example: password)` in auth.md).
    const start = body.findIndex((l) => l.trim() !== '' && !/^\/\//.test(l.trim()));
    const rest = body.slice(Math.max(start, 0));
    const leadingImports = rest.slice(0, rest.findIndex((l) => l.trim() !== '' && !/^import\s/.test(l)));
    if (leadingImports.some((l) => /from\s+['"]chainlit-rt['"]/.test(l))) found.push({ doc, line: i - body.length + 1, code: body.join('\n') });
  }
  return found;
}

/** A file that must fail to compile: proves the harness reports errors instead of passing vacuously. */
const SENTINEL = "import { Message } from 'chainlit-rt';\nexport const wrong: number = new Message({ content: 'x' });\n";

describe('docs/sdk.md, docs/auth.md and docs/history.md examples type-check against the SDK', () => {
  let dir = '';
  after(() => {
    // The repo tsconfig includes test/, so a leftover sentinel would break `npm run typecheck`.
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('compiles every chainlit-rt example without diagnostics', function () {
    this.timeout(60_000);
    const blocks = DOCS.flatMap((doc) => examples(doc, readRepoFile(doc)));
    for (const doc of DOCS) expect(blocks.filter((b) => b.doc === doc).length, `too few \`\`\`ts blocks importing 'chainlit-rt' found in ${doc}`).to.be.at.least(MIN_BLOCKS[doc]!);

    mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
    dir = mkdtempSync(join(REPO, 'test', '.tmp', 'docs-examples-'));
    const files = blocks.map((block, n) => {
      const file = join(dir, `example-${n + 1}.ts`);
      writeFileSync(file, `${block.code}\n`);
      return { file, block };
    });
    writeFileSync(join(dir, 'sentinel.ts'), SENTINEL);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(REPO, 'tsconfig.json'),
      compilerOptions: { noEmit: true, types: ['node'], paths: { 'chainlit-rt': [join(REPO, 'runtime/sdk/index.ts')] } },
      include: ['*.ts'],
      exclude: [],
    }, null, 2));

    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    const output = `${tsc.stdout}${tsc.stderr}`;
    expect(tsc.error, String(tsc.error)).to.equal(undefined);
    // Diagnostics look like `path(line,col): error TS1234: text`; only ours matter (others' files may be mid-edit).
    const diagnostics = output.split('\n').filter((l) => /error TS\d+/.test(l));
    const unplaced = diagnostics.filter((l) => !/^\S.*\(\d+,\d+\): error/.test(l));
    expect(unplaced, `tsc could not run the check:\n${unplaced.join('\n')}`).to.deep.equal([]);

    const inDir = (l: string) => l.startsWith(relative(REPO, dir)) || l.startsWith(dir);
    expect(diagnostics.some((l) => inDir(l) && l.includes('sentinel.ts')), `the sentinel's type error was not reported; tsc said:\n${output}`).to.equal(true);

    const problems = files.flatMap(({ file, block }) =>
      diagnostics
        .filter((l) => inDir(l) && l.includes(`${relative(dir, file)}(`))
        .map((l) => {
          const [, row, rest] = /\((\d+),\d+\): (.*)$/.exec(l) ?? [];
          return `${block.doc}:${block.line + Number(row) - 1}: ${rest}`;
        }),
    );
    expect(problems, `examples do not type-check:\n${problems.join('\n')}`).to.deep.equal([]);
  });
});
