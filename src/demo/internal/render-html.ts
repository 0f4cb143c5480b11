/**
 * Page model → HTML bytes. Skins differ in markup (landmark elements or none, tag case, quoting),
 * never in which links exist; `positionOf` says where a section's links sit for each skin.
 */
import type { LinkPosition } from '../../core/types.js';
import { encodeCp1252 } from './cp1252.js';
import type { AttrStyle, Block, Inline, LinkItem, PageModel, Skin } from './model.js';

const SECTIONS: readonly LinkPosition[] = ['header', 'nav', 'main', 'aside', 'footer'];

/** Skins that lay pages out with tables and divs: their links sit in no landmark. */
const NO_LANDMARKS: ReadonlySet<Skin> = new Set(['classic', 'farm']);

/** The position an extractor must report for links in `section` of a page in `skin`. */
export function positionOf(skin: Skin, section: LinkPosition): LinkPosition {
  return NO_LANDMARKS.has(skin) ? 'body' : section;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(value: string, quote: '"' | "'"): string {
  const v = value.replace(/&/g, '&amp;');
  return quote === '"' ? v.replace(/"/g, '&quot;') : v.replace(/'/g, '&#39;');
}

function attr(name: string, value: string, spelling: AttrStyle): string {
  if (spelling === 'upper') return ` ${name.toUpperCase()}='${escapeAttr(value, "'")}'`;
  if (spelling === 'single') return ` ${name}='${escapeAttr(value, "'")}'`;
  if (spelling === 'bare' && /^[A-Za-z0-9_.:/-]+$/.test(value) && !value.endsWith('/')) return ` ${name}=${value}`;
  return ` ${name}="${escapeAttr(value, '"')}"`;
}

function renderLink(link: LinkItem, skinSpelling: AttrStyle): string {
  const s = link.spelling ?? skinSpelling;
  const tag = s === 'upper' ? 'A' : 'a';
  let out = `<${tag}${attr('href', link.href, s)}`;
  if (link.rel !== undefined) out += attr('rel', link.rel, s);
  if (link.style !== undefined) out += attr('style', link.style, s);
  if (link.attrs !== undefined) out += ` ${link.attrs}`;
  out += '>';
  if (link.img) out += `<img${attr('src', link.img.src, s)}${attr('alt', link.text, s)}>`;
  else out += link.innerHtml ?? escapeText(link.text);
  return `${out}</${tag}>`;
}

function renderInline(inline: Inline, spelling: AttrStyle): string {
  if (typeof inline === 'string') return escapeText(inline);
  if (inline.t === 'raw') return inline.html;
  return renderLink(inline, spelling);
}

function renderBlock(block: Block, spelling: AttrStyle): string {
  const tag = spelling === 'upper' ? block.tag.toUpperCase() : block.tag;
  let open = `<${tag}`;
  if (block.className !== undefined) open += attr('class', block.className, spelling);
  if (block.style !== undefined) open += attr('style', block.style, spelling);
  if (block.attrs !== undefined) open += ` ${block.attrs}`;
  open += '>';
  const inner = (block.inlines ?? []).map((x) => renderInline(x, spelling)).join('') + (block.children ?? []).map((b) => '\n' + renderBlock(b, spelling)).join('');
  return `${open}${inner}</${tag}>`;
}

function headOf(page: PageModel, spelling: AttrStyle): string {
  const lines: string[] = [];
  const lower = spelling !== 'upper';
  const meta = (attrs: [string, string][]): string => `<${lower ? 'meta' : 'META'}${attrs.map(([k, v]) => attr(k, v, spelling)).join('')}>`;
  lines.push(meta([['charset', page.charset]]));
  lines.push(`<${lower ? 'title' : 'TITLE'}>${escapeText(page.title)}</${lower ? 'title' : 'TITLE'}>`);
  if (page.skin !== 'classic' && page.skin !== 'farm') lines.push(meta([['name', 'viewport'], ['content', 'width=device-width, initial-scale=1']]));
  if (page.skin === 'pbn') lines.push(meta([['name', 'generator'], ['content', 'WordPress 5.8.1']]));
  if (page.metaRobots !== undefined) lines.push(meta([['name', 'robots'], ['content', page.metaRobots]]));
  if (page.metaRefresh !== undefined) lines.push(meta([['http-equiv', 'refresh'], ['content', `${page.metaRefresh.seconds}; url=${page.metaRefresh.href}`]]));
  if (page.base !== undefined) lines.push(`<base${attr('href', page.base, spelling)}>`);
  if (page.canonical !== undefined) lines.push(`<link${attr('rel', 'canonical', spelling)}${attr('href', page.canonical, spelling)}>`);
  lines.push(`<link${attr('rel', 'stylesheet', spelling)}${attr('href', page.skin === 'pbn' ? '/wp-content/themes/flavor/style.css' : '/static/site.css', spelling)}>`);
  lines.push(...page.headRaw);
  const ga = page.site.analyticsId;
  if (ga !== null) {
    lines.push(`<script async src="https://www.googletagmanager.example/gtag/js?id=${ga}"></script>`);
    lines.push(`<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','${ga}');</script>`);
  }
  const ads = page.site.adsenseId;
  if (ads !== null) lines.push(`<script async src="https://pagead2.googlesyndication.example/pagead/js/adsbygoogle.js?client=${ads}" crossorigin="anonymous"></script>`);
  return lines.join('\n');
}

function wrapSection(section: LinkPosition, html: string, skin: Skin, spelling: AttrStyle): string {
  if (!NO_LANDMARKS.has(skin)) return `<${section}>\n${html}\n</${section}>`;
  // NOTE: neutral class names only, so no class/id hint can suggest a position.
  const cls = { header: 'r1', nav: 'r2', main: 'r3', aside: 'r4', footer: 'r5', body: 'r6' }[section];
  if (skin === 'classic') return `<${spelling === 'upper' ? 'TABLE' : 'table'} CLASS='${cls}'><TR><TD>\n${html}\n</TD></TR></TABLE>`;
  return `<div class="${cls}">\n${html}\n</div>`;
}

/** The page as a string (before encoding). */
export function renderHtml(page: PageModel): string {
  const spelling: AttrStyle = page.skin === 'classic' ? 'upper' : 'double';
  const parts: string[] = [];
  const bodyBlocks = page.sections.body.map((b) => renderBlock(b, spelling)).join('\n');
  const topStrip = page.skin === 'shop' || page.skin === 'news';
  if (bodyBlocks && topStrip) parts.push(bodyBlocks);
  for (const section of SECTIONS) {
    const blocks = page.sections[section];
    if (blocks.length === 0) continue;
    parts.push(wrapSection(section, blocks.map((b) => renderBlock(b, spelling)).join('\n'), page.skin, spelling));
  }
  if (bodyBlocks && !topStrip) parts.push(bodyBlocks);
  if (page.skin === 'classic') parts.push('<!-- <a href="http://old-partner.test/">our old partner</a> -->');
  if (page.skin === 'farm') parts.push(`<script>document.write('<a href="http://counter.test/c?id=1">hits</a>');</script>`);
  const bodyClass = page.skin === 'pbn' ? 'theme-flavor single' : `skin-${page.skin}`;
  const html = page.skin === 'classic' ? 'HTML' : 'html';
  const doctype = page.skin === 'classic' ? '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">' : '<!doctype html>';
  return `${doctype}\n<${html} lang="${page.lang}">\n<head>\n${headOf(page, spelling)}\n</head>\n<body class="${bodyClass}">\n${parts.join('\n')}\n</body>\n</${html}>\n`;
}

/** The page as bytes in its own charset. */
export function renderPageBytes(page: PageModel): Buffer {
  const html = renderHtml(page);
  return page.charset === 'windows-1252' ? encodeCp1252(html) : Buffer.from(html, 'utf8');
}

/** A small HTML body for error answers. */
export function errorBody(status: number): Buffer {
  const text = status === 410 ? 'Gone' : status === 404 ? 'Not Found' : 'Error';
  return Buffer.from(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${status} ${text}</title></head><body><h1>${status} ${text}</h1><p>The page you asked for is not here.</p></body></html>\n`, 'utf8');
}
