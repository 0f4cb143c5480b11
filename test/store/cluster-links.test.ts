import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { LinkRecord } from '../../src/core/types.js';
import { clusterLinks, clusteredLinkIdBound, openStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

function link(src: number, dst: number, at: Date): LinkRecord {
  return {
    srcUrl: `http://s${src}.test/p`, dstUrl: `http://d${dst}.test/x`, srcHost: `s${src}.test`, srcDomain: `s${src}.test`, dstHost: `d${dst}.test`, dstDomain: `d${dst}.test`,
    kind: 'a', anchor: `a${src}`, nofollow: src % 3 === 0, ugc: false, sponsored: false, metaNofollow: false, position: 'main', context: '', hidden: false,
    httpStatus: null, firstSeen: at, lastSeen: at, source: 'crawl',
  };
}

describe('clusterLinks', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  it('reorders links by destination and keeps every row, id, constraint and default', async () => {
    const store = await openStore({ dataDir: tmp.dir });
    try {
      const day = new Date('2026-05-01T00:00:00Z');
      await store.writeLinks(Array.from({ length: 300 }, (_, i) => link(i, (i * 7) % 13, day)));
      const before = await store.all(`SELECT * FROM links ORDER BY id`);
      assert.equal((await clusterLinks(store)).clustered, false, 'a small table is left alone');
      assert.equal(await clusteredLinkIdBound(store), 0, 'never clustered');
      const result = await clusterLinks(store, { minLinks: 0 });
      assert.deepEqual([result.links, result.clustered], [300, true]);
      assert.equal(await clusteredLinkIdBound(store), 300, 'the ids the rewrite moved');
      assert.deepEqual(await store.all(`SELECT * FROM links ORDER BY id`), before);
      const order = (await store.all<{ dst_domain: string }>(`SELECT dst_domain FROM links`)).map((r) => r.dst_domain);
      assert.deepEqual(order, [...order].sort(), 'stored in destination order');
      // The UNIQUE key still refuses a duplicate, and new links still get fresh ids and events.
      await assert.rejects(store.run(`INSERT INTO links SELECT * FROM links LIMIT 1`), /Duplicate key|constraint/i);
      const again = await store.writeLinks([link(0, 0, day), link(999, 1, new Date('2026-05-02T00:00:00Z'))]);
      assert.deepEqual([again.inserted, again.updated], [1, 1]);
      const newest = await store.one<{ id: bigint }>(`SELECT id FROM links WHERE src_host = 's999.test'`);
      assert.equal(newest?.id, 301n);
      assert.equal(await clusteredLinkIdBound(store), 300, 'links written later keep their crawl order');
      assert.equal((await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM link_events WHERE event = 'new'`))?.n, 301n);
    } finally {
      await store.close();
    }
  });
});
