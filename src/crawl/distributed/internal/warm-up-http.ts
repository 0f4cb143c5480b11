import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetcher } from '../../fetch/create-fetcher.js';

/**
 * One request to a throwaway loopback server, before the first lease. The first request of a
 * process compiles undici's HTTP parser (WebAssembly): tens of milliseconds that would otherwise
 * fall between a politeness reservation and the request it reserved.
 */
export async function warmUpHttp(): Promise<void> {
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const fetcher = createFetcher({ allowPrivate: true, totalTimeoutMs: 5_000 });
  try {
    await fetcher.fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } catch {
    // Only a warm-up: the crawl works without it, a little less precisely.
  } finally {
    await fetcher.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
