import type { SqlParam, Store } from '../store/index.js';
import { dialectSql } from './internal/dialect-sql.js';
import { prospectColumns, toProspectRecord, type ProspectDbRow, type ProspectNote, type ProspectRecord } from './internal/prospect-row.js';

export interface ListProspectsOptions {
  targetId?: number;
  status?: string[];
  kind?: string[];
  tag?: string;
  /** Only prospects whose follow-up date is on or before this day (YYYY-MM-DD). */
  dueBy?: string;
  /** Only this prospect. */
  id?: number;
}

/** The pipeline, highest score first, each prospect with its notes. */
export async function listProspects(store: Store, options: ListProspectsOptions = {}): Promise<ProspectRecord[]> {
  const f = dialectSql(store.dialect);
  const ch = store.dialect === 'clickhouse';
  const where: string[] = [];
  const params: SqlParam[] = [];
  const p = (v: SqlParam): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (options.id !== undefined) where.push(`id = ${p(options.id)}`);
  if (options.targetId !== undefined) where.push(`target_id = ${p(options.targetId)}`);
  if (options.status && options.status.length > 0) where.push(f.has(p(options.status), 'status'));
  if (options.kind && options.kind.length > 0) where.push(f.has(p(options.kind), 'kind'));
  if (options.tag !== undefined) where.push(f.has('tags', p(options.tag)));
  if (options.dueBy !== undefined) where.push(ch ? `follow_up <= toDate(${p(options.dueBy)})` : `follow_up <= ${p(options.dueBy)}::DATE`);
  const rows = await store.all<ProspectDbRow>(
    `SELECT ${prospectColumns(store.dialect)} FROM prospects ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY score DESC NULLS LAST, id`,
    params,
  );
  if (rows.length === 0) return [];
  const notes = new Map<number, ProspectNote[]>();
  for (const n of await store.all<{ id: bigint; prospect_id: bigint; created_at: Date; text: string }>(
    `SELECT id, prospect_id, created_at, text FROM prospect_notes WHERE ${ch ? 'has($1, toString(prospect_id))' : 'list_contains($1::BIGINT[], prospect_id)'} ORDER BY created_at, id`,
    [rows.map((r) => String(r.id))],
  )) {
    const list = notes.get(Number(n.prospect_id)) ?? [];
    list.push({ id: Number(n.id), createdAt: n.created_at, text: n.text });
    notes.set(Number(n.prospect_id), list);
  }
  return rows.map((r) => toProspectRecord(r, notes.get(Number(r.id)) ?? []));
}
