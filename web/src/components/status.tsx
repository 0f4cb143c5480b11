import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.js';

/** Loading, error or the content: one place that says what is going on. */
export function Status({ loading, error, children }: { loading: boolean; error: ApiError | null; children?: ReactNode }) {
  if (error) return <p className="error" role="alert">Could not load: {error.message}</p>;
  if (loading) return <p className="muted" role="status">Loading…</p>;
  return <>{children}</>;
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return '–';
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '–';
}
