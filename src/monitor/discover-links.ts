/**
 * The monitor's re-crawl of its discovery sources: the hosts the target's backlinks come from, the
 * hosts of earlier crawls' seeds, and (on request) never-crawled hosts those link to, crawled again
 * (bounded) to find links the store lacks: new pages, and new links on pages that did not link to
 * the target before.
 *
 * The crawl runs into a scratch store next to the main one, and only links (and pages) the main
 * store lacks are merged in, as `new` events. NOTE: links already stored are verify's to judge: a
 * plain crawl writing them would "recover" a link lost because its page went noindex or its rel
 * became nofollow, while the page still carries it. A killed discovery resumes from the scratch
 * store's crawl job (the store is the monitor job's own); a finished one removes the scratch store.
 * The scratch store is a DuckDB file whatever the main store: on ClickHouse it lives under the
 * system's temporary directory (one folder per ClickHouse database), and the merge reads it back.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crawl } from '../crawl/index.js';
import type { CrawlProgress } from '../crawl/index.js';
import type { TargetRecord } from '../reports/index.js';
import { openStore } from '../store/index.js';
import type { DuckDbStore, SqlParam, Store } from '../store/index.js';
import { mergeScratchClickHouse } from './internal/merge-scratch-clickhouse.js';
import { toRecord } from './internal/scratch-link.js';
import type { ScratchLink } from './internal/scratch-link.js';
import { storeMutex } from './internal/store-mutex.js';
import { backlinkSql } from './internal/target-scope-sql.js';
import type { ResolvedVerifyOptions } from './verify-defaults.js';

export interface DiscoverOptions {
  /** At most this many source hosts, those with the most backlinks first. */
  maxHosts?: number;
  /** At most this many pages over the whole re-crawl. */
  maxPages?: number;
  /** Links at most this many hops from a host's home page are followed. */
  maxDepth?: number;
  /**
   * Also crawl up to this many hosts that the source hosts link to and that were never crawled
   * (most linked first): where new referring domains show up, such as a new site of a network.
   */
  newHosts?: number;
  /** Also re-crawl the hosts of the seeds of earlier `vouch crawl` jobs (at most maxHosts of them). */
  crawlSeeds?: boolean;
}

export const DISCOVER_DEFAULTS = { maxHosts: 50, maxPages: 2_000, maxDepth: 3, newHosts: 0, crawlSeeds: true } satisfies Required<DiscoverOptions>;

export interface DiscoverResult {
  /** Hosts re-crawled: source hosts, crawl seed hosts and new hosts, deduplicated. */
  hosts: number;
  /** Pages the re-crawl recorded this run. */
  pagesCrawled: number;
  /** Links stored for the first time (each a `new` event). */
  newLinks: number;
  state: 'done' | 'interrupted';
}


/**
 * The scratch store of one monitor job (of the target), ready to use: scratch stores left by other
 * jobs (a run killed before its merge, then run again with --fresh or --no-discover) are removed,
 * since merging their old links later would report links long gone as new. Without a job there is
 * nothing to resume, and the store starts empty.
 */
function prepareScratchDir(store: Store, targetId: number, jobId: number | null): { dir: string; targetDir: string } {
  const base =
    store.dialect === 'clickhouse'
      ? path.join(os.tmpdir(), 'vouch-monitor-scratch', createHash('sha256').update(store.databasePath).digest('hex').slice(0, 16))
      : store.databasePath === ':memory:'
        ? path.join(process.cwd(), 'vouch-data')
        : path.dirname(store.databasePath);
  const targetDir = path.join(base, 'monitor-scratch', `target-${targetId}`);
  const own = jobId === null ? null : `job-${jobId}`;
  if (existsSync(targetDir)) {
    for (const entry of readdirSync(targetDir)) if (entry !== own) rmSync(path.join(targetDir, entry), { recursive: true, force: true });
  }
  const dir = path.join(targetDir, own ?? 'no-job');
  mkdirSync(dir, { recursive: true });
  return { dir, targetDir };
}

