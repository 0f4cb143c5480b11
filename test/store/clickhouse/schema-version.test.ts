/**
 * The ClickHouse schema's version (chdb): a store written by an older Vouch gets the newer tables
 * and version when opened, and one written by a newer Vouch is refused instead of misread.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CriticalError } from '../../../src/core/errors.js';
import { CLICKHOUSE_SCHEMA_VERSION, CLICKHOUSE_TABLES } from '../../../src/store/index.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../contract/chdb-store.js';

describe('ClickHouse schema version (chdb)', { skip: CHDB_SKIP ?? false }, () => {
  after(() => removeChdbDir());

  it('brings an older store up to date and refuses a newer one', async () => {
    const first = await openChdbStore();
    const database = first.store.database;
    assert.equal(await first.store.schemaVersion(), CLICKHOUSE_SCHEMA_VERSION);
    // As a version-1 store left it: no audit table, version 1 recorded.
    await first.store.run(`DROP TABLE audit_results`);
    await first.store.run(`DROP TABLE audit_results_data`);
    await first.store.run(`TRUNCATE TABLE vouch_schema_data`);
    await first.store.run(`INSERT INTO vouch_schema_data (version, applied_at) VALUES (1, now64(3, 'UTC'))`);
    await first.store.close();

    const upgraded = await openChdbStore(database);
    assert.equal(await upgraded.store.schemaVersion(), CLICKHOUSE_SCHEMA_VERSION);
    const tables = await upgraded.store.all<{ name: string }>(`SELECT name FROM system.tables WHERE database = currentDatabase()`);
    for (const t of CLICKHOUSE_TABLES) assert.ok(tables.some((r) => r.name === t.name), `${t.name} exists`);
    await upgraded.store.run(`INSERT INTO vouch_schema_data (version, applied_at) VALUES ($1, now64(3, 'UTC'))`, [CLICKHOUSE_SCHEMA_VERSION + 1]);
    await upgraded.store.close();

    await assert.rejects(openChdbStore(database), (e: unknown) => e instanceof CriticalError && e.code === 'STORE_TOO_NEW');
    const last = await openChdbStore(`${database}_cleanup`);
    await last.store.run(`DROP DATABASE IF EXISTS ${database}`);
    await last.cleanup();
  });
});
