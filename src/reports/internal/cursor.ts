import { createHash } from 'node:crypto';
import { ValidationError } from '../../core/errors.js';
import type { SqlParam } from '../../store/index.js';

/** Where the previous page ended: the sort key and id of its last row, for keyset pagination. */
export interface CursorPosition {
  key: SqlParam;
  id: number;
}

export type SortKeyType = 'number' | 'text' | 'time';

interface CursorBody {
  /** Fingerprint of the query the cursor belongs to (filters, sort, order). */
  f: string;
  t: SortKeyType;
  v: string | number | null;
  i: number;
}

/** A short fingerprint of everything but the page position, so a cursor cannot be reused on another query. */
export function queryFingerprint(query: Record<string, unknown>): string {
  const json = JSON.stringify(query, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v));
  return createHash('sha256').update(json).digest('base64url').slice(0, 12);
}

/** Encode the last row of a page as an opaque, URL-safe cursor. */
export function encodeCursor(fingerprint: string, type: SortKeyType, key: unknown, id: number): string {
  let v: string | number | null;
  if (type === 'time') v = (key as Date).toISOString();
  else if (type === 'number') v = Number.isFinite(key as number) ? (key as number) : key === Infinity ? 'inf' : '-inf';
  else v = String(key);
  const body: CursorBody = { f: fingerprint, t: type, v, i: id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function bad(why: string): ValidationError {
  return new ValidationError(`Invalid parameter cursor: ${why}`, [{ where: 'cursor', message: why }]);
}

/**
 * Decode a cursor made by {@link encodeCursor} for the same query.
 * @throws ValidationError naming `cursor` when it is malformed or belongs to other filters or another sort.
 */
export function decodeCursor(cursor: string, fingerprint: string, type: SortKeyType): CursorPosition {
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw bad('not a cursor returned by this API');
  }
  if (typeof body !== 'object' || body === null || typeof body.i !== 'number' || !Number.isSafeInteger(body.i) || body.t !== type) throw bad('not a cursor returned by this API');
  if (body.f !== fingerprint) throw bad('it belongs to a query with other filters or another sort; start again without a cursor');
  if (type === 'time') {
    const at = new Date(String(body.v));
    if (typeof body.v !== 'string' || Number.isNaN(at.getTime())) throw bad('not a cursor returned by this API');
    return { key: at, id: body.i };
  }
  if (type === 'number') {
    if (body.v === 'inf') return { key: Infinity, id: body.i };
    if (body.v === '-inf') return { key: -Infinity, id: body.i };
    if (typeof body.v !== 'number') throw bad('not a cursor returned by this API');
    return { key: body.v, id: body.i };
  }
  if (typeof body.v !== 'string') throw bad('not a cursor returned by this API');
  return { key: body.v, id: body.i };
}
