import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { PluginError } from '../../../runtime/errors.js';
import { compilePlugin, SDK_ENTRY_URL } from '../../../runtime/plugins/index.js';
import { FIXTURES, expectError, tempCache } from './support.js';

describe('plugins/compile', () => {
  let cache: ReturnType<typeof tempCache>;
  beforeEach(() => (cache = tempCache('compile')));
  afterEach(() => cache.cleanup());

  const compile = (name: string, id = name.replace(/\.ts$/, '')) =>
    compilePlugin(path.join(FIXTURES, name), { id, root: FIXTURES, cacheDir: cache.dir });

  it('writes an ESM bundle named <id>-<hash>.mjs into the cache folder', async () => {
    const out = await compile('good.ts');
    expect(path.dirname(out.outFile)).to.equal(cache.dir);
    expect(path.basename(out.outFile)).to.match(/^good-[0-9a-f]{12}\.mjs$/);
    expect(out.url).to.equal(new URL(`file://${out.outFile}`).href);
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.mjs'))).to.deep.equal([path.basename(out.outFile)]);
  });

  it('reuses the cached bundle while no input changed, and rebuilds when one does', async () => {
    const work = path.join(cache.dir, 'src');
    mkdirSync(path.join(work, 'lib'), { recursive: true });
    writeFileSync(path.join(work, 'lib/helper.ts'), 'export const word = "one";\n');
    writeFileSync(path.join(work, 'p.ts'), 'import { word } from "./lib/helper.js";\nexport default { word };\n');
    const opts = { id: 'p', root: work, cacheDir: path.join(cache.dir, 'out') };
    const first = await compilePlugin(path.join(work, 'p.ts'), opts);
    expect(existsSync(path.join(opts.cacheDir, 'p.build.json'))).to.equal(true);
    // A cached result is served even if the bundle's source no longer matches what esbuild
    // would produce, which proves no build ran: tamper with the bundle and look for the mark.
    writeFileSync(first.outFile, readFileSync(first.outFile, 'utf8') + '\n// cached\n');
    const again = await compilePlugin(path.join(work, 'p.ts'), opts);
    expect(again.outFile).to.equal(first.outFile);
    expect(readFileSync(again.outFile, 'utf8')).to.include('// cached');
    expect([...again.inputs].sort()).to.deep.equal([...first.inputs].sort());
    writeFileSync(path.join(work, 'lib/helper.ts'), 'export const word = "two!";\n');
    const changed = await compilePlugin(path.join(work, 'p.ts'), opts);
    expect(changed.hash).to.not.equal(first.hash);
    expect(readFileSync(changed.outFile, 'utf8')).to.include('two!');
  });

  it('rewrites the chainlit-rt import to the SDK module the runtime loaded', async () => {
    const text = readFileSync((await compile('good.ts')).outFile, 'utf8');
    expect(SDK_ENTRY_URL.pathname).to.match(/\/runtime\/sdk\/index\.(ts|js)$/);
    expect(text).to.include(`from "${SDK_ENTRY_URL.href}"`);
    expect(text).not.to.match(/from "chainlit-rt"/);
    expect(text).to.include('sourceMappingURL=data:application/json;base64,');
  });

  it('bundles local imports, keeps npm packages external and lists the local inputs', async () => {
    const out = await compile('with-deps.ts');
    const text = readFileSync(out.outFile, 'utf8');
    expect(text).to.include('toUpperCase()');
    expect(text).to.match(/from "yaml"/);
    expect([...out.inputs].sort()).to.deep.equal([path.join(FIXTURES, 'lib/helper.ts'), path.join(FIXTURES, 'with-deps.ts')]);
  });

  it('gives the same file for the same source and a new one when the output changes', async () => {
    const first = await compile('reply-a.ts', 'reply');
    const again = await compile('reply-a.ts', 'reply');
    const other = await compile('reply-b.ts', 'reply');
    expect(again.outFile).to.equal(first.outFile);
    expect(other.outFile).not.to.equal(first.outFile);
    expect(other.hash).not.to.equal(first.hash);
  });

  it('prunes a plugin\'s bundles older than ten minutes and keeps recent ones', async () => {
    const old = path.join(cache.dir, 'good-aaaaaaaaaaaa.mjs');
    const recent = path.join(cache.dir, 'good-bbbbbbbbbbbb.mjs');
    const otherPlugin = path.join(cache.dir, 'goodbye-cccccccccccc.mjs');
    for (const f of [old, recent, otherPlugin]) writeFileSync(f, 'export {};');
    const longAgo = new Date(Date.now() - 11 * 60 * 1000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(otherPlugin, longAgo, longAgo);
    const out = await compile('good.ts');
    expect(readdirSync(cache.dir).filter((f) => f.endsWith('.mjs')).sort()).to.deep.equal(
      [path.basename(out.outFile), 'good-bbbbbbbbbbbb.mjs', 'goodbye-cccccccccccc.mjs'].sort(),
    );
  });

  it('reports a syntax error as CRT_PLUGIN_COMPILE with file:line:column', async () => {
    const err = await expectError(() => compile('broken-syntax.ts'), 'CRT_PLUGIN_COMPILE');
    expect(err).to.be.instanceOf(PluginError);
    expect(err.message).to.equal('broken-syntax.ts:5:18: Unexpected ";"');
    expect(err.file).to.equal(path.join(FIXTURES, 'broken-syntax.ts'));
    expect(err.line).to.equal(5);
    expect(readdirSync(cache.dir)).to.deep.equal([]);
  });

  it('reports an unresolvable local import with the importing line', async () => {
    const err = await expectError(() => compile('broken-missing-import.ts'), 'CRT_PLUGIN_COMPILE');
    expect(err.message).to.match(/^broken-missing-import\.ts:2:\d+: Could not resolve "\.\/lib\/does-not-exist\.js"/);
    expect(err.line).to.equal(2);
  });

  it('names a missing entry file', async () => {
    const err = await expectError(() => compile('no-such-plugin.ts'), 'CRT_PLUGIN_COMPILE');
    expect(err.message).to.include('no-such-plugin.ts');
  });
});
