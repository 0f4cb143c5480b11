import { NotFoundError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { prospectKey, type ProspectRow } from './find-prospects.js';
import type { ProspectRecord } from './internal/prospect-row.js';
import { nextClickHouseId, oneAtATime, setProspectColumns, writeClickHouseProspects } from './internal/prospect-writes.js';
import { listProspects } from './list-prospects.js';

export interface SaveProspectsOptions {
  /** When the prospects were found (default: now); a link must be newer than this to win one. */
  at?: Date;
}

/** What saving stores of a found prospect. */
function stored(r: ProspectRow): { url: string; details: string; contacts: string | null } {
  return {
    url: prospectKey(r),
    details: JSON.stringify({ ...r.details, ...(r.title === null ? {} : { pageTitle: r.title }), source: r.source }),
    contacts: r.contacts === undefined ? null : JSON.stringify(r.contacts),
  };
}

/**
 * Put found prospects into the pipeline as `new`. A prospect already saved (same target, kind and
 * page, or domain for a gap) keeps its status, notes and tags; its score, explanation, details and
 * contacts are refreshed.
 * @returns the saved records, in the order given.
 */
export async function saveProspects(store: Store, targetId: number, rows: readonly ProspectRow[], options: SaveProspectsOptions = {}): Promise<ProspectRecord[]> {
  const at = options.at ?? new Date();
  const ids = store.dialect === 'clickhouse' ? await oneAtATime(() => saveClickHouseProspects(store, targetId, rows, at)) : await saveDuckDbProspects(store, targetId, rows, at);
  const byId = new Map((await listProspects(store, { targetId })).map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is ProspectRecord => p !== undefined);
}

async function saveDuckDbProspects(store: Store, targetId: number, rows: readonly ProspectRow[], at: Date): Promise<number[]> {
  const ids: number[] = [];
  await store.transaction(async () => {
    for (const r of rows) {
      const { url, details, contacts } = stored(r);
      const existing = await store.one<{ id: bigint }>(`SELECT id FROM prospects WHERE target_id = $1 AND kind = $2 AND url = $3`, [targetId, r.kind, url]);
      if (existing) {
        await setProspectColumns(store, existing.id, { score: r.score, explanation: r.explanation, details, contacts }, at);
        ids.push(Number(existing.id));
        continue;
      }
      const row = await store.one<{ id: bigint }>(
        `INSERT INTO prospects (target_id, url, domain, kind, status, score, explanation, details, contacts, tags, created_at, updated_at, status_changed_at)
         VALUES ($1, $2, $3, $4, 'new', $5, $6, $7::JSON, $8::JSON, []::VARCHAR[], $9, $9, $9) RETURNING id`,
        [targetId, url, r.domain, r.kind, r.score, r.explanation, details, contacts, at],
      );
      if (!row) throw new NotFoundError('the prospect just inserted is not there');
      ids.push(Number(row.id));
    }
  });
  return ids;
}

/**
 * The same on ClickHouse, in one insert: the target's stored rows are read whole, and each
 * prospect is written as a new row or as a new version of its stored row.
 */
async function saveClickHouseProspects(store: Store, targetId: number, rows: readonly ProspectRow[], at: Date): Promise<number[]> {
  const keyOf = (kind: unknown, url: unknown): string => `${String(kind)} ${String(url)}`;
  const current = new Map((await store.all(`SELECT * FROM prospects WHERE target_id = $1`, [targetId])).map((r) => [keyOf(r.kind, r.url), r]));
  const written = new Map<string, Record<string, unknown>>();
  let next = await nextClickHouseId(store, 'prospects');
  const ids: number[] = [];
  for (const r of rows) {
    const { url, details, contacts } = stored(r);
    const key = keyOf(r.kind, url);
    const had = written.get(key) ?? current.get(key);
    const row = had
      ? { ...had, score: r.score, explanation: r.explanation, details, contacts: contacts ?? had.contacts, updated_at: new Date(Math.max((had.updated_at as Date).getTime(), at.getTime())) }
      : {
          id: next++, target_id: targetId, url, domain: r.domain, kind: r.kind, status: 'new', score: r.score, contact: null, notes: null, created_at: at, updated_at: at,
          explanation: r.explanation, details, contacts, tags: [], follow_up: null, status_changed_at: at, link_id: null, won_at: null,
        };
    written.set(key, row);
    ids.push(Number(row.id));
  }
  await writeClickHouseProspects(store, [...written.values()]);
  return ids;
}
