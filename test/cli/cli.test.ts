import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO, writeApp } from '../support/server.js';
import { connectClient } from '../support/client.js';

const BIN = join(REPO, 'bin/chainlit-rt.js');

function run(args: string[], cwd = REPO) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, CI: 'true' } });
}

/** Starts `serve` and resolves with its URL once the log line says it runs. */
function serve(args: string[]): Promise<{ url: string; stop(): Promise<number | null>; output(): string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args, '-h', '--ci', '--port', '0'], { cwd: REPO });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[^\s"]+)/.exec(out);
      if (match) {
        resolve({
          url: match[1]!,
          output: () => out,
          stop: () => new Promise((done) => {
            child.once('exit', (code) => done(code));
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('cli', () => {
  it('validate: OK for the shipped manifests, file:line:column key errors and exit 1 for a bad one', () => {
    for (const file of ['chainlit.yaml', 'manifests/app.yaml', 'manifests/hello.yaml']) {
      const ok = run(['validate', file]);
      expect(ok.status, ok.stderr).to.equal(0);
      expect(ok.stdout).to.contain('OK');
    }
    const bad = writeApp({ 'chainlit.yaml': 'name: X\nfeatures:\n  edit_mesage: true\n' });
    const res = run(['validate', bad]);
    expect(res.status).to.equal(1);
    expect(res.stdout + res.stderr).to.match(/chainlit\.yaml:3:3 features\.edit_mesage: .*did you mean "edit_message"/);
  });

  it('migrate: creates the SQLite database next to the manifest, then finds it up to date', () => {
    const app = writeApp({ 'chainlit.yaml': 'name: X\n' });
    const first = run(['migrate', app]);
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/Database: sqlite:\/\/.*\.chainlit-rt\/data\.db\nApplied 1 migration: /);
    const again = run(['migrate', '--status', app]);
    expect(again.status, again.stderr).to.equal(0);
    expect(again.stdout).to.match(/applied {2}\d+_01_initial\nUp to date\./);
  });

  it('serve: exits non-zero naming the file and line of a plugin that does not compile', async () => {
    const file = writeApp({ 'chainlit.yaml': 'name: X\nplugins: [broken.ts]\n', 'broken.ts': 'export default {\n  oops: = 1\n};\n' });
    const res = spawnSync(process.execPath, [BIN, 'serve', file, '-h', '--ci', '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status).to.equal(1);
    expect(res.stderr).to.match(/broken\.ts:2:\d+/);
  });

  it('serve: exits non-zero with the manifest error for a bad manifest', () => {
    const file = writeApp({ 'chainlit.yaml': 'name: X\nui:\n  cot: sometimes\n' });
    const res = spawnSync(process.execPath, [BIN, 'serve', file, '-h', '--ci', '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status).to.equal(1);
    expect(res.stderr).to.match(/chainlit\.yaml:3:\d+ ui\.cot/);
  });

  it('serve: refuses a manifest command whose handler no plugin defines, naming its line', () => {
    const file = writeApp({
      'chainlit.yaml': 'name: X\nplugins: [p.ts]\ncommands:\n  - id: go\n    icon: play\n    description: Go\n    handler: goo\n',
      'p.ts': "import { definePlugin } from 'chainlit-rt';\nexport default definePlugin({ commands: { go: async () => undefined } });\n",
    });
    const res = spawnSync(process.execPath, [BIN, 'serve', file, '-h', '--ci', '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status).to.equal(1);
    expect(res.stderr).to.match(/chainlit\.yaml:7:\d+ commands\[0\]\.handler: no plugin defines the command handler "goo".*did you mean "go"/);
  });

  it('serve: runs the default app under --root-path and shuts down cleanly on SIGTERM', async () => {
    const server = await serve(['manifests/app.yaml', '--root-path', '/chat']);
    expect(server.url).to.match(/\/chat$/);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).to.deep.equal({ status: 'ok' });
    expect((await fetch(`${new URL(server.url).origin}/health`)).status).to.equal(404);
    const client = await connectClient(server.url);
    const since = client.received.length;
    client.send('hi there');
    const answer = await client.waitFor<{ output: string; streaming: boolean; type: string }>('new_message', (m) => m.type === 'assistant_message' && !m.streaming && m.output.includes('You asked'), { since, timeoutMs: 10_000 });
    expect(answer.output).to.contain('**hi there**');
    expect(client.received.some((r) => r.event === 'stream_token')).to.equal(true);
    expect(client.of<{ name: string; type: string }>('new_message').some((m) => m.name === 'word_counter' && m.type === 'tool')).to.equal(true);
    await client.waitFor<{ name: string }>('action', (a) => a.name === 'show_count', { since });
    client.close();
    expect(await server.stop()).to.equal(0);
  });

  it('hello: asks for a name, then greets', async () => {
    const child = spawn(process.execPath, [BIN, 'hello', '-h', '--port', '0'], { cwd: REPO, env: { ...process.env, CI: 'true' } });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (c: Buffer) => {
        out += c.toString();
        const m = /running at (http:\/\/[^\s"\u001b]+)/.exec(out);
        if (m) resolve(m[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`hello exited ${code}: ${out}`)));
    });
    const client = await connectClient(url, {
      onAsk: ({ msg }) => ({ id: crypto.randomUUID(), type: 'user_message', output: 'Grace', name: 'User', parentId: msg.parentId ?? null, createdAt: new Date().toISOString(), metadata: {} }),
    });
    const ask = await client.waitFor<{ msg: { output: string } }>('ask');
    expect(ask.msg.output).to.equal('What is your name?');
    await client.waitFor('new_message', (m: { output: string }) => m.output === 'Hello Grace! Nice to meet you.');
    client.close();
    child.kill('SIGTERM');
  });

  it('init scaffolds an app that validates and refuses to overwrite it', () => {
    const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'init-'));
    const res = run(['init'], dir);
    expect(res.status, res.stderr).to.equal(0);
    for (const f of ['chainlit.yaml', 'plugins/app.ts', 'chainlit.md', 'public/favicon.svg']) expect(existsSync(join(dir, f)), f).to.equal(true);
    expect(readFileSync(join(dir, 'chainlit.yaml'), 'utf8')).to.match(/allow_origins: \[\]/);
    expect(run(['validate', 'chainlit.yaml'], dir).status).to.equal(0);
    const again = run(['init'], dir);
    expect(again.status).to.equal(1);
    expect(again.stderr).to.contain('Not overwriting');
  });

  it('lint-translations: OK for every shipped locale (the default folder in the package)', () => {
    const outside = dirname(writeApp({ 'notes.txt': 'no translations folder here' }));
    const res = run(['lint-translations'], outside);
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    const shipped = readdirSync(join(REPO, 'translations')).filter((f) => f.endsWith('.json') && f !== 'en-US.json');
    expect(shipped).to.have.length(22);
    const oks = res.stdout.trim().split('\n');
    expect(oks).to.deep.equal(shipped.sort().map((f) => `OK: ${join(REPO, 'translations', f)}`));
  });

  it('lint-translations: reports missing and extra keys, changed placeholders and bad JSON, exit 1', () => {
    const app = dirname(writeApp({
      'translations/en-US.json': JSON.stringify({ hello: 'Hello {{name}}', size: '{{name}} over {{max}} MB', menu: { a: 'A', b: 'B' } }),
      'translations/es.json': JSON.stringify({ hello: 'Hola {{name}}', size: '{{name}} pasa de {{max}} MB', menu: { a: 'A', b: 'B' } }),
      'translations/fr.json': JSON.stringify({ hello: 'Bonjour {{nom}}', size: '{{max}} Mo max pour {{name}}', menu: { a: 'A' }, extra: 'x' }),
      'translations/it.json': '{ "hello": ',
      'translations/ja.json': '["not", "an", "object"]',
    }));
    // No folder given: ./translations of the working directory.
    const res = run(['lint-translations'], app);
    expect(res.status).to.equal(1);
    const dir = join(app, 'translations');
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).to.equal(`OK: ${join(dir, 'es.json')}`);
    expect(lines.slice(1, 4)).to.deep.equal([
      `${join(dir, 'fr.json')}: missing key menu.b`,
      `${join(dir, 'fr.json')}: extra key extra (not in en-US.json)`,
      `${join(dir, 'fr.json')}: placeholders of hello differ: en-US has {{name}}, this file {{nom}}`,
    ]);
    expect(lines[4]).to.match(new RegExp(`^${join(dir, 'it.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON: `));
    expect(lines[5]).to.equal(`${join(dir, 'ja.json')}: not a JSON object of keys`);
    expect(lines).to.have.length(6);

    const noReference = dirname(writeApp({ 'translations/en-US.json': '{ broken' }));
    const broken = run(['lint-translations', join(noReference, 'translations')]);
    expect(broken.status).to.equal(1);
    expect(broken.stderr).to.contain(`${join(noReference, 'translations', 'en-US.json')}: not valid JSON`);
  });

  it('create-secret prints a long random secret', () => {
    const a = run(['create-secret']).stdout;
    const b = run(['create-secret']).stdout;
    const secret = /CHAINLIT_AUTH_SECRET="([^"]+)"/.exec(a)?.[1];
    expect(secret).to.have.length.greaterThan(40);
    expect(a).to.not.equal(b);
  });
});
