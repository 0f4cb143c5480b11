/**
 * Child process of crawl-throughput.bench.ts: Crawlee's CheerioCrawler over the same demo web,
 * doing comparable work per page: fetch, parse with cheerio, collect every <a href> (URL, text,
 * rel) and store one record per page in a Dataset, enqueue same-host links. Storage is in memory.
 * The demo hosts are reached the way --resolve reaches them: each request's URL gets the demo
 * server's port and its host name is looked up in the resolve map.
 * Prints one JSON line.
 *
 *   node --import tsx bench/crawl-crawlee-child.ts '<json: { seeds, resolve, concurrency }>'
 */
import type { LookupAddress } from 'node:dns';
import { CheerioCrawler, Configuration, Dataset } from '@crawlee/cheerio';

interface Config {
  seeds: string[];
  resolve: string[];
  concurrency: number;
  exclude: string[];
}

const config = JSON.parse(process.argv[2]!) as Config;
const addresses = new Map<string, { ip: string; port: number }>();
for (const rule of config.resolve) {
  const [host, target] = rule.split('=') as [string, string];
  const [ip, port] = target.split(':') as [string, string];
  addresses.set(host, { ip, port: Number(port) });
}
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
function lookup(hostname: string, options: { all?: boolean } | LookupCallback, callback?: LookupCallback): void {
  const cb = (typeof options === 'function' ? options : callback)!;
  const found = addresses.get(hostname) ?? { ip: hostname, port: 0 };
  if (typeof options === 'object' && options.all) cb(null, [{ address: found.ip, family: 4 }]);
  else cb(null, found.ip, 4);
}

const configuration = new Configuration({ persistStorage: false, purgeOnStart: true, systemInfoV2: true });
const excluded = config.exclude.map((e) => new RegExp(e));
let pages = 0;
let links = 0;
const dataset = await Dataset.open('links', { config: configuration });
const crawler = new CheerioCrawler(
  {
    maxConcurrency: config.concurrency,
    minConcurrency: config.concurrency,
    maxRequestRetries: 0,
    maxRequestsPerMinute: 1_000_000,
    additionalHttpErrorStatusCodes: [],
    ignoreHttpErrorStatusCodes: [404, 410],
    useSessionPool: false,
    persistCookiesPerSession: false,
    preNavigationHooks: [
      (ctx, gotOptions) => {
        const url = new URL(ctx.request.url);
        const target = addresses.get(url.hostname);
        if (target !== undefined) url.port = String(target.port);
        gotOptions.url = url.href;
        gotOptions.dnsLookup = lookup as never;
        // Redirects are followed by got itself: give their targets the demo port too.
        gotOptions.hooks = {
          ...gotOptions.hooks,
          beforeRedirect: [
            (options: { url?: URL | string }) => {
              const next = new URL(String(options.url));
              const t = addresses.get(next.hostname);
              if (t !== undefined) next.port = String(t.port);
              options.url = next;
            },
          ],
        };
      },
    ],
    async requestHandler({ $, request, enqueueLinks }) {
      pages++;
      const found: { url: string; text: string; rel: string }[] = [];
      $('a[href]').each((_i, el) => {
        const a = $(el);
        found.push({ url: a.attr('href')!, text: a.text().trim(), rel: a.attr('rel') ?? '' });
      });
      links += found.length;
      await dataset.pushData({ url: request.url, title: $('title').text(), links: found });
      // Resolved against the URL as crawled (without the demo port), same host only, like `--scope host`.
      const base = new URL(request.url);
      const urls: string[] = [];
      for (const f of found) {
        try {
          const u = new URL(f.url, base);
          u.hash = '';
          if (u.hostname === base.hostname && (u.protocol === 'http:' || u.protocol === 'https:') && !excluded.some((re) => re.test(u.href))) urls.push(u.href);
        } catch {
          // not a URL
        }
      }
      await enqueueLinks({ urls, strategy: 'all' });
    },
  },
  configuration,
);
const started = performance.now();
await crawler.run(config.seeds);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({ pages, links, seconds, pagesPerSecond: pages / seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n',
);
process.exit(0);
