import { NotFoundError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { prospectKey, type ProspectRow } from './find-prospects.js';
import type { ProspectRecord } from './internal/prospect-row.js';
import { listProspects } from './list-prospects.js';

export interface SaveProspectsOptions {
  /** When the prospects were found (default: now); a link must be newer than this to win one. */
  at?: Date;
}

/**
 * Put found prospects into the pipeline as `new`. A prospect already saved (same target, kind and
 * page, or domain for a gap) keeps its status, notes and tags; its score, explanation, details and
 * contacts are refreshed.
 * @returns the saved records, in the order given.
 */
export async function saveProspects(store: Store, targetId: number, rows: readonly ProspectRow[], options: SaveProspectsOptions = {}): Promise<ProspectRecord[]> {
  const at = options.at ?? new Date();
  const ids: number[] = [];
  await store.transaction(async () => {
    for (const r of rows) {
      const url = prospectKey(r);
      const details = JSON.stringify({ ...r.details, ...(r.title === null ? {} : { pageTitle: r.title }), source: r.source });
      const contacts = r.contacts === undefined ? null : JSON.stringify(r.contacts);
      const existing = await store.one<{ id: bigint }>(`SELECT id FROM prospects WHERE target_id = $1 AND kind = $2 AND url = $3`, [targetId, r.kind, url]);
      if (existing) {
        await store.run(
          `UPDATE prospects SET score = $2, explanation = $3, details = $4::JSON, contacts = coalesce($5::JSON, contacts), updated_at = $6 WHERE id = $1`,
          [existing.id, r.score, r.explanation, details, contacts, at],
        );
        ids.push(Number(existing.id));
      } else {
        const row = await store.one<{ id: bigint }>(
          `INSERT INTO prospects (target_id, url, domain, kind, status, score, explanation, details, contacts, tags, created_at, updated_at, status_changed_at)
           VALUES ($1, $2, $3, $4, 'new', $5, $6, $7::JSON, $8::JSON, []::VARCHAR[], $9, $9, $9) RETURNING id`,
          [targetId, url, r.domain, r.kind, r.score, r.explanation, details, contacts, at],
        );
        if (!row) throw new NotFoundError('the prospect just inserted is not there');
        ids.push(Number(row.id));
      }
    }
  });
  const byId = new Map((await listProspects(store, { targetId })).map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is ProspectRecord => p !== undefined);
}
