/**
 * An event rule (lost-authority, new-toxic) on ClickHouse. Its link events have no sequence to keep a
 * high-water mark on, so each rule keeps the events it has judged (alert_rule_events: link, event,
 * time; a new rule starts with the target's past events of its kind, see addAlertRule), and judges
 * the others. The alert's key is a hash of the events that fired it: a run killed after the alert
 * and before the events are marked judges them again, finds the alert, and only marks them.
 */
import { createHash } from 'node:crypto';
import type { TargetRecord } from '../../reports/index.js';
import type { SqlParam, Store } from '../../store/index.js';
import { backlinkSql } from '../internal/target-scope-sql.js';
import type { AlertRule } from './alert-rules.js';
import type { EvaluateResult, EventRow } from './evaluate-alerts.js';
import { insertAlert, judgeEvents } from './judge-events.js';

interface ClickHouseEventRow extends Omit<EventRow, 'id'> {
  link_id: bigint;
  event: string;
  occurred_at: Date;
}

/** Judged events are written this many a statement. */
const MARK_CHUNK = 1_000;

export async function clickHouseEventRule(store: Store, target: TargetRecord, rule: AlertRule, out: EvaluateResult): Promise<void> {
  const lost = rule.kind === 'lost-authority';
  const params: SqlParam[] = [rule.id, lost ? 'lost' : 'new'];
  const rows = await store.all<ClickHouseEventRow>(
    `SELECT e.link_id AS link_id, e.event AS event, e.occurred_at AS occurred_at, l.src_url AS src_url, l.dst_url AS dst_url, l.anchor AS anchor,
       l.src_domain AS src_domain, e.reason AS reason, ${lost ? 'd.authority' : 'd.toxicity'} AS score
     FROM link_events e
     JOIN (SELECT l.id AS id, l.src_url AS src_url, l.dst_url AS dst_url, l.anchor AS anchor, l.src_domain AS src_domain FROM links l WHERE ${backlinkSql(target, params, store.dialect)}) l
       ON l.id = e.link_id
     LEFT JOIN domains d ON d.domain = l.src_domain
     WHERE e.event = $2 AND (e.link_id, e.event, e.occurred_at) NOT IN (SELECT link_id, event, occurred_at FROM alert_rule_events WHERE rule_id = $1)
     ORDER BY score DESC NULLS LAST, e.occurred_at, e.link_id`,
    params,
  );
  if (rows.length === 0) return;
  const hits = judgeEvents(target, rule, rows, out);
  if (hits !== null) {
    const keys = hits.rows.map((r) => `${String(r.link_id)}/${r.event}/${r.occurred_at.toISOString()}`).sort();
    const key = createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 24);
    await insertAlert(store, target, rule, `events:${key}`, hits.message, hits.details, out);
  }
  for (let i = 0; i < rows.length; i += MARK_CHUNK) {
    const chunk = rows.slice(i, i + MARK_CHUNK);
    const values: SqlParam[] = [rule.id];
    const tuples = chunk.map((r) => {
      values.push(r.link_id, r.event, r.occurred_at);
      const n = values.length;
      return `($1, $${n - 2}, $${n - 1}, $${n})`;
    });
    await store.run(`INSERT INTO alert_rule_events_data (rule_id, link_id, event, occurred_at) VALUES ${tuples.join(', ')}`, values);
  }
}
