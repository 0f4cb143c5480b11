/**
 * recordPageCheck on ClickHouse. There is no transaction, so the writes go in an order that a job
 * killed between any two of them can repeat on resume without a duplicate: first the events this job
 * has not written yet for these links (each link is judged once per job, since a link has one source
 * page), then the links' new row versions, the links new to the store, the page, its failure count,
 * and last the queue row. A link row updated before the kill is judged again on resume; its stored
 * state then already says what the event said, so no second event comes of it.
 * NOTE: killed between the failure count and the queue row, a failing page counts one failure twice.
 */
import type { SqlParam, Store } from '../../store/index.js';
import { reviseClickHouseRows as reviseRows } from '../../store/index.js';
import { linkIdentity } from './decide-links.js';
import type { RecordCheckInput } from './page-check-store.js';

export async function recordClickHousePageCheck(store: Store, input: RecordCheckInput): Promise<number> {
  const { jobId, url, at, checked, decisions, context } = input;
  const obs = checked.observation;
  const domainOf = (id: number): string => context.dstDomains.get(id) ?? '';

  const judged = decisions.filter((d) => d.event !== null);
  if (judged.length > 0) {
    const written = await store.all<{ link_id: bigint; event: string }>(
      `SELECT link_id, event FROM link_events WHERE dst_domain IN $1 AND job_id = $2 AND toString(link_id) IN $3`,
      [[...new Set(judged.map((d) => domainOf(d.id)))], jobId, judged.map((d) => String(d.id))],
    );
    const done = new Set(written.map((w) => `${String(w.link_id)}:${w.event}`));
    const rows: string[] = [];
    const params: SqlParam[] = [];
    for (const d of judged) {
      if (done.has(`${d.id}:${d.event}`)) continue;
      const base = params.length;
      params.push(at, d.id, domainOf(d.id), d.event!, d.event === 'lost' ? d.lostReason : null, jobId);
      rows.push(`(${[1, 2, 3, 4, 5, 6].map((i) => `$${base + i}`).join(', ')})`);
    }
    if (rows.length > 0) await store.run(`INSERT INTO link_events_data (occurred_at, link_id, dst_domain, event, reason, job_id) VALUES ${rows.join(', ')}`, params);
  }

  // links_data's version is last_seen: a row whose last_seen does not move wins as the last written.
  for (const d of decisions) {
    const s = d.seen;
    if (s !== null) {
      await store.run(
        `INSERT INTO links_data SELECT * REPLACE ($2 AS nofollow, $3 AS ugc, $4 AS sponsored, $5 AS meta_nofollow, $6 AS hidden, $7 AS position, $8 AS context,
           greatest(last_seen, $9) AS last_seen, $10 AS lost_reason, if(isNull($10), NULL, coalesce(lost_at, $9)) AS lost_at)
         FROM links WHERE dst_domain = $11 AND id = $1`,
        [d.id, s.nofollow, s.ugc, s.sponsored, s.metaNofollow, s.hidden, s.position, s.context, at, d.lostReason, domainOf(d.id)],
      );
    } else {
      await store.run(
        `INSERT INTO links_data SELECT * REPLACE ($2 AS lost_reason, if(isNull($2), NULL, coalesce(lost_at, $3)) AS lost_at) FROM links WHERE dst_domain = $4 AND id = $1`,
        [d.id, d.lostReason, at, domainOf(d.id)],
      );
    }
  }

  // A link an imported row was matched to (by URL, its anchor worded otherwise) is not new.
  const claimed = new Set(decisions.flatMap((d) => (d.seen === null ? [] : [linkIdentity(d.seen.dstUrl, d.seen.kind, d.seen.anchor)])));
  let written = 0;
  if (checked.records.length > 0) {
    const stored = await store.all<{ dst_url: string; kind: string; anchor: string }>(`SELECT dst_url, kind, anchor FROM links WHERE dst_domain IN $1 AND src_url = $2`, [
      [...new Set(checked.records.map((r) => r.dstDomain))],
      url,
    ]);
    const known = new Set(stored.map((l) => linkIdentity(l.dst_url, l.kind, l.anchor)));
    const fresh = checked.records.filter((r) => {
      const id = linkIdentity(r.dstUrl, r.kind, r.anchor);
      return !known.has(id) && !claimed.has(id);
    });
    if (fresh.length > 0) written = (await store.writeLinks(fresh, { jobId })).inserted;
  }

  if (checked.facts !== null) {
    const f = checked.facts;
    const page = obs.kind === 'ok' ? obs : null;
    await store.run(
      `INSERT INTO pages_data SELECT * REPLACE ($2 AS status, $3 AS fetched_at, $4 AS content_type, $5 AS ip, $6 AS bytes, CAST(NULL AS Nullable(String)) AS error,
         if($7, $8, title) AS title, $9 AS noindex, $10 AS nofollow, $11 AS canonical, $12 AS outlinks)
       FROM pages WHERE url = $1`,
      [url, f.status, at, f.contentType, f.ip, f.bytes, page !== null, f.title, page?.noindex ?? false, page?.nofollow ?? false, page?.canonical ?? null, checked.records.length],
    );
  }

  const ok = obs.kind !== 'failed';
  const status = checked.facts?.status ?? (obs.kind === 'failed' ? obs.status : null);
  await store.run(
    `INSERT INTO monitor_pages_data (url, failures, last_error, last_status, last_checked_at, last_ok_at, updated_at)
     SELECT $1, $2, $3, $4, $5, ${ok ? '$5' : '(SELECT max(last_ok_at) FROM monitor_pages WHERE url = $1)'}, now64(3, 'UTC')`,
    [url, input.failures, obs.kind === 'failed' ? obs.code : null, status, at],
  );
  await reviseRows(store, 'verify_queue', `'done' AS state, toNullable($3) AS outcome`, `job_id = $1 AND url = $2`, [jobId, url, obs.kind]);
  return written;
}
