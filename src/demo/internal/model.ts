/**
 * The abstract page model. Builders describe a page as sections of blocks holding text and
 * links; the renderer turns it into HTML bytes and the truth reads the links from the same model,
 * so the served bytes and the ground truth cannot drift apart.
 */
import type { LinkPosition } from '../../core/types.js';
import type { DemoSite } from '../types.js';

/** How an element's attributes are spelled: quoting and case vary on real sites. */
export type AttrStyle = 'double' | 'single' | 'bare' | 'upper';

/** An `<a href>`: a text link, or an image link when `img` is set (the anchor is then the alt text). */
export interface LinkItem {
  t: 'a';
  /** The attribute value, unescaped (the renderer escapes it). */
  href: string;
  /** Anchor text, unescaped; for an image link, the alt text. */
  text: string;
  img?: { src: string };
  /** Inner markup that replaces the escaped text; its collapsed text must equal `text`. */
  innerHtml?: string;
  rel?: string;
  /** Inline style on the `<a>` itself. */
  style?: string;
  /** Extra raw attributes (`target="_blank"`, `class="..."`). */
  attrs?: string;
  spelling?: AttrStyle;
}

/** Markup the truth ignores: comments, scripts, mailto links, named anchors. */
export interface RawInline {
  t: 'raw';
  html: string;
}

export type Inline = string | LinkItem | RawInline;

export interface Block {
  tag: string;
  className?: string;
  /** Inline style on the element: when it hides, every link inside is hidden. */
  style?: string;
  attrs?: string;
  inlines?: Inline[];
  children?: Block[];
}

/** Template families: each renders the same model with different markup. */
export type Skin = 'modern' | 'classic' | 'news' | 'forum' | 'pbn' | 'farm' | 'shop';

/** What a page is, for day-2 selection and feature lookup. */
export type PageKind =
  | 'home'
  | 'article'
  | 'archive'
  | 'info'
  | 'product'
  | 'category'
  | 'thread'
  | 'board'
  | 'listing'
  | 'utility';

export interface PageModel {
  url: string;
  host: string;
  /** Path and query, as served. */
  path: string;
  kind: PageKind;
  title: string;
  lang: string;
  charset: 'utf-8' | 'windows-1252';
  skin: Skin;
  contentType: string;
  canonical?: string;
  metaRobots?: string;
  metaRefresh?: { seconds: number; href: string };
  base?: string;
  /** Extra head markup the truth ignores (feeds, icons, stylesheets). */
  headRaw: string[];
  /** Extra response headers (lower-case names): x-robots-tag, link. */
  headers: Record<string, string>;
  sections: Record<LinkPosition, Block[]>;
  flags: string[];
  /** Site this page belongs to. */
  site: DemoSite;
}

/** An empty page on a site. */
export function newPage(site: DemoSite, path: string, kind: PageKind, title: string, skin: Skin): PageModel {
  return {
    url: `http://${site.host}${path}`,
    host: site.host,
    path,
    kind,
    title,
    lang: 'en',
    charset: 'utf-8',
    skin,
    contentType: 'text/html; charset=utf-8',
    headRaw: [],
    headers: {},
    sections: { header: [], nav: [], main: [], aside: [], footer: [], body: [] },
    flags: [],
    site,
  };
}

/** A text link. */
export function a(href: string, text: string, extra: Omit<LinkItem, 't' | 'href' | 'text'> = {}): LinkItem {
  return { t: 'a', href, text, ...extra };
}

/** An image link; the alt text is the anchor. */
export function imgLink(href: string, alt: string, src: string, extra: Omit<LinkItem, 't' | 'href' | 'text' | 'img'> = {}): LinkItem {
  return { t: 'a', href, text: alt, img: { src }, ...extra };
}

export function raw(html: string): RawInline {
  return { t: 'raw', html };
}

export function p(...inlines: Inline[]): Block {
  return { tag: 'p', inlines };
}

/** A list whose items are each one inline sequence. */
export function ul(items: Inline[][], className?: string): Block {
  const block: Block = { tag: 'ul', children: items.map((inlines) => ({ tag: 'li', inlines })) };
  if (className !== undefined) block.className = className;
  return block;
}

export function h(level: 1 | 2 | 3, text: string): Block {
  return { tag: `h${level}`, inlines: [text] };
}

/** Every link item in a block tree, in document order, with whether an ancestor style hides it. */
export function linksOf(blocks: readonly Block[], hiddenAbove = false, out: { link: LinkItem; ancestorHidden: boolean }[] = []): { link: LinkItem; ancestorHidden: boolean }[] {
  for (const block of blocks) {
    const hidden = hiddenAbove || styleHides(block.style);
    if (block.inlines) {
      for (const inline of block.inlines) {
        if (typeof inline !== 'string' && inline.t === 'a') out.push({ link: inline, ancestorHidden: hidden });
      }
    }
    if (block.children) linksOf(block.children, hidden, out);
  }
  return out;
}

/**
 * Whether an inline style hides its element: display:none, visibility:hidden or a zero font size.
 * NOTE: the demo web only writes styles this function reads exactly; `font-size:0.85em` does not hide.
 */
export function styleHides(style: string | undefined): boolean {
  if (style === undefined) return false;
  for (const decl of style.toLowerCase().split(';')) {
    const colon = decl.indexOf(':');
    if (colon === -1) continue;
    const prop = decl.slice(0, colon).trim();
    const value = decl.slice(colon + 1).replace('!important', '').trim();
    if (prop === 'display' && value === 'none') return true;
    if (prop === 'visibility' && value === 'hidden') return true;
    if (prop === 'font-size' && /^0+(\.0+)?(px|em|rem|pt|%)?$/.test(value)) return true;
  }
  return false;
}

/** Remove the first link to `href` from a page; returns true when one was removed (its text stays). */
export function unlink(page: PageModel, predicate: (link: LinkItem) => boolean): boolean {
  for (const section of Object.values(page.sections)) {
    if (unlinkIn(section, predicate)) return true;
  }
  return false;
}

function unlinkIn(blocks: Block[], predicate: (link: LinkItem) => boolean): boolean {
  for (const block of blocks) {
    const inlines = block.inlines;
    if (inlines) {
      const i = inlines.findIndex((x) => typeof x !== 'string' && x.t === 'a' && predicate(x));
      if (i !== -1) {
        inlines[i] = (inlines[i] as LinkItem).text;
        return true;
      }
    }
    if (block.children && unlinkIn(block.children, predicate)) return true;
  }
  return false;
}
