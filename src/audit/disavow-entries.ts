/**
 * The disavow entries kept per target in `disavow_entries` (user state: never dropped by an audit).
 * `source` says who added a row: `user` (CLI, API, a merged file's manual lines) or `audit` (the last
 * `vouch disavow` run, replaced by the next one). `kind` is `domain` or `url`; values are normalised
 * as in a disavow file (punycode domains, trimmed URLs).
 */
import { ValidationError } from '../core/errors.js';
import type { Store } from '../store/index.js';
import { DISAVOW_MAX_URL_CHARS, type DisavowEntry, type DisavowEntryKind } from './disavow/disavow-rules.js';
import { jsonBatches, nextVersion } from './internal/clickhouse-writes.js';
import { normaliseDomain } from './overrides.js';

export type DisavowSource = 'user' | 'audit';

/** Values per ClickHouse delete (they travel as one Array parameter, in the URL over HTTP). */
const VALUES_PER_STATEMENT = 1000;

export interface StoredDisavowEntry extends DisavowEntry {
  id: number;
  comment: string | null;
  source: DisavowSource;
  createdAt: Date;
}

/** An entry as stored. @throws ValidationError INVALID_INPUT for a bad domain or URL. */
export function normaliseEntry(kind: DisavowEntryKind, value: string): DisavowEntry {
  if (kind === 'domain') return { kind, value: normaliseDomain(value) };
  const url = value.trim();
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url) || url.length > DISAVOW_MAX_URL_CHARS || /\s/.test(url)) {
    throw new ValidationError(`not an http(s) URL of at most ${DISAVOW_MAX_URL_CHARS} characters: ${JSON.stringify(url.slice(0, 100))}`, [{ where: 'url', message: url.slice(0, 100) }]);
  }
  return { kind, value: url };
}

export async function listDisavowEntries(store: Store, targetId: number, source?: DisavowSource): Promise<StoredDisavowEntry[]> {
  type Row = { id: number | bigint; kind: DisavowEntryKind; value: string; comment: string | null; source: DisavowSource; created_at: Date };
  const rows = store.dialect === 'clickhouse'
    ? await store.all<Row>(
        `SELECT id, kind, value, comment, source, created_at FROM disavow_entries
          WHERE target_id = $1 AND action = 'disavow'${source === undefined ? '' : ' AND source = $2'} ORDER BY kind, value, id`,
        source === undefined ? [targetId] : [targetId, source],
      )
    : await store.all<Row>(
        `SELECT id::DOUBLE AS id, kind, value, comment, source, created_at FROM disavow_entries
          WHERE target_id = $1 AND action = 'disavow' AND ($2::VARCHAR IS NULL OR source = $2) ORDER BY kind, value, id`,
        [targetId, source ?? null],
      );
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, value: r.value, comment: r.comment, source: r.source, createdAt: r.created_at }));
}

/**
 * Add entries (skipping any the target has already, from any source). Returns those added.
 * @throws ValidationError INVALID_INPUT before anything is written, when one entry is bad.
 */
export async function addDisavowEntries(store: Store, targetId: number, entries: readonly (DisavowEntry & { comment?: string | null })[], source: DisavowSource = 'user'): Promise<StoredDisavowEntry[]> {
  const normal = entries.map((e) => ({ ...normaliseEntry(e.kind, e.value), comment: e.comment ?? null }));
  const have = new Set((await listDisavowEntries(store, targetId)).map((e) => `${e.kind}:${e.value}`));
  const fresh = normal.filter((e) => {
    const key = `${e.kind}:${e.value}`;
    if (have.has(key)) return false;
    have.add(key);
    return true;
  });
  if (fresh.length === 0) return [];
  if (store.dialect === 'clickhouse') await insertClickHouseEntries(store, targetId, fresh, source, null);
  else await store.run(
    `INSERT INTO disavow_entries (target_id, kind, value, action, comment, source, created_at)
     SELECT $1, e.kind, e.value, 'disavow', e.comment, $3, now()::TIMESTAMP
       FROM (SELECT unnest(from_json($2, '[{"kind":"VARCHAR","value":"VARCHAR","comment":"VARCHAR"}]'), recursive := true)) e`,
    [targetId, JSON.stringify(fresh), source],
  );
  const added = new Set(fresh.map((e) => `${e.kind}:${e.value}`));
  return (await listDisavowEntries(store, targetId)).filter((e) => added.has(`${e.kind}:${e.value}`));
}

