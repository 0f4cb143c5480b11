import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CrawlOptions, CrawlResult, CrawlScope } from '../../crawl/crawler/index.js';
import { ValidationError } from '../../core/errors.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import type { Progress } from '../progress.js';
import type { Store } from '../../store/index.js';
import { withAnyStore, withStore } from '../with-store.js';

interface CrawlFlags {
  scope: string;
  maxPages?: number;
  maxDepth?: number;
  include: string[];
  exclude: string[];
  concurrency: number;
  perHost: number;
  delay: number;
  userAgent?: string;
  resolve: string[];
  allowPrivate: boolean;
  sitemaps: boolean;
  timeout: number;
  maxBytes: number;
  fresh: boolean;
  frontier?: string;
  fetch: boolean;
  lease?: number;
  storeMemory: string;
}

function integer(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `5242880`, `5MB`, `512k`: binary units (1 MB = 1,048,576 bytes). */
export function parseByteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m === null ? undefined : SIZE_UNITS[m[2]!.toLowerCase()];
  if (m === null || unit === undefined) throw new InvalidArgumentError('expected a size such as 5242880, 512k or 5MB');
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new InvalidArgumentError('expected a size of at least 1 byte');
  return bytes;
}

/** `auto`, or a DuckDB size such as 256MB or 1GiB. */
function storeMemoryArg(value: string): string {
  const v = value.trim();
  if (v.toLowerCase() === 'auto') return 'auto';
  if (/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(v) && Number.parseFloat(v) > 0) return v;
  throw new InvalidArgumentError('expected auto or a size such as 256MB or 1GiB');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Seeds are checked as the arguments are read, so that a typo is a usage error before anything starts. */
function seedArg(value: string, previous: string[] | undefined): string[] {
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    // not a URL at all
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new InvalidArgumentError(`"${value.slice(0, 200)}" is not an http(s) URL`);
  return [...(previous ?? []), value];
}

function scopeArg(value: string): string {
  if (value === 'url' || value === 'host' || value === 'domain' || (value.startsWith('list:') && value.length > 5)) return value;
  throw new InvalidArgumentError('expected url, host, domain or list:FILE');
}

/** Turn --scope into a CrawlScope, reading the list file of `list:FILE`. */
async function toScope(value: string): Promise<CrawlScope> {
  if (!value.startsWith('list:')) return value as 'url' | 'host' | 'domain';
  const { parseScopeList } = await import('../../crawl/crawler/index.js');
  const file = value.slice(5);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValidationError(`cannot read the --scope list ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, [{ where: '--scope', message: file }], { code: 'INVALID_CONFIG', cause: err });
  }
  const list = parseScopeList(text);
  if (list.length === 0) throw new ValidationError(`the --scope list ${file} names no host or domain`, [{ where: '--scope', message: file }], { code: 'INVALID_CONFIG' });
  return { list };
}

/** --resolve values are checked before anything starts; a bad one is a usage error. */
async function checkResolve(values: readonly string[]): Promise<void> {
  const { parseResolveRules } = await import('../../crawl/fetch/index.js');
  try {
    parseResolveRules(values);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(err.message, err.issues, { code: 'INVALID_CONFIG', cause: err });
    throw err;
  }
}

/** `vouch crawl <seed-url...>`: crawl into the store; the same command again resumes an unfinished crawl. */
export function registerCrawl(program: Command): void {
  program
    .command('crawl')
    .description('crawl from seed URLs, recording pages and every link; run the same command again to resume an interrupted crawl')
    .argument('<seed-url...>', 'start URLs (http or https)', seedArg)
    .addOption(new Option('--scope <scope>', 'what to follow: url (under a seed URL), host, domain (registrable), or list:FILE (hosts/domains, one a line, subdomains included)').default('host').argParser(scopeArg))
    .option('--max-pages <n>', 'take at most n URLs into the crawl', integer(1))
    .option('--max-depth <n>', 'follow links at most n hops from a seed', integer(0))
    .option('--include <pattern>', 'follow only URLs matching a pattern (repeatable): a glob where * matches anything, or /regex/ or re:regex', collect, [])
    .option('--exclude <pattern>', 'never follow URLs matching a pattern (repeatable; same syntax as --include)', collect, [])
    .option('--concurrency <n>', 'requests in flight in all', integer(1), 16)
    .option('--per-host <n>', 'requests in flight to one host', integer(1), 2)
    .option('--delay <ms>', 'least gap between requests to one host (robots.txt Crawl-delay can raise it)', integer(0), 1000)
    .option('--user-agent <ua>', 'User-Agent header; robots.txt groups match its first word')
    .option('--resolve <host=ip[:port]>', 'connect to this address for the host, wildcards allowed (*.test=127.0.0.2:8080); repeatable', collect, [])
    .option('--allow-private', 'allow loopback, private and link-local addresses (refused by default against SSRF)', false)
    .option('--sitemaps', "also seed the crawl from the sitemaps listed in each host's robots.txt", false)
    .option('--timeout <ms>', 'longest a request may take, redirects included', integer(1), 30_000)
    .option('--max-bytes <size>', 'cap on a page body (decoded); longer pages are cut and flagged TOO_LARGE', parseByteSize, 5 * 1024 * 1024)
    .option(
      '--store-memory <size>',
      "DuckDB memory for the crawl's own work, on top of what the store's indexes need (about 72 bytes a link, page and URL): auto (a quarter of RAM, at most 96MB) or a size such as 256MB",
      storeMemoryArg,
      'auto',
    )
    .option('--fresh', 'start a new crawl job even if an unfinished one has the same seeds and options', false)
    .option('--frontier <url>', 'keep the frontier in Redis for `vouch worker crawl` processes to share: redis://host:port, redis+sentinel://host:port/master or redis+cluster://host:port,...')
    .option('--no-fetch', 'with --frontier: only seed, store and watch; leave the fetching to workers')
    .option('--lease <ms>', 'with --frontier: how long a worker holds a URL; the URLs of a worker that died come back after this (default 2 × --timeout + 30 s)', integer(100))
    .action(async (seeds: string[], flags: CrawlFlags, command: Command) => {
      const globals = globalsOf(command);
      await checkResolve(flags.resolve);
      if (flags.frontier !== undefined) (await import('../../crawl/distributed/index.js')).parseFrontierUrl(flags.frontier);
      else if (!flags.fetch || flags.lease !== undefined) throw new ValidationError('--no-fetch and --lease need --frontier', [{ where: flags.fetch ? '--lease' : '--no-fetch', message: 'needs --frontier' }], { code: 'INVALID_CONFIG' });
      const options: CrawlOptions = {
        seeds,
        scope: await toScope(flags.scope),
        maxPages: flags.maxPages ?? null,
        maxDepth: flags.maxDepth ?? null,
        include: flags.include,
        exclude: flags.exclude,
        concurrency: flags.concurrency,
        perHost: flags.perHost,
        delayMs: flags.delay,
        userAgent: flags.userAgent,
        resolve: flags.resolve,
        allowPrivate: flags.allowPrivate,
        sitemaps: flags.sitemaps,
        timeoutMs: flags.timeout,
        maxBytes: flags.maxBytes,
        fresh: flags.fresh,
        storeMemory: flags.storeMemory,
      };
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const progress = createProgress({ quiet: globals.quiet, json: globals.json, extra: '{pages_s} pages/s | queue {queue} | errors {errors}' });
      const say = (line: string): void => {
        if (!globals.quiet && !globals.json) process.stderr.write(line + '\n');
      };
      try {
        const hooks = {
          signal: controller.signal,
          onStart: ({ jobId, jobKey, resumed }: { jobId: number; jobKey: string; resumed: boolean }) =>
            say(`${resumed ? 'resuming' : 'starting'} crawl job ${jobId}` + (flags.frontier !== undefined ? ` (${jobKey} on the frontier)` : '')),
          onProgress: progressReporter(progress, options.maxPages ?? null),
        };
        // A new link from a prospect's site to its target wins the prospect; a lost one raises an alert.
        const settle = async (store: Store, crawled: CrawlResult): Promise<CrawlResult> => {
          if (crawled.state === 'done') await (await import('../internal/settle-prospects.js')).settleProspects(store);
          return crawled;
        };
        // The Redis frontier's owner writes through the store port (DuckDB or ClickHouse); a local
        // crawl keeps its frontier in the DuckDB file.
        const frontier = flags.frontier;
        const result =
          frontier !== undefined
            ? await withAnyStore(command, async (store) =>
                settle(store, await (await import('../../crawl/distributed/index.js')).distributedCrawl(store, { ...options, frontier, fetch: flags.fetch, leaseMs: flags.lease ?? null }, hooks)),
              )
            : await withStore(
                command,
                async (store) => settle(store, await (await import('../../crawl/crawler/index.js')).crawl(store, options, hooks)),
                'A local crawl keeps its frontier in the DuckDB file; to crawl into this store, add --frontier redis://host:6379 (see docs/scale-out.md).',
              );
        progress.stop();
        printResult(result, globals.json);
        if (result.state === 'interrupted') {
          say(`interrupted: run the same command again to resume job ${result.jobId}`);
          process.exitCode = 130;
        }
      } finally {
        progress.stop();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}

function progressReporter(progress: Progress, maxPages: number | null): (p: { pages: number; queued: number; errors: number; pagesPerSecond: number }) => void {
  let started = false;
  return (p) => {
    const total = maxPages ?? p.pages + p.queued;
    if (!started) {
      progress.start(total, 'crawl');
      started = true;
    } else progress.setTotal(total);
    progress.update(p.pages, { pages_s: p.pagesPerSecond.toFixed(0), queue: p.queued, errors: p.errors });
  };
}

function printResult(result: CrawlResult, json: boolean): void {
  if (json) {
    process.stdout.write(toJson(result));
    return;
  }
  const s = result.summary;
  process.stdout.write(
    `crawl job ${result.jobId} ${result.state}: ${s.pages} pages on ${s.hosts} hosts, ${s.links} links; ` +
      `this run ${result.pagesThisRun} pages in ${(result.elapsedMs / 1000).toFixed(1)} s (${result.pagesPerSecond.toFixed(0)} pages/s)` +
      (s.queued > 0 ? `; ${s.queued} URLs still queued` : '') +
      '\n',
  );
  const format = 'table' as const;
  printReport(s.pagesByStatus, [{ key: 'status', header: 'status', format: (v) => (v === 0 ? 'none' : String(v)) }, { key: 'pages', header: 'pages', align: 'right' }], { format });
  if (s.errorsByCode.length > 0) printReport(s.errorsByCode, [{ key: 'code', header: 'error' }, { key: 'pages', header: 'pages', align: 'right' }], { format });
  printReport(
    s.linksByKind,
    [
      { key: 'kind', header: 'link kind' },
      { key: 'links', header: 'links', align: 'right' },
      { key: 'nofollow', header: 'nofollow', align: 'right' },
      { key: 'ugc', header: 'ugc', align: 'right' },
      { key: 'sponsored', header: 'sponsored', align: 'right' },
      { key: 'metaNofollow', header: 'meta nofollow', align: 'right' },
    ],
    { format },
  );
}
