/**
 * Script: fill a chdb store at DIR (database DB) with the audit demo, ranked through a throw-away
 * DuckDB store, for CLI tests that run `vouch --store chdb://DIR?database=DB` in a child process
 * (chdb binds one data directory per process, so the test's own process cannot fill it).
 * Usage: node --import tsx test/audit/fill-chdb-demo.ts DIR DB
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClickHouseStore, createChdbConnection, openStore } from '../../src/store/index.js';
import type { ClickHouseStoreOptions } from '../../src/store/index.js';
import { auditDemo, fillAuditDemo, rankAndCopy } from './audit-demo-fill.js';

const [dir, database] = process.argv.slice(2);
if (!dir || !database) throw new Error('usage: fill-chdb-demo.ts DIR DB');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'vouch-fill-'));
const demo = auditDemo();
const duck = await openStore({ dataDir: scratch });
const ch = await ClickHouseStore.open({ connection: createChdbConnection(dir) as ClickHouseStoreOptions['connection'], database });
try {
  await fillAuditDemo(duck, demo);
  await fillAuditDemo(ch, demo);
  await rankAndCopy(duck, [ch], demo);
} finally {
  await ch.close();
  await duck.close();
  rmSync(scratch, { recursive: true, force: true });
}
