import type { DuckDBConnection } from '@duckdb/node-api';
import { CriticalError } from '../../core/errors.js';
import type { Migration } from '../migrations/index.js';

/**
 * Bring the file up to the newest schema. Each migration runs in its own transaction together with
 * its row in schema_migrations, so a crash leaves the file at a whole version.
 * @returns the versions applied by this call (empty when the file was current).
 */
export async function applyMigrations(
  connection: DuckDBConnection,
  migrations: readonly Migration[],
  databasePath: string,
): Promise<number[]> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`,
  );
  const current = await currentSchemaVersion(connection);
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (current > latest) {
    throw new CriticalError(
      'STORE_TOO_NEW',
      `${databasePath} has schema version ${current}, written by a newer Vouch; this version knows up to ${latest}. ` +
        `Upgrade Vouch, or use another directory with --data DIR.`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const statement of migration.statements) await connection.run(statement);
      await connection.run(`INSERT INTO schema_migrations VALUES ($1, $2, now()::TIMESTAMP)`, [migration.version, migration.name]);
      await connection.run('COMMIT');
    } catch (err) {
      await connection.run('ROLLBACK');
      throw new CriticalError('STORE_FAILED', `Migration ${migration.version} (${migration.name}) failed: ${(err as Error).message}`, { cause: err });
    }
    applied.push(migration.version);
  }
  // Write the schema changes into the file itself now. DuckDB 1.5 cannot replay an ALTER TABLE ADD
  // COLUMN from the WAL of a process that was killed (kill -9) before its next checkpoint: the file
  // would then refuse to open with an internal error.
  if (applied.length > 0) await connection.run('CHECKPOINT');
  return applied;
}

export async function currentSchemaVersion(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT coalesce(max(version), 0)::INTEGER AS v FROM schema_migrations`);
  return Number(reader.getRowObjectsJS()[0]?.v ?? 0);
}
