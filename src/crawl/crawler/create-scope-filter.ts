import { registrableDomain } from '../../core/registrable-domain.js';
import type { CrawlScope } from './crawl-options.js';

/** Is a URL (canonical, with its host) inside the crawl's scope? */
export type ScopeFilter = (url: string, host: string) => boolean;

/**
 * Build the scope test of a crawl from its canonical seeds (see CrawlScope).
 * @example createScopeFilter('domain', ['http://www.shop.test/'])('http://blog.shop.test/a', 'blog.shop.test') // true
 */
export function createScopeFilter(scope: CrawlScope, seeds: readonly { url: string; host: string }[]): ScopeFilter {
  if (scope === 'url') {
    const prefixes = seeds.map((s) => s.url);
    return (url) => prefixes.some((p) => url.startsWith(p));
  }
  if (scope === 'host') {
    const hosts = new Set(seeds.map((s) => s.host));
    return (_url, host) => hosts.has(host);
  }
  if (scope === 'domain') {
    const domains = new Set(seeds.map((s) => registrableDomain(s.host)));
    return (_url, host) => domains.has(registrableDomain(host));
  }
  const entries = new Set(scope.list.map(normalizeEntry).filter((e) => e !== ''));
  return (_url, host) => {
    // The host itself or any parent name of it.
    for (let h = host; h !== ''; ) {
      if (entries.has(h)) return true;
      const dot = h.indexOf('.');
      if (dot === -1) break;
      h = h.slice(dot + 1);
    }
    return false;
  };
}

/**
 * Parse a scope list file: one host or domain a line; blank lines and `#` comments ignored; a
 * leading `*.` or `.` and a trailing dot are dropped (`*.shop.test` = `shop.test` = its subdomains too).
 */
export function parseScopeList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => normalizeEntry(line.replace(/#.*/, '')))
    .filter((e) => e !== '');
}

function normalizeEntry(entry: string): string {
  let e = entry.trim().toLowerCase();
  // A URL stands for its host.
  const scheme = e.indexOf('://');
  if (scheme !== -1) e = e.slice(scheme + 3).split(/[/?#]/)[0]!.replace(/:\d+$/, '');
  if (e.startsWith('*.')) e = e.slice(2);
  else if (e.startsWith('.')) e = e.slice(1);
  if (e.endsWith('.')) e = e.slice(0, -1);
  return e;
}
