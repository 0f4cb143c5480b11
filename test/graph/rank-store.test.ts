import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import type { LinkRecord, PageRecord } from '../../src/core/types.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { pagerank } from '../../src/graph/pagerank.js';
import { rankStore } from '../../src/graph/rank-store.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const DAY = new Date('2026-01-02T00:00:00Z');

function link(src: string, dst: string, over: Partial<LinkRecord> = {}): LinkRecord {
  const host = (url: string): string => new URL(url).hostname;
  const domain = (url: string): string => host(url).split('.').slice(-2).join('.');
  return {
    srcUrl: src, dstUrl: dst, srcHost: host(src), srcDomain: domain(src), dstHost: host(dst), dstDomain: domain(dst), kind: 'a',
    anchor: `${src} → ${dst}`, nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '',
    hidden: false, httpStatus: null, firstSeen: DAY, lastSeen: DAY, source: 'crawl', ...over,
  };
}

function page(url: string): PageRecord {
  const host = new URL(url).hostname;
  return {
    url, host, domain: host.split('.').slice(-2).join('.'), ip: null, fetchedAt: DAY, status: 200, contentType: 'text/html', bytes: 1,
    title: null, lang: null, canonical: null, noindex: false, nofollow: false, xRobots: null, outlinks: 0, contentHash: null,
    source: 'crawl', error: null, depth: 0,
  };
}

interface HostRow {
  host: string;
  domain: string;
  pages: number;
  pagerank: number;
  harmonic: number;
  trust: number | null;
  spam_mass: number | null;
  authority: number;
  in_degree: number;
  out_degree: number;
  ref_domains: number;
  computed_at: Date;
}

