/**
 * `vouch ingest FILE|URL`: a WARC or WAT file (plain or gzip, local or http(s)) into the store.
 *
 * Pages and links go to the store in batches (writePages, then writeLinks, which dedupes and keeps
 * the earliest first_seen). After each batch the job row (`jobs`, kind `ingest`, one per file) gets
 * the resume point of the first record not yet written and the counts so far. A killed ingest run
 * again picks up at that point: the file is opened at the gzip member (an HTTP Range request for a
 * URL), and since every write is an upsert, a batch written twice changes nothing. A file whose job
 * is done is skipped unless `again`.
 *
 * The write of one batch overlaps the parsing of the next (DuckDB works on its own threads), so at
 * most two batches are in memory.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { LinkRecord, PageRecord } from '../../core/types.js';
import { finishJob, openJob, updateJobProgress } from '../../crawl/index.js';
import type { Store } from '../../store/index.js';
import type { ResumePoint } from './inflate-members.js';
import { INFLATE_DEFAULTS } from './inflate-members.js';
import { emptyIngestCounts } from './ingest-counts.js';
import type { IngestCounts } from './ingest-counts.js';
import { isUrlLocation, openByteSource } from './open-byte-source.js';
import { readArchive } from './read-archive.js';
import { tallyArchiveEvent } from './tally-archive-event.js';
import { WARC_READER_DEFAULTS } from './warc-record-reader.js';

export interface IngestArchiveOptions {
  /** Links per store write. */
  batchLinks?: number;
  /** Pages per store write (a batch is written when either fills). */
  batchPages?: number;
  maxRecordBytes?: number;
  maxMemberBytes?: number;
  /** Ingest a file again although its job is done. */
  again?: boolean;
  /** Start from the beginning even if an unfinished job could resume. */
  fresh?: boolean;
  /** Damage reports kept (all are counted). */
  maxDamageReports?: number;
  /** Stop at the next record boundary, write what was read, and leave the job resumable. */
  signal?: AbortSignal | null;
  onProgress?: ((progress: IngestProgress) => void) | null;
}

export const INGEST_ARCHIVE_DEFAULTS = {
  batchLinks: 10_000,
  batchPages: 2_000,
  maxRecordBytes: WARC_READER_DEFAULTS.maxRecordBytes,
  maxMemberBytes: INFLATE_DEFAULTS.maxMemberBytes,
  again: false,
  fresh: false,
  maxDamageReports: 100,
  signal: null,
  onProgress: null,
} satisfies Required<IngestArchiveOptions>;

export interface IngestProgress {
  location: string;
  /** Compressed bytes read so far (including what an earlier, resumed run read). */
  bytesRead: number;
  size: number | null;
  counts: IngestCounts;
}

export interface IngestSummary {
  location: string;
  /** Absolute path, or the URL. */
  identity: string;
  jobId: number | null;
  /** `done`; `interrupted` (resumable); `already-done` (skipped, counts from the earlier run). */
  state: 'done' | 'interrupted' | 'already-done';
  /** Where this run started, when it resumed an earlier one. */
  resumedFrom: ResumePoint | null;
  size: number | null;
  counts: IngestCounts;
}

interface StoredProgress {
  resume: ResumePoint | null;
  counts: IngestCounts;
}

/**
 * Ingest one WARC/WAT file or URL.
 * @example const summary = await ingestArchive(store, 'CC-MAIN-…-00000.warc.wat.gz');
 * @throws ValidationError for a missing file; HTTP errors for URLs (see openByteSource).
 */
