/**
 * The peer for the extraction benchmark: the same links and page facts, extracted the usual way
 * with cheerio (a DOM built by parse5, then CSS selectors). It uses our canonicalizeUrl and
 * registrableDomain so that only the HTML work differs.
 */
import * as cheerio from 'cheerio';
import { registrableDomain } from '../src/core/registrable-domain.js';
import { tryCanonicalizeUrlWithHost } from '../src/core/canonicalize-url.js';

export interface PeerLink {
  dstUrl: string;
  dstHost: string;
  dstDomain: string;
  kind: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  position: string;
  context: string;
  hidden: boolean;
}

const POSITION_SELECTOR = 'header, nav, main, article, aside, footer, [role], [class*=footer], [id*=footer], [class*=sidebar], [id*=sidebar], [class*=menu], [class*=nav], [id*=nav]';
const HIDDEN_SELECTOR = '[hidden], [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"], [style*="font-size:0"]';

function positionOf(tag: string, cls: string): string {
  const s = `${tag} ${cls}`.toLowerCase();
  if (s.includes('footer')) return 'footer';
  if (s.includes('aside') || s.includes('sidebar')) return 'aside';
  if (s.includes('nav') || s.includes('menu')) return 'nav';
  if (s.includes('header')) return 'header';
  if (s.includes('main') || s.includes('article')) return 'main';
  return 'body';
}

export function cheerioExtract(body: Buffer, pageUrl: string): { links: PeerLink[]; title: string; noindex: boolean; nofollow: boolean } {
  const $ = cheerio.loadBuffer(body);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref !== undefined ? tryCanonicalizeUrlWithHost(baseHref, pageUrl)?.url : undefined) ?? pageUrl;
  let robots = '';
  $('meta[name]').each((_, el) => {
    const name = ($(el).attr('name') ?? '').toLowerCase();
    if (name === 'robots' || name === 'googlebot' || name === 'vouch') robots += ',' + ($(el).attr('content') ?? '').toLowerCase();
  });
  const nofollow = /nofollow|none/.test(robots);
  const links: PeerLink[] = [];
  const push = (href: string, kind: string, anchor: string, rel: string, position: string, context: string, hidden: boolean): void => {
    const r = tryCanonicalizeUrlWithHost(href, base);
    if (r === null || href.trim().startsWith('#')) return;
    const tokens = rel.toLowerCase().split(/[\s,]+/);
    links.push({
      dstUrl: r.url, dstHost: r.host, dstDomain: registrableDomain(r.host), kind, anchor, position, context, hidden,
      nofollow: tokens.includes('nofollow'), ugc: tokens.includes('ugc'), sponsored: tokens.includes('sponsored'),
    });
  };
  $('link[rel~=canonical][href]').each((_, el) => push($(el).attr('href')!, 'canonical', '', '', 'body', '', false));
  $('a[href], area[href]').each((_, el) => {
    const $el = $(el);
    let anchor = $el.text().replace(/\s+/g, ' ').trim().slice(0, 500);
    let kind = 'a';
    if (el.tagName === 'area') anchor = ($el.attr('alt') ?? '').trim();
    else if (anchor === '' && $el.find('img').length > 0) {
      kind = 'img';
      anchor = ($el.find('img[alt]').first().attr('alt') ?? '').trim();
    }
    const landmark = $el.closest(POSITION_SELECTOR);
    const position = landmark.length > 0 ? positionOf(landmark.prop('tagName') ?? '', `${landmark.attr('class') ?? ''} ${landmark.attr('id') ?? ''}`) : 'body';
    const hidden = $el.closest(HIDDEN_SELECTOR).length > 0;
    const context = $el.parent().text().replace(/\s+/g, ' ').trim().slice(0, 100);
    push($el.attr('href')!, kind, anchor, $el.attr('rel') ?? '', position, context, hidden);
  });
  return { links, title: $('title').first().text().trim(), noindex: /noindex|none/.test(robots), nofollow };
}
