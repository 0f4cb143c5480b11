/**
 * A store written before the link rollup existed (schema 6) opens, gets the rollup tables and the
 * links epoch, reports from the links table until optimize builds the rollup, and keeps its links.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildLinkRollup, linkRollupStatus, MIGRATIONS, openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

describe('migration 7: link rollup', () => {
  const tmp = makeTempDir('vouch-rollup-migration-');
  after(tmp.cleanup);

  it('adds the rollup to an existing store, not current until built', async () => {
    const old = await openStore({ dataDir: tmp.dir, migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    const at = new Date('2026-03-01T00:00:00Z');
    // As an older Vouch wrote it (today's writers also move the links epoch, which schema 6 lacks).
    await old.run(`INSERT INTO links (link_key, src_url, dst_url, src_host, src_domain, dst_host, dst_domain, kind, anchor, first_seen, last_seen, source)
      VALUES (1, 'http://blog.test/a', 'http://shop.test/', 'blog.test', 'blog.test', 'shop.test', 'shop.test', 'a', 'Shop', $1, $1, 'crawl')`, [at]);
    assert.equal(await old.schemaVersion(), 6);
    await old.close();

    const store = await openStore({ dataDir: tmp.dir });
    try {
      assert.equal(await store.schemaVersion(), 7);
      assert.deepEqual(await linkRollupStatus(store), { current: false, metricsCurrent: false, builtAt: null });
      const built = await buildLinkRollup(store);
      assert.deepEqual([built.domainRows, built.anchorRows], [1, 1]);
      assert.equal((await linkRollupStatus(store)).current, true);
      const row = await store.one<{ live_followed_links: bigint }>(`SELECT live_followed_links FROM link_rollup_domains WHERE dst_domain = 'shop.test' AND src_domain = 'blog.test'`);
      assert.equal(Number(row?.live_followed_links), 1);
    } finally {
      await store.close();
    }
  });
});
