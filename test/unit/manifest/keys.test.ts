/**
 * The manifest never lies: every key of schemas/manifest.schema.json either works end to
 * end (working-keys.ts, each proved by named tests) or is refused with CRT_NOT_AVAILABLE
 * (runtime/manifest/availability.ts) by `validate` and `serve` alike.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { UNAVAILABLE_KEYS } from '../../../runtime/manifest/availability.js';
import { ManifestError, loadManifest } from '../../../runtime/manifest/index.js';
import { REPO } from '../../support/server.js';
import { covers, keyWord, schemaLeafKeys } from './schema-keys.js';
import { WORKING_KEYS } from './working-keys.js';

const EVERY_REFUSED = join(REPO, 'test/fixtures/manifests/refused/every-key.yaml');

async function write(name: string, text: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'crt-keys-')), name);
  writeFileSync(file, text);
  return file;
}

/** Refused whatever its value (a value-only entry such as `storage.kind: s3` leaves the key itself working). */
const wholeKeyRefusals = UNAVAILABLE_KEYS.filter((e) => e.value === undefined);

describe('manifest: every schema key works or is refused', () => {
  const leaves = schemaLeafKeys();

  it('walks the whole schema', () => {
    expect(leaves.length).to.be.greaterThan(150);
    for (const key of ['features.spontaneous_file_upload.max_size_mb', 'chat_settings[].min_date', 'mcp.servers.*.url', 'plugins[].options', 'auth.oauth.github.client_id']) {
      expect(leaves).to.include(key);
    }
  });

  it('every leaf key is either proved working by a named test or refused', () => {
    const orphans = leaves.filter((leaf) => !WORKING_KEYS.some((w) => covers(w.key, leaf)) && !wholeKeyRefusals.some((r) => covers(r.key, leaf)));
    expect(orphans, 'keys neither in test/unit/manifest/working-keys.ts nor refused in runtime/manifest/availability.ts').to.deep.equal([]);
  });

  it('no key is both working and refused', () => {
    const both = leaves.filter((leaf) => WORKING_KEYS.some((w) => covers(w.key, leaf)) && wholeKeyRefusals.some((r) => covers(r.key, leaf)));
    expect(both).to.deep.equal([]);
  });

  it('every entry of both lists names keys of the schema', () => {
    const stale = [...WORKING_KEYS.map((w) => w.key), ...UNAVAILABLE_KEYS.map((r) => r.key)].filter((key) => !leaves.some((leaf) => covers(key, leaf)));
    expect(stale).to.deep.equal([]);
    const values = UNAVAILABLE_KEYS.filter((e) => e.value !== undefined).map((e) => e.key);
    for (const key of values) expect(WORKING_KEYS.some((w) => covers(w.key, key)), `${key}: its other values must be proved working`).to.equal(true);
  });

  it('each working key names existing test files, and one of them mentions the key', () => {
    const problems: string[] = [];
    for (const { key, proof } of WORKING_KEYS) {
      expect(proof.length, key).to.be.greaterThan(0);
      const missing = proof.filter((file) => !existsSync(join(REPO, file)));
      if (missing.length > 0) { problems.push(`${key}: missing ${missing.join(', ')}`); continue; }
      if (!proof.some((file) => /\.test\.ts$/.test(file))) problems.push(`${key}: no *.test.ts among its proofs`);
      const word = new RegExp(`\\b${keyWord(key)}\\b`);
      if (!proof.some((file) => word.test(readFileSync(join(REPO, file), 'utf8')))) problems.push(`${key}: none of ${proof.join(', ')} mentions "${keyWord(key)}"`);
    }
    expect(problems).to.deep.equal([]);
  });

  it('validate refuses every refused key, once each, naming its line and its issue', async () => {
    let caught: unknown;
    try {
      await loadManifest(EVERY_REFUSED, { env: {} });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(ManifestError);
    const error = caught as ManifestError;
    expect(error.code).to.equal('CRT_NOT_AVAILABLE');
    expect(error.issues.every((i) => i.code === 'CRT_NOT_AVAILABLE')).to.equal(true);
    expect(error.issues.map((i) => i.path).sort()).to.deep.equal(UNAVAILABLE_KEYS.map((e) => e.key).sort());
    const lines = readFileSync(EVERY_REFUSED, 'utf8').split('\n');
    for (const issue of error.issues) {
      const entry = UNAVAILABLE_KEYS.find((e) => e.key === issue.path)!;
      const last = issue.path.split('.').pop()!;
      expect(lines[issue.line - 1], `${issue.path} is reported on its own line`).to.include(`${last}:`);
      expect(issue.message).to.include(entry.issue === null ? 'no issue planned yet' : `issue ${entry.issue},`);
    }
    expect(error.message).to.match(/every-key\.yaml:\d+:\d+ ui\.alert_style: CRT_NOT_AVAILABLE: not available yet \(.*no issue planned yet/);
  });

  it('refuses a key set inside a profile\'s config_overrides like the top-level one', async () => {
    const file = await write('app.yaml', 'profiles:\n  - name: tools\n    config_overrides:\n      ui:\n        alert_style: modern\n');
    const error = await loadManifest(file, { env: {} }).then(() => undefined, (err: unknown) => err as ManifestError);
    expect(error?.code).to.equal('CRT_NOT_AVAILABLE');
    expect(error?.issues.map((i) => [i.path, i.line])).to.deep.equal([['profiles[0].config_overrides.ui.alert_style', 5]]);
  });

  it('defaults, values that state the truth and environment defaults are never refused', async () => {
    const truthful = await write('app.yaml', [
      'features:', '  audio: { enabled: false }', '  mcp: { enabled: false }', '  favorites: false', '  auto_tag_thread: false',
      'auth:', '  custom: false', 'data_layer:', '  enabled: false', 'storage:', '  kind: local', 'ui:', '  chat_settings_location: message_composer', '',
    ].join('\n'));
    await loadManifest(truthful, { env: {} });
    const empty = await write('empty.yaml', 'name: x\n');
    // CHAINLIT_AUTH_SECRET and DATABASE_URL are common in shells: they fill the config but were not written, so nothing is refused.
    const loaded = await loadManifest(empty, { env: { CHAINLIT_AUTH_SECRET: 's', DATABASE_URL: 'postgres://x/y' } });
    expect(loaded.config.auth.secret).to.equal('s');
    expect(loaded.config.data_layer.enabled).to.equal(true);
    expect(loaded.config.data_layer.url).to.equal('postgres://x/y');
  });
});
