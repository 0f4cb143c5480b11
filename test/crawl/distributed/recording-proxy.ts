/**
 * A server-side recorder for politeness tests: an HTTP proxy on 127.0.0.1 in front of the demo
 * web that notes, per host, when each request arrived and when it ended, and how many requests
 * to that host were open at its arrival. Crawlers reach it with `--resolve *.test=127.0.0.1:PORT`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoServer } from '../../../src/demo/index.js';

export interface RecordedArrival {
  host: string;
  path: string;
  atMs: number;
  endMs: number | null;
  /** Requests to the host open when this one arrived, itself included. */
  open: number;
}

export interface RecordingProxy {
  port: number;
  arrivals: RecordedArrival[];
  byHost(host: string): RecordedArrival[];
  close(): Promise<void>;
}

export async function startRecordingProxy(web: DemoServer): Promise<RecordingProxy> {
  const ips = new Map(web.hosts.map((h) => [h.host, h.ip]));
  const open = new Map<string, number>();
  const arrivals: RecordedArrival[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const n = (open.get(host) ?? 0) + 1;
    open.set(host, n);
    const arrival: RecordedArrival = { host, path: req.url ?? '/', atMs: performance.now(), endMs: null, open: n };
    arrivals.push(arrival);
    res.once('close', () => {
      arrival.endMs = performance.now();
      open.set(host, (open.get(host) ?? 1) - 1);
    });
    const upstream = http.request({ host: ips.get(host) ?? '127.0.0.1', port: web.port, path: req.url, method: req.method, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    arrivals,
    byHost: (host) => arrivals.filter((a) => a.host === host).sort((a, b) => a.atMs - b.atMs),
    close: async () => {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
