import { createRequire } from 'node:module';
import path from 'node:path';
import { CriticalError } from '../../core/errors.js';

/**
 * Where the optional chdb tier is installed: tiers/chdb in the repository, with its own pinned
 * package.json and lockfile (chdb is 550 MB, so it is not one of the project's dependencies).
 */
export const CHDB_TIER_DIR = path.resolve(import.meta.dirname, '../../../tiers/chdb');
export const CHDB_INSTALL_COMMAND = 'npm install --prefix tiers/chdb';

interface ChdbConnectionModule {
  createChdbConnection(options: { path: string }): unknown;
}

/** The folder chdb is loaded from: `VOUCH_CHDB_DIR`, else the repository's tiers/chdb. */
export function chdbDir(): string {
  return path.resolve(process.env.VOUCH_CHDB_DIR ?? CHDB_TIER_DIR);
}

/** chdb's `chdb/connection` module, or null when the tier is not installed. */
export function loadChdbConnection(): ChdbConnectionModule | null {
  const require = createRequire(path.join(chdbDir(), 'node_modules', 'noop.js'));
  try {
    return require('chdb/connection') as ChdbConnectionModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

/**
 * An in-process ClickHouse (chdb) Connection for @clickhouse/client, keeping its data in `dataPath`.
 * chdb binds one data directory per process.
 * @throws CriticalError INVALID_CONFIG when the chdb tier is not installed.
 */
export function createChdbConnection(dataPath: string): unknown {
  const chdb = loadChdbConnection();
  if (!chdb) throw new CriticalError('INVALID_CONFIG', `chdb is not installed in ${chdbDir()}. Install it with: ${CHDB_INSTALL_COMMAND}`);
  return chdb.createChdbConnection({ path: dataPath });
}
