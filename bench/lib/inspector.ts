import { get } from 'node:http';
import WebSocket from 'ws';

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

function debuggerUrl(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    get(`http://127.0.0.1:${port}/json/list`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        const targets = JSON.parse(body) as Array<{ webSocketDebuggerUrl?: string }>;
        const url = targets[0]?.webSocketDebuggerUrl;
        if (url) resolve(url);
        else reject(new Error('no inspector target'));
      });
    }).on('error', reject);
  });
}

/**
 * Forces a full GC in a process started with `--inspect=127.0.0.1:PORT` and reads its
 * `process.memoryUsage()`, through the inspector protocol, so the server under test needs
 * no debug route of its own.
 */
export async function collectAndMeasure(port: number): Promise<MemoryUsage> {
  const ws = new WebSocket(await debuggerUrl(port));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => reject(new Error(`inspector ${method} timed out`)), 30_000);
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: unknown };
        if (msg.id !== id) return;
        ws.off('message', onMessage);
        clearTimeout(timer);
        if (msg.error) reject(new Error(`inspector ${method}: ${JSON.stringify(msg.error)}`));
        else resolve(msg.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first pass can leave finalizer-released objects for the second.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const result = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const value = (result.result as { value?: string } | undefined)?.value;
    if (!value) throw new Error('inspector returned no memory usage');
    return JSON.parse(value) as MemoryUsage;
  } finally {
    ws.close();
  }
}
