import path from 'node:path';

export const DEFAULT_DATA_DIR = 'vouch-data';
export const DATABASE_FILE_NAME = 'vouch.duckdb';

export interface DataDirOptions {
  /** Explicit directory (the `--data` flag); wins over the environment. */
  dataDir?: string | undefined;
  /** Environment to read `VOUCH_DATA` from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Base for relative paths; defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Where the data lives: `--data DIR`, else `$VOUCH_DATA`, else `./vouch-data`.
 * @example resolveDataDir({ dataDir: '/srv/vouch' }) // { dir: '/srv/vouch', databasePath: '/srv/vouch/vouch.duckdb' }
 */
export function resolveDataDir(options: DataDirOptions = {}): { dir: string; databasePath: string } {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const chosen = options.dataDir ?? (env.VOUCH_DATA && env.VOUCH_DATA.length > 0 ? env.VOUCH_DATA : DEFAULT_DATA_DIR);
  const dir = path.resolve(cwd, chosen);
  return { dir, databasePath: path.join(dir, DATABASE_FILE_NAME) };
}
