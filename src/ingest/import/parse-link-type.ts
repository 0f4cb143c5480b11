import type { LinkKind } from '../../core/types.js';

export interface LinkTypeFacts {
  kind: LinkKind;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  /** A redirect's status code, when the cell names one (`redirect 301`, `302`). */
  httpStatus: number | null;
}

/**
 * A vendor's link-type cell, e.g. Ahrefs "Type" (`dofollow`, `nofollow`, `redirect`, `image`,
 * `ugc, sponsored`), Moz "Link Type" (`follow`, `nofollow`, `redirect`), as words: `nofollow`,
 * `ugc`, `sponsored`/`paid` set flags; `image`/`img` makes an image link, `redirect` or a 30x code a
 * redirect, `canonical` a canonical, `refresh` a meta refresh. `follow`, `dofollow`, `text`, `href`,
 * `frame`, `form` and unknown words leave a plain followed `a` link.
 */
export function parseLinkType(text: string): LinkTypeFacts {
  if (text === '') return { kind: 'a', nofollow: false, ugc: false, sponsored: false, httpStatus: null };
  const t = text.toLowerCase();
  const words = new Set(t.split(/[^a-z0-9]+/).filter((w) => w.length > 0));
  const status = /\b(30[123578])\b/.exec(t);
  let kind: LinkKind = 'a';
  if (words.has('redirect') || words.has('redirected') || status !== null) kind = 'redirect';
  else if (words.has('canonical')) kind = 'canonical';
  else if (words.has('refresh')) kind = 'meta-refresh';
  else if (words.has('image') || words.has('img') || words.has('images')) kind = 'img';
  return {
    kind,
    nofollow: words.has('nofollow') || (words.has('no') && words.has('follow')),
    ugc: words.has('ugc'),
    sponsored: words.has('sponsored') || words.has('paid'),
    httpStatus: status === null ? null : Number(status[1]),
  };
}
