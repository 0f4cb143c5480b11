/**
 * Alert rules, per target (user state):
 * - `lost-authority`  X: a backlink is lost from a domain whose authority (0-100, `vouch rank`) ≥ X;
 * - `new-toxic`       Y: a backlink is new from a domain whose toxicity (0-100, `vouch audit`) ≥ Y;
 * - `refdomains-drop` Z: the referring domains fell by Z % or more over the last 24 hours;
 * - `velocity-spike`  F: new backlinks in the last 24 hours are at least F times the daily mean of
 *   the `days` before (and at least `minLinks`), on a profile older than that window.
 * NOTE: a domain not yet ranked (authority null) or audited (toxicity null) cannot fire the first
 * two; evaluation counts such links and says so.
 */
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { SqlParam, Store } from '../../store/index.js';
import type { TargetScope } from '../../core/types.js';
import { backlinkSql } from '../internal/target-scope-sql.js';

export type AlertRuleKind = 'lost-authority' | 'new-toxic' | 'refdomains-drop' | 'velocity-spike';
export const ALERT_RULE_KINDS: readonly AlertRuleKind[] = ['lost-authority', 'new-toxic', 'refdomains-drop', 'velocity-spike'];

export interface AlertRuleParams {
  /** velocity-spike: days of history the last day is compared with. */
  days?: number;
  /** velocity-spike: fewer new links than this in a day never fire. */
  minLinks?: number;
}

export const ALERT_RULE_DEFAULTS = { days: 28, minLinks: 10 } satisfies Required<AlertRuleParams>;

export interface AlertRule {
  id: number;
  targetId: number;
  kind: AlertRuleKind;
  threshold: number;
  params: Required<AlertRuleParams>;
  enabled: boolean;
  createdAt: Date;
}

const RANGES: Record<AlertRuleKind, [number, number, string]> = {
  'lost-authority': [0, 100, 'an authority from 0 to 100'],
  'new-toxic': [0, 100, 'a toxicity from 0 to 100'],
  'refdomains-drop': [0.1, 100, 'a percentage above 0, at most 100'],
  'velocity-spike': [1, 1000, 'a factor of at least 1'],
};

