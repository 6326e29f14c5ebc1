/**
 * The UI string catalogue: every key the UI source uses exists in en-US; we ship Chainlit's
 * set of locales, each with exactly the keys of en-US, the same {{placeholders}}, and texts
 * actually translated (not English left in place, written in the language's script).
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTranslate, textDirection, type Catalogue } from '../../ui/src/i18n/i18n.js';
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

// The file names of Chainlit's backend/chainlit/translations/ (its UI locales).
const CHAINLIT_LOCALES = [
  'ar-SA', 'bn', 'da-DK', 'de-DE', 'el-GR', 'en-US', 'es', 'fr-FR', 'gu', 'he-IL', 'hi', 'it',
  'ja', 'kn', 'ko', 'ml', 'mr', 'nl', 'pt-PT', 'ta', 'te', 'zh-CN', 'zh-TW',
];

// Locales not written in the Latin script: every text (placeholders aside) that has letters has some in this script.
const SCRIPTS: Record<string, RegExp> = {
  ar: /\p{Script=Arabic}/u, he: /\p{Script=Hebrew}/u, el: /\p{Script=Greek}/u,
  ja: /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u, ko: /\p{Script=Hangul}/u, zh: /\p{Script=Han}/u,
  hi: /\p{Script=Devanagari}/u, mr: /\p{Script=Devanagari}/u, bn: /\p{Script=Bengali}/u, gu: /\p{Script=Gujarati}/u,
  kn: /\p{Script=Kannada}/u, ml: /\p{Script=Malayalam}/u, ta: /\p{Script=Tamil}/u, te: /\p{Script=Telugu}/u,
};

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

  it("ships Chainlit's set of locales", () => {
    const shipped = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(shipped).to.deep.equal([...CHAINLIT_LOCALES].sort());
  });

  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en-US.json')) {
    it(`${file} has the en-US keys and placeholders`, () => {
      const other = flatten(load(file));
      expect(Object.keys(other).sort()).to.deep.equal(Object.keys(en).sort());
      const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
      for (const [k, v] of Object.entries(en)) expect(vars(other[k]!), k).to.deep.equal(vars(v));
    });

    it(`${file} is translated`, () => {
      const other = flatten(load(file));
      for (const [k, v] of Object.entries(other)) expect(v.trim(), k).not.to.equal('');
      // A few words are the same in English ("Chat", "Error"); more means English was left in.
      const untranslated = Object.keys(en).filter((k) => other[k] === en[k]);
      expect(untranslated.length, untranslated.join(', ')).to.be.at.most(3);
      const script = SCRIPTS[file.split(/[-.]/)[0]!];
      if (script) {
        const foreign = Object.entries(other).filter(([, v]) => {
          const text = v.replace(/\{\{\s*\w+\s*\}\}/g, '');
          return /\p{L}/u.test(text) && !script.test(text);
        });
        expect(foreign.map(([k]) => k)).to.deep.equal([]);
      }
    });
  }

  it('knows the writing direction of a language tag', () => {
    const rtl = CHAINLIT_LOCALES.filter((l) => textDirection(l) === 'rtl');
    expect(rtl).to.deep.equal(['ar-SA', 'he-IL']);
    for (const tag of ['ar', 'ar-EG', 'he', 'fa-IR', 'ur', 'yi', 'pa-Arab', 'AR-sa']) expect(textDirection(tag), tag).to.equal('rtl');
    for (const tag of ['en-US', 'ja', 'zh-Hant-TW', 'ku-Latn', 'az-Latn-AZ', 'sw-KE']) expect(textDirection(tag), tag).to.equal('ltr');
  });

  it('interpolates and falls back to the bundled en-US for missing keys', () => {
    const t = makeTranslate({ chat: { input: { placeholder: 'Écrivez' } } });
    expect(t('chat.input.placeholder')).to.equal('Écrivez');
    expect(t('chat.commands.button')).to.equal('Tools');
    expect(t('chat.fileUpload.errors.tooLarge', { name: 'a.txt', max: 2 })).to.equal('a.txt is larger than 2 MB');
    expect(t('no.such.key')).to.equal('no.such.key');
  });
});
