/**
 * The step the CLI runs after crawl, verify and monitor: a prospect's new link wins it; a won link
 * that is later lost moves it to lost and raises a `won-link-lost` alert, queued for the target's
 * channels and raised once only.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LinkRecord } from '../../src/core/types.js';
import { settleProspects } from '../../src/cli/internal/settle-prospects.js';
import { addAlertChannel } from '../../src/monitor/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function link(at: Date): LinkRecord {
  return {
    srcUrl: 'http://www.gizmo.test/post', dstUrl: 'http://www.acme.test/', srcHost: 'www.gizmo.test', srcDomain: 'gizmo.test', dstHost: 'www.acme.test', dstDomain: 'acme.test',
    kind: 'a', anchor: 'Acme', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false,
    httpStatus: null, firstSeen: at, lastSeen: at, source: 'crawl',
  };
}

describe('settleProspects', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  it('wins a contacted prospect on its new link, then alerts once when that link is lost', async () => {
    const store = await openStore({ dataDir: tmp.dir });
    try {
      const target = await addTarget(store, { value: 'acme.test', name: 'acme' });
      await addAlertChannel(store, target.id, { kind: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's' });
      await store.run(
        `INSERT INTO prospects (target_id, url, domain, kind, status, created_at, updated_at) VALUES ($1, 'http://www.gizmo.test/', 'gizmo.test', 'gap', 'contacted', $2, $2)`,
        [target.id, new Date('2026-01-01T00:00:00Z')],
      );
      assert.deepEqual(await settleProspects(store), { won: 0, lost: 0 }, 'no link yet');
      await store.writeLinks([link(new Date('2026-02-01T00:00:00Z'))]);
      assert.deepEqual(await settleProspects(store), { won: 1, lost: 0 });
      const won = await store.one<{ status: string; link_id: bigint }>(`SELECT status, link_id FROM prospects`);
      assert.equal(won?.status, 'won');
      await store.run(`UPDATE links SET lost_at = $1, lost_reason = 'link-removed' WHERE id = $2`, [new Date('2026-03-01T00:00:00Z'), won!.link_id]);
      assert.deepEqual(await settleProspects(store), { won: 0, lost: 1 });
      assert.deepEqual(await settleProspects(store), { won: 0, lost: 0 }, 'a lost prospect is not lost again');
      const alerts = await store.all<{ kind: string; message: string; deliveries: bigint }>(
        `SELECT kind, message, (SELECT count(*) FROM alert_deliveries d WHERE d.alert_id = a.id) AS deliveries FROM alerts a`,
      );
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]!.kind, 'won-link-lost');
      assert.match(alerts[0]!.message, /gizmo\.test.*link-removed/);
      assert.equal(alerts[0]!.deliveries, 1n, 'queued for the target channel');
      assert.equal((await store.one<{ status: string }>(`SELECT status FROM prospects`))?.status, 'lost');
    } finally {
      await store.close();
    }
  });
});