export async function addAlertRule(store: Store, targetId: number, kind: string, threshold: number, params: AlertRuleParams = {}): Promise<AlertRule> {
  if (!ALERT_RULE_KINDS.includes(kind as AlertRuleKind)) throw new ValidationError(`unknown rule ${JSON.stringify(kind)}`, [{ where: 'kind', message: `one of ${ALERT_RULE_KINDS.join(', ')}` }]);
  const [min, max, what] = RANGES[kind as AlertRuleKind];
  if (!Number.isFinite(threshold) || threshold < min || threshold > max) throw new ValidationError(`threshold must be ${what}`, [{ where: 'threshold', message: what }]);
  const p = { ...ALERT_RULE_DEFAULTS, ...Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) };
  if (!Number.isInteger(p.days) || p.days < 1 || p.days > 365) throw new ValidationError('days must be a whole number from 1 to 365', [{ where: 'days', message: '1-365' }]);
  if (!Number.isInteger(p.minLinks) || p.minLinks < 1) throw new ValidationError('min-links must be a whole number of at least 1', [{ where: 'minLinks', message: '>= 1' }]);
  if (store.dialect === 'clickhouse') return addClickHouseRule(store, targetId, kind as AlertRuleKind, threshold, p);
  // A new rule judges the events from now on, not the whole history.
  const last = await store.one<{ id: bigint | null }>(`SELECT max(id) AS id FROM link_events`);
  const row = await store.one<{ id: bigint }>(
    `INSERT INTO alert_rules (target_id, kind, threshold, params, last_event_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [targetId, kind, threshold, JSON.stringify(p), Number(last?.id ?? 0), new Date()],
  );
  return (await listAlertRules(store, targetId)).find((r) => r.id === Number(row!.id))!;
}

interface Row {
  id: bigint;
  target_id: number;
  kind: AlertRuleKind;
  threshold: number;
  params: string;
  enabled: boolean;
  created_at: Date;
}

export async function listAlertRules(store: Store, targetId?: number): Promise<AlertRule[]> {
  const rows = await store.all<Row>(
    `SELECT id, target_id, kind, threshold, params::VARCHAR AS params, enabled, created_at FROM alert_rules ${targetId === undefined ? '' : 'WHERE target_id = $1'} ORDER BY id`,
    targetId === undefined ? [] : [targetId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    targetId: r.target_id,
    kind: r.kind,
    threshold: r.threshold,
    params: { ...ALERT_RULE_DEFAULTS, ...(JSON.parse(r.params) as AlertRuleParams) },
    enabled: r.enabled,
    createdAt: r.created_at,
  }));
}

/** @throws NotFoundError when the target has no such rule. */
export async function removeAlertRule(store: Store, targetId: number, ruleId: number): Promise<void> {
  const found = await store.one<{ id: bigint }>(`SELECT id FROM alert_rules WHERE id = $1 AND target_id = $2`, [ruleId, targetId]);
  if (found === undefined) throw new NotFoundError(`no alert rule ${ruleId} on this target`);
  if (store.dialect === 'clickhouse') {
    await store.run(`DELETE FROM alert_rules_data WHERE id = $1`, [ruleId]);
    await store.run(`DELETE FROM alert_rule_events_data WHERE rule_id = $1`, [ruleId]);
    return;
  }
  await store.run(`DELETE FROM alert_rules WHERE id = $1`, [ruleId]);
}

/** The link event a rule of this kind judges, or null for the day rules. */
export function ruleEvent(kind: AlertRuleKind): 'lost' | 'new' | null {
  return kind === 'lost-authority' ? 'lost' : kind === 'new-toxic' ? 'new' : null;
}

/**
 * ClickHouse: no sequence (the id is the next after the largest: rules are added by hand) and no
 * event ids, so a new rule records the events it must never judge, those of its kind on the target's
 * backlinks so far, in alert_rule_events (see evaluate-alerts-clickhouse.ts).
 */
async function addClickHouseRule(store: Store, targetId: number, kind: AlertRuleKind, threshold: number, p: Required<AlertRuleParams>): Promise<AlertRule> {
  const next = await store.one<{ id: bigint }>(`SELECT toInt64(coalesce(max(id), 0) + 1) AS id FROM alert_rules`);
  const id = Number(next?.id ?? 1);
  const event = ruleEvent(kind);
  const target = await store.one<{ scope: TargetScope; value: string }>(`SELECT scope, value FROM targets WHERE id = $1`, [targetId]);
  if (event !== null && target !== undefined) {
    const params: SqlParam[] = [id, event];
    await store.run(
      `INSERT INTO alert_rule_events_data (rule_id, link_id, event, occurred_at)
       SELECT $1, e.link_id, e.event, e.occurred_at FROM link_events e
       WHERE e.event = $2 AND e.link_id IN (SELECT l.id FROM links l WHERE ${backlinkSql(target, params, store.dialect)})`,
      params,
    );
  }
  await store.run(
    `INSERT INTO alert_rules_data (id, target_id, kind, threshold, params, enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, true, $6, $6)`,
    [id, targetId, kind, threshold, JSON.stringify(p), new Date()],
  );
  return (await listAlertRules(store, targetId)).find((r) => r.id === id)!;
}

/**
 * Why a rule of this kind cannot fire yet, or null: lost-authority needs ranked domains
 * (`vouch rank`), new-toxic audited ones (`vouch audit`).
 */
export async function alertRuleNote(store: Store, kind: AlertRuleKind): Promise<string | null> {
  if (kind !== 'lost-authority' && kind !== 'new-toxic') return null;
  const sql = kind === 'new-toxic' ? `SELECT count(*)::INTEGER AS n FROM domains WHERE toxicity IS NOT NULL` : `SELECT count(*)::INTEGER AS n FROM domains WHERE authority IS NOT NULL`;
  const row = await store.one<{ n: number }>(sql);
  if ((row?.n ?? 0) > 0) return null;
  return kind === 'new-toxic'
    ? 'no domain has a toxicity yet, so this rule cannot fire until vouch audit has run'
    : 'no domain has an authority yet, so this rule cannot fire until vouch rank has run';
}
