import { expect } from 'chai';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO } from '../../support/server.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** `import … from 'x'` and `import('x')` specifiers of a file (multi-line imports included). */
function specifiers(text: string): string[] {
  const found = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('layout: shipped plugins use only the public SDK', () => {
  it('plugins/ and manifests/ import chainlit-rt, node builtins, npm packages or their own files — never runtime internals', () => {
    const offenders: string[] = [];
    for (const file of [...sources(join(REPO, 'plugins')), ...sources(join(REPO, 'manifests'))]) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const deep = spec.startsWith('chainlit-rt/') && spec !== 'chainlit-rt/testing';
        const intoRuntime = spec.startsWith('.') && /(^|\/)runtime\//.test(join(relative(REPO, file), '..', spec));
        if (deep || intoRuntime) offenders.push(`${relative(REPO, file)}: ${spec}`);
      }
    }
    expect(offenders, 'use the public SDK (`chainlit-rt`) instead').to.deep.equal([]);
  });

  it('the SDK entry only re-exports', () => {
    const text = readFileSync(join(REPO, 'runtime/sdk/index.ts'), 'utf8');
    const statements = text.split('\n').filter((l) => l.trim() && !l.trim().startsWith('//'));
    expect(statements.every((l) => /^export (type )?\{[^}]*\} from '\.\/|^export (type )?\{[^}]*\} from '\.\.\//.test(l)), statements.join('\n')).to.equal(true);
  });
});

describe('layout: the layers of runtime/ import only downwards', () => {
  /** Each rule: files under `from` may not import files under any of `not` (paths relative to runtime/). */
  const rules: Array<{ from: string; not: string[]; except?: string[] }> = [
    { from: 'session', not: ['realtime', 'http'] },
    { from: 'sdk', not: ['http'] },
    // The manifest pipeline stands alone: only the error catalogue and package paths.
    { from: 'manifest', not: [''], except: ['manifest', 'errors.ts', 'paths.ts'] },
  ];
  const runtime = join(REPO, 'runtime');

  function importsOf(file: string): string[] {
    return specifiers(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => relative(runtime, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'));
  }

  for (const rule of rules) {
    it(`runtime/${rule.from} imports nothing from ${rule.not.map((n) => `runtime/${n || '*'}`).join(', ')}${rule.except ? ` (but ${rule.except.join(', ')})` : ''}`, () => {
      const offenders: string[] = [];
      for (const file of sources(join(runtime, rule.from))) {
        for (const target of importsOf(file)) {
          const under = (area: string) => area === '' || target === area || target.startsWith(`${area}/`);
          if (rule.except?.some(under)) continue;
          if (rule.not.some(under)) offenders.push(`${relative(REPO, file)} → runtime/${target}`);
        }
      }
      expect(offenders).to.deep.equal([]);
    });
  }
});
