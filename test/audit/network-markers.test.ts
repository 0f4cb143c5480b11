/**
 * `link-farm`'s reciprocal rule and `pbn-footprint` on a small hand-made store, to the line of each
 * rule: shared hosting and a public theme with mutual citations are normal, a ring that spends its
 * votes on itself and sites on a private template on one server are not, and nofollow links trade
 * no vote.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { auditTarget } from '../../src/audit/index.js';
import type { AuditResult, DomainAudit } from '../../src/audit/index.js';
import type { LinkRecord, PageRecord } from '../../src/core/types.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const NOW = new Date('2026-06-30T12:00:00Z');
const AT = new Date('2026-05-01T12:00:00Z');

function link(srcDomain: string, dstDomain: string, extra: Partial<LinkRecord> = {}): LinkRecord {
  return {
    srcUrl: `http://${srcDomain}/post`, dstUrl: `http://${dstDomain}/`, srcHost: srcDomain, srcDomain, dstHost: dstDomain, dstDomain,
    kind: 'a', anchor: dstDomain, nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false,
    httpStatus: null, firstSeen: AT, lastSeen: AT, source: 'crawl', ...extra,
  };
}

function page(domain: string, ip: string, templateHash: string, trackingIds: string[] = []): PageRecord {
  return {
    url: `http://${domain}/post`, host: domain, domain, ip, fetchedAt: NOW, status: 200, contentType: 'text/html', bytes: 100, title: null, lang: 'en',
    canonical: null, noindex: false, nofollow: false, xRobots: null, outlinks: 1, contentHash: null, source: 'crawl', error: null, depth: 0,
    text: 'plenty of words '.repeat(60), wordCount: 180, trackingIds, templateHash,
  };
}

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}.test`);

describe('network markers on a hand-made store', () => {
  const temp = makeTempDir('vouch-network-markers-');
  let store: DuckDbStore;
  let result: AuditResult;
  const audit = (domain: string): DomainAudit => result.domains.find((d) => d.domain === domain)!;
  const marks = (domain: string): string[] => audit(domain).markers.map((m) => m.marker);

  // A ring: six sites that link to the target and to each other, and to nothing else.
  const ring = names('ring', 6);
  // A community: six blogs on one shared IP, with a theme that sites on other servers use too; they cite each other and ten outside sites.
  const blogs = names('blog', 6);
  const outside = names('news', 10);
  const themeUsers = names('elsewhere', 3);
  // A network: three sites on one server with a template nobody else has, linking each other both ways.
  const pbn = names('pbn', 3);
  // Two sites with one analytics id: one pair links with a followed link, the other only with nofollow.
  const [tr1, tr2, nf1, nf2] = ['tr1.test', 'tr2.test', 'nf1.test', 'nf2.test'] as const;

  before(async () => {
    store = await openStore({ dataDir: temp.dir });
    const links: LinkRecord[] = [];
    const pages: PageRecord[] = [page('acme.test', '10.9.9.9', 'acme')];
    const mesh = (group: string[]): void => {
      for (const a of group) for (const b of group) if (a !== b) links.push(link(a, b));
    };
    ring.forEach((d, i) => pages.push(page(d, `10.0.0.${i + 1}`, `ring-${i}`)));
    mesh(ring);
    blogs.forEach((d) => pages.push(page(d, '10.1.1.1', 'public-theme')));
    themeUsers.forEach((d, i) => pages.push(page(d, `10.3.3.${i + 1}`, 'public-theme')));
    mesh(blogs);
    for (const b of blogs) for (const o of outside) links.push(link(b, o));
    pbn.forEach((d) => pages.push(page(d, '10.2.2.2', 'own-build')));
    mesh(pbn);
    pages.push(page(tr1, '10.4.4.1', 'tr1', ['G-SHARED01']), page(tr2, '10.4.4.2', 'tr2', ['G-SHARED01']));
    pages.push(page(nf1, '10.5.5.1', 'nf1', ['G-SHARED02']), page(nf2, '10.5.5.2', 'nf2', ['G-SHARED02']));
    links.push(link(tr1, tr2), link(nf1, nf2, { nofollow: true }), link(nf2, nf1, { ugc: true }));
    for (const d of [...ring, ...blogs, ...pbn, tr1, tr2, nf1, nf2]) links.push(link(d, 'acme.test', { anchor: 'Acme' }));
    await store.writePages(pages);
    await store.writeLinks(links);
    await addTarget(store, { value: 'acme.test', name: 'acme' });
    result = await auditTarget(store, 'acme', { now: NOW, spamList: new Set() });
  });
  after(async () => {
    await store.close();
    temp.cleanup();
  });

  it('flags a ring that spends its followed links on itself as a link farm', () => {
    for (const d of ring) {
      const m = audit(d).markers.find((x) => x.marker === 'link-farm');
      assert.ok(m, d);
      assert.equal(m.strength, 0.75);
      assert.equal(m.evidence.reciprocalCount, 5);
      assert.equal(m.evidence.shareOfVotesInCluster, 0.83);
    }
  });

  it('does not flag blogs that cite each other and many outside sites, on one shared IP with a public theme', () => {
    for (const d of blogs) {
      assert.ok(!marks(d).includes('link-farm'), d);
      assert.ok(!marks(d).includes('pbn-footprint'), d);
      assert.ok(audit(d).toxicity < 20, `${d} ${audit(d).toxicity}`);
    }
  });

  it('flags sites on one server with a private template that link each other both ways as a network', () => {
    for (const d of pbn) {
      const m = audit(d).markers.find((x) => x.marker === 'pbn-footprint');
      assert.ok(m, d);
      assert.equal(m.strength, 1);
      assert.deepEqual(m.evidence.partners, pbn.filter((x) => x !== d));
      assert.deepEqual(m.evidence.template, { domainsCrawlWide: 3, ips: ['10.2.2.2'], private: true });
    }
  });

  it('pairs sites that share a tracking id by a followed link, not by nofollow or ugc links', () => {
    assert.deepEqual(audit(tr1).markers.find((x) => x.marker === 'pbn-footprint')?.evidence.partners, [tr2]);
    assert.deepEqual(audit(tr2).markers.find((x) => x.marker === 'pbn-footprint')?.evidence.partners, [tr1]);
    assert.ok(!marks(nf1).includes('pbn-footprint'));
    assert.ok(!marks(nf2).includes('pbn-footprint'));
  });
});
