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
