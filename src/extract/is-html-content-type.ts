import { mimeEssence } from './internal/content-type.js';

/**
 * True for Content-Types whose body we parse as HTML: `text/html` and `application/xhtml+xml`
 * (any parameters, any case). False for null, empty and everything else; when the header is
 * missing, sniff with {@link looksLikeHtml} instead.
 */
export function isHtmlContentType(contentType: string | null | undefined): boolean {
  if (contentType === null || contentType === undefined) return false;
  const essence = mimeEssence(contentType);
  return essence === 'text/html' || essence === 'application/xhtml+xml';
}
