import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.js';
import { extractLinks } from '../../src/extract/index.js';
import type { ExtractOptions, ExtractResult, ExtractedLink } from '../../src/extract/index.js';

const PAGE = 'http://page.test/dir/page.html';

function ex(html: string | Buffer, opts: Partial<ExtractOptions> = {}): ExtractResult {
  return extractLinks(typeof html === 'string' ? Buffer.from(html) : html, { url: PAGE, ...opts });
}

function only(r: ExtractResult): ExtractedLink {
  assert.equal(r.links.length, 1, `expected one link, got ${JSON.stringify(r.links.map((l) => l.dstUrl))}`);
  return r.links[0]!;
}

describe('extractLinks: link kinds', () => {
  it('extracts <a href> with every field', () => {
    const l = only(ex('<p>Read <a href="https://Shop.TEST:443/a/../b?x=%7e#frag">the shop</a> now.</p>'));
    assert.deepEqual(l, {
      dstUrl: 'https://shop.test/b?x=~', dstHost: 'shop.test', dstDomain: 'shop.test', kind: 'a', anchor: 'the shop',
      nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'body', context: 'Read the shop now.', hidden: false,
    });
  });

  it('resolves relative hrefs against the page URL', () => {
    const r = ex('<a href="x">1</a><a href="../y">2</a><a href="/z">3</a><a href="//cdn.test/w">4</a><a href="?q=1">5</a>');
    assert.deepEqual(r.links.map((l) => l.dstUrl), [
      'http://page.test/dir/x', 'http://page.test/y', 'http://page.test/z', 'http://cdn.test/w', 'http://page.test/dir/page.html?q=1',
    ]);
  });

  it('gives <a><img alt></a> with no text kind img and the alt as anchor', () => {
    const l = only(ex('<a href="http://img.test/"> <img src="a.png" alt="  Big   logo "> </a>'));
    assert.equal(l.kind, 'img');
    assert.equal(l.anchor, 'Big logo');
  });

  it('uses the first non-empty alt, and gives img with an empty anchor when no alt', () => {
    assert.equal(only(ex('<a href="http://i.test/"><img alt=""><img alt="second"></a>')).anchor, 'second');
    const l = only(ex('<a href="http://i.test/"><img src="x.png"></a>'));
    assert.equal(l.kind, 'img');
    assert.equal(l.anchor, '');
  });

  it('gives kind a with the text when an image link also has text (alt ignored)', () => {
    const l = only(ex('<a href="http://i.test/"><img alt="icon"> Visit us</a>'));
    assert.equal(l.kind, 'a');
    assert.equal(l.anchor, 'Visit us');
  });

  it('extracts <area href> as kind a with its alt', () => {
    const l = only(ex('<map><area shape="rect" href="/region" alt="Region one" rel="nofollow"></map>'));
    assert.deepEqual([l.kind, l.anchor, l.dstUrl, l.nofollow], ['a', 'Region one', 'http://page.test/region', true]);
  });

  it('ignores <a> without href and elements that merely look like links', () => {
    assert.equal(ex('<a name="top">x</a><a>y</a><img src="http://i.test/x.png"><link rel="stylesheet" href="/s.css">').links.length, 0);
  });

  it('extracts <link rel=canonical> as kind canonical and sets page.canonical', () => {
    const r = ex('<head><link rel="Canonical" href="/canon#x"><link rel="canonical" href="/second"></head>');
    assert.deepEqual(r.links.map((l) => [l.kind, l.dstUrl]), [['canonical', 'http://page.test/canon'], ['canonical', 'http://page.test/second']]);
    assert.equal(r.page.canonical, 'http://page.test/canon');
  });

  it('extracts a canonical from the HTTP Link header as kind link-header', () => {
    const r = ex('<p>x</p>', {
      headers: { LINK: ['<https://cdn.test/style.css>; rel=preload', '</canon>; rel="canonical", <https://other.test/next>; rel="next"'] },
    });
    assert.deepEqual(r.links.map((l) => [l.kind, l.dstUrl]), [['link-header', 'http://page.test/canon']]);
    assert.equal(r.page.canonical, 'http://page.test/canon');
  });

  it('prefers the <link> canonical over the header for page.canonical', () => {
    const r = ex('<link rel="canonical" href="/html">', { headers: { link: '</hdr>; rel=canonical' } });
    assert.equal(r.page.canonical, 'http://page.test/html');
    assert.deepEqual(r.links.map((l) => l.kind).sort(), ['canonical', 'link-header']);
  });

  it('extracts meta refresh targets in their many spellings', () => {
    const cases: Array<[string, string | null]> = [
      ['0; url=http://r.test/a', 'http://r.test/a'],
      ['0;URL=\'/b\'', 'http://page.test/b'],
      ["5 , url = 'c.html'", 'http://page.test/dir/c.html'],
      ['3;http://r.test/d', 'http://r.test/d'],
      ['10', null],
      ['', null],
      ['soon; url=/x', null],
    ];
    for (const [content, want] of cases) {
      const r = ex(`<meta http-equiv="Refresh" content="${content}">`);
      assert.deepEqual(r.links.map((l) => [l.kind, l.dstUrl]), want === null ? [] : [['meta-refresh', want]], content);
    }
  });
});

