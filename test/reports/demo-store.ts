/**
 * Fill a real store from the demo web's ground truth, without crawling: day 1 as written links
 * and pages, then day 2 applied the way a re-crawl would (new links written with the later date,
 * gone links marked lost with a `lost` event).
 */
import type { LinkRecord, PageRecord } from '../../src/core/types.js';
import { registrableDomain } from '../../src/core/registrable-domain.js';
import { generateDemoWeb } from '../../src/demo/index.js';
import type { DemoTruth, DemoTruthLink } from '../../src/demo/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore, Store } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

export const DAY1 = new Date('2026-03-02T10:00:00Z');
export const DAY2 = new Date('2026-03-05T10:00:00Z');
export const DEMO_OPTIONS = { seed: 5, sites: 20, pages: 250 } as const;

export function linkRecord(l: DemoTruthLink, at: Date): LinkRecord {
  return {
    srcUrl: l.srcUrl, dstUrl: l.dstUrl, srcHost: l.srcHost, srcDomain: l.srcDomain, dstHost: l.dstHost, dstDomain: l.dstDomain,
    kind: l.kind, anchor: l.anchor, nofollow: l.nofollow, ugc: l.ugc, sponsored: l.sponsored, metaNofollow: l.metaNofollow,
    position: l.position, context: '', hidden: l.hidden, httpStatus: l.httpStatus, firstSeen: at, lastSeen: at, source: 'crawl',
  };
}

export function pageRecords(truth: DemoTruth, at: Date): PageRecord[] {
  return truth.pages.map((p) => ({
    url: p.url, host: p.host, domain: registrableDomain(p.host), ip: null, fetchedAt: at, status: p.status, contentType: p.contentType,
    bytes: 0, title: null, lang: null, canonical: null, noindex: p.noindex, nofollow: p.nofollow, xRobots: null, outlinks: 0,
    contentHash: null, source: 'crawl', error: null, depth: p.depth,
  }));
}

/** The links a correct crawl of that day finds. */
export function liveLinks(truth: DemoTruth): DemoTruthLink[] {
  return truth.links.filter((l) => l.onCrawlablePage);
}

/** Write one day's crawl: its pages and every link on a crawlable page. */
export async function writeDay(store: Store, truth: DemoTruth, at: Date): Promise<void> {
  await store.writePages(pageRecords(truth, at));
  await store.writeLinks(liveLinks(truth).map((l) => linkRecord(l, at)));
}

/** Apply the day-2 re-crawl: write what is there now, then mark what is gone as lost. */
export async function applyDayTwo(store: Store, day2: DemoTruth, at: Date): Promise<void> {
  await writeDay(store, day2, at);
  for (const r of day2.diff?.removed ?? []) {
    if (r.now) continue; // still on the page (now nofollow, or the page went noindex): updated, not lost
    await markLost(store, r.link, at, r.reason);
  }
}

/** Mark a stored link lost with a `lost` event, as a re-crawl does (on either adapter). */
export async function markLost(store: Store, l: Pick<DemoTruthLink, 'srcUrl' | 'dstUrl' | 'kind' | 'anchor'>, at: Date, reason: string): Promise<void> {
  const key = [l.srcUrl, l.dstUrl, l.kind, l.anchor];
  if (store.dialect === 'clickhouse') {
    // ReplacingMergeTree: a rewrite of the row with the same version (last_seen) replaces it.
    const row = await store.one<{ id: bigint; dst_domain: string }>(`SELECT id, dst_domain FROM links WHERE src_url = $1 AND dst_url = $2 AND kind = $3 AND anchor = $4 AND lost_at IS NULL`, key);
    if (!row) throw new Error(`removal of a link that is not stored: ${l.srcUrl} -> ${l.dstUrl}`);
    await store.run(`INSERT INTO links_data SELECT * REPLACE ($1 AS lost_at, $2 AS lost_reason) FROM links WHERE id = $3 AND dst_domain = $4`, [at, reason, row.id, row.dst_domain]);
    await store.run(`INSERT INTO link_events_data (occurred_at, link_id, dst_domain, event, reason) VALUES ($1, $2, $3, 'lost', $4)`, [at, row.id, row.dst_domain, reason]);
    return;
  }
  const row = await store.one<{ id: bigint }>(
    `UPDATE links SET lost_at = $1, lost_reason = $2 WHERE src_url = $3 AND dst_url = $4 AND kind = $5 AND anchor = $6 AND lost_at IS NULL RETURNING id`,
    [at, reason, ...key],
  );
  if (!row) throw new Error(`removal of a link that is not stored: ${l.srcUrl} -> ${l.dstUrl}`);
  await store.run(`INSERT INTO link_events (occurred_at, link_id, event, reason) VALUES ($1, $2, 'lost', $3)`, [at, row.id, reason]);
}

export interface DemoStore {
  store: DuckDbStore;
  day1: DemoTruth;
  day2: DemoTruth;
  cleanup: () => Promise<void>;
}

/** A fresh store holding day 1 (and day 2 when `days` is 2) of the small demo web. */
export async function openDemoStore(days: 1 | 2 = 1): Promise<DemoStore> {
  const tmp = makeTempDir('vouch-reports-');
  const day1 = generateDemoWeb(DEMO_OPTIONS).truth;
  const day2 = generateDemoWeb({ ...DEMO_OPTIONS, day: 2 }).truth;
  const store = await openStore({ dataDir: tmp.dir });
  await writeDay(store, day1, DAY1);
  if (days === 2) await applyDayTwo(store, day2, DAY2);
  return {
    store,
    day1,
    day2,
    cleanup: async () => {
      await store.close();
      tmp.cleanup();
    },
  };
}
