/**
 * A WAT `metadata` record (Common Crawl's JSON summary of one WARC record) → the page row and the
 * links Common Crawl extracted, mapped to what our extractor would give for the same capture:
 *
 * - `A@/href` → an `a` link with the entry's text as anchor, rel flags from `rel` where present.
 *   An `A@/href` with no text right after `IMG@/src` entries is an image link (`img`, the first
 *   non-empty alt as anchor): the WAT lists an anchor's images before the anchor itself.
 * - `AREA@/href` → an `a` link with its alt as anchor.
 * - `IMG@/src` on its own is an embedded image, not a link: counted, not stored (the extractor does
 *   not record `<img src>` either). `FORM@/action` is counted too: a form is not a link.
 * - Head: `<link rel=canonical>` → `canonical`; meta refresh → `meta-refresh`; meta robots and
 *   X-Robots-Tag → noindex / nofollow; an HTTP `Link: <…>; rel=canonical` → `link-header`;
 *   `Base` is the base URL for relative links. A 3xx with a Location → `redirect`.
 * - Values are HTML-entity-decoded (the WAT keeps `&amp;` as written); fragment-only, empty and
 *   non-http(s) URLs are dropped, as the extractor drops them.
 * The WAT has no position, context or hidden-ness: links get `body`, '' and false.
 */
import { tryCanonicalizeUrlWithHost } from '../../core/canonicalize-url.js';
import { registrableDomain } from '../../core/registrable-domain.js';
import type { LinkKind, LinkRecord, PageRecord } from '../../core/types.js';
import { decodeEntities } from './internal/decode-entities.js';
import { addMetaRobots, addXRobotsTag, metaRefreshUrl, relFlags } from './internal/robots-flags.js';
import type { RobotsFlags } from './internal/robots-flags.js';
import { NO_PAGE, parseWarcDate, unwrapUri } from './record-outcome.js';
import type { RecordOutcome } from './record-outcome.js';
import type { WarcRecord } from './warc-record-reader.js';

/** Entries of the WAT's Links list that were not stored, by what they were. */
export interface WatLinkTally {
  images: number;
  forms: number;
  /** Fragment-only, empty, or not http(s) (javascript:, mailto:, …). */
  unusable: number;
  /** Other paths (IFRAME@/src, EMBED@/src, …). */
  other: number;
}

const ANCHOR_MAX_CHARS = 500;
const TITLE_MAX_CHARS = 1000;
const TYPE_KEY = Buffer.from('"WARC-Type":"');

/**
 * The original record type a WAT record describes, read without parsing the JSON (most WAT records
 * describe requests and metadata, which hold no links). Null when the body has no WARC-Type.
 */
export function watEnvelopeType(body: Buffer): string | null {
  const at = body.indexOf(TYPE_KEY);
  if (at === -1) return null;
  const start = at + TYPE_KEY.length;
  const end = body.indexOf(0x22, start);
  return end === -1 ? null : body.toString('latin1', start, end).toLowerCase();
}

/**
 * Turn a WAT record that describes a `response` into a page and links (source `wat`).
 * @throws SyntaxError when the JSON does not parse (the caller reports the record as damaged).
 */
