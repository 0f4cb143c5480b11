import type { SkippedCounts } from '../types.js';

/** Count an href that did not give an http(s) link, by its scheme (or as invalid). */
export function classifySkippedHref(href: string, base: string, skipped: SkippedCounts): void {
  let protocol: string;
  try {
    protocol = new URL(href, base).protocol;
  } catch {
    skipped.invalid++;
    return;
  }
  switch (protocol) {
    case 'javascript:':
      skipped.javascript++;
      break;
    case 'mailto:':
      skipped.mailto++;
      break;
    case 'tel:':
      skipped.tel++;
      break;
    case 'data:':
      skipped.data++;
      break;
    case 'http:':
    case 'https:':
      // parsed here but not by canonicalizeUrl: cannot happen today; count it rather than lose it
      skipped.invalid++;
      break;
    default:
      skipped.other++;
  }
}

/** `#...` or empty (once the URL parser's whitespace stripping is applied): a link to this very page. */
export function isFragmentOnlyHref(href: string): boolean {
  let i = 0;
  while (i < href.length && href.charCodeAt(i) <= 32) i++;
  return i === href.length || href.charCodeAt(i) === 35; /* # */
}
