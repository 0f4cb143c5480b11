import type { RobotsEntry } from '../../robots/robots-policy.js';
import type { FrontierEntry } from '../../frontier/types.js';

/** A sitemap to fetch, and how deep in sitemap indexes it was found. */
export interface SitemapTask {
  url: string;
  level: number;
}

/** The in-memory work of one host: claimed URLs, its robots.txt per origin, pending sitemaps. */
export class HostWork {
  readonly host: string;
  /** Claimed URLs, lowest depth first. */
  readonly queue: FrontierEntry[] = [];
  /** Read position in `queue` (shifting arrays is O(n)). */
  head = 0;
  readonly sitemaps: SitemapTask[] = [];
  /** robots.txt per origin (`http://host:port`), once fetched. */
  readonly robots = new Map<string, RobotsEntry>();
  /** Origins whose robots.txt is being fetched. */
  readonly robotsLoading = new Set<string>();
  /** Origins whose sitemaps were already queued in this run. */
  readonly sitemapsQueued = new Set<string>();
  /** performance.now() before which the host gets no request (it answered Retry-After). */
  blockedUntilMs = 0;

  constructor(host: string) {
    this.host = host;
  }

  get size(): number {
    return this.queue.length - this.head;
  }

  peek(): FrontierEntry | undefined {
    return this.queue[this.head];
  }

  shift(): FrontierEntry | undefined {
    const entry = this.queue[this.head];
    if (entry === undefined) return undefined;
    this.queue[this.head++] = undefined as unknown as FrontierEntry;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return entry;
  }

  push(entry: FrontierEntry): void {
    this.queue.push(entry);
  }

  /** Any work that needs a request: a page or a sitemap. */
  hasWork(): boolean {
    return this.size > 0 || this.sitemaps.length > 0;
  }
}

/** `http://host:port` of a canonical URL, without parsing it (canonical URLs are well formed). */
export function originOf(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? url : url.slice(0, slash);
}
