/**
 * The extraction benchmark's corpus: the real HTML payloads of the Common Crawl samples in
 * ../shared/testdata/warc, plus deterministic generated pages shaped like the real web (blog
 * posts, forum threads, news front pages, link farms; with inline scripts and styles, indented
 * markup, entities, image links, comments with ugc links) so that there are enough bytes to time.
 */
import { readAllWarcHtmlPayloads } from '../test/extract/warc-payloads.js';

export interface CorpusPage {
  url: string;
  body: Buffer;
  headers: Record<string, string[]>;
}

/** Mulberry32: a tiny seeded PRNG, so that every run times the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to in is that for it as with was on be by this are from at or an have not but ' +
  'garden shop review best cheap guide how why news local city school team music travel recipe ' +
  'price quality service photo video update report market health sport science history café ' +
  'über naïve résumé straße 東京 данные'
).split(' ');

function generatePage(seed: number): CorpusPage {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const host = `site${seed % 97}.example.com`;
  const ext = (): string => `https://${pick(['blog', 'www', 'news', 'shop'])}${Math.floor(rnd() * 500)}.${pick(['test', 'example.org', 'co.uk', 'github.io'])}/${words(2).replace(/ /g, '-')}`;
  const rel = (): string => pick(['', '', '', ' rel="nofollow"', ' rel="ugc nofollow"', ' rel="sponsored"', ' rel="noopener noreferrer"']);
  const ind = (d: number): string => '\n' + '  '.repeat(d);
  const kind = seed % 4;
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>\n<html lang="${pick(['en', 'de', 'fr', 'ja'])}">\n<head>\n  <meta charset="utf-8">`);
  parts.push(`  <title>${words(6)} &amp; ${words(3)}</title>\n  <link rel="canonical" href="https://${host}/p/${seed}">`);
  parts.push(`  <link rel="stylesheet" href="/css/site.css?v=${seed}">\n  <meta name="viewport" content="width=device-width, initial-scale=1">`);
  parts.push(`  <style>.nav a{color:#333;padding:0 4px}.hidden{display:none}.card{margin:0 auto;max-width:${600 + seed}px}</style>`);
  parts.push(`  <script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());var x="<a href='/not-a-link'>";</script>`);
  parts.push(`</head>\n<body class="home page-template has-sidebar">`);
  parts.push(`<header id="masthead" class="site-header">${ind(1)}<a href="/" class="logo"><img src="/logo.png" alt="${words(2)} logo"></a>`);
  parts.push(`${ind(1)}<nav class="main-navigation" role="navigation">${ind(2)}<ul class="menu">`);
  for (let i = 0; i < 6 + Math.floor(rnd() * 10); i++) parts.push(`${ind(3)}<li class="menu-item"><a href="/${words(1)}/${i}">${words(1 + Math.floor(rnd() * 2))}</a></li>`);
  parts.push(`${ind(2)}</ul>${ind(1)}</nav>\n</header>\n<div id="page" class="site">\n<main id="main" class="site-main">`);
  const paragraphs = kind === 2 ? 4 : 10 + Math.floor(rnd() * 20);
  for (let p = 0; p < paragraphs; p++) {
    parts.push(`${ind(1)}<article class="post card"><h2><a href="/post/${seed}-${p}">${words(5)}</a></h2>${ind(2)}<p>`);
    for (let s = 0; s < 3 + Math.floor(rnd() * 5); s++) {
      parts.push(`${words(8 + Math.floor(rnd() * 12))}, `);
      if (rnd() < 0.35) parts.push(`<a href="${ext()}"${rel()} title="${words(3)}">${words(1 + Math.floor(rnd() * 4))}</a> `);
      if (rnd() < 0.2) parts.push(`<strong>${words(2)}</strong>&nbsp;&mdash; `);
    }
    parts.push(`</p>`);
    if (rnd() < 0.3) parts.push(`${ind(2)}<a href="${ext()}"><img src="/img/${p}.jpg" alt="${words(3)}" width="300" height="200" loading="lazy"></a>`);
    parts.push(`${ind(1)}</article>`);
  }
  if (kind === 1) {
    parts.push(`${ind(1)}<section class="comments">`);
    for (let c = 0; c < 20; c++) parts.push(`${ind(2)}<div class="comment"><span class="author">${words(2)}</span><p>${words(20)} <a href="${ext()}" rel="ugc nofollow">${words(2)}</a></p></div>`);
    parts.push(`${ind(1)}</section>`);
  }
  if (kind === 3) {
    parts.push(`${ind(1)}<div class="links">`);
    for (let c = 0; c < 150; c++) parts.push(`<a href="${ext()}">${words(3)}</a> | `);
    parts.push(`<div style="display:none"><a href="${ext()}">${words(2)}</a></div></div>`);
  }
  parts.push(`\n</main>\n<aside id="secondary" class="widget-area sidebar">`);
  for (let w = 0; w < 8; w++) parts.push(`${ind(1)}<section class="widget"><h3>${words(2)}</h3><ul><li><a href="/tag/${words(1)}">${words(2)}</a></li><li><a href="${ext()}">${words(2)}</a></li></ul></section>`);
  parts.push(`\n</aside>\n</div>\n<footer id="colophon" class="site-footer">${ind(1)}<p>&copy; 2026 ${words(3)} · <a href="/privacy">Privacy</a> · <a href="mailto:info@${host}">Contact</a> · <a href="javascript:void(0)" onclick="top()">Top</a></p>`);
  parts.push(`${ind(1)}<a href="${ext()}" rel="sponsored">${words(3)}</a>\n</footer>`);
  parts.push(`<script src="/js/app.js?v=${seed}" defer></script>\n<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","name":"${words(4)}"}</script>\n</body>\n</html>\n`);
  return { url: `https://${host}/p/${seed}`, body: Buffer.from(parts.join('')), headers: { 'content-type': ['text/html; charset=utf-8'] } };
}

/**
 * The corpus: every real WARC payload (repeated `realCopies` times, so that real markup keeps a
 * fair share of the bytes) followed by `generatedPages` generated pages.
 */
export function extractCorpus(generatedPages = 200, realCopies = 6): CorpusPage[] {
  const real = readAllWarcHtmlPayloads().map((p) => ({ url: p.url, body: p.body, headers: p.headers }));
  const out: CorpusPage[] = [];
  for (let i = 0; i < realCopies; i++) out.push(...real);
  for (let i = 0; i < generatedPages; i++) out.push(generatePage(i + 1));
  return out;
}
