import type { TargetScope } from '../core/types.js';

/** A tracked site as stored: the core Target plus the keywords that anchor classification uses. */
export interface TargetRecord {
  id: number;
  name: string;
  /** The URL, prefix, host or domain, depending on scope. */
  value: string;
  scope: TargetScope;
  /** True for the user's own site, false for a competitor. */
  own: boolean;
  brandTerms: string[];
  keywords: string[];
  createdAt: Date;
}

/** Who a report is about, as echoed in every result. `id` is null for an ad-hoc site that is not stored. */
export interface TargetRef {
  id: number | null;
  name: string;
  value: string;
  scope: TargetScope;
}

/** A column of a report: the key in each row and its header, for tables and CSV. */
export interface ReportColumn<Row> {
  key: keyof Row & string;
  header: string;
  /** Right-align numbers in the table. */
  align?: 'left' | 'right';
}

/** A page of rows and where it sits in the whole. */
export interface ReportPage<Row> {
  target: TargetRef;
  /** Rows matching the filters, over all pages. */
  total: number;
  limit: number;
  offset: number;
  rows: Row[];
}

/**
 * Where a report's counts came from: `rollup`, the per-domain and per-anchor counts that `vouch
 * optimize` builds, read only while no link was written since (so they are exact); or `links`, the
 * links table itself.
 */
export type ReportSource = 'rollup' | 'links';
