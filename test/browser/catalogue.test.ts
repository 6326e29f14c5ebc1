/**
 * The UI string catalogue: every key the UI source uses exists in en-US, and every shipped
 * language has exactly the keys of en-US with the same {{placeholders}}.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTranslate, type Catalogue } from '../../ui/src/i18n/i18n.js';
import { REPO } from '../support/server.js';

const dir = join(REPO, 'translations');
const load = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalogue;

function flatten(cat: Catalogue, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cat)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(folder, e.name)) : /\.tsx?$/.test(e.name) ? [join(folder, e.name)] : [],
  );
}

describe('ui: translation catalogue', () => {
  const en = flatten(load('en-US.json'));

  it('has every key used by the UI source', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join(REPO, 'ui', 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of code.matchAll(/'((?:chat|common|navigation|pages|components|auth|threadHistory)\.[a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).to.be.greaterThan(40);
    const missing = [...used].filter((k) => !(k in en));
    expect(missing).to.deep.equal([]);
  });

  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en-US.json')) {
    it(`${file} has the en-US keys and placeholders`, () => {
      const other = flatten(load(file));
      expect(Object.keys(other).sort()).to.deep.equal(Object.keys(en).sort());
      const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
      for (const [k, v] of Object.entries(en)) expect(vars(other[k]!), k).to.deep.equal(vars(v));
    });
  }

  it('interpolates and falls back to the bundled en-US for missing keys', () => {
    const t = makeTranslate({ chat: { input: { placeholder: 'Écrivez' } } });
    expect(t('chat.input.placeholder')).to.equal('Écrivez');
    expect(t('chat.commands.button')).to.equal('Tools');
    expect(t('chat.fileUpload.errors.tooLarge', { name: 'a.txt', max: 2 })).to.equal('a.txt is larger than 2 MB');
    expect(t('no.such.key')).to.equal('no.such.key');
  });
});
