import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that lets a test hold a plugin handler at a known point: the plugin
 * fetches `<url>/wait/<name>` and the answer comes only when the test calls `release(name)`.
 * `<url>/event/<name>` records that something happened (e.g. onChatEnd ran), from any
 * process. Tests wait on `arrived` / `happened`, which resolve on the request itself.
 */
export interface Gate {
  url: string;
  /** Resolves when a handler is waiting at `name`. */
  arrived(name: string): Promise<void>;
  release(name: string): void;
  /** Resolves when `<url>/event/<name>` was requested. */
  happened(name: string): Promise<void>;
  count(name: string): number;
  close(): Promise<void>;
}

export async function startGate(): Promise<Gate> {
  const waiting = new Map<string, Array<() => void>>();
  const released = new Set<string>();
  const seen = new Map<string, number>();
  const listeners = new Map<string, Array<() => void>>();
  const mark = (key: string) => {
    seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const wake of listeners.get(key)?.splice(0) ?? []) wake();
  };
  const when = (key: string) => new Promise<void>((resolve) => {
    if (seen.has(key)) return resolve();
    listeners.set(key, [...(listeners.get(key) ?? []), resolve]);
  });
  const server = createServer((req, res) => {
    const [, kind, name = ''] = (req.url ?? '').split('/').map(decodeURIComponent);
    if (kind === 'wait') {
      const answer = () => res.end('released');
      if (released.has(name)) answer();
      else waiting.set(name, [...(waiting.get(name) ?? []), answer]);
      mark(`wait:${name}`);
    } else if (kind === 'event') {
      mark(`event:${name}`);
      res.end('ok');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrived: (name) => when(`wait:${name}`),
    release(name) {
      released.add(name);
      for (const answer of waiting.get(name)?.splice(0) ?? []) answer();
    },
    happened: (name) => when(`event:${name}`),
    count: (name) => seen.get(`event:${name}`) ?? 0,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
