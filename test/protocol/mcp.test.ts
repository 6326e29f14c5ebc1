import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { mcpToolSource } from '../../runtime/integrations/mcp/tool-source.js';
import { MAX_CONNECTIONS_PER_SESSION } from '../../runtime/integrations/mcp/service.js';
import type { Session } from '../../runtime/session/session.js';
import { connectClient, type TestClient } from '../support/client.js';
import { REPO, startServer, writeApp, type TestServer } from '../support/server.js';
import { waitUntil } from '../support/wait.js';
import { startMcpHttpServer, type McpHttpFixture } from '../fixtures/mcp/http-server.js';

const STDIO_SERVER = join(REPO, 'test/fixtures/mcp/stdio-server.mjs');

// The hooks and a tool call through the SDK (`context.session.mcp`), reported as messages.
const PLUGIN = `
import { definePlugin, Message, context } from 'chainlit-rt';
export default definePlugin({
  async onChatStart() {
    const names = [...context.session.mcp.keys()].sort().join(',');
    await new Message({ content: 'servers at start: ' + names }).send();
  },
  async onMcpConnect(connection, session) {
    if (connection.name === 'rejected') throw new Error('not this one');
    await new Message({ content: 'connected ' + connection.name + ' ' + connection.clientType + ' [' + connection.tools.map((t) => t.name).join(',') + '] in ' + session.id }).send();
  },
  async onMcpDisconnect(name, session) {
    await new Message({ content: 'disconnected ' + name + ' ' + session.mcp.has(name) }).send();
  },
  async onMessage(message) {
    const [server, tool, json] = message.content.split(' ');
    const result = await context.session.mcp.get(server).callTool(tool, JSON.parse(json ?? '{}'), { signal: context.signal });
    await new Message({ content: 'result ' + result.content.map((c) => c.text).join('') }).send();
  },
});
`;

