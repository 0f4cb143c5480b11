/**
 * The demo web end to end: serve day 1, crawl it, switch to day 2, run verify; the lost and new
 * events on the target's backlinks match the truth's day-2 diff, each with the right reason.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../src/crawl/index.js';
import { startDemoServer, truthLinkKey } from '../../src/demo/index.js';
import type { DemoServer, DemoTruthDiff } from '../../src/demo/index.js';
import { discoverLinks, resolveVerifyOptions, verify } from '../../src/monitor/index.js';
import { resolveTarget } from '../../src/reports/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

let server: DemoServer;
let store: DuckDbStore;
let knownSources: Set<string>;
const temp = makeTempDir('vouch-verify-demo-');

before(async () => {
  server = await startDemoServer({ seed: 5, sites: 20, pages: 250 });
  store = await openStore({ dataDir: temp.dir });
  await addTarget(store, { value: server.truth.target });
  const result = await crawl(store, { seeds: server.truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32 });
  assert.equal(result.state, 'done');
  const rows = await store.all<{ src_url: string }>(`SELECT DISTINCT src_url FROM links WHERE dst_domain = $1 AND src_domain <> dst_domain`, [server.truth.target]);
  knownSources = new Set(rows.map((r) => r.src_url));
  server.setDay(2);
});

after(async () => {
  await store.close();
  await server.close();
  temp.cleanup();
});

describe('verify on the demo web, day 1 → day 2', () => {
  it('writes the lost and new events of the truth diff, with the right reasons', async () => {
    const r = await verify(store, server.truth.target, { resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32, retryBaseDelayMs: 10 });
    assert.equal(r.state, 'done');
    const diff = server.truth.diff as DemoTruthDiff;
    const target = server.truth.target;
    const isBacklink = (l: { dstDomain: string; srcDomain: string }): boolean => l.dstDomain === target && l.srcDomain !== target;

    const lost = await store.all<{ kind: string; src_url: string; dst_url: string; anchor: string; reason: string }>(
      `SELECT l.kind, l.src_url, l.dst_url, l.anchor, e.reason FROM link_events e JOIN links l ON l.id = e.link_id WHERE e.job_id = $1 AND e.event = 'lost'`,
      [r.jobId],
    );
    // now-ugc and now-sponsored are the truth's now-nofollow told apart.
    const demoReason = (reason: string): string => (reason === 'now-ugc' || reason === 'now-sponsored' ? 'now-nofollow' : reason);
    const gotLost = new Map(lost.map((l) => [truthLinkKey({ kind: l.kind as 'a', srcUrl: l.src_url, dstUrl: l.dst_url, anchor: l.anchor }), demoReason(l.reason)]));
    const wantLost = new Map(diff.removed.filter((x) => isBacklink(x.link)).map((x) => [truthLinkKey(x.link), x.reason as string]));
    assert.ok(wantLost.size >= 5, `the diff loses ${wantLost.size} backlinks`);
    assert.deepEqual([...gotLost].sort(), [...wantLost].sort());

    const added = await store.all<{ kind: string; src_url: string; dst_url: string; anchor: string }>(
      `SELECT l.kind, l.src_url, l.dst_url, l.anchor FROM link_events e JOIN links l ON l.id = e.link_id
       WHERE e.job_id = $1 AND e.event = 'new' AND l.dst_domain = $2 AND l.src_domain <> l.dst_domain`,
      [r.jobId, target],
    );
    const gotNew = added.map((l) => truthLinkKey({ kind: l.kind as 'a', srcUrl: l.src_url, dstUrl: l.dst_url, anchor: l.anchor })).sort();
    // verify fetches the pages that linked to the target on day 1: new links there are its to find;
    // new pages (and pages that did not link to the target before) are the monitor's re-crawl's.
    const wantNew = diff.added.filter((l) => isBacklink(l) && knownSources.has(l.srcUrl)).map(truthLinkKey).sort();
    assert.ok(wantNew.length > 0, 'the diff adds links on pages verify checks');
    assert.deepEqual(gotNew, wantNew);
  });

  it("the monitor's re-crawl of the source hosts finds the rest of the diff's new backlinks", async () => {
    const target = await resolveTarget(store, server.truth.target);
    const o = resolveVerifyOptions({ resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32, retryBaseDelayMs: 10 });
    const r = await discoverLinks(store, target, o, { newHosts: 5 }, { jobId: null });
    assert.equal(r.state, 'done');
    const diff = server.truth.diff as DemoTruthDiff;
    const isBacklink = (l: { dstDomain: string; srcDomain: string }): boolean => l.dstDomain === target.value && l.srcDomain !== target.value;
    const rows = await store.all<{ kind: string; src_url: string; dst_url: string; anchor: string }>(
      `SELECT l.kind, l.src_url, l.dst_url, l.anchor FROM link_events e JOIN links l ON l.id = e.link_id WHERE e.event = 'new' AND l.dst_domain = $1 AND l.src_domain <> l.dst_domain`,
      [target.value],
    );
    const stored = new Set(rows.map((l) => truthLinkKey({ kind: l.kind as 'a', srcUrl: l.src_url, dstUrl: l.dst_url, anchor: l.anchor })));
    // Source hosts and the day-1 crawl's seeds are re-crawled; the new PBN site is found as a
    // never-crawled host that the network's sites now link to.
    const missing = diff.added.filter(isBacklink).filter((l) => !stored.has(truthLinkKey(l)));
    assert.deepEqual(missing.map((l) => l.srcUrl), []);
    assert.ok(diff.added.filter(isBacklink).some((l) => !knownSources.has(l.srcUrl)), 'the diff has new backlinks on new pages');
  });
});