describe('rankStore', () => {
  const tmp = makeTempDir();
  let store: DuckDbStore;
  const now = new Date('2026-02-01T12:00:00Z');
  before(async () => {
    store = await openStore({ dataDir: tmp.dir });
    await store.writePages([page('http://www.agency.gov/'), page('http://www.shop.test/'), page('http://www.shop.test/about'), page('http://blog.shop.test/')]);
    await store.writeLinks([
      link('http://www.agency.gov/', 'http://www.shop.test/'),
      link('http://www.agency.gov/', 'http://news.paper.test/'),
      link('http://news.paper.test/', 'http://www.shop.test/'),
      link('http://news.paper.test/a', 'http://www.shop.test/about'),
      link('http://blog.shop.test/', 'http://www.shop.test/'), // within the domain: a host edge, not a domain edge
      link('http://www.shop.test/', 'http://www.shop.test/about'), // internal: only in the page graph
      link('http://www.shop.test/about', 'http://news.paper.test/'),
      // None of these make edges:
      link('http://farm1.spam.test/', 'http://www.shop.test/', { nofollow: true }),
      link('http://farm2.spam.test/', 'http://www.shop.test/', { ugc: true }),
      link('http://farm3.spam.test/', 'http://www.shop.test/', { sponsored: true }),
      link('http://farm4.spam.test/', 'http://www.shop.test/', { metaNofollow: true }),
      link('http://farm5.spam.test/', 'http://www.shop.test/', { kind: 'img' }),
      link('http://farm6.spam.test/', 'http://www.shop.test/'),
    ]);
    await store.run(`UPDATE links SET lost_at = $1 WHERE src_host = 'farm6.spam.test'`, [DAY]);
  });
  after(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('ranks every host and domain from live followed links, and pages with internal links', async () => {
    const summary = await rankStore(store, { now, threads: 1 });
    assert.equal(summary.seedSource, 'default');
    const hosts = await store.all<HostRow>(`SELECT * FROM hosts ORDER BY host`);
    assert.deepEqual(
      hosts.map((h) => h.host),
      ['blog.shop.test', 'farm1.spam.test', 'farm2.spam.test', 'farm3.spam.test', 'farm4.spam.test', 'farm5.spam.test', 'farm6.spam.test', 'news.paper.test', 'www.agency.gov', 'www.shop.test'],
    );
    const byHost = new Map(hosts.map((h) => [h.host, h]));
    const shop = byHost.get('www.shop.test')!;
    assert.equal(shop.in_degree, 3, 'agency, paper and blog; the spam links do not count');
    assert.equal(shop.ref_domains, 2, 'agency.gov and paper.test; its own domain does not refer');
    assert.equal(shop.out_degree, 1);
    assert.equal(shop.pages, 2);
    assert.equal(shop.computed_at.toISOString(), now.toISOString());
    assert.equal(byHost.get('farm1.spam.test')!.out_degree, 0);
    assert.equal(summary.hosts.edges, 5);
    assert.ok(Math.abs(hosts.reduce((s, h) => s + h.pagerank, 0) - 1) < 1e-9);

    // The same PageRank as the algorithm on the graph written out by hand (ids in name order).
    const ids = new Map(hosts.map((h, i) => [h.host, i]));
    const pairs: Array<[string, string]> = [
      ['www.agency.gov', 'www.shop.test'], ['www.agency.gov', 'news.paper.test'], ['news.paper.test', 'www.shop.test'],
      ['blog.shop.test', 'www.shop.test'], ['www.shop.test', 'news.paper.test'],
    ];
    const expected = pagerank(buildGraph({ nodeCount: hosts.length, edgeCount: pairs.length, src: Int32Array.from(pairs, (p) => ids.get(p[0])!), dst: Int32Array.from(pairs, (p) => ids.get(p[1])!), weights: null }));
    hosts.forEach((h, i) => assert.ok(Math.abs(h.pagerank - expected.scores[i]) < 1e-12));

    // Default seeds: the .gov host; trust flows along links and spam mass is a fraction.
    assert.ok(byHost.get('www.agency.gov')!.trust! > 0);
    assert.equal(byHost.get('farm1.spam.test')!.trust, 0);
    for (const h of hosts) assert.ok(h.spam_mass! >= 0 && h.spam_mass! <= 1);
    assert.equal(Math.max(...hosts.map((h) => h.authority)), 100);

    const domains = await store.all<{ domain: string; in_degree: number; hosts: number; authority: number }>(`SELECT domain, in_degree, hosts, authority FROM domains ORDER BY domain`);
    const shopDomain = domains.find((d) => d.domain === 'shop.test')!;
    assert.equal(shopDomain.in_degree, 2, 'blog.shop.test → www.shop.test stays inside the domain');
    assert.equal(shopDomain.hosts, 2);
    assert.equal(summary.domains.edges, 4);

    const pages = await store.all<{ url: string; page_rank: number; url_rating: number; rank_computed_at: Date }>(`SELECT url, page_rank, url_rating, rank_computed_at FROM pages ORDER BY url`);
    assert.equal(pages.length, 4);
    for (const p of pages) assert.ok(p.page_rank > 0 && p.url_rating >= 0 && p.url_rating <= 100 && p.rank_computed_at.getTime() === now.getTime());
    const about = pages.find((p) => p.url === 'http://www.shop.test/about')!;
    const blog = pages.find((p) => p.url === 'http://blog.shop.test/')!;
    assert.ok(about.page_rank > blog.page_rank, 'the internal link and the paper link lift /about');
  });

  it('takes trust seeds from a list, matching hosts or their domains', async () => {
    const summary = await rankStore(store, { now, threads: 1, seedNames: ['paper.test'] });
    assert.equal(summary.seedSource, 'file');
    assert.equal(summary.hosts.seeds, 1);
    const agency = await store.one<{ trust: number }>(`SELECT trust FROM hosts WHERE host = 'www.agency.gov'`);
    assert.equal(agency?.trust, 0, 'nothing links to the agency from the paper');
    const none = await rankStore(store, { now, threads: 1, seedNames: ['nowhere.test'] });
    assert.equal(none.hosts.seeds, 0);
    const row = await store.one<{ trust: number | null; spam_mass: number | null }>(`SELECT trust, spam_mass FROM hosts WHERE host = 'www.shop.test'`);
    assert.deepEqual({ ...row }, { trust: null, spam_mass: null });
  });

  it('keeps the stored metrics when a run fails', async () => {
    await rankStore(store, { now, threads: 1 });
    const before = await store.all(`SELECT * FROM hosts ORDER BY host`);
    await assert.rejects(rankStore(store, { now: new Date(), damping: 1 }), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
    assert.deepEqual(await store.all(`SELECT * FROM hosts ORDER BY host`), before);
    // A failure inside the write transaction (the last statement) rolls back the host and domain upserts too.
    const failing = Object.create(store, {
      run: {
        value: async (sql: string, params?: Parameters<DuckDbStore['run']>[1]) => {
          if (sql.trimStart().startsWith('UPDATE pages')) throw new VouchError('STORE_FAILED', 'disk full');
          return store.run(sql, params);
        },
      },
    }) as DuckDbStore;
    await assert.rejects(rankStore(failing, { now: new Date('2030-01-01T00:00:00Z'), threads: 1, seedNames: ['paper.test'] }), (err: unknown) => err instanceof VouchError && err.code === 'STORE_FAILED');
    assert.deepEqual(await store.all(`SELECT * FROM hosts ORDER BY host`), before);
  });
});
