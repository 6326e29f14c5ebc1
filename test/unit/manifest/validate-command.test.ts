import { expect } from 'chai';
import { validateCommand } from '../../../cli/commands/validate.js';

const fixtures = 'test/fixtures/manifests';

async function run(file: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateCommand(file, { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('manifest: validate command', () => {
  it('prints OK and returns 0 for a valid manifest', async () => {
    const result = await run(`${fixtures}/valid/working.yaml`);
    expect(result).to.deep.equal({ code: 0, out: [`OK: ${fixtures}/valid/working.yaml`], err: [] });
  });

  it('refuses keys that are not available yet with CRT_NOT_AVAILABLE, one line each, and returns 1', async () => {
    const result = await run(`${fixtures}/valid/full.yaml`);
    expect(result.code).to.equal(1);
    expect(result.out).to.deep.equal([]);
    expect(result.err.length, 'one line per refused key full.yaml sets').to.be.at.least(5);
    for (const line of result.err) expect(line).to.match(/^test\/fixtures\/manifests\/valid\/full\.yaml:\d+:\d+ \S+: CRT_NOT_AVAILABLE: not available yet \(/);
    expect(result.err.some((l) => /full\.yaml:\d+:\d+ ui\.alert_style: CRT_NOT_AVAILABLE: not available yet \(.*no issue planned yet/.test(l))).to.equal(true);
  });

  it('says CRT_PLUGIN_NOT_FOUND with the path and the manifest line for a plugin file that does not exist', async () => {
    const result = await run(`${fixtures}/invalid/plugin-not-found.yaml`);
    expect(result.code).to.equal(1);
    expect(result.err).to.have.length(2);
    expect(result.err[0]).to.match(/^test\/fixtures\/manifests\/invalid\/plugin-not-found\.yaml:4:5 plugins\[0\]: CRT_PLUGIN_NOT_FOUND: plugin file not found: plugins\/missing\.ts \(looked for \/.*\/test\/fixtures\/manifests\/invalid\/plugins\/missing\.ts;/);
    expect(result.err[1]).to.match(/plugin-not-found\.yaml:8:13 profiles\[0\]\.plugin: CRT_PLUGIN_NOT_FOUND: plugin file not found: \.\/expert/);
  });

  it('prints one file:line:col key.path line per issue and returns 1', async () => {
    const result = await run(`${fixtures}/invalid/unknown-key-in-list-item.yaml`);
    expect(result.code).to.equal(1);
    expect(result.out).to.deep.equal([]);
    expect(result.err).to.deep.equal([
      `${fixtures}/invalid/unknown-key-in-list-item.yaml:4:5 starters[1].label: required key is missing`,
      `${fixtures}/invalid/unknown-key-in-list-item.yaml:4:5 starters[1].lable: unknown key; did you mean "label"?`,
    ]);
  });

  it('returns 1 with the error code for a missing file', async () => {
    const result = await run(`${fixtures}/valid/does-not-exist.yaml`);
    expect(result.code).to.equal(1);
    expect(result.err[0]).to.match(/^CRT_MANIFEST_NOT_FOUND: Manifest not found: .*does-not-exist\.yaml$/);
    expect(result.err[1]).to.include('chainlit-rt init');
  });

  it('writes to stdout/stderr by default', async () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => { written.push(chunk); return true; }) as typeof process.stdout.write;
    try {
      expect(await validateCommand(`${fixtures}/valid/minimal.yaml`, { env: {} })).to.equal(0);
    } finally {
      process.stdout.write = original;
    }
    expect(written.join('')).to.equal(`OK: ${fixtures}/valid/minimal.yaml\n`);
  });
});
