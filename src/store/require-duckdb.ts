import { VouchError } from '../core/errors.js';
import type { Store } from './store.js';

/**
 * Guard for code whose SQL is DuckDB's only (audit, monitor, prospect and the reports not yet
 * written for ClickHouse): on another adapter it fails loudly instead of answering wrongly.
 * @throws VouchError STORE_UNSUPPORTED on a non-DuckDB store.
 * @example requireDuckDb(store, 'vouch audit');
 */
export function requireDuckDb(store: Pick<Store, 'dialect'>, what: string): void {
  if (store.dialect === 'duckdb') return;
  throw new VouchError(
    'STORE_UNSUPPORTED',
    `${what} needs the DuckDB store; it does not run on the ${store.dialect} store yet. Run it with --data DIR (no --store).`,
  );
}