/** Re-crawl the target's source hosts into a scratch store and merge the links the store lacks. */
export async function discoverLinks(
  store: Store,
  target: TargetRecord,
  o: ResolvedVerifyOptions,
  options: DiscoverOptions = {},
  hooks: {
    signal?: AbortSignal;
    jobId?: number | null;
    onProgress?: (p: CrawlProgress) => void;
    /** Runs inside the merge's transaction, after the merge (the store's queue is held: use the store directly). */
    onMerged?: () => Promise<void>;
  } = {},
): Promise<DiscoverResult> {
  const d = { ...DISCOVER_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const mutex = storeMutex(store);
  const params: SqlParam[] = [d.maxHosts];
  const scope = backlinkSql(target, params, store.dialect);
  const hosts = await mutex.run(() =>
    store.all<{ origin: string }>(
      `SELECT regexp_extract(min(l.src_url), '^(https?://[^/]+)') || '/' AS origin FROM links l WHERE ${scope}
       GROUP BY l.src_host ORDER BY count(*) DESC, l.src_host LIMIT $1`,
      params,
    ),
  );
  if (hosts.length === 0) return { hosts: 0, pagesCrawled: 0, newLinks: 0, state: 'done' };
  if (d.crawlSeeds) {
    // On ClickHouse the jobs table holds the monitor's jobs only (crawls write to DuckDB), so this finds none there.
    const seedList = store.dialect === 'clickhouse' ? `arrayJoin(JSONExtract(coalesce(params, '{}'), 'seeds', 'Array(String)'))` : `unnest(from_json(params->'seeds', '["VARCHAR"]'))`;
    const seeds = await mutex.run(() =>
      store.all<{ origin: string }>(
        `SELECT origin FROM (
           SELECT DISTINCT regexp_extract(${seedList}, '^(https?://[^/]+)') || '/' AS origin
           FROM jobs WHERE kind = 'crawl'
         ) WHERE origin <> '/' ORDER BY origin LIMIT $1`,
        [d.maxHosts],
      ),
    );
    hosts.push(...seeds);
  }
  if (d.newHosts > 0) {
    const p2: SqlParam[] = [d.newHosts];
    const scope2 = backlinkSql(target, p2, store.dialect);
    const extra = await mutex.run(() =>
      store.all<{ origin: string }>(
        `SELECT regexp_extract(min(o.dst_url), '^(https?://[^/]+)') || '/' AS origin FROM links o
         WHERE o.src_host IN (SELECT DISTINCT l.src_host FROM links l WHERE ${scope2}) AND o.kind IN ('a', 'redirect', 'meta-refresh')
           AND o.dst_host NOT IN (SELECT host FROM pages) AND o.src_domain <> o.dst_domain
         GROUP BY o.dst_host ORDER BY count(*) DESC, o.dst_host LIMIT $1`,
        p2,
      ),
    );
    hosts.push(...extra);
  }
  const origins = [...new Set(hosts.map((h) => h.origin))];
  const { dir, targetDir } = prepareScratchDir(store, target.id, hooks.jobId ?? null);
  const scratch = await openStore({ dataDir: dir });
  let result;
  try {
    result = await crawl(
      scratch,
      {
        seeds: origins,
        scope: 'host',
        maxPages: d.maxPages,
        maxDepth: d.maxDepth,
        concurrency: o.concurrency,
        perHost: o.perHost,
        delayMs: o.delayMs,
        userAgent: o.userAgent,
        resolve: o.resolve,
        allowPrivate: o.allowPrivate,
        timeoutMs: o.timeoutMs,
        maxBytes: o.maxBytes,
        maxAttempts: o.maxAttempts,
        retryBaseDelayMs: o.retryBaseDelayMs,
      },
      { signal: hooks.signal, onProgress: hooks.onProgress },
    );
  } finally {
    await scratch.close();
  }
  if (result.state === 'interrupted') return { hosts: origins.length, pagesCrawled: result.pagesThisRun, newLinks: 0, state: 'interrupted' };
  const newLinks = await mutex.run(() =>
    store.dialect === 'clickhouse'
      ? mergeScratchClickHouse(store, dir, hooks.jobId ?? null, hooks.onMerged)
      : mergeScratch(store as DuckDbStore, scratch.databasePath, hooks.jobId ?? null, hooks.onMerged),
  );
  // The target's lock is held: no other run has a scratch store under targetDir.
  rmSync(targetDir, { recursive: true, force: true });
  return { hosts: origins.length, pagesCrawled: result.pagesThisRun, newLinks, state: 'done' };
}

async function mergeScratch(store: DuckDbStore, file: string, jobId: number | null, onMerged?: () => Promise<void>): Promise<number> {
  // NOTE: ATTACH takes no parameters; the path is ours (under the data directory), quoted as a literal.
  await store.run(`ATTACH '${file.replaceAll("'", "''")}' AS monitor_scratch (READ_ONLY)`);
  try {
    const rows = await store.all<ScratchLink>(
      `SELECT s.src_url, s.dst_url, s.src_host, s.src_domain, s.dst_host, s.dst_domain, s.kind, s.anchor, s.nofollow, s.ugc, s.sponsored,
         s.meta_nofollow, s.hidden, s.position, s.context, s.http_status, s.first_seen, s.last_seen, s.source
       FROM monitor_scratch.links s WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.link_key = s.link_key) ORDER BY s.id`,
    );
    return await store.transaction(async () => {
      await store.run(`INSERT INTO pages BY NAME SELECT * FROM monitor_scratch.pages s WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.url = s.url)`);
      const inserted = rows.length === 0 ? 0 : (await store.writeLinks(rows.map(toRecord), { jobId })).inserted;
      await onMerged?.();
      return inserted;
    });
  } finally {
    await store.run(`DETACH monitor_scratch`);
  }
}
