/**
 * The monitor lock on ClickHouse, which has no compare-and-set: every contender inserts a row of its
 * own into `locks` (keyed by name and token), then reads back every live row of the name; the holder
 * is the earliest (started_at, token). A contender that is not the holder deletes its row and backs off.
 *
 * Why it excludes: started_at is the server's clock at the insert, so a row inserted after another
 * contender's read is never earlier than that contender's row. Either both see each other (and agree
 * on the earliest), or the later one sees the earlier. A contender whose started_at ties another
 * row's backs off too (it cannot tell the order), so a tie never makes two holders; at worst both
 * back off and retry later.
 * NOTE: exact on one server, where an insert is visible to the next read. On a replicated cluster the
 * read may reach a replica that lacks a row just written elsewhere: run it there with
 * `insert_quorum` (all replicas) and `select_sequential_consistency = 1`, or it is not a lock.
 *
 * A live row expires at expires_at (the holder renews it while it runs), so a lock left by a process
 * that died on another machine frees itself; one left by a dead process of this machine is taken
 * over at once, as on DuckDB.
 */
import os from 'node:os';
import { RetryableError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import { reviseClickHouseRows as reviseRows } from '../../store/index.js';

/** How long a row lives without renewal, and how often the holder renews it. */
export const CLICKHOUSE_LOCK_TTL_SECONDS = 600;
const RENEW_MS = (CLICKHOUSE_LOCK_TTL_SECONDS * 1000) / 4;

interface LockRow {
  token: string;
  pid: number;
  hostname: string;
  started_at: Date;
}

export interface ClickHouseLockHandle {
  token: string;
  tookOver: boolean;
  release(): Promise<void>;
}

/**
 * @param token this contender's own, random.
 * @param isStale judges a row of this host (dead pid, or a pid reused after a crash).
 * @param run serialises the store calls with the caller's other work (the store mutex).
 * @throws RetryableError (CONFLICT) while another process holds the lock.
 */
export async function acquireClickHouseLock(
  store: Store,
  name: string,
  token: string,
  isStale: (row: { pid: number; hostname: string; token: string }) => boolean,
  run: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<ClickHouseLockHandle> {
  const hostname = os.hostname();
  const live = (): Promise<LockRow[]> =>
    store.all<LockRow>(`SELECT token, pid, hostname, started_at FROM locks WHERE name = $1 AND expires_at > now64(3, 'UTC') ORDER BY started_at, token`, [name]);
  const drop = (t: string): Promise<void> => store.run(`DELETE FROM locks_data WHERE name = $1 AND token = $2`, [name, t]);
  const tookOver = await run(async () => {
    await store.run(
      `INSERT INTO locks_data (name, token, pid, hostname, started_at, expires_at, updated_at)
       SELECT $1, $2, $3, $4, now64(3, 'UTC'), now64(3, 'UTC') + INTERVAL ${CLICKHOUSE_LOCK_TTL_SECONDS} SECOND, now64(3, 'UTC')`,
      [name, token, process.pid, hostname],
    );
    let rows = await live();
    let stale = 0;
    for (const r of rows) {
      if (r.token !== token && r.hostname === hostname && isStale(r)) {
        await drop(r.token);
        stale++;
      }
    }
    if (stale > 0) rows = await live();
    const mine = rows.find((r) => r.token === token);
    const holder = rows[0];
    const tied = mine !== undefined && rows.some((r) => r.token !== token && r.started_at.getTime() === mine.started_at.getTime());
    if (mine === undefined || holder?.token !== token || tied) {
      await drop(token);
      const other = rows.find((r) => r.token !== token) ?? holder;
      const who = other === undefined ? 'another run' : `pid ${other.pid} on ${other.hostname}, since ${other.started_at.toISOString()}`;
      throw new RetryableError('CONFLICT', `${name} is already running (${who}); wait for it to finish`);
    }
    return stale > 0;
  });
  // The holder keeps its row alive while it runs; a renewal that fails leaves the row to expire.
  const timer = setInterval(() => {
    void run(() =>
      reviseRows(store, 'locks', `now64(3, 'UTC') + INTERVAL ${CLICKHOUSE_LOCK_TTL_SECONDS} SECOND AS expires_at`, `name = $1 AND token = $2`, [name, token]),
    ).catch(() => undefined);
  }, RENEW_MS);
  timer.unref();
  return {
    token,
    tookOver,
    release: async () => {
      clearInterval(timer);
      await run(() => drop(token));
    },
  };
}