export async function ingestArchive(store: Store, location: string, options: IngestArchiveOptions = {}): Promise<IngestSummary> {
  const o = { ...INGEST_ARCHIVE_DEFAULTS, ...options };
  const identity = isUrlLocation(location) ? location : path.resolve(location);
  // A changed local file must not resume at an old offset: its size is part of the job key.
  const size = isUrlLocation(location) ? null : await stat(identity).then((s) => s.size, () => null);
  const jobKey = `ingest:${identity}${size === null ? '' : `#${size}`}`;
  const latest = await store.one<{ state: string; progress: string | null }>(
    `SELECT state, ${store.dialect === 'duckdb' ? 'progress::VARCHAR' : 'progress'} AS progress FROM jobs WHERE kind = 'ingest' AND job_key = $1 ORDER BY id DESC LIMIT 1`,
    [jobKey],
  );
  if (latest?.state === 'done' && !o.again) {
    const stored = parseProgress(latest.progress);
    return { location, identity, jobId: null, state: 'already-done', resumedFrom: null, size, counts: stored?.counts ?? emptyIngestCounts() };
  }

  // An unfinished job resumes (openJob below picks the same row); the file is opened first, so a
  // missing file or a failing URL leaves no job behind.
  const stored = o.fresh || latest === undefined || latest.state === 'done' ? null : parseProgress(latest.progress);
  const resume = stored?.resume ?? null;
  const source = await openByteSource(location, { offset: resume?.compressedOffset ?? 0 });
  const { job } = await openJob(store, { kind: 'ingest', jobKey, params: { location: identity }, fresh: o.fresh });
  const counts = stored?.counts ?? emptyIngestCounts();
  counts.bytesRead = resume?.compressedOffset ?? 0;
  const totalSize = source.size ?? size;

  let pages: PageRecord[] = [];
  let links: LinkRecord[] = [];
  let inflight: Promise<void> | null = null;
  const settled = (): Promise<void> => inflight ?? Promise.resolve();
  const flush = async (checkpoint: ResumePoint | null): Promise<void> => {
    await settled();
    const batchPages = pages;
    const batchLinks = links;
    pages = [];
    links = [];
    const snapshot = JSON.parse(JSON.stringify(counts)) as IngestCounts;
    inflight = (async () => {
      if (batchPages.length > 0) await store.writePages(batchPages);
      if (batchLinks.length > 0) {
        const written = await store.writeLinks(batchLinks, { jobId: job.id });
        counts.inserted += written.inserted;
        counts.updated += written.updated;
        snapshot.inserted += written.inserted;
        snapshot.updated += written.updated;
      }
      await updateJobProgress(store, job.id, { resume: checkpoint, counts: snapshot } satisfies StoredProgress);
    })();
    // Awaited at the next flush; until then a failure must not count as unhandled.
    inflight.catch(() => {});
  };

  let interrupted = false;
  let lastCheckpoint: ResumePoint | null = resume;
  try {
    async function* countBytes(): AsyncGenerator<Buffer> {
      for await (const chunk of source.chunks) {
        counts.bytesRead += chunk.length;
        yield chunk;
      }
    }
    reading: for await (const events of readArchive(countBytes(), {
      start: resume,
      maxRecordBytes: o.maxRecordBytes,
      maxMemberBytes: o.maxMemberBytes,
      tally: counts.watEntries,
    })) {
      for (const e of events) {
        tallyArchiveEvent(counts, e, o.maxDamageReports);
        if (e.kind === 'damaged') continue;
        const { record, outcome } = e;
        if (outcome.page !== null) pages.push(outcome.page);
        for (const l of outcome.links) links.push(l);
        if (record.next === null) continue;
        // A record boundary with a known resume point: the place to write a batch or stop.
        lastCheckpoint = record.next;
        if (o.signal?.aborted === true) {
          interrupted = true;
          break reading;
        }
        if (links.length >= o.batchLinks || pages.length >= o.batchPages) {
          await flush(record.next);
          o.onProgress?.({ location, bytesRead: counts.bytesRead, size: totalSize, counts });
        }
      }
    }
    await flush(interrupted ? lastCheckpoint : null);
    await settled();
  } catch (err) {
    // Whatever was written stays; the job resumes from its last checkpoint.
    await settled().catch(() => {});
    await finishJob(store, job.id, 'failed', { error: (err as Error).message });
    throw err;
  }
  const final: StoredProgress = { resume: interrupted ? lastCheckpoint : null, counts };
  await finishJob(store, job.id, interrupted ? 'interrupted' : 'done', { progress: final });
  o.onProgress?.({ location, bytesRead: counts.bytesRead, size: totalSize, counts });
  return { location, identity, jobId: job.id, state: interrupted ? 'interrupted' : 'done', resumedFrom: resume, size: totalSize, counts };
}

function parseProgress(value: unknown): StoredProgress | null {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (typeof parsed !== 'object' || parsed === null || !('counts' in parsed)) return null;
  const p = parsed as Partial<StoredProgress>;
  const resume = p.resume ?? null;
  const valid = resume === null || (Number.isInteger(resume.compressedOffset) && Number.isInteger(resume.skipBytes) && Number.isInteger(resume.uncompressedOffset));
  return valid ? { resume, counts: { ...emptyIngestCounts(), ...p.counts } } : null;
}
