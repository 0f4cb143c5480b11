export { DuckDbStore, openStore } from './duckdb-store.js';
export type { OpenStoreOptions } from './duckdb-store.js';
export type { Store, WriteLinksResult, SqlParam, SqlParams } from './store.js';
export { resolveDataDir, DEFAULT_DATA_DIR, DATABASE_FILE_NAME } from './data-dir.js';
export type { DataDirOptions } from './data-dir.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations/index.js';
export type { Migration } from './migrations/index.js';
export { quoteIdentifier, timestampValue } from './internal/values.js';
