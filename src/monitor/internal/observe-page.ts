/**
 * Check one source page the way the crawler would fetch it: robots.txt first (its cached verdict),
 * then one GET without following redirects, retried in place with backoff for 5xx, 429, timeouts
 * and resets. The caller holds the host's politeness slot for the whole check.
 */
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import { toVouchError } from '../../core/errors.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import type { LinkRecord } from '../../core/types.js';
import { HttpStatusError, isHtml, matchRobots, RedirectError, throwIfRetryableStatus, withRetry } from '../../crawl/index.js';
import type { Fetcher, FetchResult, RobotsPolicy } from '../../crawl/index.js';
import { extractLinks, redirectLinkRecord, toLinkRecord } from '../../extract/index.js';
import type { ObservedLink, PageObservation } from '../types.js';

/** The page as checked: the verdict, and the links to store (those the page carries now). */
export interface CheckedPage {
  observation: PageObservation;
  /** Every link of the page now, as the crawler would record it (for links seen the first time). */
  records: LinkRecord[];
  /** Facts for the pages table, null when no answer came. */
  facts: { status: number; contentType: string | null; ip: string; title: string | null; bytes: number } | null;
  /** robots.txt Crawl-delay of the origin, in seconds (null when none). */
  crawlDelaySeconds: number | null;
}

export interface ObserveOptions {
  maxAttempts: number;
  retryBaseDelayMs: number;
  signal?: AbortSignal;
}

const ROBOTS_HOST_FAILURES = new Set(['SSRF_BLOCKED', 'NETWORK', 'TIMEOUT', 'INVALID_URL']);

export async function observePage(fetcher: Fetcher, robots: RobotsPolicy, url: string, options: ObserveOptions): Promise<CheckedPage> {
  const at = new Date();
  const none = { records: [], facts: null, crawlDelaySeconds: null };
  let entry;
  try {
    entry = await robots.entryFor(url);
  } catch (err) {
    return { ...none, observation: { kind: 'failed', code: toVouchError(err).code, status: null } };
  }
  const crawlDelaySeconds = entry.crawlDelayMs === null ? null : entry.crawlDelayMs / 1000;
  if (entry.state === 'disallow-all') {
    // NOTE: robots.txt that cannot be read refuses everything (RFC 9309), but says nothing of the page.
    const code = entry.errorCode !== null && ROBOTS_HOST_FAILURES.has(entry.errorCode) ? entry.errorCode : 'ROBOTS_UNAVAILABLE';
    return { ...none, crawlDelaySeconds, observation: { kind: 'failed', code, status: entry.status } };
  }
  if (entry.state === 'rules' && !matchRobots(entry.robots!, robots.agent, url).allowed) return { ...none, crawlDelaySeconds, observation: { kind: 'blocked' } };

  let response: FetchResult;
  try {
    response = await withRetry(async () => throwIfRetryableStatus(await fetcher.fetch(url, { maxRedirects: 0 })), {
      maxAttempts: options.maxAttempts,
      baseDelayMs: options.retryBaseDelayMs,
      maxDelayMs: Math.max(options.retryBaseDelayMs, 30_000),
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof RedirectError && err.hops.length === 1) {
      const hop = err.hops[0]!;
      const target = tryCanonicalizeUrlWithHost(hop.nextUrl);
      const facts = { status: hop.status, contentType: null, ip: hop.ip, title: null, bytes: 0 };
      const srcHost = new URL(url).hostname;
      const records = target === null ? [] : [redirectLinkRecord({ url, host: srcHost, domain: registrableDomain(srcHost) }, target, hop.status, at)];
      return { records, facts, crawlDelaySeconds, observation: { kind: 'redirect', status: hop.status, location: target?.url ?? null } };
    }
    // Retries spent (5xx, 429, timeouts) or refused for good (SSRF guard, bad URL, undecodable): no answer.
    const status = err instanceof HttpStatusError ? err.status : null;
    return { ...none, crawlDelaySeconds, observation: { kind: 'failed', code: toVouchError(err).code, status } };
  }
  const facts = { status: response.status, contentType: response.contentType, ip: response.ip, title: null as string | null, bytes: response.bytes };
  if (response.status >= 300 && response.status < 400) return { records: [], facts, crawlDelaySeconds, observation: { kind: 'redirect', status: response.status, location: null } };
  if (response.status >= 400) return { records: [], facts, crawlDelaySeconds, observation: { kind: 'gone', status: response.status } };
  if (!isHtml(response.contentType, response.body.subarray(0, 1024))) {
    return { records: [], facts, crawlDelaySeconds, observation: { kind: 'ok', status: response.status, noindex: false, nofollow: false, canonical: null, links: [] } };
  }
  const extracted = extractLinks(response.body, { url, headers: response.headers });
  facts.title = extracted.page.title;
  const page = extracted.page;
  const records = extracted.links.map((l) => toLinkRecord(l, { url, host: page.host, domain: page.domain }, at, 'crawl'));
  return {
    records,
    facts,
    crawlDelaySeconds,
    observation: { kind: 'ok', status: response.status, noindex: page.noindex, nofollow: page.nofollow, canonical: page.canonical, links: records.map(toObserved) },
  };
}

function toObserved(l: LinkRecord): ObservedLink {
  return {
    dstUrl: l.dstUrl,
    kind: l.kind,
    anchor: l.anchor,
    nofollow: l.nofollow,
    ugc: l.ugc,
    sponsored: l.sponsored,
    metaNofollow: l.metaNofollow,
    hidden: l.hidden,
    position: l.position,
    context: l.context,
    httpStatus: l.httpStatus,
  };
}
