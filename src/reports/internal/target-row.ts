import type { TargetScope } from '../../core/types.js';
import type { TargetRecord } from '../types.js';

/** The columns of `targets`, as read by {@link toTargetRecord}. */
export const TARGET_COLUMNS = `id, name, value, scope, own, brand_terms, keywords, created_at`;

export interface TargetRow {
  id: number;
  name: string;
  value: string;
  scope: TargetScope;
  own: boolean;
  brand_terms: string[];
  keywords: string[];
  created_at: Date;
}

export function toTargetRecord(row: TargetRow): TargetRecord {
  return {
    id: Number(row.id),
    name: row.name,
    value: row.value,
    scope: row.scope,
    own: row.own,
    brandTerms: [...row.brand_terms],
    keywords: [...row.keywords],
    createdAt: row.created_at,
  };
}
