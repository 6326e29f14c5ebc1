import { expect } from 'chai';
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parse } from 'yaml';
import { loadManifest } from '../../runtime/manifest/index.js';
import { manifestSchema } from '../../runtime/manifest/schema.js';
import { connectClient } from '../support/client.js';
import { REPO } from '../support/server.js';
import { requireService } from '../support/services.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { waitUntil } from '../support/wait.js';
import { disconnectReason, spawnServe, type ServeProcess } from './support.js';
import { dropKeysAndQuit } from '../support/redis-server.js';

/**
 * No container engine runs here: these tests check that the deployment files parse and
 * wire together what docs/deploy.md says, and run the deployment manifest as processes.
 */
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');

interface ComposeService {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
const app = compose.services.app!;
const env = app.environment!;
const nginx = read('deploy/nginx.conf').replace(/#.*$/gm, '');
const docs = read('docs/deploy.md');

/** The variables of the "Environment variables" table of docs/deploy.md. */
function documentedVariables(): string[] {
  const section = docs.split('### Environment variables')[1]!.split('\n## ')[0]!;
  return [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
}

function seconds(text: string): number {
  const m = /^(\d+)(s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[m[2] ?? 's'] ?? 1);
}

/** The first block `<keyword> <arguments> {` of the nginx config, with its body. */
function block(keyword: string): { name: string; body: string } {
  const start = new RegExp(`\\b${keyword}\\s+([^{;]+?)\\s*\\{`).exec(nginx);
  if (!start) throw new Error(`no ${keyword} block`);
  let depth = 0;
  for (let i = start.index + start[0].length - 1; i < nginx.length; i += 1) {
    if (nginx[i] === '{') depth += 1;
    if (nginx[i] === '}' && (depth -= 1) === 0) return { name: start[1]!, body: nginx.slice(start.index + start[0].length, i) };
  }
  throw new Error(`unbalanced ${keyword} block`);
}

describe('deployment: docker-compose.yml, deploy/, Dockerfile', () => {
  it('compose runs 3 app replicas, Redis, PostgreSQL and a balancer, wired as docs/deploy.md says', () => {
    expect(Object.keys(compose.services).sort()).to.deep.equal(['app', 'lb', 'postgres', 'redis']);
    for (const name of Object.keys(compose.services)) expect(docs, `docs/deploy.md describes ${name}`).to.contain(`| \`${name}\` |`);
    expect(app.deploy?.replicas).to.equal(3);
    expect(docs).to.contain('`deploy.replicas: 3`');
    expect(app.build).to.equal('.');
    expect(app.ports, 'only the balancer is published').to.equal(undefined);
    expect(app.command).to.deep.equal(['node', 'bin/chainlit-rt.js', 'serve', 'deploy/chainlit.yaml', '--ci']);
    expect(app.depends_on).to.deep.equal({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    expect(app.healthcheck!.test.join(' ')).to.contain(`http://127.0.0.1:${env.CHAINLIT_PORT}/ready`);
    for (const name of ['redis', 'postgres', 'lb']) expect(compose.services[name]!.healthcheck, `${name} has a health check`).to.not.equal(undefined);
    // Sessions in Redis and the data layer in PostgreSQL, at the compose services.
    expect(new URL(env.REDIS_URL!).hostname).to.equal('redis');
    const db = new URL(env.DATABASE_URL!);
    const pg = compose.services.postgres!.environment!;
    expect([db.hostname, db.username, db.password, db.pathname]).to.deep.equal(['postgres', pg.POSTGRES_USER, pg.POSTGRES_PASSWORD, `/${pg.POSTGRES_DB}`]);
    // One file volume for every replica, where the manifest stores files.
    expect(app.volumes).to.deep.equal([`files:${env.FILES_PATH}`]);
    expect(compose.volumes).to.have.property('files');
    expect(app.expose).to.deep.equal([env.CHAINLIT_PORT, env.METRICS_PORT]);
    // Docker must not kill an answer that is still within its grace period (+10 s of flush).
    expect(seconds(app.stop_grace_period!)).to.be.greaterThan(Number(env.SHUTDOWN_GRACE_SECONDS) + 10);
  });

  it('every environment variable of docs/deploy.md is set by compose and read by the app', () => {
    const documented = documentedVariables();
    expect(documented.sort()).to.deep.equal(Object.keys(env).sort());
    const manifest = read('deploy/chainlit.yaml');
    const envDefaults = JSON.stringify(manifestSchema()).match(/"envDefault":"([A-Z_]+)"/g)!.map((s) => s.split('"')[3]);
    for (const name of documented) {
      const read = manifest.includes(`\${${name}`) || envDefaults.includes(name) || (name === 'LOG_LEVEL' && readFileSync(join(REPO, 'runtime/log.ts'), 'utf8').includes('process.env.LOG_LEVEL'));
      expect(read, `${name} is read by deploy/chainlit.yaml, a schema envDefault or the logger`).to.equal(true);
    }
  });

  it('nginx balances round-robin over the app service without affinity, with WebSocket upgrade and long timeouts', () => {
    const lb = compose.services.lb!;
    expect(lb.volumes).to.deep.equal(['./deploy/nginx.conf:/etc/nginx/nginx.conf:ro']);
    expect(existsSync(join(REPO, 'deploy/nginx.conf'))).to.equal(true);
    const upstream = block('upstream');
    const servers = [...upstream.body.matchAll(/^\s*server\s+([^\s;]+)/gm)].map((m) => m[1]);
    expect(servers).to.deep.equal([`app:${env.CHAINLIT_PORT}`]);
    expect(nginx, 'no affinity').to.not.match(/\b(ip_hash|hash|sticky)\b/);
    expect(nginx).to.match(new RegExp(`proxy_pass\\s+http://${upstream.name};`));
    expect(nginx).to.match(/proxy_http_version\s+1\.1;/);
    expect(nginx).to.match(/proxy_set_header\s+Upgrade\s+\$http_upgrade;/);
    expect(nginx).to.match(/proxy_set_header\s+Connection\s+\$connection_upgrade;/);
    expect(block('map').name).to.equal('$http_upgrade $connection_upgrade');
    expect(nginx).to.match(/proxy_next_upstream\s+error/);
    const readTimeout = /proxy_read_timeout\s+(\w+);/.exec(nginx)![1]!;
    expect(seconds(readTimeout), 'well above the Socket.IO ping interval').to.be.at.least(300);
    const listen = /listen\s+(\d+);/.exec(nginx)![1];
    expect(lb.ports).to.deep.equal([`${env.CHAINLIT_PORT}:${listen}`]);
  });

  it('deploy/chainlit.yaml: WebSocket only, Redis sessions, shared files, metrics off the public port', async () => {
    const { config, root } = await loadManifest(join(REPO, 'deploy/chainlit.yaml'), { env });
    expect(config.project.transports).to.deep.equal(['websocket']);
    expect(config.session).to.deep.include({ store: 'redis', redis_url: env.REDIS_URL, key_prefix: env.REDIS_KEY_PREFIX });
    expect(config.server.metrics).to.deep.equal({ enabled: true, path: '/metrics', port: Number(env.METRICS_PORT) });
    expect(config.server.shutdown_grace_seconds).to.equal(Number(env.SHUTDOWN_GRACE_SECONDS));
    expect(config.server.host).to.equal('0.0.0.0');
    expect(config.project.session_timeout).to.equal(Number(env.SESSION_TIMEOUT_SECONDS));
    expect((config as { storage: { path: string } }).storage.path).to.equal(env.FILES_PATH);
    expect(config.data_layer.url).to.equal(env.DATABASE_URL);
    expect(root).to.equal(join(REPO, 'deploy'));
    // And with no environment at all, the defaults are the compose ones.
    const bare = await loadManifest(join(REPO, 'deploy/chainlit.yaml'), { env: {} });
    expect(bare.config.session.redis_url).to.equal(env.REDIS_URL);
    expect(bare.config.server.shutdown_grace_seconds).to.equal(Number(env.SHUTDOWN_GRACE_SECONDS));
  });

  it('the Dockerfile builds in a build stage and runs non-root with production dependencies, copying files that exist', () => {
    const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
    const stages = dockerfile.split(/^FROM /m).slice(1).map((s) => ({ name: /AS (\w+)/.exec(s.split('\n')[0]!)?.[1], text: s }));
    expect(stages.map((s) => s.name)).to.deep.equal(['build', 'runtime']);
    const [build, runtime] = [stages[0]!, stages[1]!];
    expect(build.text).to.match(/^RUN npm ci\b/m);
    expect(build.text).to.match(/^RUN npm run build$/m);
    expect(runtime.text).to.match(/^RUN npm ci --omit=dev\b/m);
    const user = /^USER (\S+)$/m.exec(runtime.text)?.[1];
    expect(user, 'runs as a non-root user').to.be.a('string').and.not.match(/^(root|0)$/);
    expect(runtime.text).to.match(/^EXPOSE 8000 9464$/m);

    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const isIgnored = (path: string) => ignored.some((p) => path === p || path.startsWith(`${p}/`));
    const copies = [...runtime.text.matchAll(/^COPY (--from=\w+ )?(.+)$/gm)].map((m) => ({ from: m[1], parts: m[2]!.split(/\s+/) }));
    const copied: string[] = [];
    for (const { from, parts } of copies) {
      const sources = parts.slice(0, -1);
      for (const source of sources) {
        if (from) {
          expect(source, 'built by the build stage').to.match(/^\/src\/(dist|ui-dist)$/);
          copied.push(source.replace('/src/', ''));
        } else {
          expect(existsSync(join(REPO, source)), `${source} exists`).to.equal(true);
          expect(isIgnored(source), `${source} is not in .dockerignore`).to.equal(false);
          copied.push(source);
        }
      }
    }
    // The image holds what the npm package ships (package.json "files" that exist).
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files;
    const shipped = files.filter((f) => f === 'dist' || f === 'ui-dist' || existsSync(join(REPO, f)));
    expect(shipped.filter((f) => !copied.includes(f)), 'missing from the image').to.deep.equal([]);
    // What it runs is in it.
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime.text)![1]!) as string[];
    expect(cmd).to.deep.equal(app.command);
    expect(copied).to.include.members(['bin', cmd[3]!]);
    expect(ignored).to.include.members(['node_modules', 'dist', 'ui-dist', '.git']);
  });

  describe('deploy/chainlit.yaml as processes: two instances behind a balancer without affinity', () => {
    const PREFIX = `crt-deploy-${process.pid}-${Date.now()}:`;
    let redis: Redis | undefined;
    let database: TestDatabase | undefined;
    const instances: ServeProcess[] = [];
    before(async function () {
      await requireService(this, 'redis');
      redis = new Redis('redis://127.0.0.1:6379');
      database = await createTestDatabase(this);
    });
    after(async () => {
      await database?.drop();
      for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
      if (!redis) return;
      await dropKeysAndQuit(redis, PREFIX);
    });

    it('serves the demo over WebSocket, and a SIGTERM moves the client to the other instance', async function () {
      this.timeout(120_000);
      const files = mkdtempSync(join(REPO, 'test', '.tmp', 'deploy-files-'));
      const processEnv = { ...env, CHAINLIT_HOST: '127.0.0.1', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: PREFIX, FILES_PATH: files, METRICS_PORT: '0', SHUTDOWN_GRACE_SECONDS: '5', DATABASE_URL: database!.url };
      // One after the other: the second start finds the demo plugin compiled.
      instances.push(await spawnServe(join(REPO, 'deploy/chainlit.yaml'), processEnv));
      instances.push(await spawnServe(join(REPO, 'deploy/chainlit.yaml'), processEnv));
      const [a, b] = instances as [ServeProcess, ServeProcess];
      for (const instance of [a, b]) {
        const res = await fetch(`${instance.url}/ready`);
        expect([res.status, await res.json()]).to.deep.equal([200, { status: 'ready', checks: { redis: 'ok', database: 'ok' } }]);
        const page = await (await fetch(instance.url)).text();
        expect(page, 'the page tells the browser to use WebSocket only').to.contain('window.transports = ["websocket"]');
      }
      const proxy = await startTcpProxy([a, b].map((i) => Number(new URL(i.url).port)));
      try {
        const client = await connectClient(proxy.url, { reconnection: true, transports: ['websocket'] });
        client.send('hello');
        await client.waitFor<{ output: string }>('new_message', (m) => m.output.includes('You asked: **hello**'), { timeoutMs: 20_000 });
        const gone = disconnectReason(client);
        const reconnected = new Promise<void>((resolve) => client.socket.io.once('reconnect', () => resolve()));
        a.child.kill('SIGTERM');
        expect(await gone).to.equal('transport close');
        await reconnected;
        expect(await a.exited, a.output()).to.equal(0);
        const since = client.received.length;
        client.send('again');
        await client.waitFor<{ output: string }>('new_message', (m) => m.output.includes('You asked: **again**'), { since, timeoutMs: 20_000 });
        expect(proxy.routed.at(-1), 'answered by B').to.equal(Number(new URL(b.url).port));
        await waitUntil('the first answer was question 1, the second question 2 (same session)', () => client.received.some((r) => r.event === 'action' && (r.payload as { payload: { count: number } }).payload.count === 2));
        client.close();
      } finally {
        await proxy.close();
      }
      b.child.kill('SIGTERM');
      expect(await b.exited, b.output()).to.equal(0);
    });
  });
});
