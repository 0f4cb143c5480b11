import { commitCrawlBatch } from '../frontier/commit-crawl-batch.js';
import type { DuckDbFrontier } from '../frontier/duckdb-frontier.js';
import type { Store } from '../../store/index.js';
import type { CrawlSink } from './take-results.js';

/**
 * Results into the DuckDB store through the crawl's one write path (commitCrawlBatch): pages,
 * links, and the job's `frontier` rows of the recorded URLs, so that crawlSummary and `vouch
 * pages` see a distributed crawl like a local one.
 */
export function duckDbSink(frontier: DuckDbFrontier, progress: () => unknown): CrawlSink {
  return {
    async write(batch) {
      await commitCrawlBatch(frontier, { pages: batch.pages, links: batch.links, discovered: batch.recorded, settled: batch.settled, progress: progress() });
    },
  };
}

/** Results into any store through the port alone (writeLinks, writePages), e.g. a scale-out store. */
export function storeSink(store: Store, jobId: number | null = null): CrawlSink {
  return {
    async write(batch) {
      await store.transaction(async () => {
        if (batch.links.length > 0) await store.writeLinks(batch.links, { jobId });
        await store.writePages(batch.pages);
      });
    },
  };
}
