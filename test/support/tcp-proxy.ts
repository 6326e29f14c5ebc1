import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy without affinity that sends each new connection to the first backend that
 * accepts it, as a load balancer retries the next upstream when one refuses (nginx's
 * `proxy_next_upstream error`). An instance that stopped listening is skipped.
 */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The backend port each connection went to, in order. */
  readonly routed: number[];
  close(): Promise<void>;
}

export async function startTcpProxy(backends: number[]): Promise<TcpProxy> {
  const routed: number[] = [];
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= backends.length) return void client.destroy();
      const upstream = connect({ host: '127.0.0.1', port: backends[index]! });
      upstream.once('error', () => tryBackend(index + 1));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        track(upstream);
        routed.push(backends[index]!);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: () => new Promise((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
