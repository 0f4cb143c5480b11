/**
 * Day 2 of the demo web, from a store filled from the ground truth (test/reports/demo-store.ts:
 * day 1 written, then day 2 applied with lost links marked, as a monitoring re-crawl does; the
 * crawler alone does not mark links lost). Lost competitor links, and the gap and broken links
 * of day 2, are exactly the truth's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NotFoundError, ValidationError } from '../../src/core/errors.js';
import { findProspects, SOURCE_KIND } from '../../src/prospect/index.js';
import type { ProspectSource } from '../../src/prospect/index.js';
import { openDemoStore, type DemoStore } from '../reports/demo-store.js';
import { addDemoTargets, markToxic } from './demo-crawl.js';

describe('prospects on day 2 of the demo web', () => {
  let demo: DemoStore;
  before(async () => {
    demo = await openDemoStore(2);
    await addDemoTargets(demo.store, demo.day2);
    await markToxic(demo.store, demo.day2);
  });
  after(async () => {
    await demo?.cleanup();
  });

  it('finds the competitor links lost while their page stays, and the gap and broken links of the day', async () => {
    for (const source of ['lost', 'gap', 'broken'] as ProspectSource[]) {
      const rows = (await findProspects(demo.store, { target: 'acme', source: [source], limit: 10_000 })).rows;
      const want = demo.day2.prospects.filter((p) => p.kind === SOURCE_KIND[source]).map((p) => `${p.domain} ${p.url ?? '-'} ${p.deadUrl ?? p.competitorUrl ?? '-'}`).sort();
      assert.deepEqual(rows.map((r) => `${r.domain} ${r.url ?? '-'} ${String(r.details.deadUrl ?? r.details.competitorUrl ?? '-')}`).sort(), want, source);
    }
    const lost = demo.day2.prospects.filter((p) => p.kind === 'competitor-lost');
    assert.ok(lost.some((p) => p.planted), 'the planted lost link is there');
    assert.ok(!demo.day2.prospects.some((p) => p.kind === 'link-gap' && p.domain === 'homeshop-review.test'), 'the won site is no longer a gap');
  });

  it('needs competitors for the lost links and rejects bad input', async () => {
    await assert.rejects(findProspects(demo.store, { target: 'acme', source: ['nope' as 'gap'] }), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_INPUT');
    await assert.rejects(findProspects(demo.store, { target: 'acme', competitor: ['not a site at all'] }), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_INPUT');
    await assert.rejects(findProspects(demo.store, { target: 'no-such-target' }), (e: unknown) => e instanceof NotFoundError && e.code === 'NOT_FOUND');
    await assert.rejects(findProspects(demo.store, { target: 'acme', maxToxicity: 101 }), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_INPUT');
    const only = await findProspects(demo.store, { target: 'acme', source: ['lost'], competitor: ['gadgetbarn.test'] });
    assert.deepEqual(only.rows, [], 'the lost link was to another competitor');
  });
});
