import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TestServer {
  address: string;
  port: number;
  /** `http://address:port` */
  origin: string;
  /** Every request, in arrival order. */
  requests: { method: string; url: string; host: string; headers: http.IncomingHttpHeaders; socketPort: number }[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a 127.0.0.x address (port 0 = free one), with a handler per test.
 * `close()` also destroys open sockets, so stalled responses cannot hold the test run.
 */
export async function startTestServer(
  address: string,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>,
  port = 0,
): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const requests: TestServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', host: req.headers.host ?? '', headers: req.headers, socketPort: req.socket.remotePort ?? 0 });
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    address,
    port: actualPort,
    origin: `http://${address}:${actualPort}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
