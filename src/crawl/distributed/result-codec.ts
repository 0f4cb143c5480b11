/**
 * The compact JSON a worker appends to the frontier's stream for one recorded URL, and its
 * decoding by the store owner. Links share their page's source fields and time, so each link is
 * an array of what differs: about a third of the bytes of a plain LinkRecord.
 */
import type { LinkKind, LinkPosition, LinkRecord, PageRecord } from '../../core/types.js';

/** A URL the page leads to, for the store owner's admission (scope, depth, max-pages, dedupe). */
export interface FollowedUrl {
  url: string;
  host: string;
  /** A redirect target: its chain so far travels with it (loop and length checks). */
  redirect: boolean;
}

/** What a worker recorded for one leased URL. */
export interface CrawlResultEntry {
  page: PageRecord;
  links: LinkRecord[];
  follow: FollowedUrl[];
  /** The redirect chain that led to this URL (URLs before it), when it is a redirect target. */
  chain: string[];
  /** Attempts made, this one included. */
  attempts: number;
}

type CompactLink = [dstUrl: string, dstHost: string, dstDomain: string, kind: LinkKind, anchor: string, flags: number, position: LinkPosition, context: string, httpStatus: number | null];

interface CompactEntry {
  p: Omit<PageRecord, 'fetchedAt'> & { fetchedAt: number };
  l: CompactLink[];
  /** Links whose source fields differ from the page's (none today; kept so nothing is ever lost). */
  x?: (Omit<LinkRecord, 'firstSeen' | 'lastSeen'> & { firstSeen: number; lastSeen: number })[];
  f: [url: string, host: string, redirect: 0 | 1][];
  c?: string[];
  a: number;
}

const NOFOLLOW = 1;
const UGC = 2;
const SPONSORED = 4;
const META_NOFOLLOW = 8;
const HIDDEN = 16;

/** Encode one result (see the file header). */
export function encodeResult(r: CrawlResultEntry): string {
  const page = r.page;
  const at = page.fetchedAt.getTime();
  const l: CompactLink[] = [];
  const x: NonNullable<CompactEntry['x']> = [];
  for (const k of r.links) {
    if (k.srcUrl === page.url && k.srcHost === page.host && k.srcDomain === page.domain && k.firstSeen.getTime() === at && k.lastSeen.getTime() === at && k.source === page.source) {
      const flags = (k.nofollow ? NOFOLLOW : 0) | (k.ugc ? UGC : 0) | (k.sponsored ? SPONSORED : 0) | (k.metaNofollow ? META_NOFOLLOW : 0) | (k.hidden ? HIDDEN : 0);
      l.push([k.dstUrl, k.dstHost, k.dstDomain, k.kind, k.anchor, flags, k.position, k.context, k.httpStatus]);
    } else x.push({ ...k, firstSeen: k.firstSeen.getTime(), lastSeen: k.lastSeen.getTime() });
  }
  const entry: CompactEntry = { p: { ...page, fetchedAt: at }, l, f: r.follow.map((f) => [f.url, f.host, f.redirect ? 1 : 0]), a: r.attempts };
  if (x.length > 0) entry.x = x;
  if (r.chain.length > 0) entry.c = r.chain;
  return JSON.stringify(entry);
}

/** Decode what encodeResult wrote. @throws SyntaxError on a corrupt entry */
export function decodeResult(json: string): CrawlResultEntry {
  const e = JSON.parse(json) as CompactEntry;
  const fetchedAt = new Date(e.p.fetchedAt);
  const page: PageRecord = { ...e.p, fetchedAt };
  const links: LinkRecord[] = e.l.map(([dstUrl, dstHost, dstDomain, kind, anchor, flags, position, context, httpStatus]) => ({
    srcUrl: page.url,
    dstUrl,
    srcHost: page.host,
    srcDomain: page.domain,
    dstHost,
    dstDomain,
    kind,
    anchor,
    nofollow: (flags & NOFOLLOW) !== 0,
    ugc: (flags & UGC) !== 0,
    sponsored: (flags & SPONSORED) !== 0,
    metaNofollow: (flags & META_NOFOLLOW) !== 0,
    position,
    context,
    hidden: (flags & HIDDEN) !== 0,
    httpStatus,
    firstSeen: fetchedAt,
    lastSeen: fetchedAt,
    source: page.source,
  }));
  for (const k of e.x ?? []) links.push({ ...k, firstSeen: new Date(k.firstSeen), lastSeen: new Date(k.lastSeen) });
  return { page, links, follow: e.f.map(([url, host, redirect]) => ({ url, host, redirect: redirect === 1 })), chain: e.c ?? [], attempts: e.a };
}
