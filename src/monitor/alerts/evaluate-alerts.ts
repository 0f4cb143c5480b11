/**
 * Turn a target's rules into alerts. Event rules (lost-authority, new-toxic) judge the link events
 * written since the rule last looked (alert_rules.last_event_id; on ClickHouse, whose events have no
 * sequence, the events not in the rule's alert_rule_events), so each event is judged once
 * whatever runs in between. Day rules (refdomains-drop, velocity-spike) fire at most once per rule
 * and UTC day. Each alert gets one pending delivery per channel of the target.
 */
import type { TargetRecord } from '../../reports/index.js';
import type { SqlParam, Store } from '../../store/index.js';
import { backlinkSql } from '../internal/target-scope-sql.js';
import { listAlertRules } from './alert-rules.js';
import type { AlertRule } from './alert-rules.js';
import { clickHouseEventRule } from './event-rule-clickhouse.js';
import { insertAlert, judgeEvents } from './judge-events.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AlertLink {
  srcUrl: string;
  dstUrl: string;
  anchor: string;
  domain: string;
  reason: string | null;
  /** Authority (lost-authority) or toxicity (new-toxic) of the linking domain. */
  score: number;
}

export interface NewAlert {
  id: number;
  ruleId: number;
  kind: AlertRule['kind'];
  message: string;
  details: Record<string, unknown>;
}

export interface EvaluateResult {
  alerts: NewAlert[];
  /** Why a rule could not judge some links (unranked or unaudited domains). */
  notes: string[];
}

export interface EventRow {
  id: bigint;
  src_url: string;
  dst_url: string;
  anchor: string;
  src_domain: string;
  reason: string | null;
  score: number | null;
}

export async function evaluateAlerts(store: Store, target: TargetRecord, options: { now?: Date } = {}): Promise<EvaluateResult> {
  const now = options.now ?? new Date();
  const rules = (await listAlertRules(store, target.id)).filter((r) => r.enabled);
  const out: EvaluateResult = { alerts: [], notes: [] };
  if (rules.length === 0) return out;
  // One transaction: a run killed between a rule's last_event_id and its alert (or an alert and its
  // deliveries) would otherwise never raise (or never send) that alert.
  return store.transaction(async () => {
    // ClickHouse's link events have no id: its event rules keep the events they judged instead.
    const maxEvent = store.dialect === 'clickhouse' ? null : Number((await store.one<{ id: bigint | null }>(`SELECT max(id) AS id FROM link_events`))?.id ?? 0);
    for (const rule of rules) {
      if (rule.kind === 'lost-authority' || rule.kind === 'new-toxic') {
        if (maxEvent === null) await clickHouseEventRule(store, target, rule, out);
        else await eventRule(store, target, rule, maxEvent, out);
      } else if (rule.kind === 'refdomains-drop') await refDomainsDrop(store, target, rule, now, out);
      else await velocitySpike(store, target, rule, now, out);
    }
    return out;
  });
}

async function eventRule(store: Store, target: TargetRecord, rule: AlertRule, maxEvent: number, out: EvaluateResult): Promise<void> {
  const lost = rule.kind === 'lost-authority';
  const params: SqlParam[] = [rule.id, maxEvent, lost ? 'lost' : 'new'];
  const rows = await store.all<EventRow>(
    `SELECT e.id, l.src_url, l.dst_url, l.anchor, l.src_domain, e.reason, ${lost ? 'd.authority' : 'd.toxicity'} AS score
     FROM link_events e JOIN links l ON l.id = e.link_id LEFT JOIN domains d ON d.domain = l.src_domain
     WHERE e.id > (SELECT last_event_id FROM alert_rules WHERE id = $1) AND e.id <= $2 AND e.event = $3 AND ${backlinkSql(target, params, store.dialect)}
     ORDER BY score DESC NULLS LAST, e.id`,
    params,
  );
  await store.run(`UPDATE alert_rules SET last_event_id = greatest(last_event_id, $2) WHERE id = $1`, [rule.id, maxEvent]);
  const hits = judgeEvents(target, rule, rows, out);
  if (hits === null) return;
  const first = Number(hits.rows[hits.rows.length - 1]!.id);
  await insertAlert(store, target, rule, `events:${first}-${maxEvent}`, hits.message, hits.details, out);
}

async function refDomainsDrop(store: Store, target: TargetRecord, rule: AlertRule, now: Date, out: EvaluateResult): Promise<void> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const params: SqlParam[] = [now, dayAgo];
  const row = await store.one<{ now_count: number; before_count: number }>(
    `SELECT count(DISTINCT l.src_domain) FILTER (WHERE l.first_seen <= $1 AND (l.lost_at IS NULL OR l.lost_at > $1))::INTEGER AS now_count,
            count(DISTINCT l.src_domain) FILTER (WHERE l.first_seen <= $2 AND (l.lost_at IS NULL OR l.lost_at > $2))::INTEGER AS before_count
     FROM links l WHERE ${backlinkSql(target, params, store.dialect)}`,
    params,
  );
  const before = row?.before_count ?? 0;
  const current = row?.now_count ?? 0;
  if (before === 0) return;
  const dropPercent = ((before - current) / before) * 100;
  if (dropPercent < rule.threshold) return;
  const message = `referring domains down ${dropPercent.toFixed(1)} % in 24 h: ${before} → ${current} (${target.name})`;
  await insertAlert(store, target, rule, `day:${now.toISOString().slice(0, 10)}`, message, { before, now: current, dropPercent }, out);
}

async function velocitySpike(store: Store, target: TargetRecord, rule: AlertRule, now: Date, out: EvaluateResult): Promise<void> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const windowStart = new Date(dayAgo.getTime() - rule.params.days * DAY_MS);
  const params: SqlParam[] = [now, dayAgo, windowStart];
  const row = await store.one<{ recent: number; baseline: number; older: number }>(
    `SELECT count(*) FILTER (WHERE e.occurred_at > $2 AND e.occurred_at <= $1)::INTEGER AS recent,
            count(*) FILTER (WHERE e.occurred_at > $3 AND e.occurred_at <= $2)::INTEGER AS baseline,
            count(*) FILTER (WHERE e.occurred_at <= $3)::INTEGER AS older
     FROM link_events e JOIN links l ON l.id = e.link_id WHERE e.event = 'new' AND ${backlinkSql(target, params, store.dialect)}`,
    params,
  );
  // A profile seen for the first time inside the window is all "new": that is no spike.
  if (row === undefined || row.older === 0) {
    if ((row?.recent ?? 0) >= rule.params.minLinks) out.notes.push(`rule ${rule.id} (velocity-spike): less than ${rule.params.days + 1} days of history; no baseline yet`);
    return;
  }
  const dailyMean = row.baseline / rule.params.days;
  if (row.recent < rule.params.minLinks || row.recent < rule.threshold * Math.max(dailyMean, 1)) return;
  const message = `link velocity spike: ${row.recent} new backlinks in 24 h, ${(row.recent / Math.max(dailyMean, 1)).toFixed(1)}× the daily mean of ${dailyMean.toFixed(1)} (${target.name})`;
  await insertAlert(store, target, rule, `day:${now.toISOString().slice(0, 10)}`, message, { newLinks: row.recent, dailyMean, days: rule.params.days }, out);
}
