/**
 * A Node install at the lowest version our `engines` allows is clean: no installed package
 * (package-lock.json, optional ones included) asks for a newer Node. This is what makes
 * `npm install` warn EBADENGINE; fix it with a compatible version or an npm `overrides`
 * entry, or raise our own `engines` (and the README) if the floor really moved.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import semver from 'semver';
import { REPO } from '../../support/server.js';

interface LockEntry { version?: string; engines?: Record<string, string> | string[] }

describe('layout: Node engines', () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('package.json and package-lock.json agree on our own engines range', () => {
    expect(lock.packages['']?.engines).to.deep.equal(pkg.engines);
  });

  it(`every package in package-lock.json runs on Node ${lowest}, the lowest our engines allow`, () => {
    const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(entries.length).to.be.greaterThan(100);
    const excluded = entries.flatMap(([path, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!range || semver.satisfies(lowest, range)) return [];
      return [`${path.replace(/^.*node_modules\//, '')}@${entry.version} (${path}) requires node ${range}`];
    });
    expect(excluded, `packages that make \`npm install\` warn EBADENGINE on Node ${lowest}`).to.deep.equal([]);
  });

  it('the README promises the same Node version as package.json', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).to.include(`Node.js ${lowest.replace(/\.0$/, '')}`);
  });
});
