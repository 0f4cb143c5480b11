/**
 * What one fetched (or refused) URL becomes in the store: its page record, its links, and the
 * URLs the crawl follows from it.
 *
 * Which links carry the crawl further: `a` and `img` links with no nofollow, ugc or sponsored
 * rel, on a page without meta/X-Robots nofollow, and not hidden by inline style; meta refreshes;
 * and redirects. Canonical and Link-header links are recorded but not followed.
 */
import { createHash } from 'node:crypto';
import { tryCanonicalizeUrlWithHost } from '../../../core/canonicalize-url.js';
import { registrableDomain } from '../../../core/registrable-domain.js';
import type { LinkRecord, PageRecord } from '../../../core/types.js';
import { extractLinks, redirectLinkRecord, toLinkRecord } from '../../../extract/index.js';
import type { ExtractedLink } from '../../../extract/index.js';
import { isHtml } from '../../fetch/is-html.js';
import type { FetchResult, RedirectHop } from '../../fetch/types.js';
import type { FrontierEntry } from '../../frontier/types.js';
import { looksBinary } from './looks-binary.js';

/** A URL to follow, one hop deeper than the page it came from. */
export interface FollowTarget {
  url: string;
  host: string;
  /** Set for redirect targets, so that chains can be bounded and loops told apart. */
  redirect: boolean;
}

export interface PageOutcome {
  page: PageRecord;
  links: LinkRecord[];
  follow: FollowTarget[];
}

/** Recorded page fields every outcome shares. */
function basePage(entry: FrontierEntry, fetchedAt: Date): PageRecord {
  return {
    url: entry.url,
    host: entry.host,
    domain: registrableDomain(entry.host),
    ip: null,
    fetchedAt,
    status: 0,
    contentType: null,
    bytes: 0,
    title: null,
    lang: null,
    canonical: null,
    noindex: false,
    nofollow: false,
    xRobots: null,
    outlinks: 0,
    contentHash: null,
    source: 'crawl',
    error: null,
    depth: entry.depth,
  };
}

/** A URL that was never answered: refused (robots, SSRF, bad URL) or failed (network, timeout). */
export function errorOutcome(entry: FrontierEntry, code: string, fetchedAt: Date, response?: FetchResult): PageOutcome {
  const page = basePage(entry, fetchedAt);
  page.error = code;
  if (response !== undefined) {
    page.status = response.status;
    page.contentType = response.contentType;
    page.bytes = response.bytes;
    page.ip = response.ip;
    page.xRobots = response.headers['x-robots-tag'] ?? null;
  }
  return { page, links: [], follow: [] };
}

/** A redirect answer: the page (its status, no body) and one `redirect` link to where it points. */
export function redirectOutcome(entry: FrontierEntry, hop: RedirectHop, fetchedAt: Date, error: string | null): PageOutcome {
  const page = basePage(entry, fetchedAt);
  page.status = hop.status;
  page.ip = hop.ip;
  page.error = error;
  const target = tryCanonicalizeUrlWithHost(hop.nextUrl);
  if (target === null) return { page, links: [], follow: [] };
  page.outlinks = 1;
  const link = redirectLinkRecord({ url: entry.url, host: page.host, domain: page.domain }, target, hop.status, fetchedAt);
  return { page, links: [link], follow: error === null ? [{ url: target.url, host: target.host, redirect: true }] : [] };
}

/**
 * A final answer. 2xx HTML is parsed for links and page facts; anything else is recorded with its
 * status and type only. A body cut at maxBytes is still parsed (its first part) and flagged TOO_LARGE.
 */
export function responseOutcome(entry: FrontierEntry, response: FetchResult, fetchedAt: Date): PageOutcome {
  const page = basePage(entry, fetchedAt);
  page.status = response.status;
  page.contentType = response.contentType;
  page.bytes = response.bytes;
  page.ip = response.ip;
  page.xRobots = response.headers['x-robots-tag'] ?? null;
  if (response.truncated) page.error = 'TOO_LARGE';
  const body = response.body;
  if (response.status < 200 || response.status >= 300 || !isHtml(response.contentType, body.subarray(0, 1024))) {
    page.contentHash = body.length > 0 ? sha1(body) : null;
    return { page, links: [], follow: [] };
  }
  if (looksBinary(body)) {
    page.error ??= 'NOT_HTML';
    page.contentHash = sha1(body);
    return { page, links: [], follow: [] };
  }
  const extracted = extractLinks(body, { url: entry.url, headers: response.headers });
  const info = extracted.page;
  page.title = info.title;
  page.lang = info.lang;
  page.canonical = info.canonical;
  page.noindex = info.noindex;
  page.nofollow = info.nofollow;
  page.xRobots = info.xRobots;
  page.contentHash = sha1(decodeText(body, info.charset));
  page.outlinks = extracted.links.length;
  page.text = info.text;
  page.wordCount = info.wordCount;
  page.trackingIds = info.trackingIds;
  page.templateHash = info.templateHash;
  page.mailtos = info.mailtos;
  const links: LinkRecord[] = new Array<LinkRecord>(extracted.links.length);
  const follow: FollowTarget[] = [];
  for (let i = 0; i < extracted.links.length; i++) {
    const l = extracted.links[i]!;
    links[i] = toLinkRecord(l, page, fetchedAt, 'crawl');
    if (isFollowed(l)) follow.push({ url: l.dstUrl, host: l.dstHost, redirect: false });
  }
  return { page, links, follow };
}

function isFollowed(l: ExtractedLink): boolean {
  if (l.kind === 'meta-refresh') return true;
  return (l.kind === 'a' || l.kind === 'img') && !l.nofollow && !l.ugc && !l.sponsored && !l.metaNofollow && !l.hidden;
}

function sha1(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * The body as text in the charset the extractor chose, for hashing (a string hashes as its UTF-8).
 * A UTF-8 body hashes as its own bytes: the same digest without decoding and re-encoding it.
 * The raw bytes also stand in where Node lacks the decoder.
 */
function decodeText(body: Buffer, charset: string | null): Uint8Array | string {
  if (charset === null || charset === 'utf-8') return body;
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return body;
  }
}
