import { Worker } from 'node:worker_threads';
import { maybeContext } from '../context.js';
import { TaskCancelledError } from '../errors.js';

/**
 * The worker's side: it receives the function's source once, then calls it for each job.
 * `require` is there (eval workers are CommonJS), so the function may load modules.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// Plugins are bundled with esbuild's keepNames, which calls this helper inside functions.
globalThis.__name = (target, value) => Object.defineProperty(target, 'name', { value, configurable: true });
// ...and rewrites require() in ESM bundles to this shim.
globalThis.__require = require;
const fn = (0, eval)('(' + workerData.source + ')');
parentPort.on('message', async ({ id, args }) => {
  try {
    parentPort.postMessage({ id, ok: true, value: await fn(...args) });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, error: { message: err && err.message ? err.message : String(err), name: err && err.name, stack: err && err.stack } });
  }
});
`;

type Job = { resolve(v: unknown): void; reject(e: unknown): void };

/**
 * Runs a synchronous, CPU-heavy function off the event loop, in a worker thread, with the
 * same call signature but returning a promise (Chainlit's `cl.make_async`). The function
 * travels as source code: it must be self-contained — no variables from the enclosing
 * scope (use its arguments; `require()` works inside it) — and its arguments and result
 * must be structured-cloneable. Code inside has no chat context; the awaited result comes
 * back in the caller's context. One worker per wrapped function, started on first use and
 * unref'd so it never keeps the process alive.
 *
 * @example
 * ```ts
 * const countPrimes = makeAsync((n: number) => { let c = 0; for (let i = 2; i < n; i++) { let p = true; for (let j = 2; j * j <= i; j++) if (i % j === 0) { p = false; break; } if (p) c++; } return c; });
 * const primes = await countPrimes(1_000_000);
 * ```
 */
export function makeAsync<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => Promise<Awaited<R>> {
  const source = fn.toString();
  let worker: Worker | undefined;
  let nextId = 0;
  const jobs = new Map<number, Job>();

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { source } });
    w.unref();
    w.on('message', ({ id, ok, value, error }: { id: number; ok: boolean; value?: unknown; error?: { message: string; name?: string; stack?: string } }) => {
      const job = jobs.get(id);
      jobs.delete(id);
      if (!job) return;
      if (ok) job.resolve(value);
      else job.reject(Object.assign(new Error(error?.message ?? 'makeAsync function failed'), { name: error?.name ?? 'Error', stack: error?.stack }));
    });
    w.on('error', (err) => {
      for (const job of jobs.values()) job.reject(err);
      jobs.clear();
      worker = undefined;
    });
    return w;
  };

  return (...args: A) => {
    const signal = maybeContext()?.signal;
    if (signal?.aborted) return Promise.reject(new TaskCancelledError());
    worker ??= start();
    const id = nextId++;
    return new Promise<Awaited<R>>((resolve, reject) => {
      const onAbort = () => {
        jobs.delete(id);
        reject(new TaskCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      jobs.set(id, {
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v as Awaited<R>);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      worker!.postMessage({ id, args });
    });
  };
}
