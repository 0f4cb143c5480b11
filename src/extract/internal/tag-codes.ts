/**
 * Tag names → small integer codes, so that the handler switches on numbers and keeps a typed-array
 * element stack. Lower-case names only (htmlparser2 lower-cases HTML tags).
 */
export const T_BLOCK = 0;
/** Inline formatting: no word break around it (`Ex<b>ample</b>` is one word). */
export const T_INLINE = 1;
export const T_A = 2;
export const T_AREA = 3;
export const T_IMG = 4;
export const T_LINK = 5;
export const T_META = 6;
export const T_BASE = 7;
export const T_HTML = 8;
export const T_BODY = 9;
export const T_TITLE = 10;
/** Elements whose text is not page text: script, style, and raw-text fallbacks. */
export const T_RAW = 11;
export const T_HEADER = 12;
export const T_NAV = 13;
/** `<main>` and `<article>`. */
export const T_MAIN = 14;
export const T_ASIDE = 15;
export const T_FOOTER = 16;
/** Foreign content (`<svg>`, `<math>`): its `<title>` is not the page title. */
export const T_FOREIGN = 17;

/**
 * Code of a lower-case tag name. Switching on the length first keeps the common default (`div`,
 * `li`, `p`, `td`) to a couple of comparisons instead of one per known name.
 */
export function tagCode(name: string): number {
  switch (name.length) {
    case 1:
      if (name === 'a') return T_A;
      if (name === 'b') return T_INLINE;
      if (name === 'i') return T_INLINE;
      if (name === 'u') return T_INLINE;
      if (name === 's') return T_INLINE;
      if (name === 'q') return T_INLINE;
      return T_BLOCK;
    case 2:
      if (name === 'em') return T_INLINE;
      if (name === 'tt') return T_INLINE;
      return T_BLOCK;
    case 3:
      if (name === 'sub') return T_INLINE;
      if (name === 'sup') return T_INLINE;
      if (name === 'bdi') return T_INLINE;
      if (name === 'bdo') return T_INLINE;
      if (name === 'big') return T_INLINE;
      if (name === 'kbd') return T_INLINE;
      if (name === 'var') return T_INLINE;
      if (name === 'dfn') return T_INLINE;
      if (name === 'ins') return T_INLINE;
      if (name === 'del') return T_INLINE;
      if (name === 'wbr') return T_INLINE;
      if (name === 'img') return T_IMG;
      if (name === 'xmp') return T_RAW;
      if (name === 'nav') return T_NAV;
      if (name === 'svg') return T_FOREIGN;
      return T_BLOCK;
    case 4:
      if (name === 'span') return T_INLINE;
      if (name === 'font') return T_INLINE;
      if (name === 'abbr') return T_INLINE;
      if (name === 'code') return T_INLINE;
      if (name === 'mark') return T_INLINE;
      if (name === 'cite') return T_INLINE;
      if (name === 'time') return T_INLINE;
      if (name === 'area') return T_AREA;
      if (name === 'link') return T_LINK;
      if (name === 'meta') return T_META;
      if (name === 'base') return T_BASE;
      if (name === 'html') return T_HTML;
      if (name === 'body') return T_BODY;
      if (name === 'main') return T_MAIN;
      if (name === 'math') return T_FOREIGN;
      return T_BLOCK;
    case 5:
      if (name === 'small') return T_INLINE;
      if (name === 'label') return T_INLINE;
      if (name === 'title') return T_TITLE;
      if (name === 'style') return T_RAW;
      if (name === 'aside') return T_ASIDE;
      return T_BLOCK;
    case 6:
      if (name === 'strong') return T_INLINE;
      if (name === 'script') return T_RAW;
      if (name === 'iframe') return T_RAW;
      if (name === 'header') return T_HEADER;
      if (name === 'footer') return T_FOOTER;
      return T_BLOCK;
    case 7:
      if (name === 'noembed') return T_RAW;
      if (name === 'article') return T_MAIN;
      return T_BLOCK;
    case 8:
      if (name === 'noframes') return T_RAW;
      if (name === 'textarea') return T_RAW;
      return T_BLOCK;
    default:
      return T_BLOCK;
  }
}
