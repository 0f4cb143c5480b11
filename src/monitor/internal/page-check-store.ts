/**
 * Store side of checking one source page: what is known of it before the fetch, and the single
 * transaction that records the verdicts (events, link rows, the page, its failure count, and the
 * queue row). NOTE: the queue row turns `done` in the same transaction as the events, so a job
 * killed at any point either wrote a page's events and marked it done, or did neither.
 * ClickHouse has no transactions: there page-check-clickhouse.ts writes in an order that a resumed
 * job can repeat without duplicating an event.
 */
import type { TargetScope } from '../../core/types.js';
import { BUMP_LINK_EPOCH_SQL } from '../../store/index.js';
import type { SqlParam, Store } from '../../store/index.js';
import type { PageObservation } from '../types.js';
import { linkIdentity } from './decide-links.js';
import type { LinkDecision, PreviousPage, StoredBacklink } from './decide-links.js';
import type { CheckedPage } from './observe-page.js';
import { recordClickHousePageCheck } from './page-check-clickhouse.js';
import { backlinkSql } from './target-scope-sql.js';

export interface PageContext {
  backlinks: StoredBacklink[];
  /** dst_domain of each backlink by id (ClickHouse's link events carry it). */
  dstDomains: Map<number, string>;
  /**
   * Identities (linkIdentity) of every stored link of the page, backlinks or not; null on ClickHouse,
   * where they are looked up at record time, by the domains the page links to (the sorting key).
   */
  known: Set<string> | null;
  previous: PreviousPage | null;
  failures: number;
}

interface RawBacklink {
  id: bigint;
  dst_url: string;
  dst_domain: string;
  kind: string;
  anchor: string;
  nofollow: boolean;
  ugc: boolean;
  sponsored: boolean;
  meta_nofollow: boolean;
  lost_reason: string | null;
  lost_at: Date | null;
  source: string;
}

export async function loadPageContext(store: Store, url: string, target: { scope: TargetScope; value: string }, recheckLost: boolean): Promise<PageContext> {
  const params: SqlParam[] = [url];
  const scope = backlinkSql(target, params, store.dialect);
  const rows = await store.all<RawBacklink>(
    `SELECT id, dst_url, dst_domain, kind, anchor, nofollow, ugc, sponsored, meta_nofollow, lost_reason, lost_at, source FROM links l
     WHERE l.src_url = $1 AND ${scope} ${recheckLost ? '' : 'AND l.lost_at IS NULL'} ORDER BY id`,
    params,
  );
  const all = store.dialect === 'clickhouse' ? null : await store.all<{ dst_url: string; kind: string; anchor: string }>(`SELECT dst_url, kind, anchor FROM links WHERE src_url = $1`, [url]);
  const page = await store.one<{ noindex: boolean; canonical: string | null }>(`SELECT noindex, canonical FROM pages WHERE url = $1`, [url]);
  const mp = await store.one<{ failures: number }>(`SELECT failures FROM monitor_pages WHERE url = $1`, [url]);
  return {
    backlinks: rows.map((r) => ({
      id: Number(r.id),
      dstUrl: r.dst_url,
      kind: r.kind,
      anchor: r.anchor,
      nofollow: r.nofollow,
      ugc: r.ugc,
      sponsored: r.sponsored,
      metaNofollow: r.meta_nofollow,
      // An import may mark a link lost without a reason; it is still lost.
      lostReason: r.lost_at === null ? null : (r.lost_reason ?? 'link-removed'),
      source: r.source,
    })),
    dstDomains: new Map(rows.map((r) => [Number(r.id), r.dst_domain])),
    known: all === null ? null : new Set(all.map((l) => linkIdentity(l.dst_url, l.kind, l.anchor))),
    previous: page === undefined ? null : { noindex: page.noindex, canonical: page.canonical },
    failures: mp?.failures ?? 0,
  };
}

export interface RecordCheckInput {
  jobId: number;
  url: string;
  at: Date;
  checked: CheckedPage;
  decisions: readonly LinkDecision[];
  failures: number;
  context: PageContext;
}

