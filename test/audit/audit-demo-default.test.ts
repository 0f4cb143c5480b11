/**
 * Acceptance of the link audit on the demo web as `vouch demo` builds it: the default size
 * (generateDemoWeb's defaults), a real crawl with sitemaps, `vouch rank`'s rankStore with its default
 * trust seeds (not the truth's), then the audit at the default threshold. Precision and recall for
 * spam and PBN referring domains are at least 0.9, no authoritative hub is flagged, and a second
 * crawl and audit of the same web flags the same domains. The blogs of the demo share a handful of IPs on one
 * /24, a few templates and blogrolls, as sites on shared hosting do: none of that may flag them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AUDIT_DEFAULTS, auditTarget } from '../../src/audit/index.js';
import type { AuditResult } from '../../src/audit/index.js';
import { crawl } from '../../src/crawl/crawler/index.js';
import { DEMO_WEB_DEFAULTS, startDemoServer } from '../../src/demo/index.js';
import type { DemoServer, DemoTruth } from '../../src/demo/index.js';
import { rankStore } from '../../src/graph/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const flagged = (r: AuditResult): string[] => r.domains.filter((d) => d.toxicity >= AUDIT_DEFAULTS.threshold).map((d) => d.domain).sort();

describe('audit of the default demo web, ranked with the default trust seeds', () => {
  const temp = makeTempDir('vouch-audit-demo-default-');
  let server: DemoServer;
  let store: DuckDbStore;
  let truth: DemoTruth;
  let result: AuditResult;

  before(async () => {
    server = await startDemoServer({});
    truth = server.truth;
    store = await openStore({ dataDir: temp.dir });
    const crawled = await crawl(store, { seeds: truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32, sitemaps: true, fresh: true });
    assert.equal(crawled.state, 'done');
    await rankStore(store, {});
    await addTarget(store, { value: truth.target, name: 'acme', brand: truth.brandTerms, keywords: truth.keywords });
    result = await auditTarget(store, 'acme');
  });
  after(async () => {
    await store.close();
    await server.close();
    temp.cleanup();
  });

  it('is the default demo web, on shared addresses', () => {
    assert.equal(truth.domains.length >= DEMO_WEB_DEFAULTS.sites, true);
    const ips = new Set(truth.sites.map((s) => s.ip));
    assert.ok(ips.size < truth.sites.length / 4, `${ips.size} addresses for ${truth.sites.length} sites`);
  });

  it('finds spam and PBN referring domains with precision and recall of at least 0.9, at the default threshold', () => {
    const classOf = new Map(truth.domains.map((d) => [d.domain, d.class]));
    const matrix = { tp: 0, fp: 0, fn: 0, tn: 0 };
    const wrong: string[] = [];
    for (const d of result.domains) {
      const bad = classOf.get(d.domain) === 'spam' || classOf.get(d.domain) === 'pbn';
      const isFlagged = d.toxicity >= AUDIT_DEFAULTS.threshold;
      if (bad && isFlagged) matrix.tp++;
      else if (!bad && isFlagged) matrix.fp++;
      else if (bad) matrix.fn++;
      else matrix.tn++;
      if (bad !== isFlagged) wrong.push(`${d.domain} ${classOf.get(d.domain)} ${d.toxicity} [${d.markers.map((m) => m.marker).join(', ')}]`);
    }
    const precision = matrix.tp / (matrix.tp + matrix.fp);
    const recall = matrix.tp / (matrix.tp + matrix.fn);
    console.log(`default demo web, confusion matrix at threshold ${AUDIT_DEFAULTS.threshold}: ${JSON.stringify(matrix)}, precision ${precision}, recall ${recall}`);
    assert.ok(matrix.tp + matrix.fn >= 10, 'the demo web has spam and PBN referring domains');
    assert.ok(matrix.tn >= 20, 'the demo web has legitimate referring domains');
    assert.ok(precision >= 0.9, `precision ${precision}: ${wrong.join('; ')}`);
    assert.ok(recall >= 0.9, `recall ${recall}: ${wrong.join('; ')}`);
  });

  it('flags no authoritative hub', () => {
    const hubs = truth.domains.filter((d) => d.role === 'hub').map((d) => d.domain);
    const audited = result.domains.filter((d) => hubs.includes(d.domain));
    assert.ok(audited.length >= 2, 'hubs link to the target');
    for (const h of audited) assert.ok(h.toxicity < AUDIT_DEFAULTS.threshold, `${h.domain} scored ${h.toxicity}`);
  });

  it('does not take blogs on one shared IP with one theme for a network', () => {
    const legitBlogs = new Set(truth.domains.filter((d) => d.class === 'legit' && d.role === 'blog').map((d) => d.domain));
    const blogs = result.domains.filter((d) => legitBlogs.has(d.domain));
    assert.ok(blogs.length >= 20);
    const byIp = new Map<string, number>();
    for (const s of truth.sites) if (legitBlogs.has(s.domain)) byIp.set(s.ip, (byIp.get(s.ip) ?? 0) + 1);
    assert.ok([...byIp.values()].some((n) => n >= 3), 'several legitimate blogs share an IP');
    for (const b of blogs) assert.ok(!b.markers.some((m) => m.marker === 'pbn-footprint' || m.marker === 'link-farm'), `${b.domain}: ${b.markers.map((m) => m.marker).join(', ')}`);
    const pbn = result.domains.filter((d) => truth.domains.find((t) => t.domain === d.domain)?.class === 'pbn');
    assert.ok(pbn.length >= 5);
    for (const d of pbn) assert.ok(d.markers.some((m) => m.marker === 'pbn-footprint'), d.domain);
  });

  it('flags the same domains on a second crawl of the same web, and on a second audit of one crawl', async () => {
    const again = await auditTarget(store, 'acme', { save: false, now: new Date(result.computedAt.getTime() + 86_400_000) });
    assert.deepEqual(again.domains.map((d) => [d.domain, d.toxicity]), result.domains.map((d) => [d.domain, d.toxicity]));

    const second = makeTempDir('vouch-audit-demo-default-2-');
    const other = await openStore({ dataDir: second.dir });
    try {
      await crawl(other, { seeds: truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32, sitemaps: true, fresh: true });
      await rankStore(other, {});
      await addTarget(other, { value: truth.target, name: 'acme', brand: truth.brandTerms, keywords: truth.keywords });
      const rerun = await auditTarget(other, 'acme', { save: false });
      assert.deepEqual(flagged(rerun), flagged(result));
    } finally {
      await other.close();
      second.cleanup();
    }
  });
});
