import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ManifestError, loadManifest } from '../../../runtime/manifest/index.js';
import { expandString } from '../../../runtime/manifest/env.js';

describe('manifest: environment expansion', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'crt-manifest-env-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  const write = async (name: string, text: string): Promise<string> => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };

  it('expands strings: set, default when unset or empty, escaped, unknown', () => {
    expect(expandString('a ${X} b', { X: '1' })).to.deep.equal({ value: 'a 1 b', substituted: true });
    expect(expandString('${X:-d}', {})).to.deep.equal({ value: 'd', substituted: true });
    expect(expandString('${X:-d}', { X: '' })).to.deep.equal({ value: 'd', substituted: true });
    expect(expandString('${X:-}', {})).to.deep.equal({ value: '', substituted: true });
    expect(expandString('$${X} and $$', { X: '1' })).to.deep.equal({ value: '${X} and $$', substituted: false });
    expect(expandString('${MISSING}', {})).to.have.property('error').that.includes('MISSING is not set');
  });

  it('reads the process env first, then .env next to the manifest', async () => {
    await write('.env', 'APP_NAME=from-dotenv\nPORT=9100\nSECRET="dotenv secret"\n');
    const file = await write('app.yaml', 'name: ${APP_NAME}\ndescription: ${SECRET}\nserver:\n  port: ${PORT}\n');
    const fromFile = await loadManifest(file, { env: {} });
    expect(fromFile.config.name).to.equal('from-dotenv');
    expect(fromFile.config.server.port).to.equal(9100);
    expect(fromFile.config.description).to.equal('dotenv secret');
    const processWins = await loadManifest(file, { env: { APP_NAME: 'from-process' } });
    expect(processWins.config.name).to.equal('from-process');
    expect(processWins.config.server.port).to.equal(9100);
  });

  it('types unquoted values after expansion and keeps quoted ones as strings', async () => {
    const { config } = await loadManifest(join(process.cwd(), 'test/fixtures/manifests/valid/env.yaml'), { env: { APP_NAME: 'Env App' } });
    expect(config.name).to.equal('Env App');
    expect(config.server.port).to.equal(8123);
    expect(config.server.host).to.equal('127.0.0.1');
    expect(config.description).to.equal('Port is 8123, literal ${NOT_EXPANDED}');
    const bools = await loadManifest(await write('b.yaml', 'features:\n  latex: ${LATEX}\nname: "${LATEX}"\n'), { env: { LATEX: 'true' } });
    expect(bools.config.features.latex).to.equal(true);
    expect(bools.config.name).to.equal('true');
  });

  it('reports an unset variable with file, line, column and key path, without a follow-up type error', async () => {
    const file = await write('app.yaml', 'name: ok\nserver:\n  host: localhost\n  port: ${CRT_TEST_UNSET_PORT}\n');
    const error = await loadManifest(file, { env: {} }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(ManifestError);
    const issues = (error as ManifestError).issues;
    expect(issues).to.have.length(1);
    expect(issues[0]).to.include({ line: 4, column: 9, path: 'server.port' });
    expect(issues[0].message).to.include('CRT_TEST_UNSET_PORT is not set');
  });

  it('fills schema env defaults (auth.secret, server.port) only when the key is absent', async () => {
    const file = await write('app.yaml', 'name: x\n');
    const { config } = await loadManifest(file, { env: { CHAINLIT_AUTH_SECRET: 's3cret', CHAINLIT_PORT: '7001' } });
    expect(config.auth.secret).to.equal('s3cret');
    expect(config.server.port).to.equal(7001);
    const explicit = await loadManifest(await write('b.yaml', 'server:\n  port: 7002\n'), { env: { CHAINLIT_PORT: '7001' } });
    expect(explicit.config.server.port).to.equal(7002);
    const bad = await loadManifest(file, { env: { CHAINLIT_PORT: 'http' } }).then(() => undefined, (e: unknown) => e);
    expect((bad as ManifestError).issues[0].message).to.include('environment variable CHAINLIT_PORT');
    expect((bad as ManifestError).issues[0].path).to.equal('server.port');
  });

  it('uses process.env when no env option is given', async () => {
    const key = `CRT_TEST_NAME_${process.pid}`;
    process.env[key] = 'from process.env';
    try {
      const { config } = await loadManifest(await write('app.yaml', `name: \${${key}}\n`));
      expect(config.name).to.equal('from process.env');
    } finally {
      delete process.env[key];
    }
  });
});
