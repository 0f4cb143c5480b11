import type { Store } from '../../store/index.js';

export interface AlertRow {
  id: number;
  target: string;
  kind: string;
  rule: string;
  occurredAt: Date;
  message: string;
  deliveryStatus: string;
  attempts: number;
  deliveredAt: Date | null;
  lastError: string | null;
  payload: unknown;
}

/** Alerts, newest first; of one target when targetId is given. */
export async function listAlerts(store: Store, options: { targetId?: number; status?: string; limit?: number } = {}): Promise<AlertRow[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (options.targetId !== undefined) {
    params.push(options.targetId);
    where.push(`a.target_id = $${params.length}`);
  }
  if (options.status !== undefined) {
    params.push(options.status);
    where.push(`a.delivery_status = $${params.length}`);
  }
  params.push(options.limit ?? 100);
  const rows = await store.all<{ id: bigint; name: string; kind: string | null; rule: string; occurred_at: Date; message: string | null; delivery_status: string; attempts: number; delivered_at: Date | null; last_error: string | null; payload: string | null }>(
    `SELECT a.id, t.name, a.kind, a.rule, a.occurred_at, a.message, a.delivery_status, a.attempts, a.delivered_at, a.last_error, a.payload::VARCHAR AS payload
     FROM alerts a JOIN targets t ON t.id = a.target_id ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.id DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    target: r.name,
    kind: r.kind ?? r.rule,
    rule: r.rule,
    occurredAt: r.occurred_at,
    message: r.message ?? r.rule,
    deliveryStatus: r.delivery_status,
    attempts: r.attempts,
    deliveredAt: r.delivered_at,
    lastError: r.last_error,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
  }));
}
