/**
 * A small programmable web on loopback for monitoring tests: one HTTP server routed by Host header,
 * each host a function of the path, recording every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer this much later. */
  delayMs?: number;
}

export type Site = (path: string) => Reply | null;

export interface LoopbackWeb {
  port: number;
  /** `host=127.0.0.1:port` for every host, for --resolve. */
  resolve: string[];
  requests: { host: string; path: string }[];
  sites: Map<string, Site>;
  close(): Promise<void>;
}

export function page(body: string, head = ''): Reply {
  return { body: `<!doctype html><html><head><title>t</title>${head}</head><body><main>${body}</main></body></html>` };
}

export async function startLoopbackWeb(sites: Record<string, Site>): Promise<LoopbackWeb> {
  const map = new Map(Object.entries(sites));
  const requests: { host: string; path: string }[] = [];
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.url ?? '/';
    requests.push({ host, path });
    const reply = map.get(host)?.(path) ?? (path === '/robots.txt' ? { status: 404, body: 'none' } : { status: 404, body: 'not found' });
    const answer = (): void => {
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...reply.headers });
      res.end(reply.body ?? '');
    };
    if (reply.delayMs === undefined) answer();
    else setTimeout(answer, reply.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    resolve: Object.keys(sites).map((h) => `${h}=127.0.0.1:${port}`),
    requests,
    sites: map,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
