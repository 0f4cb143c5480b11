import type { IngestCounts } from './ingest-counts.js';
import type { ArchiveEvent } from './read-archive.js';

/**
 * Count one archive event into `counts` (records by type, pages, links, skips, damage): the one
 * tally that every consumer of readArchive shares, so a queue worker reports what `vouch ingest` does.
 * Store counts (inserted/updated) are the writer's business.
 */
export function tallyArchiveEvent(counts: IngestCounts, e: ArchiveEvent, maxDamageReports: number): void {
  if (e.kind === 'damaged') {
    counts.damaged++;
    if (counts.damage.length < maxDamageReports) counts.damage.push(e.report);
    return;
  }
  const { record, outcome } = e;
  counts.records[record.type] = (counts.records[record.type] ?? 0) + 1;
  if (e.describes !== null) counts.watRecords[e.describes] = (counts.watRecords[e.describes] ?? 0) + 1;
  if (outcome.skip !== null) counts.skipped[outcome.skip] = (counts.skipped[outcome.skip] ?? 0) + 1;
  if (outcome.page !== null) {
    counts.pages++;
    if (outcome.html) {
      counts.htmlPages++;
      if (outcome.page.source === 'warc') counts.htmlBytes += outcome.page.bytes;
    }
  }
  counts.links += outcome.links.length;
}
