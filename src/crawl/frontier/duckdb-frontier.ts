/**
 * The crawl frontier of one job in DuckDB's `frontier` table, worked in batches: claim many due
 * URLs in one statement, add discovered URLs through the Appender in one INSERT, settle many
 * claimed URLs in one UPDATE. DuckDB is columnar and point writes are its slow path, so every
 * method works on a whole batch; the crawler calls `claim` a few times a second, not per URL.
 *
 * Claims are fair across hosts: each takes at most `perHost` URLs of any one host, lowest depth
 * first (breadth-first within a host), so one big site cannot fill the crawler's buffers.
 */
import { timestampValue } from '../../store/index.js';
import type { DuckDbStore } from '../../store/index.js';
import type { DiscoveredUrl, FrontierCounts, FrontierEntry, SettledEntry } from './types.js';

export interface ClaimOptions {
  /** Most URLs to claim. */
  limit: number;
  /** Most URLs of one host in this claim. */
  perHost: number;
  /** Hosts not to claim for (their buffers are full, or they are blocked). */
  skipHosts?: readonly string[];
  /** Rows whose next_fetch_at is later are not due yet. */
  now?: Date;
}

interface ClaimRow {
  url: string;
  host: string;
  depth: number;
  attempts: number;
}

export class DuckDbFrontier {
  readonly jobId: number;
  readonly store: DuckDbStore;

  private constructor(store: DuckDbStore, jobId: number) {
    this.store = store;
    this.jobId = jobId;
  }

  /**
   * Open the frontier of a job, putting back to `queued` whatever a dead run left `fetching`.
   * @example const frontier = await DuckDbFrontier.open(store, job.id);
   */
  static async open(store: DuckDbStore, jobId: number): Promise<DuckDbFrontier> {
    await store.run(`UPDATE frontier SET state = 'queued' WHERE job_id = $1 AND state = 'fetching'`, [jobId]);
    return new DuckDbFrontier(store, jobId);
  }

  /** Every URL the job holds, in any state: the crawler's dedupe set. */
  async knownUrls(): Promise<Set<string>> {
    const reader = await this.store.connection.runAndReadAll(`SELECT url FROM frontier WHERE job_id = $1`, [this.jobId]);
    const column = reader.getColumnsJS()[0] ?? [];
    return new Set(column as string[]);
  }

  async counts(): Promise<FrontierCounts> {
    const rows = await this.store.all<{ state: string; n: number }>(
      `SELECT state, count(*)::INTEGER AS n FROM frontier WHERE job_id = $1 GROUP BY state`,
      [this.jobId],
    );
    const counts: FrontierCounts = { queued: 0, fetching: 0, done: 0, failed: 0, total: 0 };
    for (const { state, n } of rows) {
      if (state === 'queued' || state === 'fetching' || state === 'done' || state === 'failed') counts[state] = n;
      counts.total += n;
    }
    return counts;
  }

  /**
   * Mark up to `limit` due URLs `fetching` and return them, lowest depth first.
   * NOTE: call outside any open transaction of the crawler's, or inside its own; never interleaved
   * with a half-done commit on the same connection.
   */
  async claim(options: ClaimOptions): Promise<FrontierEntry[]> {
    const rows = await this.store.all<ClaimRow>(
      `UPDATE frontier SET state = 'fetching'
       WHERE job_id = $1 AND url IN (
         SELECT url FROM (
           SELECT url, depth, row_number() OVER (PARTITION BY host ORDER BY depth, discovered_at, url) AS rn
           FROM frontier
           WHERE job_id = $1 AND state = 'queued' AND (next_fetch_at IS NULL OR next_fetch_at <= $2)
             AND NOT list_contains($3, host)
         ) WHERE rn <= $4
         ORDER BY depth, rn
         LIMIT $5
       )
       RETURNING url, host, depth, attempts`,
      [this.jobId, options.now ?? new Date(), options.skipHosts ?? [], options.perHost, options.limit],
    );
    return rows.sort((a, b) => a.depth - b.depth).map((r) => ({ url: r.url, host: r.host, depth: r.depth, attempts: r.attempts }));
  }

  /** When the earliest queued URL falls due (now or earlier for most), or null when none is queued. */
  async nextDueAt(): Promise<Date | null> {
    const row = await this.store.one<{ due: Date | null; n: number }>(
      `SELECT min(coalesce(next_fetch_at, TIMESTAMP '1970-01-01')) AS due, count(*)::INTEGER AS n FROM frontier WHERE job_id = $1 AND state = 'queued'`,
      [this.jobId],
    );
    return row === undefined || row.n === 0 ? null : row.due;
  }

  /**
   * Add URLs the job does not hold yet (the first depth seen wins; known URLs are left alone).
   * Run inside the commit transaction, together with the `settle` of the pages they came from.
   * @returns how many rows were added.
   */
  async addDiscovered(discovered: readonly DiscoveredUrl[], now: Date = new Date()): Promise<number> {
    if (discovered.length === 0) return 0;
    const connection = this.store.connection;
    await connection.run(`CREATE OR REPLACE TEMP TABLE _stage_frontier (url VARCHAR, host VARCHAR, depth INTEGER)`);
    const appender = await connection.createAppender('_stage_frontier', 'main', 'temp');
    try {
      for (const d of discovered) {
        appender.appendVarchar(d.url);
        appender.appendVarchar(d.host);
        appender.appendInteger(d.depth);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    const before = await this.#total();
    await connection.run(
      `INSERT INTO frontier (job_id, url, host, depth, state, attempts, discovered_at)
       SELECT $1, url, any_value(host), min(depth), 'queued', 0, $2 FROM _stage_frontier GROUP BY url
       ON CONFLICT DO NOTHING`,
      [this.jobId, timestampValue(now)],
    );
    // Temp tables live in memory until dropped; a crawl commits thousands of batches.
    await connection.run(`DROP TABLE IF EXISTS _stage_frontier`);
    return (await this.#total()) - before;
  }

  /** Record the outcome of claimed URLs (final, or `queued` again for a retry). Run inside the commit transaction. */
  async settle(settled: readonly SettledEntry[]): Promise<void> {
    if (settled.length === 0) return;
    const connection = this.store.connection;
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE _stage_settle (url VARCHAR, state VARCHAR, attempts INTEGER, last_error VARCHAR, next_fetch_at TIMESTAMP)`,
    );
    const appender = await connection.createAppender('_stage_settle', 'main', 'temp');
    try {
      for (const s of settled) {
        appender.appendVarchar(s.url);
        appender.appendVarchar(s.state);
        appender.appendInteger(s.attempts);
        if (s.lastError === null) appender.appendNull();
        else appender.appendVarchar(s.lastError);
        if (s.nextFetchAt === null) appender.appendNull();
        else appender.appendTimestamp(timestampValue(s.nextFetchAt));
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    await connection.run(
      `UPDATE frontier SET state = s.state, attempts = s.attempts, last_error = s.last_error, next_fetch_at = s.next_fetch_at
       FROM (SELECT DISTINCT ON (url) * FROM _stage_settle) s
       WHERE frontier.job_id = $1 AND frontier.url = s.url`,
      [this.jobId],
    );
    await connection.run(`DROP TABLE IF EXISTS _stage_settle`);
  }

  async #total(): Promise<number> {
    const reader = await this.store.connection.runAndReadAll(`SELECT count(*)::INTEGER FROM frontier WHERE job_id = $1`, [this.jobId]);
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }
}
