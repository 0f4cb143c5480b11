import type { DuckDbStore } from '../../store/index.js';

export interface RaiseAlertInput {
  targetId: number;
  /** What happened, e.g. `won-link-lost`; also the alert's rule name. */
  kind: string;
  /** The same key twice raises one alert. */
  dedupeKey: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Record an alert that no stored rule produced (another part of Vouch saw something the user must
 * hear about, such as a won outreach link going lost), queued for every channel of the target like
 * a rule's alert.
 * @returns the alert id, or null when an alert with the same kind and key exists already.
 */
export async function raiseAlert(store: DuckDbStore, input: RaiseAlertInput): Promise<number | null> {
  const seen = await store.one<{ id: bigint }>(`SELECT id FROM alerts WHERE target_id = $1 AND kind = $2 AND dedupe_key = $3`, [input.targetId, input.kind, input.dedupeKey]);
  if (seen !== undefined) return null;
  return store.transaction(async () => {
    const row = await store.one<{ id: bigint }>(
      `INSERT INTO alerts (target_id, rule, occurred_at, payload, delivery_status, attempts, rule_id, kind, dedupe_key, message)
       VALUES ($1, $2, $3, $4, 'pending', 0, NULL, $2, $5, $6) RETURNING id`,
      [input.targetId, input.kind, new Date(), JSON.stringify(input.details), input.dedupeKey, input.message],
    );
    const id = Number(row!.id);
    await store.run(`INSERT INTO alert_deliveries (alert_id, channel_id, status, attempts) SELECT $1, id, 'pending', 0 FROM alert_channels WHERE target_id = $2`, [id, input.targetId]);
    return id;
  });
}
