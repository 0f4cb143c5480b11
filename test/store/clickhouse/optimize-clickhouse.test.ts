/**
 * `vouch optimize` on ClickHouse (chdb): OPTIMIZE … FINAL merges every superseded row version away,
 * and what the views show does not change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VouchError } from '../../../src/core/errors.js';
import { clusterLinks, optimizeClickHouse } from '../../../src/store/index.js';
import type { ClickHouseStore } from '../../../src/store/index.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../contract/chdb-store.js';
import { link, page } from '../contract/store-contract.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

const day = (d: number): Date => new Date(Date.UTC(2026, 0, d));

describe('optimize on ClickHouse (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  let store: ClickHouseStore;
  let cleanup: () => Promise<void>;
  const tmp = makeTempDir('vouch-optimize-ch-');

  before(async () => {
    const opened = await openChdbStore();
    store = opened.store;
    cleanup = opened.cleanup;
  });
  after(async () => {
    await cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('leaves one row version per key on disk, and the views unchanged', async () => {
    // Three observations of one link, one of another, and a page fetched twice: five link versions, two page versions.
    for (const d of [2, 5, 9]) await store.writeLinks([link({ firstSeen: day(d), lastSeen: day(d) })]);
    await store.writeLinks([link({ anchor: 'other', firstSeen: day(3), lastSeen: day(3) })]);
    for (const d of [2, 6]) await store.writePages([page({ fetchedAt: day(d) })]);
    const view = async (): Promise<unknown> => JSON.parse(JSON.stringify(await store.all(`SELECT anchor, first_seen, last_seen, lost_at FROM links ORDER BY anchor`)));
    const shown = await view();
    const versions = async (table: string): Promise<number> => Number((await store.one<{ n: bigint }>(`SELECT count() AS n FROM ${table}_data`))!.n);
    assert.ok((await versions('links')) > 2, 'the writes left superseded versions before the merge');

    const result = await optimizeClickHouse(store);
    assert.equal(result.links, 2);
    assert.ok(result.versionsMerged >= 3, `merged ${result.versionsMerged}`);
    assert.equal(await versions('links'), 2);
    assert.equal(await versions('pages'), 1);
    assert.deepEqual(await view(), shown);
    // Again: nothing left to merge.
    assert.equal((await optimizeClickHouse(store)).versionsMerged, 0);
  });

  it('refuses DuckDB clustering on ClickHouse instead of running DuckDB SQL there', async () => {
    await assert.rejects(clusterLinks(store, { minLinks: 0 }), (e: unknown) => e instanceof VouchError && e.code === 'STORE_UNSUPPORTED');
  });

  it('vouch --store chdb://… optimize merges from the command line', async () => {
    const url = `chdb://${tmp.dir}/cli?database=optimize`;
    const run = await runCli(['--store', url, '--json', 'optimize'], { timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { links: number; versionsMerged: number };
    assert.deepEqual([out.links, out.versionsMerged], [0, 0]);
  });
});