/** Write one page's outcome; returns the number of links stored for the first time. */
export async function recordPageCheck(store: Store, input: RecordCheckInput): Promise<number> {
  if (store.dialect === 'clickhouse') return recordClickHousePageCheck(store, input);
  const { jobId, url, at, checked, decisions } = input;
  const obs: PageObservation = checked.observation;
  return store.transaction(async () => {
    const ok = obs.kind !== 'failed';
    await store.run(
      `INSERT INTO monitor_pages (url, failures, last_error, last_status, last_checked_at, last_ok_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (url) DO UPDATE SET failures = excluded.failures, last_error = excluded.last_error, last_status = excluded.last_status,
         last_checked_at = excluded.last_checked_at, last_ok_at = coalesce(excluded.last_ok_at, monitor_pages.last_ok_at)`,
      [url, input.failures, obs.kind === 'failed' ? obs.code : null, checked.facts?.status ?? (obs.kind === 'failed' ? obs.status : null), at, ok ? at : null],
    );
    // The UPDATEs below change links: the link rollup is stale from this transaction on.
    if (decisions.length > 0) await store.run(BUMP_LINK_EPOCH_SQL);
    for (const d of decisions) {
      const s = d.seen;
      const lostAt = d.event === 'lost' ? at : null;
      if (s !== null) {
        await store.run(
          `UPDATE links SET nofollow = $2, ugc = $3, sponsored = $4, meta_nofollow = $5, hidden = $6, position = $7, context = $8,
             last_seen = greatest(last_seen, $9), lost_reason = $10::VARCHAR,
             lost_at = CASE WHEN $10::VARCHAR IS NULL THEN NULL ELSE coalesce(lost_at, $11) END
           WHERE id = $1`,
          [d.id, s.nofollow, s.ugc, s.sponsored, s.metaNofollow, s.hidden, s.position, s.context, at, d.lostReason, lostAt ?? at],
        );
      } else {
        await store.run(
          `UPDATE links SET lost_reason = $2::VARCHAR, lost_at = CASE WHEN $2::VARCHAR IS NULL THEN NULL ELSE coalesce(lost_at, $3) END WHERE id = $1`,
          [d.id, d.lostReason, at],
        );
      }
      if (d.event !== null) {
        await store.run(`INSERT INTO link_events (occurred_at, link_id, event, reason, job_id) VALUES ($1, $2, $3, $4, $5)`, [at, d.id, d.event, d.event === 'lost' ? d.lostReason : null, jobId]);
      }
    }
    // A link an imported row was matched to (by URL, its anchor worded otherwise) is not new.
    const claimed = new Set(decisions.flatMap((d) => (d.seen === null ? [] : [linkIdentity(d.seen.dstUrl, d.seen.kind, d.seen.anchor)])));
    const known = input.context.known ?? new Set<string>();
    const fresh = checked.records.filter((r) => {
      const id = linkIdentity(r.dstUrl, r.kind, r.anchor);
      return !known.has(id) && !claimed.has(id);
    });
    const written = fresh.length > 0 ? (await store.writeLinks(fresh, { jobId })).inserted : 0;
    if (checked.facts !== null) {
      const f = checked.facts;
      const page = obs.kind === 'ok' ? obs : null;
      await store.run(
        `UPDATE pages SET status = $2, fetched_at = $3, content_type = $4, ip = $5, bytes = $6, error = NULL,
           title = CASE WHEN $7 THEN $8 ELSE title END, noindex = $9, nofollow = $10, canonical = $11, outlinks = $12
         WHERE url = $1`,
        [url, f.status, at, f.contentType, f.ip, f.bytes, page !== null, f.title, page?.noindex ?? false, page?.nofollow ?? false, page?.canonical ?? null, checked.records.length],
      );
    }
    await store.run(`UPDATE verify_queue SET state = 'done', outcome = $3 WHERE job_id = $1 AND url = $2`, [jobId, url, obs.kind]);
    return written;
  });
}