describe('extractLinks: base href', () => {
  it('resolves later links against the first <base href>', () => {
    const r = ex('<a href="before">0</a><base href="http://base.test/b/"><base href="http://second.test/"><a href="after">1</a>');
    assert.deepEqual(r.links.map((l) => l.dstUrl), ['http://page.test/dir/before', 'http://base.test/b/after']);
    assert.equal(r.page.baseUrl, 'http://base.test/b/');
  });

  it('resolves a relative base against the page and ignores unusable ones', () => {
    assert.equal(ex('<base href="/root/"><a href="x">1</a>').links[0]!.dstUrl, 'http://page.test/root/x');
    assert.equal(ex('<base href="javascript:alert(1)"><a href="x">1</a>').links[0]!.dstUrl, 'http://page.test/dir/x');
    assert.equal(ex('<base target="_blank"><base href="/b/"><a href="x">1</a>').links[0]!.dstUrl, 'http://page.test/b/x');
  });

  it('does not apply <base> to the HTTP Link header', () => {
    const r = ex('<base href="http://base.test/">', { headers: { link: '<c>; rel=canonical' } });
    assert.equal(r.links[0]!.dstUrl, 'http://page.test/dir/c');
  });
});

describe('extractLinks: anchor text', () => {
  it('collapses whitespace (incl. &nbsp;), decodes entities and keeps inline markup words whole', () => {
    const l = only(ex('<a href="/x">\n   Caf&eacute;&nbsp;&amp;\t<b>Ex</b>ample <span>shop</span>\n</a>'));
    assert.equal(l.anchor, 'Café & Example shop');
  });

  it('separates block elements with a space', () => {
    assert.equal(only(ex('<a href="/x"><div>One</div><div>Two</div></a>')).anchor, 'One Two');
  });

  it('leaves script and style text out of anchors', () => {
    assert.equal(only(ex('<a href="/x">Hi<script>var a = "<b>";</script><style>.a{}</style> there</a>')).anchor, 'Hi there');
  });

  it('cuts anchors at 500 characters', () => {
    const l = only(ex(`<a href="/x">${'word '.repeat(300)}</a>`));
    assert.ok(l.anchor.length <= 500 && l.anchor.length >= 495, String(l.anchor.length));
    assert.ok(l.anchor.startsWith('word word'));
  });

  it('copes with a huge anchor (2 MB) without keeping it', () => {
    const huge = 'x'.repeat(1_000_000) + ' ' + '\n'.repeat(1_000_000);
    const l = only(ex(`<a href="/x">${huge}</a><p>after</p>`));
    assert.equal(l.anchor, 'x'.repeat(500));
  });
});

describe('extractLinks: rel tokens', () => {
  it('splits on spaces and commas, any case', () => {
    const r = ex(
      '<a href="/1" rel="NoFollow">1</a><a href="/2" rel="ugc,nofollow">2</a><a href="/3" rel=" sponsored\tnoopener ">3</a>' +
        '<a href="/4" rel="nofollowed ugcx">4</a><a href="/5" rel="external, SPONSORED,UGC">5</a>',
    );
    assert.deepEqual(r.links.map((l) => [l.nofollow, l.ugc, l.sponsored]), [
      [true, false, false], [true, true, false], [false, false, true], [false, false, false], [false, true, true],
    ]);
  });
});

