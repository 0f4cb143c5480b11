/**
 * Streaming link extraction: feed the body as it arrives, get the links at the end.
 *
 * Bytes are held back until 1024 have arrived (or the body ends), so that the charset can be
 * sniffed (see sniffCharset); from then on each chunk is decoded with a streaming TextDecoder
 * and fed to htmlparser2's streaming Parser. No DOM is built. Never throws on content:
 * truncated or malformed HTML, binary data and unknown charsets all give a (possibly empty) result.
 *
 * @example
 * const ex = createLinkExtractor({ url: 'https://blog.test/post', headers: response.headers });
 * for await (const chunk of response.body) ex.write(chunk);
 * const { links, page, skipped } = ex.end();
 */
import { Parser } from 'htmlparser2';
import { ValidationError } from '../core/errors.js';
import { tryCanonicalizeUrlWithHost } from '../core/canonicalize-url.js';
import { registrableDomain } from '../core/registrable-domain.js';
import { EXTRACT_DEFAULTS } from './types.js';
import type { CharsetSource, ExtractOptions, ExtractResult } from './types.js';
import { SNIFF_PREFIX_BYTES, sniffCharset } from './sniff-charset.js';
import { LinkHandler } from './internal/link-handler.js';
import { FootprintCollector } from './internal/footprint-collector.js';
import { headerValues } from './internal/header-values.js';
import { createDecoder } from './internal/create-decoder.js';
import type { ByteDecoder } from './internal/create-decoder.js';
import { REL_CANONICAL, parseLinkHeader } from './internal/link-header.js';
import { ROBOTS_NOFOLLOW, ROBOTS_NOINDEX, parseXRobotsTag } from './internal/robots-directives.js';

export interface LinkExtractor {
  /** Feed the next piece of the body (bytes, or already decoded text). */
  write(chunk: Uint8Array | string): void;
  /** Feed an optional last piece, finish parsing and return everything found. */
  end(chunk?: Uint8Array | string): ExtractResult;
}

/**
 * htmlparser2's callbacks, fanned out to the link handler and the footprint collector. A class, so
 * that each page costs one small object instead of a set of closures.
 * NOTE: the footprint collector sees the same tokens; it flushes its open tag lazily on the next one.
 */
class TokenSink {
  constructor(
    private readonly handler: LinkHandler,
    private readonly footprints: FootprintCollector,
  ) {}

  onopentagname(name: string): void {
    this.handler.onopentagname(name);
    this.footprints.onopentagname(name);
  }

  onattribute(name: string, value: string): void {
    this.handler.onattribute(name, value);
    this.footprints.onattribute(name, value);
  }

  ontext(data: string): void {
    this.handler.ontext(data, this.footprints.visibleTextFor(data));
  }

  onclosetag(name: string): void {
    this.handler.onclosetag();
    this.footprints.onclosetag(name);
  }
}

/** Calls back into the handler when an open tag's attributes are complete. */
class HookedParser extends Parser {
  constructor(private readonly handler: LinkHandler, footprints: FootprintCollector) {
    super(new TokenSink(handler, footprints), { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  }

  override onopentagend(endIndex: number): void {
    this.handler.flush();
    super.onopentagend(endIndex);
  }

  override onselfclosingtag(endIndex: number): void {
    this.handler.flush();
    super.onselfclosingtag(endIndex);
  }
}

/** Start a streaming extraction for the page at `options.url`. @throws ValidationError INVALID_URL for a bad page URL. */
export function createLinkExtractor(options: ExtractOptions): LinkExtractor {
  const page = tryCanonicalizeUrlWithHost(options.url);
  if (page === null) {
    throw new ValidationError(`page URL is not a valid http(s) URL: ${JSON.stringify(options.url.slice(0, 200))}`, [{ where: 'url', message: options.url.slice(0, 200) }], { code: 'INVALID_URL' });
  }
  const headers = options.headers ?? EXTRACT_DEFAULTS.headers;
  const agents = (options.robotsAgents ?? EXTRACT_DEFAULTS.robotsAgents).map((a) => a.toLowerCase());
  const contentType = options.contentType ?? headerValues(headers, 'content-type')[0] ?? null;
  const xRobots = headerValues(headers, 'x-robots-tag');

  const handler = new LinkHandler(page.url, agents);
  handler.robotsFlags |= parseXRobotsTag(xRobots, agents);
  let headerCanonical: string | null = null;
  for (const entry of parseLinkHeader(headerValues(headers, 'link'))) {
    if ((entry.relFlags & REL_CANONICAL) === 0) continue;
    // Link header targets resolve against the response URL, never a <base>.
    const url = handler.emitHeadLink(entry.target, 'link-header', page.url);
    if (headerCanonical === null) headerCanonical = url;
  }
  const footprints = new FootprintCollector();
  const parser = new HookedParser(handler, footprints);

  let decoder: ByteDecoder | null = null;
  let charset: string | null = null;
  let charsetSource: CharsetSource = 'string';
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let bytes = 0;
  let ended = false;

  function startDecoding(complete: boolean): void {
    const prefix = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
    held = [];
    heldBytes = 0;
    const sniffed = sniffCharset(prefix, contentType, complete);
    charset = sniffed.encoding;
    charsetSource = sniffed.source;
    decoder = createDecoder(sniffed.encoding);
    const text = decoder.decode(prefix, { stream: !complete });
    if (text.length > 0) parser.write(text);
  }

  function write(chunk: Uint8Array | string): void {
    if (ended) throw new Error('write after end');
    if (typeof chunk === 'string') {
      if (heldBytes > 0) startDecoding(false);
      bytes += chunk.length;
      parser.write(chunk);
      return;
    }
    bytes += chunk.byteLength;
    if (decoder !== null) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) parser.write(text);
      return;
    }
    held.push(chunk);
    heldBytes += chunk.byteLength;
    if (heldBytes >= SNIFF_PREFIX_BYTES) startDecoding(false);
  }

  function end(chunk?: Uint8Array | string): ExtractResult {
    if (ended) throw new Error('end called twice');
    if (chunk instanceof Uint8Array && decoder === null) {
      // The whole rest of the body: sniff it all at once (complete=true).
      held.push(chunk);
      heldBytes += chunk.byteLength;
      bytes += chunk.byteLength;
    } else if (chunk !== undefined) write(chunk);
    ended = true;
    if (heldBytes > 0) startDecoding(true);
    else if (decoder !== null) {
      const tail = (decoder as ByteDecoder).decode();
      if (tail.length > 0) parser.write(tail);
    }
    parser.end();
    handler.finish();
    const found = footprints.result();
    return {
      links: handler.links,
      page: {
        url: page!.url,
        host: page!.host,
        domain: registrableDomain(page!.host),
        baseUrl: handler.baseUrl,
        title: handler.title,
        lang: handler.lang,
        canonical: handler.canonical ?? headerCanonical,
        noindex: (handler.robotsFlags & ROBOTS_NOINDEX) !== 0,
        nofollow: (handler.robotsFlags & ROBOTS_NOFOLLOW) !== 0,
        metaRobots: handler.metaRobots.length > 0 ? handler.metaRobots.join(', ') : null,
        xRobots: xRobots.length > 0 ? xRobots.join(', ') : null,
        charset,
        charsetSource,
        ...found,
      },
      skipped: handler.skipped,
      bytes,
    };
  }

  return { write, end };
}