export function watRecordToPage(record: WarcRecord, tally: WatLinkTally): RecordOutcome {
  if (record.body === null) return NO_PAGE('too-large');
  const json = obj(JSON.parse(record.body.toString('utf8')));
  const envelope = obj(json['Envelope']);
  const warc = obj(envelope['WARC-Header-Metadata']);
  const response = obj(obj(envelope['Payload-Metadata'])['HTTP-Response-Metadata']);
  const target = tryCanonicalizeUrlWithHost(unwrapUri(str(warc['WARC-Target-URI'])));
  if (target === null) return NO_PAGE('not-http-url');
  const status = Number(str(obj(response['Response-Message'])['Status']));
  if (!Number.isInteger(status) || status < 100) return NO_PAGE('no-http-response');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(obj(response['Headers']))) headers[name.toLowerCase()] = str(value);
  const fetchedAt = parseWarcDate(str(warc['WARC-Date'])) ?? parseWarcDate(record.headers['warc-date']) ?? new Date(0);
  const page: PageRecord = {
    url: target.url,
    host: target.host,
    domain: registrableDomain(target.host),
    ip: str(warc['WARC-IP-Address']) || null,
    fetchedAt,
    status,
    contentType: headers['content-type'] ?? null,
    bytes: Number(str(response['Entity-Length'])) || 0,
    title: null,
    lang: null,
    canonical: null,
    noindex: false,
    nofollow: false,
    xRobots: headers['x-robots-tag'] ?? null,
    outlinks: 0,
    contentHash: null,
    source: 'wat',
    error: warc['WARC-Truncated'] !== undefined ? 'TOO_LARGE' : null,
    depth: null,
  };
  const links: LinkRecord[] = [];
  const add = (href: string, base: string, kind: LinkKind, fields: Partial<LinkRecord> = {}): string | null => {
    const decoded = decodeEntities(href);
    if (isFragmentOnly(decoded)) {
      tally.unusable++;
      return null;
    }
    const dst = tryCanonicalizeUrlWithHost(decoded, base);
    if (dst === null) {
      tally.unusable++;
      return null;
    }
    links.push({
      srcUrl: page.url, dstUrl: dst.url, srcHost: page.host, srcDomain: page.domain, dstHost: dst.host, dstDomain: registrableDomain(dst.host),
      kind, anchor: '', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'body', context: '', hidden: false,
      httpStatus: null, firstSeen: fetchedAt, lastSeen: fetchedAt, source: 'wat', ...fields,
    });
    return dst.url;
  };

  if (status >= 300 && status < 400 && headers['location'] !== undefined) {
    add(headers['location'], page.url, 'redirect', { httpStatus: status });
    page.outlinks = links.length;
    return { page, links, skip: null, html: false };
  }
  const html = response['HTML-Metadata'];
  if (html === undefined || status < 200 || status >= 300) return { page, links: [], skip: status >= 200 && status < 300 ? 'not-html' : null, html: false };

  const htmlMeta = obj(html);
  const head = obj(htmlMeta['Head']);
  const robots: RobotsFlags = { noindex: false, nofollow: false };
  addXRobotsTag(headers['x-robots-tag'] === undefined ? [] : [headers['x-robots-tag']], robots);
  const metas = arr(head['Metas']).map(obj);
  for (const meta of metas) addMetaRobots(str(meta['name']), str(meta['content']), robots);
  let base = page.url;
  const baseValue = head['Base'];
  const baseHref = typeof baseValue === 'string' ? baseValue : str(obj(baseValue)['url'] ?? obj(baseValue)['href']);
  if (baseHref !== '') base = tryCanonicalizeUrlWithHost(decodeEntities(baseHref), page.url)?.url ?? base;
  const title = collapse(decodeEntities(str(head['Title'])));
  page.title = title === '' ? null : title.slice(0, TITLE_MAX_CHARS);
  page.noindex = robots.noindex;
  page.nofollow = robots.nofollow;

  // Head links first, as the extractor meets them first.
  for (const entry of arr(head['Link']).map(obj)) {
    if (!relWords(entry['rel']).includes('canonical')) continue;
    const url = add(str(entry['url']), base, 'canonical');
    page.canonical ??= url;
  }
  for (const meta of metas) {
    if (str(meta['http-equiv']).toLowerCase() !== 'refresh') continue;
    const url = metaRefreshUrl(decodeEntities(str(meta['content'])));
    if (url !== null) add(url, base, 'meta-refresh');
  }
  const linkHeader = /<([^>]*)>\s*;[^,]*\brel\s*=\s*"?canonical\b/i.exec(headers['link'] ?? '');
  if (linkHeader !== null) {
    const url = add(linkHeader[1]!, page.url, 'link-header');
    page.canonical ??= url;
  }

  let imageAlts: string[] = [];
  for (const entry of arr(htmlMeta['Links']).map(obj)) {
    const path = str(entry['path']);
    if (path === 'IMG@/src') {
      tally.images++;
      imageAlts.push(collapse(decodeEntities(str(entry['alt']))));
      continue;
    }
    const alts = imageAlts;
    imageAlts = [];
    if (path === 'A@/href' || path === 'AREA@/href') {
      const text = collapse(decodeEntities(str(path === 'AREA@/href' ? entry['alt'] : entry['text'])));
      const imageLink = path === 'A@/href' && text === '' && alts.length > 0;
      add(str(entry['url']), base, imageLink ? 'img' : 'a', {
        anchor: (imageLink ? (alts.find((a) => a !== '') ?? '') : text).slice(0, ANCHOR_MAX_CHARS),
        ...relFlags(entry['rel']),
        metaNofollow: robots.nofollow,
      });
    } else if (path === 'FORM@/action') tally.forms++;
    else tally.other++;
  }
  for (const l of links) l.metaNofollow = robots.nofollow;
  page.outlinks = links.length;
  return { page, links, skip: null, html: true };
}

function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function relWords(rel: unknown): string[] {
  return str(rel).toLowerCase().split(/\s+/);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Empty or `#…` once leading controls and spaces are dropped (as the URL parser drops them): the page itself. */
function isFragmentOnly(href: string): boolean {
  let i = 0;
  while (i < href.length && href.charCodeAt(i) <= 32) i++;
  return i === href.length || href.charCodeAt(i) === 35;
}
