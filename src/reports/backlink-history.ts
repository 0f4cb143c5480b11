import { ValidationError } from '../core/errors.js';
import type { SqlParam, Store } from '../store/index.js';
import { EXTERNAL_SQL } from './internal/link-sql.js';
import { scopeSql } from './internal/scope-sql.js';
import { SqlBuilder } from './internal/sql-builder.js';
import { targetRef } from './internal/target-ref.js';
import { parseReportInput } from './parse-input.js';
import { backlinkHistoryQuery } from './schemas/backlink-history-query.js';
import type { BacklinkHistoryQuery } from './schemas/backlink-history-query.js';
import { resolveTarget } from './targets/resolve-target.js';
import type { ReportColumn, TargetRecord, TargetRef } from './types.js';

/** One bucket (day, week or month, UTC) of the backlink profile's history. */
export interface HistoryRow {
  /** Start of the bucket (UTC midnight). */
  date: Date;
  newBacklinks: number;
  /** Lost links seen again. */
  recoveredBacklinks: number;
  lostBacklinks: number;
  /** Live backlinks at the end of the bucket. */
  backlinks: number;
  /** Domains whose first live link appeared (or came back) in the bucket. */
  newRefDomains: number;
  /** Domains whose last live link was lost in the bucket. */
  lostRefDomains: number;
  /** Domains with a live link at the end of the bucket. */
  refDomains: number;
}

export interface BacklinkHistoryResult {
  target: TargetRef;
  interval: 'day' | 'week' | 'month';
  rows: HistoryRow[];
}

export const HISTORY_COLUMNS: readonly ReportColumn<HistoryRow>[] = [
  { key: 'date', header: 'date' },
  { key: 'newBacklinks', header: 'new links', align: 'right' },
  { key: 'lostBacklinks', header: 'lost links', align: 'right' },
  { key: 'recoveredBacklinks', header: 'recovered', align: 'right' },
  { key: 'backlinks', header: 'links', align: 'right' },
  { key: 'newRefDomains', header: 'new domains', align: 'right' },
  { key: 'lostRefDomains', header: 'lost domains', align: 'right' },
  { key: 'refDomains', header: 'domains', align: 'right' },
];

/** Most buckets one answer holds (ten years of days). */
const MAX_BUCKETS = 3660;

interface Row {
  bucket: Date;
  new_links: bigint;
  recovered_links: bigint;
  lost_links: bigint;
  new_domains: bigint;
  lost_domains: bigint;
}