function manifest(http: McpHttpFixture): string {
  return `name: MCP
plugins: [p.ts]
features:
  mcp:
    enabled: true
    stdio:
      allowed_executables: [node, crt-no-such-executable]
    allow_private_addresses: ["127.0.0.1"]
mcp:
  servers:
    declared:
      command: node ${JSON.stringify(STDIO_SERVER)}
      env: { FROM_MANIFEST: "yes" }
    remote:
      url: ${http.url}
profiles:
  - name: Default
    default: true
  - name: Strict
    config_overrides:
      features:
        mcp:
          allow_private_addresses: false
  - name: Open
    config_overrides:
      features:
        mcp:
          allow_private_addresses: true
  - name: Both
    config_overrides:
      features:
        mcp:
          allow_private_addresses: ["127.0.0.1", "127.0.0.2/32"]
  - name: NoMcp
    config_overrides:
      features:
        mcp:
          enabled: false
  - name: NoStdio
    config_overrides:
      features:
        mcp:
          stdio: { enabled: false }
  - name: NoHttp
    config_overrides:
      features:
        mcp:
          streamable_http: { enabled: false }
          sse: { enabled: false }
`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of this process's stdio-server children that are running now. */
function stdioChildren(): Set<number> {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return new Set(out.split('\n').filter((l) => l.includes('stdio-server.mjs')).map((l) => Number(l.trim().split(/\s+/)[0])));
}

describe('mcp: servers per session, routes, hooks, tools and the security policy', function () {
  this.timeout(30_000);
  let http: McpHttpFixture;
  let other: McpHttpFixture;
  let server: TestServer;
  const clients: TestClient[] = [];

  before(async () => {
    http = await startMcpHttpServer('127.0.0.1');
    // Same loopback network, another address: what a redirect may try to reach.
    other = await startMcpHttpServer('127.0.0.2');
    server = await startServer(writeApp({ 'chainlit.yaml': manifest(http), 'p.ts': PLUGIN }));
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.stop();
    await http.close();
    await other.close();
  });

  async function open(chatProfile = 'Default'): Promise<TestClient> {
    const client = await connectClient(server.url, { chatProfile });
    clients.push(client);
    await client.waitFor('new_message', (m: { output: string }) => m.output.startsWith('servers at start:'));
    return client;
  }
  const session = (client: TestClient) => server.app.registry.get(client.sessionId) as Session;
  const post = (client: TestClient, body: Record<string, unknown>, cookieKey = client.browserKey) =>
    fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${cookieKey}` },
      body: JSON.stringify({ sessionId: client.sessionId, ...body }),
    });
  const remove = (client: TestClient, name: string) =>
    fetch(`${server.url}/mcp`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${client.browserKey}` },
      body: JSON.stringify({ sessionId: client.sessionId, name }),
    });
  const detail = async (res: Response) => ((await res.json()) as { detail: unknown }).detail;

  describe('servers declared in mcp.servers', () => {
    it('are connected at chat start, before onChatStart, with the manifest env (trusted, loopback allowed)', async () => {
      const client = await connectClient(server.url, { chatProfile: 'Strict' });
      clients.push(client);
      const start = await client.waitFor('new_message', (m: { output: string }) => m.output.startsWith('servers at start:'));
      expect(start.output).to.equal('servers at start: declared,remote');
      const envJson = await session(client).mcp.get('declared')!.callTool('env');
      const env = JSON.parse(envJson.content[0]!.text as string) as Record<string, string>;
      expect(env.FROM_MANIFEST).to.equal('yes');
      expect((await session(client).mcp.get('remote')!.callTool('multiply', { a: 6, b: 7 })).content[0]!.text).to.equal('42');
    });
  });

  describe('stdio', () => {
    it('connects through POST /mcp, calls onMcpConnect, and its tools are callable from a plugin and the tool source', async () => {
      const client = await open();
      const res = await post(client, { clientType: 'stdio', name: 'calc', fullCommand: `node ${STDIO_SERVER}` });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { success: boolean; mcp: Record<string, unknown> };
      expect(body.success).to.equal(true);
      expect(body.mcp).to.deep.include({ name: 'calc', clientType: 'stdio', command: `node ${STDIO_SERVER}`, url: null, headers: null });
      expect((body.mcp.tools as Array<{ name: string }>).map((t) => t.name)).to.deep.equal(['add', 'argv', 'env', 'pid']);
      await client.waitFor('new_message', (m: { output: string }) => m.output === `connected calc stdio [add,argv,env,pid] in ${client.sessionId}`);

      client.send('calc add {"a":2,"b":3}');
      await client.waitFor('new_message', (m: { output: string }) => m.output === 'result 5');

      const tools = await mcpToolSource.list(session(client));
      const add = tools.find((t) => t.name === 'add');
      expect(add?.description).to.equal('Adds two numbers');
      expect(add?.parameters).to.have.nested.property('properties.a.type', 'number');
      // `multiply` of the declared remote server too; two servers with one tool name stay apart.
      expect(tools.map((t) => t.name)).to.include.members(['multiply', 'shout', 'calc__add']);
      expect(await mcpToolSource.call(session(client), 'add', { a: 20, b: 22 })).to.equal('42');
      expect(await mcpToolSource.call(session(client), 'multiply', { a: 3, b: 5 })).to.equal('15');
    });

    it('DELETE /mcp calls onMcpDisconnect and the child process is gone', async () => {
      const client = await open();
      expect((await post(client, { clientType: 'stdio', name: 'gone', fullCommand: `node ${STDIO_SERVER}` })).status).to.equal(200);
      const pid = Number((await session(client).mcp.get('gone')!.callTool('pid')).content[0]!.text);
      expect(alive(pid)).to.equal(true);
      const res = await remove(client, 'gone');
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ success: true });
      await client.waitFor('new_message', (m: { output: string }) => m.output === 'disconnected gone true');
      expect(session(client).mcp.get('gone')).to.equal(undefined);
      await waitUntil('the stdio server exited', () => !alive(pid));
      // Removing what is not there is still a success.
      expect((await remove(client, 'gone')).status).to.equal(200);
    });

    it('reconnecting under the same name closes the first server', async () => {
      const client = await open();
      await post(client, { clientType: 'stdio', name: 'twice', fullCommand: `node ${STDIO_SERVER}` });
      const first = Number((await session(client).mcp.get('twice')!.callTool('pid')).content[0]!.text);
      expect((await post(client, { clientType: 'stdio', name: 'twice', fullCommand: `node ${STDIO_SERVER}` })).status).to.equal(200);
      await client.waitFor('new_message', (m: { output: string }) => m.output === 'disconnected twice true');
      const second = Number((await session(client).mcp.get('twice')!.callTool('pid')).content[0]!.text);
      expect(second).to.not.equal(first);
      await waitUntil('the first server exited', () => !alive(first));
    });

    it('a throwing onMcpConnect refuses the server (400) and its process is stopped', async () => {
      const client = await open();
      const before = new Set(session(client).mcp.names());
      const children = stdioChildren();
      const res = await post(client, { clientType: 'stdio', name: 'rejected', fullCommand: `node ${STDIO_SERVER}` });
      expect(res.status).to.equal(400);
      expect(await detail(res)).to.equal('Could not connect to the MCP: not this one');
      expect(new Set(session(client).mcp.names())).to.deep.equal(before);
      await waitUntil('no new stdio server is left running', () => [...stdioChildren()].every((pid) => children.has(pid)));
    });

    it('the session end closes its connections: the child process is gone', async () => {
      const client = await open();
      await post(client, { clientType: 'stdio', name: 'ending', fullCommand: `node ${STDIO_SERVER}` });
      const live = session(client);
      const pid = Number((await live.mcp.get('ending')!.callTool('pid')).content[0]!.text);
      const declaredPid = Number((await live.mcp.get('declared')!.callTool('pid')).content[0]!.text);
      const remoteSessions = http.closed.size;
      await server.app.registry.end(live);
      await waitUntil('the stdio servers exited', () => !alive(pid) && !alive(declaredPid));
      expect(live.mcp.names()).to.deep.equal([]);
      await waitUntil('the remote session was terminated', () => http.closed.size > remoteSessions);
    });

    it('refuses executables that are not listed, compared exactly (no path tricks)', async () => {
      const client = await open();
      const marker = join(tmpdir(), `crt-mcp-${process.pid}-allow`);
      rmSync(marker, { force: true });
      for (const fullCommand of [`bash -c "touch ${marker}"`, `sh -c "touch ${marker}"`, `/usr/bin/node ${STDIO_SERVER}`, `./node ${STDIO_SERVER}`, `../bin/node ${STDIO_SERVER}`, `"node " ${STDIO_SERVER}`, `touch ${marker}`]) {
        const res = await post(client, { clientType: 'stdio', name: 'bad', fullCommand });
        expect(res.status, fullCommand).to.equal(400);
        expect(String(await detail(res)), fullCommand).to.match(/^The executable ".*" is not allowed for stdio MCP servers/);
      }
      expect(existsSync(marker)).to.equal(false);
      expect(session(client).mcp.get('bad')).to.equal(undefined);
    });

    it('an allowed executable that does not exist, or a server that fails to start, is a clear 400', async () => {
      const client = await open();
      let res = await post(client, { clientType: 'stdio', name: 'missing', fullCommand: 'crt-no-such-executable --stdio' });
      expect(res.status).to.equal(400);
      expect(String(await detail(res))).to.match(/^Could not connect to the MCP: .*ENOENT/);
      res = await post(client, { clientType: 'stdio', name: 'crash', fullCommand: 'node -e "process.exit(3)"' });
      expect(res.status).to.equal(400);
      expect(String(await detail(res))).to.match(/^Could not connect to the MCP: /);
      res = await post(client, { clientType: 'stdio', name: 'quote', fullCommand: 'node "unterminated' });
      expect([res.status, await detail(res)]).to.deep.equal([400, 'The MCP command has an unterminated quote']);
      expect(session(client).mcp.names().sort()).to.deep.equal(['declared', 'remote']);
    });

    it('never runs a shell: metacharacters reach the server as plain arguments', async () => {
      const client = await open();
      const marker = join(tmpdir(), `crt-mcp-${process.pid}-shell`);
      rmSync(marker, { force: true });
      const injected = [';', 'touch', marker, '&&', `$(touch ${marker})`, `\`touch ${marker}\``, '|', 'tee', marker, '>', marker];
      const fullCommand = `node ${STDIO_SERVER} ; touch ${marker} && '$(touch ${marker})' '\`touch ${marker}\`' | tee ${marker} > ${marker}`;
      const res = await post(client, { clientType: 'stdio', name: 'meta', fullCommand });
      expect(res.status).to.equal(200);
      const argv = JSON.parse((await session(client).mcp.get('meta')!.callTool('argv')).content[0]!.text as string) as string[];
      expect(argv).to.deep.equal(injected);
      expect(existsSync(marker)).to.equal(false);
    });

    it('the client cannot set the environment: KEY=value words are refused and the server gets a minimal env', async () => {
      const client = await open();
      for (const fullCommand of [`NODE_OPTIONS=--require=/tmp/evil.js node ${STDIO_SERVER}`, `PATH=/tmp node ${STDIO_SERVER}`]) {
        const res = await post(client, { clientType: 'stdio', name: 'envy', fullCommand });
        expect(res.status, fullCommand).to.equal(400);
        expect(await detail(res)).to.equal('The MCP command cannot set environment variables');
      }
      process.env.CRT_MCP_TEST_SECRET = 'do-not-leak';
      try {
        expect((await post(client, { clientType: 'stdio', name: 'envy', fullCommand: `node ${STDIO_SERVER}` })).status).to.equal(200);
        const env = JSON.parse((await session(client).mcp.get('envy')!.callTool('env')).content[0]!.text as string) as Record<string, string>;
        expect(env).to.not.have.property('CRT_MCP_TEST_SECRET');
        expect(env).to.not.have.property('FROM_MANIFEST');
        expect(env).to.have.property('PATH');
      } finally {
        delete process.env.CRT_MCP_TEST_SECRET;
      }
    });
  });

  describe('streamable HTTP and SSE', () => {
    it('connects an allowed private address, lists and calls tools, and DELETE ends the server session', async () => {
      const client = await open();
      const res = await post(client, { clientType: 'streamable-http', name: 'web', url: http.url, headers: { 'x-test': '1' } });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { mcp: Record<string, unknown> };
      expect(body.mcp).to.deep.include({ name: 'web', clientType: 'streamable-http', command: null, url: http.url, headers: { 'x-test': '1' } });
      expect((body.mcp.tools as Array<{ name: string }>).map((t) => t.name)).to.deep.equal(['multiply', 'shout']);
      await client.waitFor('new_message', (m: { output: string }) => m.output.startsWith('connected web streamable-http [multiply,shout]'));
      client.send('web shout {"text":"hi"}');
      await client.waitFor('new_message', (m: { output: string }) => m.output === 'result HI');
      const closedBefore = http.closed.size;
      expect((await remove(client, 'web')).status).to.equal(200);
      await waitUntil('the server session was terminated', () => http.closed.size > closedBefore);
    });

    it('a session holds at most MAX_CONNECTIONS_PER_SESSION servers', async () => {
      const client = await open();
      const start = session(client).mcp.names().length;
      for (let i = start; i < MAX_CONNECTIONS_PER_SESSION; i += 1) {
        expect((await post(client, { clientType: 'streamable-http', name: `w${i}`, url: http.url })).status).to.equal(200);
      }
      const res = await post(client, { clientType: 'streamable-http', name: 'one-more', url: http.url });
      expect([res.status, await detail(res)]).to.deep.equal([400, `Too many MCP servers in this session (at most ${MAX_CONNECTIONS_PER_SESSION}); remove one first`]);
      // Replacing one by name is still possible.
      expect((await post(client, { clientType: 'streamable-http', name: `w${start}`, url: http.url })).status).to.equal(200);
      await server.app.registry.end(session(client));
    });

    it('connects over SSE', async () => {
      const client = await open();
      const res = await post(client, { clientType: 'sse', name: 'old', url: http.sseUrl });
      expect(res.status).to.equal(200);
      await client.waitFor('new_message', (m: { output: string }) => m.output.startsWith('connected old sse [multiply,shout]'));
      client.send('old multiply {"a":4,"b":4}');
      await client.waitFor('new_message', (m: { output: string }) => m.output === 'result 16');
      const closedBefore = http.closed.size;
      expect((await remove(client, 'old')).status).to.equal(200);
      await waitUntil('the SSE stream closed', () => http.closed.size > closedBefore);
    });

    it('refuses private, loopback and link-local targets in every spelling unless the manifest allows them (SSRF)', async () => {
      const client = await open('Strict');
      const port = new URL(http.url).port;
      const targets = [
        `http://127.0.0.1:${port}/mcp`, `http://[::1]:${port}/mcp`, 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/mcp',
        'http://192.168.1.1/mcp', 'http://172.16.0.1/mcp', 'http://[fe80::1]/mcp', 'http://[fd00::1]/mcp', 'http://0.0.0.0/mcp',
        `http://[::ffff:127.0.0.1]:${port}/mcp`, `http://[::ffff:7f00:1]:${port}/mcp`, `http://2130706433:${port}/mcp`,
        `http://0x7f000001:${port}/mcp`, `http://0177.0.0.1:${port}/mcp`, `http://127.1:${port}/mcp`, `http://localhost:${port}/mcp`,
      ];
      const seen = http.requests.length;
      for (const [clientType, url] of targets.flatMap((u) => [['streamable-http', u], ['sse', u]] as const)) {
        const res = await post(client, { clientType, name: 'ssrf', url });
        expect(res.status, `${clientType} ${url}`).to.equal(400);
        expect(String(await detail(res)), `${clientType} ${url}`).to.match(/^Could not connect to the MCP: MCP URL refused: .*(private, loopback or link-local address)/);
      }
      expect(http.requests.length, 'the loopback server was never reached').to.equal(seen);
      for (const url of ['file:///etc/passwd', 'ftp://example.com/x']) {
        const res = await post(client, { clientType: 'streamable-http', name: 'ssrf', url });
        expect(String(await detail(res))).to.match(/Only http and https MCP URLs are allowed/);
      }
      expect(session(client).mcp.get('ssrf')).to.equal(undefined);
      // The same URL with the manifest's allowance (control).
      const open_ = await open('Open');
      expect((await post(open_, { clientType: 'streamable-http', name: 'ok', url: `http://localhost:${port}/mcp` })).status).to.equal(200);
    });

    it('checks every redirect hop: a redirect to an address that is not allowed is refused', async () => {
      other.redirectTo = '';
      http.redirectTo = other.url;
      const client = await open(); // allows 127.0.0.1 only
      const seen = other.requests.length;
      const res = await post(client, { clientType: 'streamable-http', name: 'hop', url: `${http.origin}/redirect` });
      expect(res.status).to.equal(400);
      expect(String(await detail(res))).to.equal('Could not connect to the MCP: MCP URL refused: 127.0.0.2 is a private, loopback or link-local address');
      expect(other.requests.length, '127.0.0.2 was never reached').to.equal(seen);
      const sse = await post(client, { clientType: 'sse', name: 'hop', url: `${http.origin}/redirect` });
      expect(sse.status).to.equal(400);
      expect(other.requests.length).to.equal(seen);

      // Control: with 127.0.0.2 allowed too, the same redirect is followed to a working server.
      const both = await open('Both');
      const ok = await post(both, { clientType: 'streamable-http', name: 'hop', url: `${http.origin}/redirect` });
      expect(ok.status, String(await ok.clone().text())).to.equal(200);
      expect(other.requests.length).to.be.greaterThan(seen);
    });
  });

  describe('the routes', () => {
    it('someone else’s session is a 404, like a missing one', async () => {
      const client = await open();
      const res = await post(client, { clientType: 'stdio', name: 'x', fullCommand: `node ${STDIO_SERVER}` }, 'another-browser');
      expect(res.status).to.equal(404);
      expect(await detail(res)).to.equal('Session not found');
      const del = await fetch(`${server.url}/mcp`, {
        method: 'DELETE',
        headers: { 'content-type': 'application/json', cookie: 'chainlit_rt_browser=another-browser' },
        body: JSON.stringify({ sessionId: client.sessionId, name: 'declared' }),
      });
      expect(del.status).to.equal(404);
      expect(session(client).mcp.get('declared')).to.not.equal(undefined);
    });

    it('sends the MCP switches to the browser, but not which private addresses are allowed', async () => {
      const res = await fetch(`${server.url}/project/settings?language=en-US`);
      const features = ((await res.json()) as { features: { mcp: Record<string, unknown> } }).features;
      expect(features.mcp).to.deep.equal({ enabled: true, sse: { enabled: true }, streamable_http: { enabled: true }, stdio: { enabled: true, allowed_executables: ['node', 'crt-no-such-executable'] } });
    });

    it('honours the feature switches of the session’s profile and validates the body', async () => {
      const off = await open('NoMcp');
      let res = await post(off, { clientType: 'stdio', name: 'x', fullCommand: `node ${STDIO_SERVER}` });
      expect([res.status, await detail(res)]).to.deep.equal([400, 'This app does not support MCP.']);
      const noStdio = await open('NoStdio');
      res = await post(noStdio, { clientType: 'stdio', name: 'x', fullCommand: `node ${STDIO_SERVER}` });
      expect([res.status, await detail(res)]).to.deep.equal([400, 'Stdio MCP is not enabled']);
      const noHttp = await open('NoHttp');
      res = await post(noHttp, { clientType: 'streamable-http', name: 'x', url: http.url });
      expect([res.status, await detail(res)]).to.deep.equal([400, 'HTTP MCP is not enabled']);
      res = await post(noHttp, { clientType: 'sse', name: 'x', url: http.sseUrl });
      expect([res.status, await detail(res)]).to.deep.equal([400, 'SSE MCP is not enabled']);
      res = await post(noHttp, { clientType: 'websocket', name: 'x', url: http.url });
      expect(res.status).to.equal(422);
    });
  });
});

describe('mcp: server shutdown', function () {
  this.timeout(30_000);
  it('stopping the server stops every stdio child', async () => {
    const server = await startServer(writeApp({
      'chainlit.yaml': `name: Stop\nfeatures:\n  mcp:\n    enabled: true\n    stdio:\n      allowed_executables: [node]\n`,
    }));
    const client = await connectClient(server.url);
    try {
      const res = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `chainlit_rt_browser=${client.browserKey}` },
        body: JSON.stringify({ sessionId: client.sessionId, clientType: 'stdio', name: 's', fullCommand: `node ${STDIO_SERVER}` }),
      });
      expect(res.status).to.equal(200);
      const live = server.app.registry.get(client.sessionId) as Session;
      const pid = Number((await live.mcp.get('s')!.callTool('pid')).content[0]!.text);
      expect(alive(pid)).to.equal(true);
      await server.stop();
      await waitUntil('the stdio server exited', () => !alive(pid));
    } finally {
      client.close();
    }
  });
});
