import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type { TestClient } from '../support/client.js';
import type { Gate } from '../support/gate.js';
import { REPO, writeApp } from '../support/server.js';

const PLUGIN = readFileSync(join(REPO, 'test/fixtures/apps/ops/plugin.ts'), 'utf8');

/** The ops fixture app (test/fixtures/apps/ops) wired to `gate`, with extra manifest lines. */
export function opsApp(gate: Gate, manifestTail = ''): string {
  return writeApp({
    'chainlit.yaml': `name: Ops\nplugins: [plugin.ts]\n${manifestTail}`,
    'plugin.ts': PLUGIN.replace('__GATE_URL__', gate.url),
  });
}

export function disconnectReason(client: TestClient): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
}

export interface Got {
  status: number;
  body: string;
  /** The client port of the TCP connection that carried it (same port = same connection). */
  localPort: number;
}

/** A GET through `agent` (keep-alive agents reuse one connection). */
export function get(agent: http.Agent, url: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const localPort = res.socket.localPort ?? 0;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, localPort }));
    });
    req.on('error', reject);
  });
}

/** The value of one sample in Prometheus text (`name{labels} value`); undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const key = wanted ? `${name}{${wanted}}` : name;
  const line = text.split('\n').find((l) => l.startsWith(`${key} `));
  return line === undefined ? undefined : Number(line.slice(key.length + 1));
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the output (stdout and stderr) matches. */
  waitForOutput(pattern: RegExp): Promise<void>;
  /** The exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** `chainlit-rt serve <manifest> -h --ci --port 0` as a child process, once it listens. */
export function spawnServe(manifest: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(REPO, 'bin/chainlit-rt.js'), 'serve', manifest, '-h', '--ci', '--port', '0'], { cwd: REPO, env: { ...process.env, ...env } });
  let out = '';
  const watchers = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of [...watchers]) check();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const waitForOutput = (pattern: RegExp) => new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!pattern.test(out)) return;
      watchers.delete(check);
      resolve();
    };
    watchers.add(check);
    void exited.then(() => {
      if (!watchers.has(check)) return;
      watchers.delete(check);
      reject(new Error(`serve exited before printing ${pattern}: ${out}`));
    });
    check();
  });
  return waitForOutput(/running at http:\/\/\S+/).then(() => ({
    url: /running at (http:\/\/[^\s"]+)/.exec(out)![1]!,
    child,
    output: () => out,
    waitForOutput,
    exited,
  }));
}
