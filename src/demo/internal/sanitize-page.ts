/**
 * Last pass over a page model before rendering: drop self-links and repeated links, so that every
 * (source, destination, kind, anchor) appears once per page and no crawler policy on self-links or
 * duplicates can change what counts as found.
 */
import { tryCanonicalizeUrl } from '../../core/canonicalize-url.js';
import { linksOf, unlink, type LinkItem, type PageModel } from './model.js';

/** Whitespace-collapsed anchor text, as the truth records it. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The URL relative links on the page resolve against. */
export function baseOf(page: PageModel): string {
  return page.base === undefined ? page.url : (tryCanonicalizeUrl(page.base, page.url) ?? page.url);
}

/** Key of a link for de-duplication. */
export function linkKey(kind: string, dst: string, anchor: string): string {
  return `${kind}\u0000${dst}\u0000${anchor}`;
}

export function sanitizePage(page: PageModel): void {
  const base = baseOf(page);
  const seen = new Set<string>();
  const drop = new Set<LinkItem>();
  for (const blocks of Object.values(page.sections)) {
    for (const { link } of linksOf(blocks)) {
      const dst = tryCanonicalizeUrl(link.href, base);
      if (dst === null) continue;
      const key = linkKey(link.img ? 'img' : 'a', dst, collapse(link.text));
      if (dst === page.url || seen.has(key)) drop.add(link);
      else seen.add(key);
    }
  }
  for (const link of drop) unlink(page, (x) => x === link);
  if (page.canonical !== undefined && tryCanonicalizeUrl(page.canonical, base) === page.url) delete page.canonical;
}
