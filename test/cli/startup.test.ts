import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { join, sep } from 'node:path';
import { REPO, writeApp } from '../support/server.js';

const BIN = join(REPO, 'bin/chainlit-rt.js');
const TRACE = join(REPO, 'test/support/load-trace.mjs');

/**
 * Packages a start-up must not load: each serves a feature that loads it on first use
 * (bench/RESULTS.md, "Cold start"). A static import of any of them on the start-up path
 * brings the cold start back up.
 */
const LAZY_PACKAGES = [
  'vega', 'vega-lite', // pyplot/vega charts rendered to SVG
  'tailwindcss', '@tailwindcss/node', '@tailwindcss/oxide', // custom element CSS
  'esbuild', // plugin builds (cache miss) and custom element JSX
  'pino-pretty', // human log output (a TTY)
  'koa-body', 'zod', 'formidable', // request bodies and uploads
  'chokidar', // serve -w
  '@socket.io/redis-adapter', 'ioredis', // session.store: redis
  'file-type', 'open', 'knex', 'ajv-formats',
  'prom-client', // server.metrics
  'rate-limiter-flexible', 'passport', 'passport-oauth2', // the first login attempt, the first OAuth request
  // LLM libraries: the SDK's instrumentation reads them structurally or imports them on use
  'openai', '@langchain/core', '@langchain/langgraph', '@llamaindex/core', '@llamaindex/openai',
];

/** Our own modules that must stay off the start-up path. */
const LAZY_FILES = [
  'dist/runtime/manifest/ajv.js', // compiles the manifest schema: the build ships it precompiled
  'dist/runtime/reload.js',
  'dist/runtime/plugins/watch.js',
  'node_modules/semver/index.js', // the whole package; the runtime imports single functions
  'node_modules/ajv/dist/ajv.js', // ajv's compiler: inbound payload checks set it up at the first payload (the precompiled manifest validator needs only ajv/dist/runtime)
];

function packageOf(file: string): string | null {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (at < 0) return null;
  const parts = file.slice(at + '/node_modules/'.length).split(sep);
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

interface Traced {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Every module file the server process has loaded so far. */
  modules(): Promise<string[]>;
  stop(): Promise<void>;
}

/** `serve` from dist/ with the module tracer preloaded; resolves once it listens. */
function serveTraced(manifest: string): Promise<Traced> {
  const child = spawn(process.execPath, ['--import', TRACE, BIN, 'serve', manifest, '-h', '--ci', '--host', '127.0.0.1', '--port', '0'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  const stop = () => new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
  const modules = () => new Promise<string[]>((resolve, reject) => {
    child.once('message', (m: { modules: string[] }) => resolve(m.modules));
    child.send('loaded-modules', (err) => err && reject(err));
  });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[^\s"]+)/.exec(out);
      if (match) resolve({ child, url: match[1]!, output: () => out, modules, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('cli: start-up loads no feature modules before their first use', function () {
  this.timeout(120_000);
  let manifest: string;
  let server: Traced | undefined;

  before(async () => {
    // An app that uses the lazily loaded features: a plugin, a custom element, uploads. The
    // data layer is off: when on, it is opened and migrated before serving (knex loads then).
    manifest = writeApp({
      'chainlit.yaml': 'name: Startup\nplugins: [plugin.ts]\nfeatures:\n  spontaneous_file_upload:\n    enabled: true\ndata_layer:\n  enabled: false\n',
      'plugin.ts': "import { definePlugin, Message } from 'chainlit-rt';\nexport default definePlugin({ async onMessage(m) { await new Message({ content: m.content }).send(); } });\n",
      'public/elements/Badge.jsx': 'export default function Badge() {\n  return <span className="rounded-md px-2">{props.text}</span>;\n}\n',
    });
    // The first start builds the plugin (esbuild); the measured start is the next one, as a restart is.
    const first = await serveTraced(manifest);
    await first.stop();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('serves /health with none of them loaded, and the precompiled manifest validator', async () => {
    server = await serveTraced(manifest);
    expect((await fetch(`${server.url}/health`)).status).to.equal(200);
    const loaded = await server.modules();
    const rel = loaded.map((f) => f.startsWith(REPO) ? f.slice(REPO.length).split(sep).join('/') : f);
    // The tracer sees the start-up path, CommonJS and ES modules alike.
    expect(rel).to.include('dist/runtime/app.js');
    expect(loaded.map(packageOf)).to.include.members(['socket.io', 'yaml', 'koa']);

    const packages = new Set(loaded.map(packageOf));
    expect({
      packages: LAZY_PACKAGES.filter((p) => packages.has(p)),
      files: LAZY_FILES.filter((f) => rel.includes(f)),
      precompiledValidator: rel.includes('dist/runtime/manifest/validator.gen.js'),
    }, 'loaded at start-up').to.deep.equal({ packages: [], files: [], precompiledValidator: true });
  });

  it('loads them when a feature is first used (so the check above can see them)', async () => {
    server = await serveTraced(manifest);
    const before = new Set((await server.modules()).map(packageOf));
    expect(before.has('koa-body') || before.has('esbuild') || before.has('@tailwindcss/node')).to.equal(false);
    // A request with a body, a custom element's module and its Tailwind CSS.
    await fetch(`${server.url}/project/action`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await fetch(`${server.url}/elements/Badge.js`)).status).to.equal(200);
    const css = await fetch(`${server.url}/elements/tailwind.css`);
    expect(css.status).to.equal(200);
    expect(await css.text()).to.contain('rounded-md');
    const after = new Set((await server.modules()).map(packageOf));
    expect(['koa-body', 'zod', 'esbuild', '@tailwindcss/node'].filter((p) => !after.has(p)), 'not loaded on first use').to.deep.equal([]);
  });
});
