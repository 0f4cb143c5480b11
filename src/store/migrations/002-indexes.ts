import type { Migration } from './migration.js';

/**
 * Point-lookup indexes. Deliberately few: every ART index slows Appender bulk writes and costs
 * memory, and DuckDB's zone maps already serve the range scans that reports run on `links`.
 */
export const migration002Indexes: Migration = {
  version: 2,
  name: 'indexes',
  statements: [`CREATE INDEX IF NOT EXISTS jobs_key_idx ON jobs (kind, job_key)`],
};
