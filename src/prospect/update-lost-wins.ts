import type { Store } from '../store/index.js';
import { setProspectColumns } from './internal/prospect-writes.js';

export interface LostWin {
  prospectId: number;
  targetId: number;
  domain: string;
  linkId: number;
  linkUrl: string;
  lostAt: Date;
  lostReason: string | null;
}

/**
 * Move won prospects whose attached link is now lost (links.lost_at set by a re-crawl or verify)
 * to lost, and return them, so that monitoring can raise an alert for each.
 * @example for (const w of await updateLostWins(store)) alert('won-link-lost', w)
 */
export async function updateLostWins(store: Store, options: { at?: Date } = {}): Promise<LostWin[]> {
  const at = options.at ?? new Date();
  const rows = await store.all<{ prospect_id: bigint; target_id: number; domain: string; link_id: bigint; src_url: string; lost_at: Date; lost_reason: string | null }>(
    // The won prospects are few; the links are many: the join builds on the prospects (ClickHouse builds on its right side).
    `SELECT p.id AS prospect_id, p.target_id AS target_id, p.domain AS domain, l.id AS link_id, l.src_url AS src_url, l.lost_at AS lost_at, l.lost_reason AS lost_reason
     FROM links l JOIN (SELECT id, target_id, domain, link_id FROM prospects WHERE status = 'won' AND link_id IS NOT NULL) p ON l.id = p.link_id
     WHERE l.lost_at IS NOT NULL AND l.id IN (SELECT link_id FROM prospects WHERE status = 'won' AND link_id IS NOT NULL)
     ORDER BY p.id`,
  );
  if (rows.length === 0) return [];
  await store.transaction(async () => {
    for (const r of rows) await setProspectColumns(store, r.prospect_id, { status: 'lost', status_changed_at: at }, at);
  });
  return rows.map((r) => ({ prospectId: Number(r.prospect_id), targetId: Number(r.target_id), domain: r.domain, linkId: Number(r.link_id), linkUrl: r.src_url, lostAt: r.lost_at, lostReason: r.lost_reason }));
}
