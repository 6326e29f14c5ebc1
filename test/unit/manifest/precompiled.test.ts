import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { compileManifestValidator, manifestValidatorModule } from '../../../runtime/manifest/ajv.js';
import { validationSchema } from '../../../runtime/manifest/schema.js';
import { loadManifestValidator, manifestValidator, PRECOMPILED_VALIDATOR, schemaHash } from '../../../runtime/manifest/validator.js';
import { REPO } from '../../support/server.js';

/** Every manifest in the repository that parses as YAML: shipped apps, test apps, fixtures valid and invalid. */
function corpus(): Array<{ file: string; data: unknown }> {
  const dirs = ['manifests', 'test/fixtures/manifests/valid', 'test/fixtures/manifests/invalid', ...readdirSync(join(REPO, 'test/fixtures/apps')).map((d) => `test/fixtures/apps/${d}`)];
  const files = [join(REPO, 'chainlit.yaml'), ...dirs.flatMap((d) => readdirSync(join(REPO, d)).filter((f) => /\.ya?ml$/.test(f) && !f.endsWith('.test.yaml')).map((f) => join(REPO, d, f)))];
  return files.flatMap((file) => {
    try {
      return [{ file: relative(REPO, file), data: parse(readFileSync(file, 'utf8')) as unknown }];
    } catch {
      return []; // YAML syntax cases never reach the validator
    }
  });
}

function run(validate: ValidateFunction, data: unknown): { ok: boolean; data: unknown; errors: Partial<ErrorObject>[] } {
  const copy = structuredClone(data ?? {});
  const ok = validate(copy);
  // What issues.ts reads from an error, as plain data.
  const errors = (validate.errors ?? []).map(({ instancePath, schemaPath, keyword, params, message, data: value, schema, parentSchema }) =>
    JSON.parse(JSON.stringify({ instancePath, schemaPath, keyword, params, message, data: value, schema, parentSchema })) as Partial<ErrorObject>);
  return { ok, data: copy, errors };
}

describe('manifest: the precompiled validator', () => {
  const dir = join(REPO, 'test', '.tmp');
  let tmp: string;
  before(() => {
    mkdirSync(dir, { recursive: true });
    tmp = mkdtempSync(join(dir, 'validator-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('checks, fills defaults and reports errors exactly as ajv compiling the schema does', async function () {
    this.timeout(60_000);
    const schema = validationSchema();
    // The module scripts/build.ts writes into dist/, loaded the way the runtime loads it.
    const file = join(tmp, PRECOMPILED_VALIDATOR);
    writeFileSync(file, manifestValidatorModule(schemaHash(schema), schema));
    const mod = (await import(pathToFileURL(file).href)) as { schemaHash: string; validate: ValidateFunction };
    expect(mod.schemaHash).to.equal(schemaHash(schema));
    const compiled = compileManifestValidator(schema);

    const cases = corpus();
    expect(cases.length, 'manifests found').to.be.at.least(30);
    let invalid = 0;
    for (const { file, data } of cases) {
      const a = run(mod.validate, data);
      const b = run(compiled, data);
      expect(a, file).to.deep.equal(b);
      if (!a.ok) invalid += 1;
    }
    expect(invalid, 'the corpus has invalid manifests too').to.be.at.least(10);
  });

  it('fills `ui.name` from `name` (defaultsFrom) unless the app set it', () => {
    const data: Record<string, unknown> = { name: 'App', description: 'Text', ui: { description: 'Own' } };
    expect(compileManifestValidator()(data)).to.equal(true);
    expect(data.ui).to.include({ name: 'App', description: 'Own' });
  });

  it('is used only when it was generated from the current schema; otherwise ajv compiles', async function () {
    this.timeout(60_000);
    const schema = validationSchema();
    const current = join(tmp, 'current', PRECOMPILED_VALIDATOR);
    const stale = join(tmp, 'stale', PRECOMPILED_VALIDATOR);
    for (const [file, hash] of [[current, schemaHash(schema)], [stale, schemaHash({ ...schema, title: 'an older schema' })]] as const) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, manifestValidatorModule(hash, schema));
    }
    expect((await loadManifestValidator(pathToFileURL(current))).precompiled).to.equal(true);
    expect((await loadManifestValidator(pathToFileURL(stale))).precompiled).to.equal(false);
    expect((await loadManifestValidator(pathToFileURL(join(tmp, 'none', PRECOMPILED_VALIDATOR)))).precompiled).to.equal(false);
    // From source there is no build output next to the module.
    expect((await manifestValidator()).precompiled).to.equal(false);
  });
});
