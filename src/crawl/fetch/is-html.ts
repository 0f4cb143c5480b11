import { isHtmlContentType, looksLikeHtml } from '../../extract/index.js';

/** Content-Types that say nothing, so the bytes decide (WHATWG MIME sniffing). */
const UNKNOWN_TYPES = new Set(['', 'unknown/unknown', 'application/unknown', '*/*']);

/**
 * Should this response be parsed as HTML? The Content-Type decides when it names a type
 * (`text/html`, `application/xhtml+xml`); when it is missing or says nothing, the first bytes are
 * sniffed (src/extract's `looksLikeHtml`).
 */
export function isHtml(contentType: string | null | undefined, firstBytes: Uint8Array): boolean {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!UNKNOWN_TYPES.has(essence)) return isHtmlContentType(contentType);
  return looksLikeHtml(firstBytes);
}
