/**
 * Child process of crawl-throughput.bench.ts: serves the demo web on loopback in its own process
 * (so the crawler under test has its core to itself) and prints one JSON line describing it.
 * Runs until its stdin closes.
 *
 *   node --import tsx bench/crawl-demo-server-child.ts PAGES SITES
 */
import { startDemoServer } from '../src/demo/index.js';

const pages = Number(process.argv[2] ?? 3000);
const sites = Number(process.argv[3] ?? 60);
const server = await startDemoServer({ pages, sites });
const truth = server.truth;
const crawlable = truth.pages.filter((p) => p.crawlable);
process.stdout.write(
  JSON.stringify({
    port: server.port,
    resolveArgs: server.resolveArgs,
    seeds: truth.seeds,
    hosts: server.hosts,
    crawlablePages: crawlable.length,
    crawlDelayHosts: truth.robots.filter((r) => r.crawlDelayMs > 0).map((r) => r.host),
    links: truth.links.filter((l) => l.onCrawlablePage).length,
  }) + '\n',
);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
