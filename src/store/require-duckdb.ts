import { VouchError } from '../core/errors.js';
import type { Store } from './store.js';

/**
 * Guard for code whose SQL is DuckDB's own by nature (re-clustering the links table; every report,
 * audit, monitor, rank, import and ingest job runs on both stores): on another adapter it fails
 * loudly instead of answering wrongly.
 * @throws VouchError STORE_UNSUPPORTED on a non-DuckDB store.
 * @example requireDuckDb(store, 'clusterLinks');
 */
export function requireDuckDb(store: Pick<Store, 'dialect'>, what: string): void {
  if (store.dialect === 'duckdb') return;
  throw new VouchError(
    'STORE_UNSUPPORTED',
    `${what} needs the DuckDB store; it does not run on the ${store.dialect} store yet. Run it with --data DIR (no --store).`,
  );
}
