/**
 * A real crawl of the small demo web into a real store, with the target and its competitors
 * added, ranked, and (standing in for an audit of every domain) the truth's spam and PBN domains
 * given a toxicity of 90. Prospecting code never reads the truth; only this setup does.
 */
import { crawl } from '../../src/crawl/index.js';
import type { CrawlResult } from '../../src/crawl/index.js';
import { startDemoServer } from '../../src/demo/index.js';
import type { DemoServer, DemoTruth, DemoWeb } from '../../src/demo/index.js';
import { extractLinks } from '../../src/extract/index.js';
import { rankStore } from '../../src/graph/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

export const SMALL_DEMO = { seed: 5, sites: 20, pages: 250 } as const;
export const TOXIC = 90;

export interface DemoCrawl {
  server: DemoServer;
  store: DuckDbStore;
  dataDir: string;
  cleanup: () => Promise<void>;
}

export async function crawlDay(store: DuckDbStore, server: DemoServer): Promise<CrawlResult> {
  const result = await crawl(store, { seeds: server.truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32, fresh: true });
  if (result.state !== 'done') throw new Error(`crawl ended ${result.state}`);
  return result;
}

/** Give the truth's spam and PBN domains a high toxicity, as an audit of all domains would. */
export async function markToxic(store: DuckDbStore, truth: DemoTruth): Promise<void> {
  for (const d of truth.domains.filter((x) => x.class !== 'legit')) {
    await store.run(`INSERT INTO domains (domain, toxicity) VALUES ($1, $2) ON CONFLICT (domain) DO UPDATE SET toxicity = excluded.toxicity`, [d.domain, TOXIC]);
  }
}

/**
 * Give the pages of a store filled from the truth their title, text and mailtos, read from the
 * served HTML by the crawler's own extractor, as a crawl would have stored them (crawlable pages only).
 */
export async function writeFootprints(store: DuckDbStore, web: DemoWeb): Promise<void> {
  await store.transaction(async () => {
    for (const page of web.truth.pages) {
      const res = web.responses.get(page.url);
      if (page.status !== 200 || !page.crawlable || res === undefined) continue;
      const { page: p } = extractLinks(res.body, { url: page.url, headers: res.headers });
      await store.run(`UPDATE pages SET title = $2, text = $3, mailtos = $4 WHERE url = $1`, [page.url, p.title, p.text, p.mailtos]);
    }
  });
}

export async function addDemoTargets(store: DuckDbStore, truth: DemoTruth): Promise<void> {
  await addTarget(store, { value: truth.target, name: 'acme', brand: truth.brandTerms, keywords: truth.keywords });
  for (const c of truth.competitors) await addTarget(store, { value: c, competitor: true });
}

/** Day 1 of the small demo web, crawled, ranked, with targets and toxicity. */
export async function crawlDemoDayOne(): Promise<DemoCrawl> {
  const server = await startDemoServer(SMALL_DEMO);
  const temp = makeTempDir('vouch-prospect-');
  const store = await openStore({ dataDir: temp.dir });
  try {
    await crawlDay(store, server);
    await rankStore(store);
    await addDemoTargets(store, server.truth);
    await markToxic(store, server.truth);
  } catch (err) {
    await store.close();
    await server.close();
    temp.cleanup();
    throw err;
  }
  return {
    server,
    store,
    dataDir: temp.dir,
    cleanup: async () => {
      await store.close();
      await server.close();
      temp.cleanup();
    },
  };
}
