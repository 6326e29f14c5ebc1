import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ManifestError, loadManifest } from '../../../runtime/manifest/index.js';

// One case per file pair: <case>.yaml + <case>.expected.json. Adding a case = adding files.
const dir = fileURLToPath(new URL('../../fixtures/manifests/invalid/', import.meta.url));
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

interface Expected { code: string; line: number; column?: number; path: string; messageIncludes: string }

describe('manifest: invalid fixtures', () => {
  it('has at least 10 cases, each with an expectation file', () => {
    expect(cases.length).to.be.at.least(10);
    const expectations = readdirSync(dir).filter((f) => f.endsWith('.expected.json'));
    expect(expectations.map((f) => f.replace('.expected.json', '.yaml')).sort()).to.deep.equal(cases);
  });

  for (const file of cases) {
    it(file.replace('.yaml', ''), async () => {
      const expected = JSON.parse(readFileSync(`${dir}${file.replace('.yaml', '.expected.json')}`, 'utf8')) as Expected;
      let caught: unknown;
      try {
        await loadManifest(`${dir}${file}`, { env: {} });
      } catch (err) {
        caught = err;
      }
      expect(caught, 'loading must fail').to.be.instanceOf(ManifestError);
      const error = caught as ManifestError;
      expect(error.code).to.equal(expected.code);
      const match = error.issues.find((i) => i.path === expected.path && i.line === expected.line && i.message.includes(expected.messageIncludes));
      expect(match, `no issue like ${JSON.stringify(expected)} in:\n${error.message}`).to.not.equal(undefined);
      if (expected.column !== undefined) expect(match?.column).to.equal(expected.column);
      expect(match?.file.endsWith(file)).to.equal(true);
      // The thrown message is what a person sees first: it must carry the location too.
      expect(error.message).to.include(`${file}:${expected.line}:`);
    });
  }
});
