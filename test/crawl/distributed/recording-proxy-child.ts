/**
 * The recording proxy's own process (see recording-proxy.ts). Timestamps taken here are not
 * delayed by the test process's other work (the demo web it serves, the reference crawl it runs):
 * a stall there would record two requests closer together than they reached the proxy.
 *
 *   node --import tsx recording-proxy-child.ts '<json: { upstreamPort, ips: [host, ip][] }>'
 * Prints `{"port":N}`, then one JSON line per request: {"host","path","atMs","open"}.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const config = JSON.parse(process.argv[2] ?? '{}') as { upstreamPort: number; ips: [string, string][] };
const ips = new Map(config.ips);
const open = new Map<string, number>();
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => {
  const atMs = performance.timeOrigin + performance.now();
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const n = (open.get(host) ?? 0) + 1;
  open.set(host, n);
  process.stdout.write(JSON.stringify({ host, path: req.url ?? '/', atMs, open: n }) + '\n');
  res.once('close', () => open.set(host, (open.get(host) ?? 1) - 1));
  const upstream = http.request({ host: ips.get(host) ?? '127.0.0.1', port: config.upstreamPort, path: req.url, method: req.method, headers: req.headers, agent }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.once('error', () => res.destroy());
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n'));
// The test closes stdin to stop it; a test that dies leaves no orphan proxy behind.
process.stdin.resume();
process.stdin.once('end', () => {
  server.closeAllConnections();
  agent.destroy();
  server.close(() => process.exit(0));
});