describe('extractLinks: meta robots and X-Robots-Tag', () => {
  const links = '<a href="/a">a</a><a href="/b">b</a>';

  it('applies meta robots nofollow to every link, even links before the tag', () => {
    const r = ex(`<body>${links}<meta name="robots" content="noindex, NOFOLLOW"></body>`);
    assert.deepEqual(r.links.map((l) => [l.metaNofollow, l.nofollow]), [[true, false], [true, false]]);
    assert.deepEqual([r.page.noindex, r.page.nofollow, r.page.metaRobots], [true, true, 'noindex, NOFOLLOW']);
  });

  it('treats none as noindex + nofollow and follows the agents we answer to', () => {
    assert.deepEqual(pageFlags(ex(`<meta name="robots" content="none">${links}`)), [true, true]);
    assert.deepEqual(pageFlags(ex(`<meta name="googlebot" content="nofollow">${links}`)), [false, true]);
    assert.deepEqual(pageFlags(ex(`<meta name="VOUCH" content="noindex">${links}`)), [true, false]);
    assert.deepEqual(pageFlags(ex(`<meta name="bingbot" content="noindex,nofollow">${links}`)), [false, false]);
    assert.deepEqual(pageFlags(ex(`<meta name="robots" content="index, follow">${links}`)), [false, false]);
  });

  it('lets the most restrictive directive win', () => {
    const r = ex(`<meta name="robots" content="follow"><meta name="googlebot" content="nofollow"><meta name="robots" content="index">${links}`);
    assert.deepEqual(pageFlags(r), [false, true]);
    assert.ok(r.links.every((l) => l.metaNofollow));
  });

  it('reads X-Robots-Tag: generic, agent-addressed, several values', () => {
    assert.deepEqual(pageFlags(ex(links, { headers: { 'X-Robots-Tag': 'nofollow' } })), [false, true]);
    assert.deepEqual(pageFlags(ex(links, { headers: { 'x-robots-tag': 'googlebot: nofollow' } })), [false, true]);
    assert.deepEqual(pageFlags(ex(links, { headers: { 'x-robots-tag': 'otherbot: noindex, nofollow' } })), [false, false]);
    assert.deepEqual(pageFlags(ex(links, { headers: { 'x-robots-tag': ['unavailable_after: 25 Jun 2010 15:00:00 PST', 'vouch: none'] } })), [true, true]);
    assert.deepEqual(pageFlags(ex(links, { headers: { 'x-robots-tag': 'googlebot: noindex, otherbot: nofollow' } })), [true, false]);
    const r = ex(links, { headers: { 'X-Robots-Tag': 'NONE' } });
    assert.equal(r.page.xRobots, 'NONE');
    assert.ok(r.links.every((l) => l.metaNofollow));
  });

  it('answers to configured robots agents', () => {
    const r = ex(`<meta name="mybot" content="nofollow"><meta name="googlebot" content="noindex">${links}`, { robotsAgents: ['MyBot'] });
    assert.deepEqual(pageFlags(r), [false, true]);
  });
});

function pageFlags(r: ExtractResult): [boolean, boolean] {
  return [r.page.noindex, r.page.nofollow];
}

describe('extractLinks: position', () => {
  const cases: Array<[string, string]> = [
    ['<header><a href="/x">x</a></header>', 'header'],
    ['<nav><ul><li><a href="/x">x</a></li></ul></nav>', 'nav'],
    ['<main><p><a href="/x">x</a></p></main>', 'main'],
    ['<article><a href="/x">x</a></article>', 'main'],
    ['<aside><a href="/x">x</a></aside>', 'aside'],
    ['<footer><a href="/x">x</a></footer>', 'footer'],
    ['<div><p><a href="/x">x</a></p></div>', 'body'],
    ['<header><nav><a href="/x">x</a></nav></header>', 'nav'],
    ['<article><header><a href="/x">x</a></header></article>', 'main'],
    ['<article><footer><a href="/x">x</a></footer></article>', 'main'],
    ['<div class="site-footer"><a href="/x">x</a></div>', 'footer'],
    ['<div id="sidebar"><a href="/x">x</a></div>', 'aside'],
    ['<div class="widget LeftSidebar"><a href="/x">x</a></div>', 'aside'],
    ['<ul class="menu"><li><a href="/x">x</a></li></ul>', 'nav'],
    ['<div class="navbar navbar-dark"><a href="/x">x</a></div>', 'nav'],
    ['<div id="masthead"><a href="/x">x</a></div>', 'header'],
    ['<div id="content"><a href="/x">x</a></div>', 'main'],
    ['<div id="content"><div class="entry-footer"><a href="/x">x</a></div></div>', 'main'],
    ['<div id="content"><footer><a href="/x">x</a></footer></div>', 'footer'],
    ['<div class="sidebar-content"><a href="/x">x</a></div>', 'aside'],
    ['<div role="navigation"><a href="/x">x</a></div>', 'nav'],
    ['<div role="contentinfo"><a href="/x">x</a></div>', 'footer'],
    ['<div class="canvas navy"><a href="/x">x</a></div>', 'body'],
    ['<body class="has-sidebar footer-widgets"><a href="/x">x</a></body>', 'body'],
    ['<main><div class="sidebar"><a href="/x">x</a></div></main>', 'aside'],
    ['<footer></footer><a href="/x">x</a>', 'body'],
  ];
  for (const [html, want] of cases) {
    it(`${html} → ${want}`, () => assert.equal(only(ex(html)).position, want));
  }
});

