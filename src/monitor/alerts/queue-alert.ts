import type { DuckDbStore } from '../../store/index.js';

export interface AlertRowInput {
  targetId: number;
  /** The rule as the user reads it (`lost-authority ≥ 40`, or the kind for alerts no rule made). */
  rule: string;
  ruleId: number | null;
  kind: string;
  dedupeKey: string;
  message: string;
  payload: Record<string, unknown>;
}

/**
 * Store an alert and queue one delivery per channel of its target. The caller deduplicates and
 * holds the transaction, so that an alert never exists without its deliveries.
 * @returns the alert id.
 */
export async function queueAlert(store: DuckDbStore, a: AlertRowInput): Promise<number> {
  const row = await store.one<{ id: bigint }>(
    `INSERT INTO alerts (target_id, rule, occurred_at, payload, delivery_status, attempts, rule_id, kind, dedupe_key, message)
     VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $7, $8) RETURNING id`,
    [a.targetId, a.rule, new Date(), JSON.stringify(a.payload), a.ruleId, a.kind, a.dedupeKey, a.message],
  );
  const id = Number(row!.id);
  await store.run(`INSERT INTO alert_deliveries (alert_id, channel_id, status, attempts) SELECT $1, id, 'pending', 0 FROM alert_channels WHERE target_id = $2`, [id, a.targetId]);
  return id;
}
