/**
 * Markers that the demo web does not exercise, on a small hand-made store: the bundled and the
 * user's spam lists, suspicious TLDs and names, a velocity spike after a quiet history, a language
 * mismatch, an expired domain's redirect, and the authority guard of the exact-match marker.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { auditTarget, loadSpamList } from '../../src/audit/index.js';
import type { AuditResult } from '../../src/audit/index.js';
import { ValidationError } from '../../src/core/errors.js';
import type { LinkRecord, PageRecord } from '../../src/core/types.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-30T12:00:00Z');

function link(src: string, anchor: string, at: Date, extra: Partial<LinkRecord> = {}): LinkRecord {
  const host = new URL(src).hostname;
  return {
    srcUrl: src, dstUrl: 'http://www.acme.test/', srcHost: host, srcDomain: host.replace(/^www\./, ''), dstHost: 'www.acme.test', dstDomain: 'acme.test',
    kind: 'a', anchor, nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false,
    httpStatus: null, firstSeen: at, lastSeen: at, source: 'crawl', ...extra,
  };
}

function page(url: string, lang: string | null, status = 200): PageRecord {
  const host = new URL(url).hostname;
  return {
    url, host, domain: host.replace(/^www\./, ''), ip: null, fetchedAt: NOW, status, contentType: status === 200 ? 'text/html' : null, bytes: 100, title: null, lang,
    canonical: null, noindex: false, nofollow: false, xRobots: null, outlinks: 1, contentHash: null, source: 'crawl', error: null, depth: 0,
    text: 'plenty of words '.repeat(60), wordCount: 180,
  };
}

describe('audit markers on a hand-made store', () => {
  const temp = makeTempDir('vouch-markers-');
  let store: DuckDbStore;
  let result: AuditResult;
  const marks = (domain: string): string[] => result.domains.find((d) => d.domain === domain)?.markers.map((m) => m.marker) ?? [];

  before(async () => {
    store = await openStore({ dataDir: temp.dir });
    const links: LinkRecord[] = [];
    const pages: PageRecord[] = [page('http://www.acme.test/', 'en-GB')];
    // A quiet history: one new domain every third day for 45 days, then 12 in one day.
    for (let i = 0; i < 15; i++) links.push(link(`http://quiet${i}.test/post`, 'Acme', new Date(NOW.getTime() - (45 - 3 * i) * DAY)));
    for (let i = 0; i < 12; i++) links.push(link(`http://burst${i}.test/p`, 'Acme', new Date(NOW.getTime() - DAY)));
    links.push(link('http://1-best-seo.com/x', 'Acme', new Date(NOW.getTime() - 40 * DAY)));
    links.push(link('http://mine-listed.test/x', 'Acme', new Date(NOW.getTime() - 40 * DAY)));
    links.push(link('http://cheap-seo-links.xyz/x', 'Acme', new Date(NOW.getTime() - 40 * DAY)));
    links.push(link('http://zeitung.test/artikel', 'Acme', new Date(NOW.getTime() - 40 * DAY)));
    pages.push(page('http://zeitung.test/artikel', 'de'), page('http://zeitung.test/', 'de-AT'));
    links.push(link('http://www.oldreviews2014.test/', '', new Date(NOW.getTime() - 40 * DAY), { kind: 'redirect', httpStatus: 301, position: 'body' }));
    pages.push(page('http://www.oldreviews2014.test/', null, 301));
    links.push(link('http://strong.test/a', 'cheap widgets', new Date(NOW.getTime() - 40 * DAY)));
    links.push(link('http://weak.test/a', 'Cheap  Widgets', new Date(NOW.getTime() - 40 * DAY)));
    await store.writePages(pages);
    await store.writeLinks(links);
    await store.run(`INSERT INTO domains (domain, pagerank, authority) VALUES ('strong.test', 0.1, 60), ('weak.test', 0.01, 10)`);
    await addTarget(store, { value: 'acme.test', name: 'acme', keywords: ['cheap widgets'] });
    const listFile = path.join(temp.dir, 'mine.txt');
    writeFileSync(listFile, '# my list\ndomain:Mine-Listed.test\n');
    result = await auditTarget(store, 'acme', { spamLists: [listFile], now: NOW });
  });
  after(async () => {
    await store.close();
    temp.cleanup();
  });

  it('flags domains on the bundled spam list and on the user’s own list', () => {
    assert.ok(marks('1-best-seo.com').includes('spam-list'));
    assert.ok(marks('mine-listed.test').includes('spam-list'));
    assert.ok(!marks('quiet1.test').includes('spam-list'));
    assert.equal(result.domains.find((d) => d.domain === '1-best-seo.com')!.toxicity >= 90, true);
  });

  it('flags a suspicious TLD and link-selling words in the name', () => {
    const d = result.domains.find((x) => x.domain === 'cheap-seo-links.xyz')!;
    const m = d.markers.find((x) => x.marker === 'suspicious-tld')!;
    assert.equal(m.strength, 1);
    assert.ok((m.evidence.matches as { match: string }[]).some((x) => x.match === '.xyz'));
  });

  it('flags the burst of new low-authority domains after a quiet history, and not the history', () => {
    for (let i = 0; i < 12; i++) assert.ok(marks(`burst${i}.test`).includes('velocity-spike'), `burst${i}`);
    for (let i = 0; i < 15; i++) assert.ok(!marks(`quiet${i}.test`).includes('velocity-spike'), `quiet${i}`);
    const e = result.domains.find((d) => d.domain === 'burst0.test')!.markers.find((m) => m.marker === 'velocity-spike')!.evidence;
    assert.equal(e.newLowAuthorityDomains, 12);
  });

  it('flags a language other than the target’s, by primary subtag', () => {
    assert.ok(marks('zeitung.test').includes('language-mismatch'));
    assert.ok(!marks('quiet0.test').includes('language-mismatch'));
  });

  it('flags a redirect from a domain that serves no page of its own', () => {
    const m = result.domains.find((d) => d.domain === 'oldreviews2014.test')!.markers.find((x) => x.marker === 'expired-redirect')!;
    assert.equal(m.strength, 1);
    assert.equal(m.evidence.pagesServed, 0);
  });

  it('flags an exact-match keyword anchor only from a low-authority source', () => {
    assert.ok(marks('weak.test').includes('exact-match-anchor'));
    assert.ok(!marks('strong.test').includes('exact-match-anchor'));
  });

  it('refuses a spam list with lines that are not domains, naming the line', async () => {
    const bad = path.join(temp.dir, 'bad.txt');
    writeFileSync(bad, 'good.test\nnot a domain\n');
    await assert.rejects(loadSpamList([bad]), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_INPUT' && e.issues[0]!.where.endsWith('bad.txt:2'));
    await assert.rejects(loadSpamList([path.join(temp.dir, 'missing.txt')]), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_CONFIG');
    assert.ok((await loadSpamList()).size >= 2300);
  });
});