describe('extractLinks: hidden', () => {
  const cases: Array<[string, boolean]> = [
    ['<a href="/x" style="display:none">x</a>', true],
    ['<div style="DISPLAY : None !important"><a href="/x">x</a></div>', true],
    ['<div style="visibility: hidden"><p><a href="/x">x</a></p></div>', true],
    ['<span style="font-size:0"><a href="/x">x</a></span>', true],
    ['<span style="font-size: 0px;color:red"><a href="/x">x</a></span>', true],
    ['<div style="text-indent:-9999px"><a href="/x">x</a></div>', true],
    ['<div hidden><a href="/x">x</a></div>', true],
    ['<a href="/x" hidden="hidden">x</a>', true],
    ['<span style="font-size:0.8em"><a href="/x">x</a></span>', false],
    ['<div style="display:block;margin:0"><a href="/x">x</a></div>', false],
    ['<div style="display:none"></div><a href="/x">x</a>', false],
    ['<div style="text-indent:-10px"><a href="/x">x</a></div>', false],
  ];
  for (const [html, want] of cases) {
    it(`${html} → ${want}`, () => assert.equal(only(ex(html)).hidden, want));
  }
});

describe('extractLinks: context', () => {
  it('takes about 50 characters either side, cut at word boundaries', () => {
    const before = 'The quick brown fox jumps over the lazy dog while the sun sets slowly behind the hills';
    const after = 'and then the story goes on for a long while with many more words than fit in the snippet';
    const l = only(ex(`<p>${before} <a href="/x">my anchor</a> ${after}</p>`));
    assert.equal(l.context, 'dog while the sun sets slowly behind the hills my anchor and then the story goes on for a long while with');
  });

  it('runs across tags, with spaces at block boundaries', () => {
    const l = only(ex('<ul><li>Home</li><li><a href="/x">Shop</a></li><li>About</li></ul>'));
    assert.equal(l.context, 'Home Shop About');
  });

  it('keeps the text before a very long anchor (longer than the text window)', () => {
    const l = only(ex(`<p>words before it <a href="/x">${'abc '.repeat(2000)}</a> words after it</p>`));
    assert.equal(l.anchor.length, 499);
    assert.match(l.context, /^words before it abc abc .* abc words after it$/);
    assert.ok(l.context.length < 200, String(l.context.length));
  });

  it('follows the page spacing around the anchor', () => {
    assert.equal(only(ex('<p>See <a href="/x">the shop</a>.</p>')).context, 'See the shop.');
    assert.equal(only(ex('<p>(<a href="/x">ref</a>)</p>')).context, '(ref)');
    assert.equal(only(ex('<p>one<a href="/x"> two </a>three</p>')).context, 'one two three');
    assert.equal(only(ex('<p>logo:<a href="/x"><img alt="Acme"></a>!</p>')).context, 'logo: Acme !');
  });

  it('uses the text there is at the start and end of the page', () => {
    assert.equal(only(ex('<a href="/x">alone</a>')).context, 'alone');
    assert.equal(only(ex('<a href="/x"><img alt="pic"></a>')).context, 'pic');
  });

  it('cuts the anchor inside the context at 100 characters', () => {
    const l = only(ex(`<p>before <a href="/x">${'long '.repeat(60)}</a> after</p>`));
    assert.ok(l.context.length < 130, String(l.context.length));
    assert.ok(l.context.startsWith('before long long'));
    assert.ok(l.context.endsWith('after'));
  });
});

