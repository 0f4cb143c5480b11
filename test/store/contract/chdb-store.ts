/**
 * ClickHouse stores for tests, in process through chdb (the optional tier: see CHDB_INSTALL_COMMAND).
 * chdb binds one data directory per process, so every store of a test file shares one directory,
 * each in a database of its own.
 */
import { ClickHouseStore, CHDB_INSTALL_COMMAND, createChdbConnection, loadChdbConnection } from '../../../src/store/index.js';
import type { ClickHouseStoreOptions } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import type { OpenedStore } from './store-contract.js';

/** Why the chdb tests skip, or null when chdb is installed. */
export const CHDB_SKIP = loadChdbConnection() === null ? `chdb is not installed (${CHDB_INSTALL_COMMAND})` : null;

let shared: { dir: string; cleanup: () => void } | null = null;
let databases = 0;

/** A fresh, empty ClickHouse store on chdb, or (`reopen`) another handle on one opened before. */
export async function openChdbStore(reopen?: string): Promise<OpenedStore & { store: ClickHouseStore }> {
  shared ??= makeTempDir('vouch-chdb-');
  const connection = createChdbConnection(shared.dir) as ClickHouseStoreOptions['connection'];
  const database = reopen ?? `contract_${process.pid}_${++databases}`;
  const store = await ClickHouseStore.open({ connection, database });
  return {
    store,
    cleanup: async () => {
      await store.run(`DROP DATABASE IF EXISTS ${database}`);
      await store.close();
    },
  };
}

/** Remove the shared chdb directory (call once, after every store is closed). */
export function removeChdbDir(): void {
  shared?.cleanup();
  shared = null;
}
