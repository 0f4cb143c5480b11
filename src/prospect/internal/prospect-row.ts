import type { StoreDialect } from '../../store/index.js';
import type { Contact } from '../find-contacts.js';

/** A prospect as stored in the pipeline. */
export interface ProspectRecord {
  id: number;
  targetId: number | null;
  kind: string;
  domain: string;
  /** The page URL, or the domain for a link gap. */
  url: string;
  status: string;
  score: number | null;
  explanation: string | null;
  details: Record<string, unknown>;
  contacts: Contact[];
  tags: string[];
  /** YYYY-MM-DD, or null. */
  followUp: string | null;
  linkId: number | null;
  wonAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  statusChangedAt: Date | null;
  notes: ProspectNote[];
}

export interface ProspectNote {
  id: number;
  createdAt: Date;
  text: string;
}

/**
 * The columns of `prospects`, as read by {@link toProspectRecord}. On ClickHouse the JSON columns
 * are text already, and the follow-up Date is turned into its day in JS: an alias named like a
 * column would stand for the column in that query's WHERE there.
 */
export function prospectColumns(dialect: StoreDialect): string {
  return dialect === 'clickhouse'
    ? `id, target_id, kind, domain, url, status, score, explanation, details, contacts, tags, follow_up, link_id, won_at, created_at, updated_at, status_changed_at`
    : `id, target_id, kind, domain, url, status, score, explanation, details::VARCHAR AS details, contacts::VARCHAR AS contacts, tags, strftime(follow_up, '%Y-%m-%d') AS follow_up, link_id, won_at, created_at, updated_at, status_changed_at`;
}

export interface ProspectDbRow {
  id: bigint;
  target_id: number | null;
  kind: string;
  domain: string;
  url: string;
  status: string;
  score: number | null;
  explanation: string | null;
  details: string | null;
  contacts: string | null;
  tags: string[] | null;
  /** The day as text (DuckDB), or as a Date at midnight UTC (ClickHouse). */
  follow_up: string | Date | null;
  link_id: bigint | null;
  won_at: Date | null;
  created_at: Date;
  updated_at: Date;
  status_changed_at: Date | null;
}

export function toProspectRecord(r: ProspectDbRow, notes: ProspectNote[] = []): ProspectRecord {
  return {
    id: Number(r.id),
    targetId: r.target_id,
    kind: r.kind,
    domain: r.domain,
    url: r.url,
    status: r.status,
    score: r.score,
    explanation: r.explanation,
    details: r.details === null ? {} : (JSON.parse(r.details) as Record<string, unknown>),
    contacts: r.contacts === null ? [] : (JSON.parse(r.contacts) as Contact[]),
    tags: r.tags ?? [],
    followUp: r.follow_up instanceof Date ? r.follow_up.toISOString().slice(0, 10) : r.follow_up,
    linkId: r.link_id === null ? null : Number(r.link_id),
    wonAt: r.won_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    statusChangedAt: r.status_changed_at,
    notes,
  };
}