describe('extractLinks: skipped hrefs', () => {
  it('counts javascript, mailto, tel, data, fragment, invalid and other schemes', () => {
    const r = ex(
      '<a href="javascript:void(0)">1</a><a href=" JavaScript:go()">2</a><a href="java\nscript:x">3</a><a href="mailto:a@b.test">4</a>' +
        '<a href="tel:+4912345">5</a><a href="data:text/html,hi">6</a><a href="#top">7</a><a href="">8</a><a href="   ">9</a>' +
        '<a href="http://[::1">10</a><a href="http://exa mple.test/">11</a><a href="ftp://f.test/">12</a><a href="whatsapp://send">13</a>' +
        '<a href="http://ok.test/">ok</a>',
    );
    assert.deepEqual(r.links.map((l) => l.dstUrl), ['http://ok.test/']);
    assert.deepEqual(r.skipped, { javascript: 3, mailto: 1, tel: 1, data: 1, fragment: 3, invalid: 2, other: 2 });
  });

  it('keeps a link to the page itself when it has a path or query', () => {
    assert.equal(only(ex('<a href="page.html#x">self</a>')).dstUrl, PAGE);
  });
});

describe('extractLinks: page facts', () => {
  it('reads title (first, collapsed, entities decoded) and html lang', () => {
    const r = ex('<html lang=" de-AT "><head><title>\n  Caf&eacute;   &amp; Bar </title><title>second</title></head><body><svg><title>icon</title></svg></body></html>');
    assert.equal(r.page.title, 'Café & Bar');
    assert.equal(r.page.lang, 'de-AT');
  });

  it('ignores an <svg> title before the real one, and gives nulls when absent', () => {
    assert.equal(ex('<svg><title>icon</title></svg><title>Real</title>').page.title, 'Real');
    const r = ex('<p>no head</p>');
    assert.deepEqual([r.page.title, r.page.lang, r.page.canonical, r.page.metaRobots, r.page.xRobots], [null, null, null, null, null]);
  });

  it('describes the page URL', () => {
    const r = ex('', { url: 'HTTP://WWW.Blog.Example.co.uk:80/a/../p#x' });
    assert.deepEqual([r.page.url, r.page.host, r.page.domain], ['http://www.blog.example.co.uk/p', 'www.blog.example.co.uk', 'example.co.uk']);
  });

  it('throws INVALID_URL for a bad page URL', () => {
    for (const url of ['not a url', 'ftp://x.test/', '']) {
      assert.throws(() => extractLinks('', { url }), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_URL');
    }
  });
});

describe('extractLinks: bad input never throws', () => {
  it('handles truncated HTML mid-tag, mid-attribute and mid-anchor', () => {
    const full = '<html><head><title>T</title></head><body><p>x <a href="/one">one</a> y <a href="/two" rel="nofollow">two words</a></p></body></html>';
    for (let cut = 0; cut <= full.length; cut++) {
      const r = ex(full.slice(0, cut));
      assert.ok(r.links.length <= 2);
    }
    const r = ex('<p>text <a href="/open">never closed');
    assert.deepEqual(r.links.map((l) => [l.dstUrl, l.anchor]), [['http://page.test/open', 'never closed']]);
    // A tag cut off before its `>` is dropped, as browsers do.
    assert.equal(ex('<a href="/x" rel="nofollow').links.length, 0);
    assert.equal(ex('<p>a</p><a href="/x"').links.length, 0);
  });

  it('handles mismatched and unclosed tags', () => {
    const r = ex('<div><a href="/a">a<a href="/b">b</div></span></a><footer><nav><p><a href="/c">c</footer><a href="/d">d');
    assert.deepEqual(r.links.map((l) => [l.dstUrl.slice(17), l.anchor]), [['a', 'a'], ['b', 'b'], ['c', 'c'], ['d', 'd']]);
  });

  it('handles binary garbage', () => {
    let seed = 42;
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed & 0xff;
    }
    const r = ex(bytes);
    assert.ok(Array.isArray(r.links));
    assert.equal(r.bytes, 200_000);
  });

  it('handles very deep nesting', () => {
    const r = ex('<div>'.repeat(5000) + '<a href="/deep">deep</a>' + '</div>'.repeat(5000));
    assert.equal(only(r).dstUrl, 'http://page.test/deep');
  });

  it('handles a 10,000-character URL', () => {
    const path = '/' + 'a'.repeat(10_000);
    const l = only(ex(`<a href="${path}?q=${'b'.repeat(100)}">long</a>`));
    assert.equal(l.dstUrl, `http://page.test${path}?q=${'b'.repeat(100)}`);
  });

  it('handles empty input and a lone BOM', () => {
    assert.equal(ex('').links.length, 0);
    assert.equal(ex(Buffer.from([0xef, 0xbb, 0xbf])).page.charset, 'utf-8');
  });
});
