import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const OUT = join(REPO, 'bench', 'out');

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** A port that was free a moment ago on 127.0.0.1 (the server binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Spawns `node ARGS` with stdout+stderr appended to bench/out/logs/NAME.log. */
export function spawnNode(name: string, args: string[], cwd = REPO): ChildProcess {
  mkdirSync(join(OUT, 'logs'), { recursive: true });
  const log = openSync(join(OUT, 'logs', `${name}.log`), 'a');
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', log, log] });
  closeSync(log);
  return child;
}

/** One GET of /health; resolves its status code, or 0 when the connection fails. */
export function healthStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(`${url}/health`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
  });
}

/** Polls /health every `intervalMs` until it answers 200; throws after `timeoutMs` or if the child dies. */
export async function waitHealthy(url: string, child: ChildProcess, intervalMs = 10, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} before /health answered`);
    if ((await healthStatus(url)) === 200) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url}/health did not answer 200 within ${timeoutMs} ms`);
}

/** Resident set size of a process, in KiB (VmRSS of /proc/PID/status). */
export function rssKb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** CPU time (user + system) a process has used so far, in ms (resolution 1/CLK_TCK s). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

/** Sends SIGTERM and waits for the exit (SIGKILL after `graceMs`). */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface ServerProc {
  kind: 'chainlit-rt' | 'bare';
  child: ChildProcess;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * chainlit-rt through its CLI and compiled dist, exactly as a user runs it; `bin` may point
 * at another build's CLI to compare a change (see `--rt-bin`).
 */
export async function startChainlitRt(manifest: string, nodeFlags: string[] = [], bin = 'bin/chainlit-rt.js'): Promise<ServerProc> {
  const port = await freePort();
  const child = spawnNode('chainlit-rt', [...nodeFlags, bin, 'serve', manifest, '--host', '127.0.0.1', '--port', String(port), '-h', '--ci']);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 20);
  return { kind: 'chainlit-rt', child, pid: child.pid!, url, stop: () => stopChild(child) };
}

/** The bare Socket.IO baseline (bench/servers/bare.ts, bundled into bench/out). */
export async function startBare(nodeFlags: string[] = []): Promise<ServerProc> {
  const port = await freePort();
  const child = spawnNode('bare', [...nodeFlags, join(OUT, 'bare.mjs'), '--port', String(port)]);
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 20);
  return { kind: 'bare', child, pid: child.pid!, url, stop: () => stopChild(child) };
}