function nextBucket(date: Date, interval: 'day' | 'week' | 'month'): Date {
  const d = new Date(date.getTime());
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

function truncate(date: Date, interval: 'day' | 'week' | 'month'): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), interval === 'month' ? 1 : date.getUTCDate()));
  if (interval === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

/**
 * New, lost and total backlinks and referring domains per day (or week, month), replayed from
 * link_events, so any past day can be charted. A domain is new in the bucket where its live-link
 * count goes from zero to more, and lost where it drops back to zero. Buckets with no events are
 * filled in, carrying the totals.
 * @throws NotFoundError for an unknown target; ValidationError naming the bad parameter.
 */
export async function backlinkHistory(store: Store, input: BacklinkHistoryQuery): Promise<BacklinkHistoryResult> {
  const q = parseReportInput(backlinkHistoryQuery, input);
  if (q.from && q.to && q.from >= q.to) throw new ValidationError('Invalid parameter to: must be after from', [{ where: 'to', message: 'must be after from' }]);
  const target = await resolveTarget(store, q.target);
  if (store.dialect === 'clickhouse') return historyRows(target, q, await store.all<Row>(...clickHouseHistorySql(target, q.interval)));
  const b = new SqlBuilder();
  const unit = b.p(q.interval);
  const rows = await store.all<Row>(
    `WITH ev AS (
       SELECT date_trunc(${unit}, e.occurred_at)::TIMESTAMP AS bucket, l.src_domain AS domain, e.event,
         CASE WHEN e.event = 'lost' THEN -1 ELSE 1 END AS delta
       FROM link_events e JOIN links l ON l.id = e.link_id
       WHERE ${scopeSql(target, b)} AND ${EXTERNAL_SQL} AND e.event IN ('new', 'recovered', 'lost')
     ), per_domain AS (
       SELECT domain, bucket, sum(delta) OVER (PARTITION BY domain ORDER BY bucket) AS live_after
       FROM (SELECT domain, bucket, sum(delta) AS delta FROM ev GROUP BY domain, bucket)
     ), domain_changes AS (
       SELECT bucket,
         count(*) FILTER (WHERE live_before <= 0 AND live_after > 0) AS new_domains,
         count(*) FILTER (WHERE live_before > 0 AND live_after <= 0) AS lost_domains
       FROM (SELECT *, coalesce(lag(live_after) OVER (PARTITION BY domain ORDER BY bucket), 0) AS live_before FROM per_domain)
       GROUP BY bucket
     ), link_changes AS (
       SELECT bucket, count(*) FILTER (WHERE event = 'new') AS new_links, count(*) FILTER (WHERE event = 'recovered') AS recovered_links,
         count(*) FILTER (WHERE event = 'lost') AS lost_links
       FROM ev GROUP BY bucket
     )
     SELECT k.bucket, k.new_links, k.recovered_links, k.lost_links, coalesce(c.new_domains, 0) AS new_domains, coalesce(c.lost_domains, 0) AS lost_domains
     FROM link_changes k LEFT JOIN domain_changes c USING (bucket)
     ORDER BY k.bucket`,
    b.params,
  );
  return historyRows(target, q, rows);
}

/** ClickHouse's bucket start for each interval (weeks start on Monday, as DuckDB's date_trunc). */
const CLICKHOUSE_BUCKET = {
  day: `toStartOfDay(e.occurred_at, 'UTC')`,
  week: `toDateTime(toMonday(e.occurred_at, 'UTC'), 'UTC')`,
  month: `toDateTime(toStartOfMonth(e.occurred_at, 'UTC'), 'UTC')`,
} as const;

/**
 * The same per-bucket changes in ClickHouse SQL. A domain's live count before a bucket is its count
 * after it less the bucket's change, so no lag() is needed.
 */
function clickHouseHistorySql(target: TargetRecord, interval: 'day' | 'week' | 'month'): [string, SqlParam[]] {
  const b = new SqlBuilder('clickhouse');
  const sql = `WITH ev AS (
       SELECT ${CLICKHOUSE_BUCKET[interval]} AS bucket, l.src_domain AS domain, e.event AS event, if(e.event = 'lost', -1, 1) AS delta
       FROM link_events e JOIN (SELECT l.id AS id, l.src_domain AS src_domain FROM links l WHERE ${scopeSql(target, b)} AND ${EXTERNAL_SQL}) l ON l.id = e.link_id
       WHERE e.event IN ('new', 'recovered', 'lost')
     ), per_domain AS (
       SELECT domain, bucket, delta, sum(delta) OVER (PARTITION BY domain ORDER BY bucket) AS live_after
       FROM (SELECT domain, bucket, sum(delta) AS delta FROM ev GROUP BY domain, bucket)
     ), domain_changes AS (
       SELECT bucket, countIf(live_after - delta <= 0 AND live_after > 0) AS new_domains, countIf(live_after - delta > 0 AND live_after <= 0) AS lost_domains
       FROM per_domain GROUP BY bucket
     ), link_changes AS (
       SELECT bucket, countIf(event = 'new') AS new_links, countIf(event = 'recovered') AS recovered_links, countIf(event = 'lost') AS lost_links
       FROM ev GROUP BY bucket
     )
     SELECT k.bucket AS bucket, k.new_links AS new_links, k.recovered_links AS recovered_links, k.lost_links AS lost_links,
       coalesce(c.new_domains, 0) AS new_domains, coalesce(c.lost_domains, 0) AS lost_domains
     FROM link_changes k LEFT JOIN domain_changes c ON c.bucket = k.bucket
     ORDER BY k.bucket`;
  return [sql, b.params];
}

/** Fill the buckets from the first to the last (or from/to), carrying the running totals. */
function historyRows(target: TargetRecord, q: { interval: 'day' | 'week' | 'month'; from?: Date | undefined; to?: Date | undefined }, rows: Row[]): BacklinkHistoryResult {
  const out: HistoryRow[] = [];
  const first = q.from ? truncate(q.from, q.interval) : rows[0]?.bucket;
  const last = q.to ? truncate(new Date(q.to.getTime() - 1), q.interval) : rows[rows.length - 1]?.bucket;
  let links = 0;
  let domains = 0;
  let i = 0;
  // Totals before the first bucket shown still count.
  for (; i < rows.length && first && rows[i]!.bucket < first; i++) {
    const r = rows[i]!;
    links += Number(r.new_links) + Number(r.recovered_links) - Number(r.lost_links);
    domains += Number(r.new_domains) - Number(r.lost_domains);
  }
  if (first && last) {
    for (let day = first; day <= last; day = nextBucket(day, q.interval)) {
      if (out.length >= MAX_BUCKETS) {
        throw new ValidationError(`Invalid parameter from: more than ${MAX_BUCKETS} ${q.interval}s; narrow from/to or use a larger interval`, [
          { where: 'from', message: `at most ${MAX_BUCKETS} buckets` },
        ]);
      }
      const r = rows[i]?.bucket.getTime() === day.getTime() ? rows[i++] : undefined;
      const row: HistoryRow = { date: day, newBacklinks: 0, recoveredBacklinks: 0, lostBacklinks: 0, backlinks: 0, newRefDomains: 0, lostRefDomains: 0, refDomains: 0 };
      if (r) {
        row.newBacklinks = Number(r.new_links);
        row.recoveredBacklinks = Number(r.recovered_links);
        row.lostBacklinks = Number(r.lost_links);
        row.newRefDomains = Number(r.new_domains);
        row.lostRefDomains = Number(r.lost_domains);
      }
      links += row.newBacklinks + row.recoveredBacklinks - row.lostBacklinks;
      domains += row.newRefDomains - row.lostRefDomains;
      row.backlinks = links;
      row.refDomains = domains;
      out.push(row);
    }
  }
  return { target: targetRef(target), interval: q.interval, rows: out };
}
