import type { ClickHouseClient } from '@clickhouse/client';
import type { PageRecord } from '../../../core/types.js';
import { decodeRows } from './decode-rows.js';
import type { ColumnMeta } from './decode-rows.js';
import type { ValueFormat } from './format-values.js';

type Row = Record<string, unknown>;

const LOOKUP_CHUNK = 5000;
/** Written by `rank`, never by a page write: carried over from the stored row. */
const RANK_COLUMNS = ['page_rank', 'url_rating', 'rank_computed_at'] as const;

/** A record as a row of `pages_data`, in JS values (times as Date). Unknown footprint lists are empty arrays. */
function toRow(p: PageRecord): Row {
  return {
    url: p.url, host: p.host, domain: p.domain, ip: p.ip, fetched_at: p.fetchedAt, status: p.status, content_type: p.contentType,
    bytes: p.bytes, title: p.title, lang: p.lang, canonical: p.canonical, noindex: p.noindex, nofollow: p.nofollow, x_robots: p.xRobots,
    outlinks: p.outlinks, content_hash: p.contentHash, source: p.source, error: p.error, depth: p.depth, text: p.text ?? null,
    word_count: p.wordCount ?? null, tracking_ids: p.trackingIds ?? [], template_hash: p.templateHash ?? null, mailtos: p.mailtos ?? [],
    page_rank: null, url_rating: null, rank_computed_at: null,
  };
}

function isUnknown(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/**
 * The DuckDB adapter's rule, per column: a newer fetch replaces the row; an older one (an archive
 * ingested after a crawl) only fills gaps; another record of the same capture fills in what it
 * knows without erasing what the first one knew. Rank columns always stay as stored.
 */
function merge(stored: Row, incoming: Row): Row {
  const newer = (incoming.fetched_at as Date) > (stored.fetched_at as Date);
  const older = (incoming.fetched_at as Date) < (stored.fetched_at as Date);
  const out: Row = {};
  for (const key of Object.keys(incoming)) {
    if ((RANK_COLUMNS as readonly string[]).includes(key)) out[key] = stored[key] ?? null;
    else if (newer) out[key] = incoming[key];
    else if (older) out[key] = isUnknown(stored[key]) ? incoming[key] : stored[key];
    else out[key] = isUnknown(incoming[key]) ? stored[key] : incoming[key];
  }
  return out;
}

function format(row: Row, fmt: ValueFormat): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) out[k] = fmt.time(v);
    else if (typeof v === 'boolean') out[k] = fmt.flag(v);
    else if (typeof v === 'bigint') out[k] = String(v);
    else out[k] = v ?? null;
  }
  return out;
}

/** Upsert pages by URL on ClickHouse: the newest record of each URL in the batch, merged with the stored row. Returns the records given. */
export async function writeClickHousePages(client: ClickHouseClient, fmt: ValueFormat, pages: Iterable<PageRecord>): Promise<number> {
  const newest = new Map<string, Row>();
  let given = 0;
  for (const p of pages) {
    given++;
    const seen = newest.get(p.url);
    if (!seen || p.fetchedAt > (seen.fetched_at as Date)) newest.set(p.url, toRow(p));
  }
  if (newest.size === 0) return 0;
  const urls = [...newest.keys()];
  const domains = [...new Set([...newest.values()].map((r) => r.domain as string))];
  for (let i = 0; i < urls.length; i += LOOKUP_CHUNK) {
    const result = await client.query({
      query: `SELECT * FROM pages WHERE domain IN {domains:Array(String)} AND url IN {urls:Array(String)}`,
      query_params: { domains, urls: urls.slice(i, i + LOOKUP_CHUNK) },
      format: 'JSON',
    });
    const body = (await result.json()) as unknown as { meta: ColumnMeta[]; data: Row[] };
    for (const stored of decodeRows<Row>(body.meta, body.data)) {
      const incoming = newest.get(stored.url as string);
      if (incoming) newest.set(stored.url as string, merge(stored, incoming));
    }
  }
  await client.insert({ table: 'pages_data', values: [...newest.values()].map((r) => format(r, fmt)), format: 'JSONEachRow' });
  return given;
}
