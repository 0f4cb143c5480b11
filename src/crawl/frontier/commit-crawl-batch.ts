/**
 * The one write path of a running crawl: the pages and links of a batch of fetched URLs, the URLs
 * they led to, and their frontier state, committed together.
 *
 * Crash safety (kill -9 at any instant), the invariant tests hold us to:
 * - a URL's `done`/`failed` state is never committed before its page, its links and the URLs it
 *   discovered, so a crash can only make a URL be fetched again, never lost;
 * - pages are upserted by URL and links by (src, dst, kind, anchor), so fetching again changes
 *   nothing but timestamps: nothing is duplicated.
 * All of it is one transaction: the store's bulk writers join an open transaction.
 */
import type { LinkRecord, PageRecord } from '../../core/types.js';
import type { DuckDbFrontier } from './duckdb-frontier.js';
import type { DiscoveredUrl, SettledEntry } from './types.js';

export interface CrawlBatch {
  pages: PageRecord[];
  links: LinkRecord[];
  discovered: DiscoveredUrl[];
  settled: SettledEntry[];
  /** Written to jobs.progress in the same transaction as the frontier. */
  progress: unknown;
}

export interface CommitResult {
  /** Frontier rows added (discovered URLs the job did not hold). */
  added: number;
  /** Links stored for the first time. */
  newLinks: number;
}

/**
 * Commit one crawl batch (see the file header for the guarantees).
 * @example await commitCrawlBatch(frontier, { pages, links, discovered, settled, progress });
 */
export async function commitCrawlBatch(frontier: DuckDbFrontier, batch: CrawlBatch): Promise<CommitResult> {
  const store = frontier.store;
  const frontierWork = async (): Promise<number> => {
    const added = await frontier.addDiscovered(batch.discovered);
    await frontier.settle(batch.settled);
    await store.run(`UPDATE jobs SET progress = $2, updated_at = $3 WHERE id = $1`, [frontier.jobId, JSON.stringify(batch.progress), new Date()]);
    return added;
  };
  return store.transaction(async () => {
    const links = batch.links.length > 0 ? await store.writeLinks(batch.links, { jobId: frontier.jobId }) : { inserted: 0 };
    if (batch.pages.length > 0) await store.writePages(batch.pages);
    return { added: await frontierWork(), newLinks: links.inserted };
  });
}
