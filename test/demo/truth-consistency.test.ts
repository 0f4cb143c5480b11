import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tryCanonicalizeUrl } from '../../src/core/canonicalize-url.js';
import { generateDemoWeb, startDemoServer, truthLinkKey, type DemoServer, type DemoTruth, type DemoTruthLink, type DemoWeb } from '../../src/demo/index.js';
import { referenceLinks, type RefLink } from './reference-links.js';

const SMALL = { seed: 11, sites: 20, pages: 250 } as const;

function refKey(l: RefLink, src: string): string {
  return truthLinkKey({ kind: l.kind, srcUrl: src, dstUrl: l.dstUrl, anchor: l.anchor });
}

/** Compare the truth's links of one page with what the reference extractor finds in the served bytes. */
function comparePage(url: string, truthLinks: readonly DemoTruthLink[], served: RefLink[]): string[] {
  const problems: string[] = [];
  const found = new Map(served.map((l) => [refKey(l, url), l]));
  if (found.size !== served.length) problems.push(`${url}: served page repeats a (kind, dst, anchor)`);
  const expected = truthLinks.filter((l) => l.kind !== 'redirect');
  for (const t of expected) {
    const s = found.get(truthLinkKey(t));
    if (s === undefined) {
      problems.push(`${url}: truth link ${t.kind} ${t.dstUrl} "${t.anchor}" not served`);
      continue;
    }
    for (const field of ['nofollow', 'ugc', 'sponsored', 'metaNofollow', 'position', 'hidden'] as const) {
      if (s[field] !== t[field]) problems.push(`${url}: ${t.kind} ${t.dstUrl} "${t.anchor}" ${field} served ${String(s[field])}, truth ${String(t[field])}`);
    }
  }
  const truthKeys = new Set(expected.map(truthLinkKey));
  for (const [key, s] of found) if (!truthKeys.has(key)) problems.push(`${url}: served ${s.kind} ${s.dstUrl} "${s.anchor}" missing from truth`);
  return problems;
}

function linksBySource(truth: DemoTruth): Map<string, DemoTruthLink[]> {
  const bySrc = new Map<string, DemoTruthLink[]>();
  for (const l of truth.links) {
    const list = bySrc.get(l.srcUrl);
    if (list) list.push(l);
    else bySrc.set(l.srcUrl, [l]);
  }
  return bySrc;
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe('demo truth matches what the server serves', () => {
  let server: DemoServer;
  let web: DemoWeb;
  before(async () => {
    web = generateDemoWeb(SMALL);
    server = await startDemoServer({ web });
  });
  after(() => server.close());

  it('every page of the truth answers with its status, and every link in it is served exactly (small web, over HTTP)', async () => {
    const bySrc = linksBySource(web.truth);
    const problems: string[] = [];
    await inBatches(web.truth.pages, 32, async (page) => {
      const res = await server.get(page.url);
      if (res.status !== page.status) problems.push(`${page.url}: status ${res.status}, truth ${page.status}`);
      const links = bySrc.get(page.url) ?? [];
      if (page.status >= 300 && page.status < 400) {
        const location = tryCanonicalizeUrl(String(res.headers.location), page.url);
        if (location !== page.redirectTo) problems.push(`${page.url}: Location ${String(res.headers.location)}, truth ${page.redirectTo}`);
        const hop = links.find((l) => l.kind === 'redirect');
        if (hop?.dstUrl !== location || hop.httpStatus !== res.status) problems.push(`${page.url}: redirect link does not match the Location`);
        return;
      }
      if (page.status !== 200) return;
      problems.push(...comparePage(page.url, links, referenceLinks(page.url, res.body, res.headers as Record<string, string>)));
    });
    assert.deepEqual(problems, []);
    assert.ok(web.truth.links.length > 1000);
  });

  it('the windows-1252 page is served as windows-1252 bytes that are not valid UTF-8', async () => {
    const page = web.truth.pages.find((p) => p.charset === 'windows-1252');
    assert.ok(page, 'a windows-1252 page exists');
    const res = await server.get(page.url);
    assert.equal(res.headers['content-type'], 'text/html');
    assert.match(res.body.toString('latin1'), /<meta charset=["']windows-1252["']>/i);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(res.body));
    const anchor = web.truth.links.find((l) => l.srcUrl === page.url && l.dstDomain === web.truth.target && /à prix réduit/.test(l.anchor));
    assert.ok(anchor, 'the accented anchor is in the truth');
    assert.ok(res.body.includes(Buffer.from([0xe0])), 'à is the single byte 0xE0');
    assert.ok(res.body.includes(Buffer.from([0x96])), '– is the single byte 0x96');
  });
});

describe('the demo web at the default size', () => {
  it('is deterministic, about the asked size, and agrees with the reference extractor on every HTML page', () => {
    const web = generateDemoWeb();
    const again = generateDemoWeb();
    assert.equal(again.responses.size, web.responses.size);
    for (const [url, r] of web.responses) assert.ok(again.responses.get(url)?.body.equals(r.body), url);
    // The three niche blogs planted for prospecting come on top of `sites`.
    assert.equal(web.truth.domains.length, 60 + 3);
    const html = web.truth.pages.filter((p) => p.status === 200).length;
    assert.ok(html > 2700 && html < 3600, `HTML pages: ${html}`);
    let bytes = 0;
    for (const r of web.responses.values()) bytes += r.body.length;
    assert.ok(bytes < 3600 * 5000, `bytes: ${bytes}`);
    const bySrc = linksBySource(web.truth);
    const problems: string[] = [];
    for (const page of web.truth.pages) {
      if (page.status !== 200) continue;
      const res = web.responses.get(page.url);
      assert.ok(res, page.url);
      problems.push(...comparePage(page.url, bySrc.get(page.url) ?? [], referenceLinks(page.url, res.body, res.headers)));
      if (problems.length > 20) break;
    }
    assert.deepEqual(problems, []);
  });
});
