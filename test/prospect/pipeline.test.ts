/**
 * The outreach pipeline in a real store: the transition table, invalid moves refused with a
 * ValidationError, and status, notes, tags and follow-up dates that survive closing and reopening
 * the store.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { NotFoundError, ValidationError } from '../../src/core/errors.js';
import { assertTransition, getProspect, listProspects, PROSPECT_STATUSES, PROSPECT_TRANSITIONS, saveProspects, updateProspect } from '../../src/prospect/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { row } from './prospect-rows.js';

const isInvalid = (e: unknown): boolean => e instanceof ValidationError && e.code === 'INVALID_INPUT' && e.issues.length > 0;

describe('the outreach pipeline', () => {
  const tmp = makeTempDir('vouch-pipeline-');
  after(tmp.cleanup);

  it('allows exactly the moves of the documented transition table', () => {
    let allowed = 0;
    for (const from of PROSPECT_STATUSES) {
      for (const to of PROSPECT_STATUSES) {
        if (from === to) continue;
        if (PROSPECT_TRANSITIONS[from].includes(to)) {
          assertTransition(from, to);
          allowed++;
        } else assert.throws(() => assertTransition(from, to), isInvalid, `${from} -> ${to}`);
      }
    }
    assert.equal(allowed, 19);
    assert.throws(() => assertTransition('new', 'maybe'), isInvalid);
    assert.deepEqual(PROSPECT_TRANSITIONS.won, ['lost']);
  });

  it('keeps status, notes, tags and follow-up across a restart, and refuses invalid moves', async () => {
    let store = await openStore({ dataDir: tmp.dir });
    const target = await addTarget(store, { value: 'acme.example', name: 'acme' });
    const saved = await saveProspects(store, target.id, [row('blog.example', 'http://blog.example/post'), row('gap.example', null)], { at: new Date('2026-03-01T00:00:00Z') });
    assert.deepEqual(saved.map((p) => [p.status, p.kind, p.url]), [['new', 'broken-link', 'http://blog.example/post'], ['new', 'link-gap', 'gap.example']]);
    const id = saved[0]!.id;
    await updateProspect(store, id, { status: 'qualified', tags: ['Widgets', 'priority'], followUp: '2026-03-10', at: new Date('2026-03-02T00:00:00Z') });
    await updateProspect(store, id, { note: 'Found the editor on the contact page.', at: new Date('2026-03-02T01:00:00Z') });
    await updateProspect(store, id, { status: 'contacted', note: 'Sent the first email.', at: new Date('2026-03-03T00:00:00Z') });
    await assert.rejects(updateProspect(store, id, { status: 'new' }), isInvalid, 'contacted cannot go back to new');
    await assert.rejects(updateProspect(store, saved[1]!.id, { status: 'replied' }), isInvalid, 'new cannot skip to replied');
    await assert.rejects(updateProspect(store, id, { followUp: '2026-02-30' }), isInvalid);
    await assert.rejects(updateProspect(store, id, { note: '   ' }), isInvalid);
    await assert.rejects(updateProspect(store, id, { addTags: ['two words'] }), isInvalid);
    await assert.rejects(updateProspect(store, 999_999, { status: 'qualified' }), (e: unknown) => e instanceof NotFoundError && e.code === 'NOT_FOUND');
    // A refused change leaves nothing half done.
    assert.equal((await getProspect(store, id)).notes.length, 2);
    await store.close();

    store = await openStore({ dataDir: tmp.dir });
    try {
      const p = await getProspect(store, id);
      assert.equal(p.status, 'contacted');
      assert.deepEqual(p.tags, ['widgets', 'priority']);
      assert.equal(p.followUp, '2026-03-10');
      assert.deepEqual(p.notes.map((n) => [n.text, n.createdAt.toISOString()]), [
        ['Found the editor on the contact page.', '2026-03-02T01:00:00.000Z'],
        ['Sent the first email.', '2026-03-03T00:00:00.000Z'],
      ]);
      assert.equal(p.statusChangedAt?.toISOString(), '2026-03-03T00:00:00.000Z');
      assert.deepEqual(p.contacts.map((c) => c.value), ['editor@blog.example']);
      assert.equal(p.details.deadUrl, 'http://rival.example/gone');
      // Saving the same prospects again refreshes them and keeps the pipeline state.
      const again = await saveProspects(store, target.id, [{ ...row('blog.example', 'http://blog.example/post'), score: 77 }]);
      assert.deepEqual([again[0]!.id, again[0]!.status, again[0]!.score, again[0]!.notes.length], [id, 'contacted', 77, 2]);
      assert.deepEqual((await listProspects(store, { status: ['contacted'] })).map((x) => x.id), [id]);
      assert.deepEqual((await listProspects(store, { tag: 'priority' })).map((x) => x.id), [id]);
      assert.deepEqual((await listProspects(store, { dueBy: '2026-03-09' })).map((x) => x.id), []);
      assert.deepEqual((await listProspects(store, { dueBy: '2026-03-10' })).map((x) => x.id), [id]);
      const cleared = await updateProspect(store, id, { followUp: null, removeTags: ['widgets'], status: 'replied' });
      assert.deepEqual([cleared.followUp, cleared.tags, cleared.status], [null, ['priority'], 'replied']);
    } finally {
      await store.close();
    }
  });
});
