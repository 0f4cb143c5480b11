/**
 * A named lock in the store, so that two monitoring runs of one target never overlap: a scheduled
 * run inside `vouch serve` next to a manual one, or a run that outlives its cron interval.
 *
 * A row holds the pid, host name and a random token. A row is stale, and taken over, when its
 * process is gone: the pid is dead on this host, or it is this very process but not a lock this
 * process holds (a pid reused after a crash). A lock from another host cannot be judged and counts
 * as held. NOTE: DuckDB lets one process own the file at a time, so in practice the holder is this
 * process or a dead one.
 *
 * On ClickHouse, where several processes share the store and there is no compare-and-set, the lock
 * is a row per contender and the earliest live one holds it (internal/clickhouse-lock.ts: exact on
 * one server; a replicated cluster needs insert_quorum).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { RetryableError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { acquireClickHouseLock } from './internal/clickhouse-lock.js';
import { storeMutex } from './internal/store-mutex.js';

export interface MonitorLock {
  name: string;
  token: string;
  /** True when a stale lock (dead process) was taken over. */
  tookOver: boolean;
  release(): Promise<void>;
}

const held = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the lock `name`.
 * @throws RetryableError (CONFLICT) while a live process holds it.
 */
export async function acquireMonitorLock(store: Store, name: string): Promise<MonitorLock> {
  const mutex = storeMutex(store);
  if (store.dialect === 'clickhouse') {
    const stale = (row: { pid: number; token: string }): boolean => (row.pid === process.pid ? !held.has(row.token) : !pidAlive(row.pid));
    const token = randomUUID();
    // Held before the lock is taken: another acquire of this process must not take this row for a crashed run's.
    held.add(token);
    const lock = await acquireClickHouseLock(store, name, token, stale, (fn) => mutex.run(fn)).catch((err: unknown) => {
      held.delete(token);
      throw err;
    });
    let done = false;
    return {
      name,
      token: lock.token,
      tookOver: lock.tookOver,
      release: async () => {
        if (done) return;
        done = true;
        held.delete(lock.token);
        await lock.release();
      },
    };
  }
  const token = randomUUID();
  const hostname = os.hostname();
  const tookOver = await mutex.run(() =>
    store.transaction(async () => {
      const row = await store.one<{ pid: number; hostname: string; token: string; started_at: Date }>(`SELECT pid, hostname, token, started_at FROM locks WHERE name = $1`, [name]);
      if (row !== undefined) {
        const live = row.hostname !== hostname || (row.pid === process.pid ? held.has(row.token) : pidAlive(row.pid));
        if (live) {
          throw new RetryableError('CONFLICT', `${name} is already running (pid ${row.pid} on ${row.hostname}, since ${row.started_at.toISOString()}); wait for it to finish`);
        }
        await store.run(`DELETE FROM locks WHERE name = $1`, [name]);
      }
      await store.run(`INSERT INTO locks (name, pid, hostname, token, started_at) VALUES ($1, $2, $3, $4, $5)`, [name, process.pid, hostname, token, new Date()]);
      return row !== undefined;
    }),
  );
  held.add(token);
  let released = false;
  return {
    name,
    token,
    tookOver,
    release: async () => {
      if (released) return;
      released = true;
      held.delete(token);
      await mutex.run(() => store.run(`DELETE FROM locks WHERE name = $1 AND token = $2`, [name, token]));
    },
  };
}

/** Run `fn` holding the lock `name`, and release it however `fn` ends. */
export async function withMonitorLock<T>(store: Store, name: string, fn: (lock: MonitorLock) => Promise<T>): Promise<T> {
  const lock = await acquireMonitorLock(store, name);
  try {
    return await fn(lock);
  } finally {
    await lock.release();
  }
}

/** The lock every monitoring run of a target takes (verify and monitor alike). */
export function monitorLockName(targetId: number): string {
  return `monitor:target:${targetId}`;
}
