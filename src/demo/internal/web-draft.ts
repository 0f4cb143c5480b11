/**
 * The web while it is being built: page models plus the answers that are not HTML pages
 * (redirects, deleted pages), before rendering to bytes.
 */
import type { PageModel } from './model.js';

/** A non-page answer: a redirect or an error page. */
export interface SpecialResponse {
  url: string;
  status: number;
  /** Location header as written (may be relative). */
  location?: string;
  headers?: Record<string, string>;
  flags: string[];
}

export interface WebDraft {
  /** HTML pages answering 200, by canonical URL, in build order. */
  pages: Map<string, PageModel>;
  specials: Map<string, SpecialResponse>;
}

/** Add a page; a URL is defined once. */
export function addPage(draft: WebDraft, page: PageModel): void {
  if (draft.pages.has(page.url) || draft.specials.has(page.url)) throw new Error(`demo web: ${page.url} defined twice`);
  draft.pages.set(page.url, page);
}

/** Add a redirect or error answer; a URL is defined once. */
export function addSpecial(draft: WebDraft, special: SpecialResponse): void {
  if (draft.pages.has(special.url) || draft.specials.has(special.url)) throw new Error(`demo web: ${special.url} defined twice`);
  draft.specials.set(special.url, special);
}
