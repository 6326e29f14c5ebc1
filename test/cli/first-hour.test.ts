/**
 * The first hour with the CLI: `init` prints a command that works in the new folder and
 * scaffolds an app whose spec passes; `serve` says what to do when there is no manifest,
 * when --port is not a port and when the port is taken; `validate` and `serve` refuse what
 * is not available and plugin files that do not exist, with the same lines.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, writeApp } from '../support/server.js';

const BIN = join(REPO, 'bin/chainlit-rt.js');

function run(args: string[], cwd = REPO) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CI: 'true' } });
}

/** A folder outside the repository, where `npx chainlit-rt` would not find the package. */
function emptyFolder(): string {
  return mkdtempSync(join(tmpdir(), 'crt-first-hour-'));
}

describe('cli: the first hour', function () {
  this.timeout(120_000);

  it('init prints the command that runs the app in its folder, and the scaffolded app passes its own spec', () => {
    const folder = emptyFolder();
    const init = run(['init'], folder);
    expect(init.status, init.stderr).to.equal(0);
    const lines = init.stdout.trim().split('\n');
    const serveLine = lines.find((l) => l.startsWith('Run it with: '))!;
    const testLine = lines.at(-1)!;
    expect(serveLine, init.stdout).to.match(/^Run it with: node \S*bin\/chainlit-rt\.js serve$/);
    expect(serveLine).to.not.include('npx');
    expect(testLine).to.match(/^Test it with: node \S*bin\/chainlit-rt\.js test$/);
    expect(readFileSync(join(folder, 'plugins/app.ts'), 'utf8')).to.not.include('onChatStart');

    // The printed command, run as printed from the new folder: the spec checks that the chat
    // starts empty (so the starters show), the starter, the tool step and the wording.
    const command = testLine.replace('Test it with: ', '');
    const res = spawnSync('sh', ['-c', command], { cwd: folder, encoding: 'utf8', timeout: 90_000, env: { ...process.env, CI: 'true' } });
    expect(res.status, res.stdout + res.stderr).to.equal(0);
    expect(res.stdout).to.include('2 passed');

    // And the serve command starts it (checked by its health route).
    return new Promise<void>((resolve, reject) => {
      // `exec`: the server replaces the shell, so the SIGTERM below stops the server itself.
      const child = spawn('sh', ['-c', `exec ${serveLine.replace('Run it with: ', '')} -h --ci --port 0`], { cwd: folder });
      let out = '';
      let asked = false;
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const match = /running at (http:\/\/[^\s"]+)/.exec(out);
        if (!match || asked) return;
        asked = true;
        fetch(`${match[1]}/project/settings`).then((r) => r.json()).then((body: { starters: Array<{ label: string }> }) => {
          expect(body.starters.map((s) => s.label)).to.deep.equal(['Say hello', 'Count my words']);
          child.once('exit', () => resolve());
        }).catch(reject).finally(() => child.kill('SIGTERM'));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => { if (!/running at/.test(out)) reject(new Error(`serve exited with ${code}: ${out}`)); });
    });
  });

  it('serve with no manifest suggests chainlit-rt init', () => {
    const res = run(['serve', '-h', '--ci'], emptyFolder());
    expect(res.status).to.equal(1);
    expect(res.stderr).to.match(/Manifest not found: .*chainlit\.yaml/);
    expect(res.stderr).to.include('Create an app here with `chainlit-rt init`');
  });

  it('--port abc is one line that says what a port is', () => {
    const res = run(['serve', 'manifests/hello.yaml', '-h', '--ci', '--port', 'abc']);
    expect(res.status).to.not.equal(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines, res.stderr).to.have.length(1);
    expect(lines[0]).to.match(/--port <port>.*'abc' is invalid\. expected a port number from 0 to 65535, e\.g\. --port 8001/);
  });

  it('a port in use is one line that suggests --port', async () => {
    const busy: Server = createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    try {
      const res = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'serve', 'manifests/hello.yaml', '-h', '--ci', '--host', '127.0.0.1', '--port', String(port)], { cwd: REPO });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
        child.once('exit', (status) => resolve({ status, stderr }));
      });
      expect(res.status).to.equal(1);
      expect(res.stderr.trim().split('\n')).to.deep.equal([
        `Port ${port} on 127.0.0.1 is already in use: stop the other server, or pick another port with --port ${port + 1} (--port 0 picks a free one).`,
      ]);
    } finally {
      busy.close();
    }
  });

  it('validate and serve refuse a key this version cannot honour with the same CRT_NOT_AVAILABLE line', () => {
    const file = writeApp({ 'chainlit.yaml': 'name: Slack\nfeatures:\n  slack:\n    reaction_on_message_received: true\n' });
    const expected = /chainlit\.yaml:4:5 features\.slack\.reaction_on_message_received: CRT_NOT_AVAILABLE: not available yet \(.*no issue planned yet/;
    const validate = run(['validate', file]);
    expect(validate.status).to.equal(1);
    expect(validate.stderr).to.match(expected);
    const serve = run(['serve', file, '-h', '--ci', '--port', '0']);
    expect(serve.status).to.equal(1);
    expect(serve.stderr).to.match(expected);
    expect(serve.stdout).to.not.include('running at');
  });

  it('validate and serve name a missing plugin file with CRT_PLUGIN_NOT_FOUND and its manifest line', () => {
    const file = writeApp({ 'chainlit.yaml': 'name: Lost\nplugins:\n  - plugins/app.ts\n' });
    const expected = /chainlit\.yaml:3:5 plugins\[0\]: CRT_PLUGIN_NOT_FOUND: plugin file not found: plugins\/app\.ts/;
    const validate = run(['validate', file]);
    expect(validate.status).to.equal(1);
    expect(validate.stderr).to.match(expected);
    const serve = run(['serve', file, '-h', '--ci', '--port', '0']);
    expect(serve.status).to.equal(1);
    expect(serve.stderr).to.match(expected);
    expect(serve.stderr).to.not.include('Could not resolve');
  });
});
