/**
 * A WARC `response` record → a page row and its links, the way a crawl would have recorded the
 * same fetch (see crawl's page outcome): the capture time (WARC-Date) is the fetch time and every
 * link's first and last seen; 2xx HTML goes through the crawler's extractor; a 3xx with a Location
 * gives one `redirect` link; anything else is a page row with its status and type only.
 * Common Crawl truncates payloads (WARC-Truncated): the part kept is parsed and the page is flagged
 * TOO_LARGE, as a crawl flags a body cut at its size limit.
 */
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import type { LinkRecord, PageRecord } from '../../core/types.js';
import { extractLinks, isHtmlContentType, looksLikeHtml, toLinkRecord } from '../../extract/index.js';
import { NO_PAGE, parseWarcDate, unwrapUri } from './record-outcome.js';
import type { RecordOutcome } from './record-outcome.js';
import { parseHttpResponse } from './parse-http-response.js';
import type { WarcRecord } from './warc-record-reader.js';

/** Turn a `response` record into a page and links (source `warc`). */
export function responseRecordToPage(record: WarcRecord): RecordOutcome {
  const target = tryCanonicalizeUrlWithHost(unwrapUri(record.headers['warc-target-uri']));
  if (target === null) return NO_PAGE('not-http-url');
  if (record.body === null) return NO_PAGE('too-large');
  const contentType = (record.headers['content-type'] ?? '').toLowerCase();
  if (contentType !== '' && !contentType.startsWith('application/http')) return NO_PAGE('no-http-response');
  const response = parseHttpResponse(record.body);
  if (response === null) return NO_PAGE('no-http-response');
  const fetchedAt = parseWarcDate(record.headers['warc-date']) ?? new Date(0);
  const payloadType = response.headers['content-type']?.[0] ?? null;
  const page: PageRecord = {
    url: target.url,
    host: target.host,
    domain: registrableDomain(target.host),
    ip: record.headers['warc-ip-address'] ?? null,
    fetchedAt,
    status: response.status,
    contentType: payloadType,
    bytes: response.body.length,
    title: null,
    lang: null,
    canonical: null,
    noindex: false,
    nofollow: false,
    xRobots: response.headers['x-robots-tag']?.join(', ') ?? null,
    outlinks: 0,
    contentHash: null,
    source: 'warc',
    error: record.headers['warc-truncated'] !== undefined ? 'TOO_LARGE' : null,
    depth: null,
  };

  if (response.status >= 300 && response.status < 400) {
    const location = response.headers['location']?.[0];
    const next = location === undefined ? null : tryCanonicalizeUrlWithHost(location, target.url);
    if (next === null) return { page, links: [], skip: null, html: false };
    page.outlinks = 1;
    return { page, links: [link(page, next.url, next.host, { kind: 'redirect', httpStatus: response.status })], skip: null, html: false };
  }
  if (response.status < 200 || response.status >= 300) return { page, links: [], skip: null, html: false };
  if (response.undecodable) {
    page.error = 'DECODE';
    return { page, links: [], skip: 'undecodable', html: false };
  }
  const html = payloadType === null ? looksLikeHtml(response.body.subarray(0, 1024)) : isHtmlContentType(payloadType);
  if (!html) return { page, links: [], skip: 'not-html', html: false };

  const extracted = extractLinks(response.body, { url: target.url, headers: response.headers });
  const info = extracted.page;
  page.title = info.title;
  page.lang = info.lang;
  page.canonical = info.canonical;
  page.noindex = info.noindex;
  page.nofollow = info.nofollow;
  page.xRobots = info.xRobots;
  page.outlinks = extracted.links.length;
  const links = new Array<LinkRecord>(extracted.links.length);
  for (let i = 0; i < extracted.links.length; i++) {
    links[i] = toLinkRecord(extracted.links[i]!, page, fetchedAt, 'warc');
  }
  return { page, links, skip: null, html: true };
}

function link(page: PageRecord, dstUrl: string, dstHost: string, fields: Pick<LinkRecord, 'kind' | 'httpStatus'>): LinkRecord {
  return {
    srcUrl: page.url,
    dstUrl,
    srcHost: page.host,
    srcDomain: page.domain,
    dstHost,
    dstDomain: registrableDomain(dstHost),
    kind: fields.kind,
    anchor: '',
    nofollow: false,
    ugc: false,
    sponsored: false,
    metaNofollow: false,
    position: 'body',
    context: '',
    hidden: false,
    httpStatus: fields.httpStatus,
    firstSeen: page.fetchedAt,
    lastSeen: page.fetchedAt,
    source: page.source,
  };
}
