import type { Store } from '../store/index.js';
import { listTargets } from '../reports/index.js';
import { dialectSql } from './internal/dialect-sql.js';
import { domainOfRef } from './internal/prospect-context.js';
import { setProspectColumns } from './internal/prospect-writes.js';
import { OPEN_STATUSES } from './prospect-status.js';

export interface UpdateWonOptions {
  /** When the move happens (default: now). */
  at?: Date;
}

export interface WonProspect {
  prospectId: number;
  domain: string;
  linkId: number;
  linkUrl: string;
  targetUrl: string;
}

/**
 * Move open prospects (new, qualified, contacted, replied) to won when their domain now has a live
 * link to their target's registrable domain that was first seen after the prospect was created.
 * The first such link (earliest, then lowest id) is attached. Call it after a crawl or a verify.
 * @returns the prospects moved to won.
 * @example await updateWonProspects(store)
 */
export async function updateWonProspects(store: Store, options: UpdateWonOptions = {}): Promise<WonProspect[]> {
  const at = options.at ?? new Date();
  const rows: { prospect_id: bigint; domain: string; link_id: bigint; src_url: string; dst_url: string }[] = [];
  const open = dialectSql(store.dialect).has('$3', 'status');
  // NOTE: relationships are judged at the target's registrable domain, as findProspects does.
  for (const t of await listTargets(store)) {
    rows.push(
      // argMin is arg_min on DuckDB (its names ignore case). Conditions other than the key equality
      // sit in WHERE (the same for an inner join), and the few prospects on the join's build side.
      ...(await store.all<{ prospect_id: bigint; domain: string; link_id: bigint; src_url: string; dst_url: string }>(
        `SELECT p.id AS prospect_id, p.domain AS domain, argMin(l.id, (l.first_seen, l.id)) AS link_id,
           argMin(l.src_url, (l.first_seen, l.id)) AS src_url, argMin(l.dst_url, (l.first_seen, l.id)) AS dst_url
         FROM links l JOIN (SELECT id, domain, created_at FROM prospects WHERE target_id = $1 AND ${open}) p ON l.src_domain = p.domain
         WHERE l.dst_domain = $2 AND l.lost_at IS NULL AND l.first_seen > p.created_at
         GROUP BY p.id, p.domain
         ORDER BY p.id`,
        [t.id, domainOfRef(t), OPEN_STATUSES],
      )),
    );
  }
  if (rows.length === 0) return [];
  await store.transaction(async () => {
    for (const r of rows) {
      await setProspectColumns(store, r.prospect_id, { status: 'won', link_id: r.link_id, won_at: at, status_changed_at: at }, at);
    }
  });
  return rows.map((r) => ({ prospectId: Number(r.prospect_id), domain: r.domain, linkId: Number(r.link_id), linkUrl: r.src_url, targetUrl: r.dst_url }));
}
