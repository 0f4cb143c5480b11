import { ValidationError } from '../core/errors.js';
import { ClickHouseStore } from './clickhouse/clickhouse-store.js';
import type { ClickHouseStoreOptions } from './clickhouse/clickhouse-store.js';
import { createChdbConnection } from './clickhouse/load-chdb.js';
import { openStore } from './duckdb-store.js';
import type { OpenStoreOptions } from './duckdb-store.js';
import type { Store } from './store.js';

export interface OpenConfiguredStoreOptions extends OpenStoreOptions {
  /**
   * Where the store lives, from `--store` or `VOUCH_STORE`; unset for the DuckDB file under the data
   * directory.
   * - `clickhouse://[user[:password]@]host:8123/db[?cluster=name]` (`clickhouses://` for HTTPS)
   * - `chdb:///abs/dir[?database=db]`: ClickHouse in process (the chdb tier), for tests and trials.
   */
  store?: string;
}

/** The ClickHouse store options a `clickhouse://`, `clickhouses://` or `chdb://` URL names. */
export function parseStoreUrl(store: string): ClickHouseStoreOptions {
  let url: URL;
  try {
    url = new URL(store);
  } catch {
    throw new ValidationError(`Invalid store ${JSON.stringify(store)}: expected clickhouse://host:8123/db`, [{ where: 'store', message: 'not a URL' }]);
  }
  const cluster = url.searchParams.get('cluster');
  if (url.protocol === 'chdb:') {
    return { connection: createChdbConnection(decodeURIComponent(url.pathname)) as ClickHouseStoreOptions['connection'], database: url.searchParams.get('database') ?? undefined };
  }
  if (url.protocol !== 'clickhouse:' && url.protocol !== 'clickhouses:') {
    throw new ValidationError(`Invalid store ${JSON.stringify(store)}: the scheme must be clickhouse://, clickhouses:// or chdb://`, [{ where: 'store', message: 'unknown scheme' }]);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined;
  return {
    url: `${url.protocol === 'clickhouses:' ? 'https' : 'http'}://${url.hostname}:${url.port || (url.protocol === 'clickhouses:' ? '8443' : '8123')}`,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    cluster: cluster || null,
  };
}

/**
 * Open the configured store: ClickHouse when `store` names one, else the DuckDB file.
 * @example const store = await openConfiguredStore({ store: process.env.VOUCH_STORE, dataDir: 'vouch-data' });
 */
export async function openConfiguredStore(options: OpenConfiguredStoreOptions = {}): Promise<Store> {
  const { store, ...duck } = options;
  if (store === undefined || store === '') return openStore(duck);
  return ClickHouseStore.open(parseStoreUrl(store));
}

/**
 * Open a ClickHouse store by URL (`clickhouse://host:8123/db?cluster=name`, or `chdb:///dir`).
 * @example const store = await openClickHouseStore('clickhouse://127.0.0.1:8123/vouch');
 */
export function openClickHouseStore(url: string): Promise<ClickHouseStore> {
  return ClickHouseStore.open(parseStoreUrl(url));
}
