import { RedirectError } from '../../fetch/errors.js';
import type { Fetcher } from '../../fetch/create-fetcher.js';
import type { FetchRequestOptions, FetchResult, RedirectHop } from '../../fetch/types.js';
import { STALE } from './dispatch-guard.js';
import type { DispatchGuard } from './dispatch-guard.js';

/**
 * A politeness reservation for hop `hop` of a robots.txt fetch (0: the robots.txt URL itself),
 * made again when `again`; resolves to the instant before it was asked for, and how long it stays fresh.
 */
export type ReserveHop = (url: string, hop: number, again: boolean) => Promise<{ reservedAtMs: number; freshMs: number }>;

/**
 * The fetcher robots.txt is read through in a distributed crawl. robots.txt may redirect (RFC
 * 9309 allows five hops), often to another host (`example.com` → `www.example.com`); each hop
 * is a request to its own host, so it goes out on a reservation there, held by the dispatch guard.
 */
export function politeRobotsFetcher(fetcher: Fetcher, guard: DispatchGuard, reserve: ReserveHop): Pick<Fetcher, 'fetch'> & { options: { userAgent: string } } {
  return {
    options: { userAgent: fetcher.options.userAgent },
    async fetch(url: string, options: FetchRequestOptions = {}): Promise<FetchResult> {
      const max = options.maxRedirects ?? 5;
      const hops: RedirectHop[] = [];
      const visited = [url];
      let current = url;
      let again = false;
      for (;;) {
        const r = await reserve(current, hops.length, again);
        try {
          const result = await guard.run(current, r.reservedAtMs, r.freshMs, () => fetcher.fetch(current, { ...options, maxRedirects: 0 }));
          again = result === STALE;
          if (result !== STALE) return result;
        } catch (err) {
          if (!(err instanceof RedirectError) || err.hops.length !== 1) throw err;
          const hop = err.hops[0]!;
          hops.push(hop);
          if (err.code === 'REDIRECT_LOOP' || visited.includes(hop.nextUrl)) throw new RedirectError('REDIRECT_LOOP', `${url} redirects in a loop`, hops);
          if (hops.length > max) throw new RedirectError('TOO_MANY_REDIRECTS', `${url} redirects more than ${max} times`, hops);
          visited.push(hop.nextUrl);
          current = hop.nextUrl;
          again = false;
        }
      }
    },
  };
}
