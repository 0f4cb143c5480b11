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
