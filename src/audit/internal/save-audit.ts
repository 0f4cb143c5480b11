/**
 * Store an audit: one row per referring domain in `audit_results` (the target's previous rows go),
 * and each domain's score in `domains.toxicity` with `toxicity_computed_at`. hosts.toxicity is not
 * written: the audit scores domains.
 */
import { BUMP_DOMAINS_EPOCH_SQL } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import type { DomainAudit } from '../types.js';
import { jsonBatches, nextVersion } from './clickhouse-writes.js';

function auditRows(domains: readonly DomainAudit[]): object[] {
  return domains.map((d) => ({
    domain: d.domain,
    toxicity: d.toxicity,
    computed: d.computedToxicity,
    override: d.override,
    links: d.links,
    followed: d.followedLinks,
    markers: JSON.stringify(d.markers),
    link_scores: JSON.stringify(d.linkScores),
  }));
}

export async function saveAudit(store: Store, targetId: number, domains: readonly DomainAudit[], computedAt: Date): Promise<void> {
  if (store.dialect === 'clickhouse') return saveClickHouseAudit(store, targetId, domains, computedAt);
  const rows = JSON.stringify(auditRows(domains));
  await store.transaction(async () => {
    await store.run(`DELETE FROM audit_results WHERE target_id = $1`, [targetId]);
    if (domains.length === 0) return;
    await store.run(
      `INSERT INTO audit_results (target_id, domain, toxicity, computed_toxicity, override, links, followed_links, markers, link_scores, computed_at)
       SELECT $1, r.domain, r.toxicity, r.computed, r.override, r.links, r.followed, r.markers::JSON, r.link_scores::JSON, $3
         FROM (SELECT unnest(from_json($2, '[{"domain":"VARCHAR","toxicity":"DOUBLE","computed":"DOUBLE","override":"VARCHAR","links":"INTEGER","followed":"INTEGER","markers":"VARCHAR","link_scores":"VARCHAR"}]'), recursive := true)) r`,
      [targetId, rows, computedAt],
    );
    await store.run(
      `INSERT INTO domains (domain, toxicity, toxicity_computed_at)
       SELECT domain, toxicity, computed_at FROM audit_results WHERE target_id = $1
       ON CONFLICT (domain) DO UPDATE SET toxicity = EXCLUDED.toxicity, toxicity_computed_at = EXCLUDED.toxicity_computed_at`,
      [targetId],
    );
    // New toxicities: the link rollup's copies of them are stale from this transaction on.
    await store.run(BUMP_DOMAINS_EPOCH_SQL);
  });
}

const AUDIT_ROW_TYPE = 'Array(Tuple(domain String, toxicity Float64, computed Float64, override Nullable(String), links Int32, followed Int32, markers String, link_scores String))';

/**
 * ClickHouse has no transaction to swap the rows in: the new rows go in first, as newer versions,
 * then the target's older rows are deleted. A reader sees the old audit or the new one, or for a
 * moment both (never neither, as a delete first would show); re-running after a failure converges.
 * A domain's new toxicity is a whole new version of its `domains` row (the metrics `rank` wrote are
 * copied along); a domain without a row gets one, as DuckDB's upsert inserts it.
 * NOTE: a `rank` writing `domains` at the same moment can lose one of the two writes (each copies
 * the row the other is replacing); re-run the one that lost.
 */
async function saveClickHouseAudit(store: Store, targetId: number, domains: readonly DomainAudit[], computedAt: Date): Promise<void> {
  const version = await nextVersion(store, 'audit_results', targetId);
  for (const batch of jsonBatches(auditRows(domains))) {
    await store.run(
      `INSERT INTO audit_results_data (target_id, domain, toxicity, computed_toxicity, override, links, followed_links, markers, link_scores, computed_at, updated_at)
       SELECT $1, r.domain, r.toxicity, r.computed, r.override, r.links, r.followed, r.markers, r.link_scores, $3, $4
         FROM (SELECT arrayJoin(JSONExtract($2, '${AUDIT_ROW_TYPE}')) AS r)`,
      [targetId, batch, computedAt, version],
    );
  }
  await store.run(`DELETE FROM audit_results_data WHERE target_id = $1 AND updated_at < $2`, [targetId, version]);
  if (domains.length === 0) return;
  await store.run(
    `INSERT INTO domains_data SELECT d.* REPLACE (a.toxicity AS toxicity, a.computed_at AS toxicity_computed_at)
       FROM domains d JOIN audit_results a ON a.domain = d.domain WHERE a.target_id = $1`,
    [targetId],
  );
  await store.run(
    `INSERT INTO domains_data (domain, toxicity, toxicity_computed_at)
     SELECT domain, toxicity, computed_at FROM audit_results WHERE target_id = $1 AND domain NOT IN (SELECT domain FROM domains)`,
    [targetId],
  );
}
