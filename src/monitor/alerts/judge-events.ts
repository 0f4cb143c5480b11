/**
 * What an event rule's events come to (shared by the DuckDB and ClickHouse ways of finding them),
 * and storing an alert once per rule and key.
 */
import type { TargetRecord } from '../../reports/index.js';
import type { Store } from '../../store/index.js';
import type { AlertRule } from './alert-rules.js';
import type { AlertLink, EvaluateResult, EventRow } from './evaluate-alerts.js';
import { queueAlert } from './queue-alert.js';

/** Links listed in one alert at most; the total is always given. */
const MAX_LINKS = 50;

/** The events that fire the rule (score ≥ threshold), with the alert's message, or null; notes the unscored ones. */
export function judgeEvents<R extends Omit<EventRow, 'id'>>(
  target: TargetRecord,
  rule: AlertRule,
  rows: readonly R[],
  out: EvaluateResult,
): { rows: R[]; message: string; details: Record<string, unknown> } | null {
  const lost = rule.kind === 'lost-authority';
  const unscored = rows.filter((r) => r.score === null).length;
  if (unscored > 0) {
    out.notes.push(
      lost
        ? `rule ${rule.id} (lost-authority): ${unscored} lost links come from domains without an authority yet; run vouch rank`
        : `rule ${rule.id} (new-toxic): ${unscored} new links come from domains without a toxicity yet; run vouch audit, the rule cannot fire for them until then`,
    );
  }
  const hits = rows.filter((r) => r.score !== null && r.score >= rule.threshold);
  if (hits.length === 0) return null;
  const links: AlertLink[] = hits.slice(0, MAX_LINKS).map((r) => ({ srcUrl: r.src_url, dstUrl: r.dst_url, anchor: r.anchor, domain: r.src_domain, reason: r.reason, score: r.score! }));
  const domains = new Set(hits.map((h) => h.src_domain)).size;
  const message = lost
    ? `${hits.length} backlinks lost from ${domains} domains with authority ≥ ${rule.threshold} (${target.name})`
    : `${hits.length} new backlinks from ${domains} domains with toxicity ≥ ${rule.threshold} (${target.name})`;
  return { rows: hits, message, details: { total: hits.length, domains, links } };
}

export async function insertAlert(store: Store, target: TargetRecord, rule: AlertRule, dedupeKey: string, message: string, details: Record<string, unknown>, out: EvaluateResult): Promise<void> {
  const seen = await store.one<{ id: bigint }>(`SELECT id FROM alerts WHERE rule_id = $1 AND dedupe_key = $2`, [rule.id, dedupeKey]);
  if (seen !== undefined) return;
  const payload = { rule: { id: rule.id, kind: rule.kind, threshold: rule.threshold }, ...details };
  const id = await queueAlert(store, { targetId: target.id, rule: `${rule.kind} ≥ ${rule.threshold}`, ruleId: rule.id, kind: rule.kind, dedupeKey, message, payload });
  out.alerts.push({ id, ruleId: rule.id, kind: rule.kind, message, details: payload });
}
