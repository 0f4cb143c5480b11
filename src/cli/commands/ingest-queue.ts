import type { Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { withAnyStore } from '../with-store.js';

/** The `vouch ingest` flags of the distributed path. */
export interface QueuedIngestFlags {
  queue?: string;
  wait: boolean;
  crawl?: string;
  baseUrl?: string;
  parquet?: string;
  retryFailed: boolean;
}

/**
 * `vouch ingest --queue redis://… FILES|LISTFILE [--wait]`: one BullMQ job per file for
 * `vouch worker ingest`; `vouch ingest --parquet DIR`: load the workers' Parquet dataset into the store.
 */
export async function runQueuedIngest(locations: string[], flags: QueuedIngestFlags, command: Command): Promise<void> {
  const globals = globalsOf(command);
  if (flags.parquet !== undefined) {
    if (flags.queue !== undefined || locations.length > 0) {
      throw new ValidationError('--parquet DIR loads a dataset: give no files and no --queue with it', [{ where: '--parquet', message: flags.parquet }], { code: 'USAGE' });
    }
    await loadDataset(flags.parquet, command);
    return;
  }
  if (locations.length === 0) throw new ValidationError('name at least one WARC/WAT file, URL or list file to queue', [{ where: 'file-or-url', message: 'missing' }], { code: 'USAGE' });
  const { expandLocations, redisConnection, openIngestQueue, enqueueIngestFiles, waitForIngestQueue } = await import('../../ingest/index.js');
  const files = await expandLocations(locations, { baseUrl: flags.baseUrl ?? null });
  const connection = await redisConnection(flags.queue!);
  const queue = openIngestQueue(connection);
  try {
    const result = await enqueueIngestFiles(queue, files, { crawl: flags.crawl ?? null, retryFailed: flags.retryFailed });
    const retried = result.retried > 0 ? `, ${result.retried} failed ones retried` : '';
    if (!flags.wait) {
      if (globals.json) process.stdout.write(toJson({ files: files.length, queued: result.queued, existing: result.existing, retried: result.retried }));
      else if (!globals.quiet) process.stdout.write(`queued ${result.queued} files (${result.existing} already on the queue${retried})\n`);
      return;
    }
    if (!globals.quiet && !globals.json) process.stderr.write(`queued ${result.queued} files (${result.existing} already on the queue${retried}); waiting for the workers\n`);
    const bar = createProgress({ quiet: globals.quiet, json: globals.json, extra: 'files' });
    bar.start(Math.max(files.length, 1), 'ingest');
    const outcome = await waitForIngestQueue(queue, result.jobIds, { onProgress: (done) => bar.update(done) }).finally(() => bar.stop());
    for (const f of outcome.failed) process.stderr.write(`failed: ${f.reason}\n`);
    const totals = outcome.completed.reduce((t, r) => ({ records: t.records + r.records, pages: t.pages + r.pages, links: t.links + r.links, damaged: t.damaged + r.damaged }), { records: 0, pages: 0, links: 0, damaged: 0 });
    const summary = { files: files.length, queued: result.queued, existing: result.existing, retried: result.retried, completed: outcome.completed.length, failed: outcome.failed.length, ...totals };
    if (globals.json) process.stdout.write(toJson({ ...summary, failures: outcome.failed }));
    else if (!globals.quiet) {
      printReport([summary], (Object.keys(summary) as Array<keyof typeof summary>).map((key) => ({ key, header: key, align: 'right' as const })), { format: 'table' });
    }
    if (outcome.failed.length > 0) process.exitCode = 1;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

async function loadDataset(dir: string, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const bar = createProgress({ quiet: globals.quiet, json: globals.json, extra: '{phase}' });
  let phase = '';
  const result = await withAnyStore(command, async (store) => {
    const { loadParquetDataset } = await import('../../ingest/index.js');
    return loadParquetDataset(store, dir, {
      onProgress: (p, done, total) => {
        if (p !== phase) {
          if (phase !== '') bar.stop();
          phase = p;
          bar.start(Math.max(total, 1), p);
        }
        bar.update(Math.min(done, total), { phase: p });
      },
    });
  }).finally(() => bar.stop());
  if (globals.json) process.stdout.write(toJson(result));
  else if (!globals.quiet) {
    process.stdout.write(`loaded ${result.files} files from ${dir}: ${result.pages} pages, ${result.links} links (${result.inserted} new, ${result.updated} already stored)\n`);
  }
}
