/**
 * The re-crawl's merge on ClickHouse: the scratch crawl is a DuckDB file (the crawler writes DuckDB),
 * read back here; the pages and links the main store lacks are written through the store port, the
 * links as `new` events. Links already stored are left to verify (see discover-links.ts).
 * NOTE: no transaction: a run killed after the links and before onMerged merges again on resume,
 * and finds every link stored, so no event is written twice.
 */
import type { PageRecord, RecordSource } from '../../core/types.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { linkIdentity } from './decide-links.js';
import { SCRATCH_LINK_COLUMNS, toRecord } from './scratch-link.js';
import type { ScratchLink } from './scratch-link.js';

/** Lookups of stored rows go this many keys at a time. */
const CHUNK = 2_000;

interface ScratchPage {
  url: string;
  host: string;
  domain: string;
  ip: string | null;
  fetched_at: Date | null;
  status: number;
  content_type: string | null;
  bytes: bigint;
  title: string | null;
  lang: string | null;
  canonical: string | null;
  noindex: boolean;
  nofollow: boolean;
  x_robots: string | null;
  outlinks: number;
  content_hash: string | null;
  source: string;
  error: string | null;
  depth: number | null;
  text: string | null;
  word_count: number | null;
  tracking_ids: string[] | null;
  template_hash: string | null;
  mailtos: string[] | null;
}

export async function mergeScratchClickHouse(store: Store, scratchDir: string, jobId: number | null, onMerged?: () => Promise<void>): Promise<number> {
  const scratch = await openStore({ dataDir: scratchDir });
  let links: ScratchLink[];
  let pages: ScratchPage[];
  try {
    links = await scratch.all<ScratchLink>(`SELECT ${SCRATCH_LINK_COLUMNS} FROM links ORDER BY id`);
    pages = await scratch.all<ScratchPage>(`SELECT * FROM pages ORDER BY url`);
  } finally {
    await scratch.close();
  }
  const storedPages = new Set<string>();
  for (let i = 0; i < pages.length; i += CHUNK) {
    const chunk = pages.slice(i, i + CHUNK);
    const rows = await store.all<{ url: string }>(`SELECT url FROM pages WHERE domain IN $1 AND url IN $2`, [[...new Set(chunk.map((p) => p.domain))], chunk.map((p) => p.url)]);
    for (const r of rows) storedPages.add(r.url);
  }
  const storedLinks = new Set<string>();
  for (let i = 0; i < links.length; i += CHUNK) {
    const chunk = links.slice(i, i + CHUNK);
    const rows = await store.all<{ src_url: string; dst_url: string; kind: string; anchor: string }>(
      `SELECT src_url, dst_url, kind, anchor FROM links WHERE dst_domain IN $1 AND dst_url IN $2 AND src_url IN $3`,
      [[...new Set(chunk.map((l) => l.dst_domain))], [...new Set(chunk.map((l) => l.dst_url))], [...new Set(chunk.map((l) => l.src_url))]],
    );
    for (const r of rows) storedLinks.add(`${r.src_url}\u0000${linkIdentity(r.dst_url, r.kind, r.anchor)}`);
  }
  const freshPages = pages.filter((p) => !storedPages.has(p.url)).map(toPageRecord);
  const freshLinks = links.filter((l) => !storedLinks.has(`${l.src_url}\u0000${linkIdentity(l.dst_url, l.kind, l.anchor)}`));
  if (freshPages.length > 0) await store.writePages(freshPages);
  const inserted = freshLinks.length === 0 ? 0 : (await store.writeLinks(freshLinks.map(toRecord), { jobId })).inserted;
  await onMerged?.();
  return inserted;
}

function toPageRecord(p: ScratchPage): PageRecord {
  const record: PageRecord = {
    url: p.url,
    host: p.host,
    domain: p.domain,
    ip: p.ip,
    fetchedAt: p.fetched_at ?? new Date(0),
    status: p.status,
    contentType: p.content_type,
    bytes: Number(p.bytes),
    title: p.title,
    lang: p.lang,
    canonical: p.canonical,
    noindex: p.noindex,
    nofollow: p.nofollow,
    xRobots: p.x_robots,
    outlinks: p.outlinks,
    contentHash: p.content_hash,
    source: p.source as RecordSource,
    error: p.error,
    depth: p.depth,
  };
  if (p.text !== null) record.text = p.text;
  if (p.word_count !== null) record.wordCount = p.word_count;
  if (p.tracking_ids !== null) record.trackingIds = p.tracking_ids;
  if (p.template_hash !== null) record.templateHash = p.template_hash;
  if (p.mailtos !== null) record.mailtos = p.mailtos;
  return record;
}
