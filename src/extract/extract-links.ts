import { createLinkExtractor } from './create-link-extractor.js';
import type { ExtractOptions, ExtractResult } from './types.js';

/**
 * Extract every link from a whole HTML body (see createLinkExtractor for the streaming form and
 * the rules in internal/link-handler.ts). A Buffer is charset-sniffed and decoded; a string is
 * parsed as is.
 * @example
 * const { links, page } = extractLinks(body, { url: 'https://blog.test/post', contentType: 'text/html; charset=utf-8' });
 * @throws ValidationError INVALID_URL when options.url is not an http(s) URL; never for the body.
 */
export function extractLinks(body: Uint8Array | string, options: ExtractOptions): ExtractResult {
  return createLinkExtractor(options).end(body);
}
