import { tryCanonicalizeUrlWithHost } from '../../../core/canonicalize-url.js';
import type { Fetcher } from '../../fetch/create-fetcher.js';
import type { SitemapTask } from './host-work.js';
import { sitemapLocs } from './sitemap-locs.js';

/** Sitemap index nesting followed (index → index → urlset). */
const MAX_SITEMAP_LEVEL = 2;
/** Sitemaps fetched per run, all hosts together. */
const MAX_SITEMAPS = 1000;
const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

/**
 * --sitemaps: the sitemaps robots.txt lists become requests on their own host (so politeness
 * applies), and the page URLs they list are offered to the crawl as seeds. Each sitemap is read
 * once a run; a broken one only means fewer seeds.
 */
export class SitemapFeeder {
  /** Sitemaps queued or being read. */
  pending = 0;
  readonly #seen = new Set<string>();
  readonly #fetcher: Fetcher;
  readonly #offer: (url: string, host: string) => void;
  readonly #enqueue: (host: string, task: SitemapTask) => void;

  /**
   * @param offer takes a page URL a sitemap lists (scope and patterns still apply).
   * @param enqueue puts a sitemap request in its host's queue.
   */
  constructor(fetcher: Fetcher, offer: (url: string, host: string) => void, enqueue: (host: string, task: SitemapTask) => void) {
    this.#fetcher = fetcher;
    this.#offer = offer;
    this.#enqueue = enqueue;
  }

  add(url: string, level = 0): void {
    const target = tryCanonicalizeUrlWithHost(url);
    if (target === null || this.#seen.has(target.url) || this.#seen.size >= MAX_SITEMAPS) return;
    this.#seen.add(target.url);
    this.pending++;
    this.#enqueue(target.host, { url: target.url, level });
  }

  /** Fetch and read one queued sitemap (the caller holds its host's politeness slot). */
  async read(task: SitemapTask): Promise<void> {
    try {
      const res = await this.#fetcher.fetch(task.url, { maxBytes: SITEMAP_MAX_BYTES, maxRedirects: 5 });
      if (res.status < 200 || res.status >= 300) return;
      const parsed = sitemapLocs(res.body);
      for (const loc of parsed.locs) {
        if (parsed.kind === 'index') {
          if (task.level < MAX_SITEMAP_LEVEL) this.add(loc, task.level + 1);
          continue;
        }
        const target = tryCanonicalizeUrlWithHost(loc);
        if (target !== null) this.#offer(target.url, target.host);
      }
    } catch {
      // Unreachable or broken: the crawl goes on without it.
    } finally {
      this.pending--;
    }
  }
}
