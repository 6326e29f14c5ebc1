import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort } from './redis-server.js';
import { REPO } from './server.js';
import { waitUntil } from './wait.js';

export interface Instance {
  readonly index: number;
  readonly port: number;
  readonly url: string;
  /** Everything the process printed (for failures). */
  readonly output: string[];
  alive: boolean;
  /** Sends a signal; resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ProcessCluster {
  instances: Instance[];
  /** The balancer's URL: each new TCP connection goes to the next live instance. */
  url: string;
  /** Index of the instance the next connection through the balancer goes to. */
  next(): number;
  /** Starts a dead instance's slot again (a new process on a new port). */
  revive(index: number): Promise<void>;
  stop(): Promise<void>;
}

async function startInstance(index: number, manifestPath: string, env: NodeJS.ProcessEnv): Promise<Instance> {
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'bin/chainlit-rt.js'), 'serve', manifestPath, '--host', '127.0.0.1', '--port', String(port), '--ci'], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const instance: Instance = {
    index,
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    alive: true,
    async kill(signal = 'SIGKILL') {
      instance.alive = false;
      child.kill(signal);
      await exited;
    },
  };
  void exited.then(() => (instance.alive = false));
  await waitUntil(`instance ${index} answers /health`, async () => {
    if (!instance.alive) throw new Error(`instance ${index} exited:\n${output.join('')}`);
    return fetch(`${instance.url}/health`).then((r) => r.ok, () => false);
  }, 60_000);
  return instance;
}

/**
 * Real instances as separate processes (`chainlit-rt serve`, built from dist/), sharing one
 * Redis, behind a TCP balancer written for the tests: round robin per connection, no
 * affinity, and the next instance when one does not answer (as a load balancer retries).
 */
export async function startProcessCluster(manifestPath: string, count: number, env: NodeJS.ProcessEnv = {}): Promise<ProcessCluster> {
  // The first one builds the plugin cache; the others then start from it.
  const instances = [await startInstance(0, manifestPath, env)];
  instances.push(...(await Promise.all(Array.from({ length: count - 1 }, (_, i) => startInstance(i + 1, manifestPath, env)))));
  let turn = 0;
  const pick = (): Instance[] => {
    const order = Array.from({ length: instances.length }, (_, i) => instances[(turn + i) % instances.length]!);
    turn = (turn + 1) % instances.length;
    return order.filter((i) => i.alive);
  };
  const open = new Set<Socket>();
  const balancer: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    const candidates = pick();
    const attempt = (k: number) => {
      const target = candidates[k];
      if (!target) return client.destroy();
      const upstream = createConnection({ host: '127.0.0.1', port: target.port });
      open.add(upstream);
      upstream.once('close', () => open.delete(upstream));
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
      });
      upstream.on('error', () => {
        if (connected) client.destroy();
        else attempt(k + 1); // that one is down: the next one
      });
    };
    attempt(0);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => balancer.listen(port, '127.0.0.1', () => resolve()));
  return {
    instances,
    url: `http://127.0.0.1:${port}`,
    next: () => {
      for (let i = 0; i < instances.length; i += 1) {
        const candidate = instances[(turn + i) % instances.length]!;
        if (candidate.alive) return candidate.index;
      }
      return -1;
    },
    async revive(index) {
      if (instances[index]!.alive) return;
      instances[index] = await startInstance(index, manifestPath, env);
    },
    async stop() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => balancer.close(() => resolve()));
      await Promise.all(instances.filter((i) => i.alive).map((i) => i.kill('SIGKILL')));
    },
  };
}