/** Remove entries by value (any source). Returns how many rows went. */
export async function removeDisavowEntries(store: Store, targetId: number, entries: readonly DisavowEntry[]): Promise<number> {
  const normal = entries.map((e) => normaliseEntry(e.kind, e.value));
  const domains = normal.filter((e) => e.kind === 'domain').map((e) => e.value);
  const urls = normal.filter((e) => e.kind === 'url').map((e) => e.value);
  const before = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM disavow_entries WHERE target_id = $1`, [targetId]);
  if (store.dialect === 'clickhouse') {
    for (const [kind, values] of [['domain', domains], ['url', urls]] as const) {
      for (let i = 0; i < values.length; i += VALUES_PER_STATEMENT) {
        await store.run(`DELETE FROM disavow_entries_data WHERE target_id = $1 AND kind = $2 AND has($3, value)`, [targetId, kind, values.slice(i, i + VALUES_PER_STATEMENT)]);
      }
    }
  } else {
    await store.run(
      `DELETE FROM disavow_entries WHERE target_id = $1 AND ((kind = 'domain' AND value IN (SELECT unnest($2::VARCHAR[]))) OR (kind = 'url' AND value IN (SELECT unnest($3::VARCHAR[]))))`,
      [targetId, domains, urls],
    );
  }
  const after = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM disavow_entries WHERE target_id = $1`, [targetId]);
  return (before?.n ?? 0) - (after?.n ?? 0);
}

/** Replace the target's audit-generated entries with `entries` (user rows are untouched). */
export async function replaceAuditEntries(store: Store, targetId: number, entries: readonly (DisavowEntry & { comment?: string | null })[]): Promise<void> {
  if (store.dialect === 'clickhouse') {
    // No transaction: the new rows go in as newer versions first, then the older audit rows go, so
    // a reader never finds the list without them.
    const version = await nextVersion(store, 'disavow_entries', targetId);
    const users = new Set((await listDisavowEntries(store, targetId, 'user')).map((e) => `${e.kind}:${e.value}`));
    const fresh = entries.filter((e) => !users.has(`${e.kind}:${e.value}`)).map((e) => ({ kind: e.kind, value: e.value, comment: e.comment ?? null }));
    await insertClickHouseEntries(store, targetId, fresh, 'audit', version);
    await store.run(`DELETE FROM disavow_entries_data WHERE target_id = $1 AND source = 'audit' AND updated_at < $2`, [targetId, version]);
    return;
  }
  await store.transaction(async () => {
    await store.run(`DELETE FROM disavow_entries WHERE target_id = $1 AND source = 'audit'`, [targetId]);
    const users = new Set((await listDisavowEntries(store, targetId, 'user')).map((e) => `${e.kind}:${e.value}`));
    const fresh = entries.filter((e) => !users.has(`${e.kind}:${e.value}`)).map((e) => ({ kind: e.kind, value: e.value, comment: e.comment ?? null }));
    if (fresh.length === 0) return;
    await store.run(
      `INSERT INTO disavow_entries (target_id, kind, value, action, comment, source, created_at)
       SELECT $1, e.kind, e.value, 'disavow', e.comment, 'audit', now()::TIMESTAMP
         FROM (SELECT unnest(from_json($2, '[{"kind":"VARCHAR","value":"VARCHAR","comment":"VARCHAR"}]'), recursive := true)) e`,
      [targetId, JSON.stringify(fresh)],
    );
  });
}

/**
 * Insert entries on ClickHouse, versioned `version` (now when null). The id is a 53-bit hash of the
 * row's key (target, kind, value): no sequence to draw from, and the key is unique anyway.
 */
async function insertClickHouseEntries(store: Store, targetId: number, entries: readonly { kind: DisavowEntryKind; value: string; comment: string | null }[], source: DisavowSource, version: Date | null): Promise<void> {
  for (const batch of jsonBatches(entries)) {
    await store.run(
      `INSERT INTO disavow_entries_data (id, target_id, kind, value, action, comment, source, created_at, updated_at)
       SELECT toInt64(bitAnd(cityHash64(toInt32($1), e.kind, e.value), 9007199254740991)), $1, e.kind, e.value, 'disavow', e.comment, $3, now64(3, 'UTC'), ${version ? '$4' : `now64(3, 'UTC')`}
         FROM (SELECT arrayJoin(JSONExtract($2, 'Array(Tuple(kind String, value String, comment Nullable(String)))')) AS e)`,
      version ? [targetId, batch, source, version] : [targetId, batch, source],
    );
  }
}
