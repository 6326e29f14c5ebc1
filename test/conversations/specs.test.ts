import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { failureLines } from '../../runtime/testing/reporters/index.js';
import { runSpecFiles } from '../../runtime/testing/runner.js';
import { demoModel } from '../support/openai-demo-model.js';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server.js';
import { REPO } from '../support/server.js';

/**
 * Every conversation spec in manifests/tests/ runs here, one mocha test per spec file, so
 * `npm test` keeps the example apps honest; and every example app must have a spec.
 */
const SPECS = join(REPO, 'manifests', 'tests');
const specFiles = readdirSync(SPECS).filter((f) => f.endsWith('.test.yaml')).sort();

describe('conversation specs of the example apps (manifests/tests)', () => {
  // LLM apps (manifests/llm.yaml) talk to a local OpenAI-compatible server with a
  // deterministic model, through the manifest's ${OPENAI_BASE_URL:-…}.
  let ai: OpenAiServer;
  const saved = process.env.OPENAI_BASE_URL;
  before(async () => {
    ai = await startOpenAiServer();
    ai.fallback = demoModel;
    process.env.OPENAI_BASE_URL = ai.baseUrl;
  });
  after(async () => {
    if (saved === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = saved;
    await ai.close();
  });

  it('every manifests/*.yaml is the `manifest:` of some spec in manifests/tests/', () => {
    const covered = new Set(specFiles.map((f) => {
      const spec = parse(readFileSync(join(SPECS, f), 'utf8')) as { manifest?: string };
      return resolve(SPECS, String(spec.manifest));
    }));
    const apps = readdirSync(join(REPO, 'manifests')).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(REPO, 'manifests', f));
    const missing = apps.filter((a) => !covered.has(a)).map((a) => `manifests/${basename(a)}`);
    expect(missing, `example apps without a conversation spec (add manifests/tests/<name>.test.yaml with \`manifest: ../<name>.yaml\`): ${missing.join(', ')}`).to.deep.equal([]);
  });

  for (const file of specFiles) {
    it(file, async function () {
      this.timeout(180_000);
      const summary = await runSpecFiles([join(SPECS, file)]);
      const failures = summary.specs.flatMap((s) => s.tests.filter((t) => t.failure).map((t) => [`${t.name}:`, ...failureLines(t.failure!).map((l) => `  ${l}`)].join('\n')));
      expect(failures, `\n${failures.join('\n\n')}\n`).to.deep.equal([]);
      expect(summary.passed).to.be.greaterThan(0);
    });
  }
});
