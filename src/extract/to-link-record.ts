import { registrableDomain } from '../core/registrable-domain.js';
import type { LinkRecord, RecordSource } from '../core/types.js';
import type { ExtractedLink } from './types.js';

/** The page a link was found on: where its source fields come from. */
export interface LinkSource {
  url: string;
  host: string;
  domain: string;
}

/**
 * An extracted link as the store's LinkRecord, seen on `page` at `seenAt`. One place for the
 * mapping, so the crawler, the WARC ingest and verify store links alike.
 * @example extracted.links.map((l) => toLinkRecord(l, page, fetchedAt, 'crawl'))
 */
export function toLinkRecord(l: ExtractedLink, page: LinkSource, seenAt: Date, source: RecordSource): LinkRecord {
  return {
    srcUrl: page.url,
    dstUrl: l.dstUrl,
    srcHost: page.host,
    srcDomain: page.domain,
    dstHost: l.dstHost,
    dstDomain: l.dstDomain,
    kind: l.kind,
    anchor: l.anchor,
    nofollow: l.nofollow,
    ugc: l.ugc,
    sponsored: l.sponsored,
    metaNofollow: l.metaNofollow,
    position: l.position,
    context: l.context,
    hidden: l.hidden,
    httpStatus: null,
    firstSeen: seenAt,
    lastSeen: seenAt,
    source,
  };
}

/**
 * The `redirect` link a redirect answer stands for: from the page that answered `status` to
 * `target` (canonical URL and host), seen at `seenAt`. One place for it, so the crawler and verify
 * store redirects alike.
 */
export function redirectLinkRecord(page: LinkSource, target: { url: string; host: string }, status: number, seenAt: Date): LinkRecord {
  return {
    srcUrl: page.url,
    dstUrl: target.url,
    srcHost: page.host,
    srcDomain: page.domain,
    dstHost: target.host,
    dstDomain: registrableDomain(target.host),
    kind: 'redirect',
    anchor: '',
    nofollow: false,
    ugc: false,
    sponsored: false,
    metaNofollow: false,
    position: 'body',
    context: '',
    hidden: false,
    httpStatus: status,
    firstSeen: seenAt,
    lastSeen: seenAt,
    source: 'crawl',
  };
}
