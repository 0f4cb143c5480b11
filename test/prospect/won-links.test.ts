/** Won links: a new live link from a prospect's domain to its target wins it; losing that link later loses it. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LinkRecord } from '../../src/core/types.js';
import { getProspect, saveProspects, updateLostWins, updateProspect, updateWonProspects } from '../../src/prospect/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { row } from './prospect-rows.js';

function link(src: string, dst: string, at: Date): LinkRecord {
  const s = new URL(src);
  const d = new URL(dst);
  const dom = (h: string): string => h.split('.').slice(-2).join('.');
  return {
    srcUrl: src, dstUrl: dst, srcHost: s.hostname, srcDomain: dom(s.hostname), dstHost: d.hostname, dstDomain: dom(d.hostname), kind: 'a', anchor: 'acme', nofollow: false, ugc: false, sponsored: false,
    metaNofollow: false, position: 'main', context: '', hidden: false, httpStatus: null, firstSeen: at, lastSeen: at, source: 'crawl',
  };
}

describe('updateWonProspects and updateLostWins', () => {
  const tmp = makeTempDir('vouch-won-');
  after(tmp.cleanup);

  it('wins open prospects by new links only, attaches the first link, and loses them when it goes', async () => {
    const store = await openStore({ dataDir: tmp.dir });
    try {
      const acme = await addTarget(store, { value: 'acme.example', name: 'acme' });
      const other = await addTarget(store, { value: 'other.example', name: 'other' });
      const created = new Date('2026-03-02T00:00:00Z');
      await store.writeLinks([link('http://old.example/a', 'http://www.acme.example/', new Date('2026-03-01T00:00:00Z'))]);
      const [oldP, newP, declinedP] = await saveProspects(store, acme.id, [row('old.example', null), row('new.example', null), row('declined.example', null)], { at: created });
      const [forOther] = await saveProspects(store, other.id, [row('new.example', null)], { at: created });
      await updateProspect(store, declinedP!.id, { status: 'declined' });
      await store.writeLinks([
        link('http://new.example/later', 'http://www.acme.example/x', new Date('2026-03-04T00:00:00Z')),
        link('http://new.example/first', 'http://acme.example/', new Date('2026-03-03T00:00:00Z')),
        link('http://declined.example/p', 'http://www.acme.example/', new Date('2026-03-03T00:00:00Z')),
      ]);
      const won = await updateWonProspects(store, { at: new Date('2026-03-05T00:00:00Z') });
      assert.deepEqual(won.map((w) => [w.prospectId, w.linkUrl, w.targetUrl]), [[newP!.id, 'http://new.example/first', 'http://acme.example/']]);
      assert.equal((await getProspect(store, oldP!.id)).status, 'new', 'a link older than the prospect does not win it');
      assert.equal((await getProspect(store, declinedP!.id)).status, 'declined', 'a closed prospect stays closed');
      assert.equal((await getProspect(store, forOther!.id)).status, 'new', 'a link to another target does not win it');
      const p = await getProspect(store, newP!.id);
      assert.deepEqual([p.status, p.linkId, p.wonAt?.toISOString()], ['won', won[0]!.linkId, '2026-03-05T00:00:00.000Z']);
      assert.deepEqual(await updateWonProspects(store), [], 'winning is done once');

      assert.deepEqual(await updateLostWins(store), []);
      await store.run(`UPDATE links SET lost_at = $2, lost_reason = 'link-removed' WHERE id = $1`, [p.linkId, new Date('2026-03-09T00:00:00Z')]);
      const lost = await updateLostWins(store);
      assert.deepEqual(lost.map((l) => [l.prospectId, l.lostReason]), [[newP!.id, 'link-removed']]);
      assert.equal((await getProspect(store, newP!.id)).status, 'lost');
    } finally {
      await store.close();
    }
  });
});
