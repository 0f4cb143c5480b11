/**
 * The store owner's step: take a batch of results from the frontier's streams, admit the URLs
 * they lead to (scope, depth, max-pages, seed redirects: the single-process crawl's Admission),
 * push the new ones into the frontier, write pages and links to the store, and only then
 * acknowledge the results.
 *
 * Crash safety: a crash anywhere before the acknowledgement leaves the results pending, and the
 * next owner reads them again: the frontier's seen-set makes the push idempotent, and store
 * writes are upserts, so nothing is lost and nothing is stored twice.
 */
import { CriticalError, toVouchError } from '../../core/errors.js';
import type { DiscoveredUrl, SettledEntry } from '../frontier/types.js';
import type { LinkRecord, PageRecord } from '../../core/types.js';
import type { Admission } from '../crawler/internal/admission.js';
import type { FrontierPush, RedisFrontier, StreamResult } from './redis-frontier.js';
import { decodeResult } from './result-codec.js';

/** Where results go: the store's bulk writers, in one transaction (see duckDbSink, storeSink). */
export interface CrawlSink {
  write(batch: { pages: PageRecord[]; links: LinkRecord[]; recorded: DiscoveredUrl[]; settled: SettledEntry[] }): Promise<void>;
}

export interface TakeResultsOutcome {
  pages: number;
  errors: number;
  /** URLs added to the frontier. */
  added: number;
  /** Entries that could not be decoded (acknowledged, and counted, so they do not block the job). */
  corrupt: number;
}

/** Take one batch (see the file header). */
export async function takeResults(frontier: RedisFrontier, admission: Admission, sink: CrawlSink, results: readonly StreamResult[], outageMs = 60_000): Promise<TakeResultsOutcome> {
  const pages: PageRecord[] = [];
  const links: LinkRecord[] = [];
  const recorded: DiscoveredUrl[] = [];
  const settled: SettledEntry[] = [];
  const discovered: DiscoveredUrl[] = [];
  const chains = new Map<string, string[]>();
  let corrupt = 0;
  let errors = 0;
  for (const r of results) {
    let e: ReturnType<typeof decodeResult>;
    try {
      e = decodeResult(r.payload);
    } catch {
      corrupt++;
      continue;
    }
    const page = e.page;
    pages.push(page);
    for (const l of e.links) links.push(l);
    const depth = page.depth ?? 0;
    recorded.push({ url: page.url, host: page.host, depth });
    settled.push({ url: page.url, state: page.error === null ? 'done' : 'failed', attempts: e.attempts, lastError: page.error, nextFetchAt: null });
    if (page.error !== null) errors++;
    for (const f of e.follow) {
      if (!f.redirect) continue;
      // A seed's redirect target stands for the seed (as in the single-process crawl).
      if (admission.isScopeSeed(page.url)) {
        admission.widen(f.url, f.host);
        admission.admitSeed(f.url, f.host, discovered, depth + 1);
      }
      chains.set(f.url, [...e.chain, page.url]);
    }
    for (const f of e.follow) admission.admit(f.url, f.host, depth + 1, discovered);
  }
  const push: FrontierPush[] = discovered.map((d) => ({ ...d, chain: chains.get(d.url) ?? [] }));
  const added = await pushDurably(frontier, push, outageMs);
  if (pages.length > 0) await sink.write({ pages, links, recorded, settled });
  await frontier.ack(results);
  return { pages: pages.length, errors, added, corrupt };
}

/**
 * Push until the frontier (and its replicas) hold the URLs. NOTE: Admission has already counted
 * them as known, so giving up on a push must end the job: a new owner rebuilds Admission from the
 * frontier's seen-sets and reads the same results again.
 */
async function pushDurably(frontier: RedisFrontier, push: readonly FrontierPush[], outageMs: number): Promise<number> {
  const startedMs = performance.now();
  for (;;) {
    try {
      return await frontier.push(push);
    } catch (err) {
      if (performance.now() - startedMs > outageMs) throw new CriticalError('FRONTIER_UNAVAILABLE', `cannot add URLs to the frontier: ${toVouchError(err).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
