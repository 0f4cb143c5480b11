import { CriticalError } from '../../core/errors.js';

/**
 * Turn DuckDB's open-time failures into errors that say what happened and what to do.
 * DuckDB reports a held lock as: `Could not set lock on file "…": Conflicting lock is held in /usr/bin/node (PID 123)`.
 */
export function classifyOpenError(err: unknown, databasePath: string): CriticalError {
  const message = err instanceof Error ? err.message : String(err);
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  if (lock || /Could not set lock/i.test(message)) {
    const holder = lock ? `process ${lock[2]} (${lock[1]})` : 'another process';
    return new CriticalError(
      'STORE_LOCKED',
      `${databasePath} is in use by ${holder}. Only one Vouch process may own the store: stop that process ` +
        `(for example a running 'vouch serve' or crawl), or use another directory with --data DIR.`,
      { cause: err },
    );
  }
  if (/not a valid DuckDB database file|database file.*(corrupt|invalid)|Corrupt database|checksum/i.test(message)) {
    return new CriticalError(
      'STORE_CORRUPT',
      `${databasePath} is not a readable Vouch database (it is corrupt or not a DuckDB file). ` +
        `Move it aside and run again to start a new store, or restore it from a backup.`,
      { cause: err },
    );
  }
  if (/version number|newer version|cannot read.*version|storage version/i.test(message)) {
    return new CriticalError(
      'STORE_TOO_NEW',
      `${databasePath} was written by a newer DuckDB storage format than this Vouch can read. Upgrade Vouch.`,
      { cause: err },
    );
  }
  if (/permission denied|read-only file system|EACCES|EROFS/i.test(message)) {
    return new CriticalError('STORE_UNWRITABLE', `Cannot write the store at ${databasePath}: ${message}`, { cause: err });
  }
  return new CriticalError('STORE_FAILED', `Cannot open the store at ${databasePath}: ${message}`, { cause: err });
}
