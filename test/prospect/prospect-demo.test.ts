/**
 * Acceptance of prospecting against a real crawl of the small demo web: each source finds exactly
 * the prospects of its kind in the ground truth, no toxic site is proposed, contacts are read off
 * the crawled pages, and after the day-2 crawl (run by the real `vouch crawl` binary) the planted
 * "won" prospect moves to won with its link.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DemoProspectKind, DemoTruth } from '../../src/demo/index.js';
import { findContacts, findProspects, listProspects, saveProspects, SOURCE_KIND, updateWonProspects } from '../../src/prospect/index.js';
import type { ProspectRow, ProspectSource } from '../../src/prospect/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';
import { crawlDemoDayOne, type DemoCrawl } from './demo-crawl.js';

const keyOfRow = (r: ProspectRow): string => `${r.domain} ${r.url ?? '-'} ${String(r.details.deadUrl ?? r.details.competitorUrl ?? '-')}`;
const keysOfTruth = (truth: DemoTruth, kind: DemoProspectKind): string[] =>
  truth.prospects.filter((p) => p.kind === kind).map((p) => `${p.domain} ${p.url ?? '-'} ${p.deadUrl ?? p.competitorUrl ?? '-'}`).sort();

describe('prospecting the crawled demo web', () => {
  let demo: DemoCrawl;
  let store: DuckDbStore;
  before(async () => {
    demo = await crawlDemoDayOne();
    store = demo.store;
  });
  after(async () => {
    await demo?.cleanup();
  });

  it('each source finds exactly the prospects of its kind in the truth, planted ones included', async () => {
    const truth = demo.server.truth;
    for (const source of ['gap', 'broken', 'mention', 'resource', 'lost'] as ProspectSource[]) {
      const result = await findProspects(store, { target: 'acme', source: [source], limit: 10_000 });
      const kind = SOURCE_KIND[source];
      assert.deepEqual(result.rows.map(keyOfRow).sort(), keysOfTruth(truth, kind), source);
      for (const r of result.rows) {
        assert.equal(r.kind, kind);
        assert.ok(r.explanation.length > 0 && r.score > 0 && r.score <= 100, `${source} ${r.domain}: ${r.score} ${r.explanation}`);
      }
      // Day 1 has no lost competitor links; every other source has planted prospects.
      if (source !== 'lost') assert.ok(truth.prospects.some((p) => p.kind === kind && p.planted), kind);
    }
    const gap = await findProspects(store, { target: 'acme', source: ['gap'] });
    assert.ok(gap.rows.length >= 3, 'several domains link only to competitors');
    const broken = (await findProspects(store, { target: 'acme', source: ['broken'] })).rows[0];
    assert.equal(broken?.details.anchor, 'widget care guide', 'the dead link comes with its anchor');
  });

  it('proposes no toxic site, and leaves out a prospect once its domain is toxic', async () => {
    const truth = demo.server.truth;
    const classOf = new Map(truth.domains.map((d) => [d.domain, d.class]));
    const all = await findProspects(store, { target: 'acme', limit: 10_000 });
    assert.ok(all.rows.length > 0);
    for (const r of all.rows) assert.equal(classOf.get(r.domain), 'legit', r.domain);
    const tinker = all.rows.filter((r) => r.domain === 'tinkertools-digest.test').length;
    assert.ok(tinker >= 2);
    await store.run(`INSERT INTO domains (domain, toxicity) VALUES ('tinkertools-digest.test', 60) ON CONFLICT (domain) DO UPDATE SET toxicity = 60`);
    try {
      const strict = await findProspects(store, { target: 'acme', limit: 10_000 });
      assert.ok(strict.rows.every((r) => r.domain !== 'tinkertools-digest.test'));
      assert.equal(strict.excludedToxic, all.excludedToxic + tinker);
      const lenient = await findProspects(store, { target: 'acme', limit: 10_000, maxToxicity: 61 });
      assert.equal(lenient.rows.filter((r) => r.domain === 'tinkertools-digest.test').length, tinker);
    } finally {
      await store.run(`UPDATE domains SET toxicity = NULL WHERE domain = 'tinkertools-digest.test'`);
    }
  });

  it('ranks by the documented score and explains relevance', async () => {
    const all = await findProspects(store, { target: 'acme', limit: 10_000, keywords: ['widget care'] });
    for (let i = 1; i < all.rows.length; i++) assert.ok(all.rows[i - 1]!.score >= all.rows[i]!.score);
    assert.ok(all.words.includes('care') && all.words.includes('acme'));
    const broken = all.rows.find((r) => r.source === 'broken');
    assert.ok(broken && broken.relevance > 0, 'the anchor "widget care guide" is relevant to the keywords');
  });

  it('reads contacts off the crawled pages: mailto, plain and obfuscated emails, social profiles, contact pages; no decoy', async () => {
    const truth = demo.server.truth;
    for (const domain of [...new Set(truth.contacts.map((c) => c.domain))]) {
      const found = await findContacts(store, domain);
      const want = truth.contacts.filter((c) => c.domain === domain).map((c) => `${c.type} ${c.value} ${c.how} ${c.pageUrl}`).sort();
      assert.deepEqual(found.map((c) => `${c.type} ${c.value} ${c.how} ${c.pageUrl}`).sort(), want, domain);
      for (const decoy of truth.contactDecoys) assert.ok(found.every((c) => !c.value.includes(decoy)), `${domain}: ${decoy}`);
    }
    const withContacts = await findProspects(store, { target: 'acme', source: ['broken'], contacts: true });
    assert.deepEqual(withContacts.rows[0]?.contacts?.filter((c) => c.type === 'email').map((c) => c.value), ['ads@tinkertools-digest.test', 'tips@tinkertools-digest.test']);
  });

  it('after the day-2 crawl, the planted won prospect moves to won with its link', async () => {
    const found = await findProspects(store, { target: 'acme', limit: 10_000, contacts: true });
    const saved = await saveProspects(store, found.target.id!, found.rows);
    assert.equal(saved.length, found.rows.length);
    // Nothing is won by links that were already there.
    assert.deepEqual(await updateWonProspects(store), []);
    await store.close();
    demo.server.setDay(2);
    const day2 = demo.server.truth;
    const args = ['crawl', ...day2.seeds, '--allow-private', '--delay', '0', '--per-host', '4', '--concurrency', '32', '--fresh', '--quiet', '--data', demo.dataDir];
    for (const r of demo.server.resolveArgs) args.push('--resolve', r);
    const run = await runCli(args, { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    store = await openStore({ dataDir: demo.dataDir });
    demo.store = store;
    const won = (await listProspects(store, { status: ['won'] })).sort((a, b) => a.kind.localeCompare(b.kind));
    const winner = day2.diff!.added.find((l) => l.srcDomain === 'homeshop-review.test' && l.dstDomain === day2.target);
    assert.ok(winner, 'the truth plants a new link from the won prospect');
    assert.deepEqual(won.map((p) => `${p.kind} ${p.domain}`), ['link-gap homeshop-review.test', 'unlinked-mention homeshop-review.test']);
    for (const p of won) {
      assert.ok(p.linkId !== null && p.wonAt !== null);
      const link = await store.one<{ src_url: string; dst_url: string; lost_at: Date | null }>(`SELECT src_url, dst_url, lost_at FROM links WHERE id = $1`, [p.linkId]);
      assert.deepEqual(link, { src_url: winner.srcUrl, dst_url: winner.dstUrl, lost_at: null });
    }
    const open = await listProspects(store, { status: ['new'] });
    assert.equal(open.length, saved.length - 2, 'every other prospect stays new');
  });
});
