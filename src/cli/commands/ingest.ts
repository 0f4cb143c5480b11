import { InvalidArgumentError, Option, type Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { CcGraphSummary, IngestSummary } from '../../ingest/index.js';
import { globalsOf } from '../globals.js';
import { printReport, toJson } from '../output.js';
import { createProgress } from '../progress.js';
import { withAnyStore } from '../with-store.js';
import type { QueuedIngestFlags } from './ingest-queue.js';

interface IngestFlags extends QueuedIngestFlags {
  again: boolean;
  fresh: boolean;
}

interface CcGraphFlags {
  vertices: string;
  edges: string;
  level: 'host' | 'domain';
  date?: Date;
  fresh: boolean;
}

function dateArg(value: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidArgumentError('expected a date such as 2024-05-31');
  return new Date(ms);
}

/** Stop at the next record boundary on Ctrl-C, leaving the job resumable. */
function interruptible(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

/**
 * `vouch ingest FILE|URL...`: WARC and WAT files (plain or gzip, local or http(s)) into the store;
 * `vouch ingest ccgraph`: a Common Crawl host or domain web graph. Both resume when run again.
 */
export function registerIngest(program: Command): void {
  const ingest = program
    .command('ingest')
    .description('ingest WARC or WAT files (plain or .gz, local paths or http(s) URLs): pages and links; run again to resume an interrupted ingest')
    .argument('[file-or-url...]', 'WARC/WAT files or URLs (a file literally named "ccgraph" needs ./ccgraph); with --queue also list files (*.paths, *.txt, *.list, or .gz)')
    .option('--again', 'ingest files again that an earlier run finished', false)
    .option('--fresh', 'start from the beginning even where an interrupted run could resume', false)
    .option('--queue <redis-url>', 'queue one job per file on Redis for `vouch worker ingest` instead of ingesting here')
    .option('--wait', 'with --queue: wait for the workers to finish the files, then report', false)
    .option('--retry-failed', 'with --queue: put the failed jobs of these files back on the queue', false)
    .option('--crawl <name>', 'with --queue: the crawl= partition of the output (default: CC-MAIN-YYYY-WW in the path, else "default")')
    .option('--base-url <url>', 'with --queue: prefix for relative lines of list files (https://data.commoncrawl.org/ for warc.paths.gz)')
    .option('--parquet <dir>', 'load a Parquet dataset written by `vouch worker ingest --out DIR` into the store')
    .action(async (locations: string[], flags: IngestFlags, command: Command) => {
      const globals = globalsOf(command);
      if (flags.queue !== undefined || flags.parquet !== undefined) {
        const { runQueuedIngest } = await import('./ingest-queue.js');
        await runQueuedIngest(locations, flags, command);
        return;
      }
      if (locations.length === 0) throw new ValidationError('name at least one WARC/WAT file or URL', [{ where: 'file-or-url', message: 'missing' }], { code: 'USAGE' });
      const stop = interruptible();
      const progress = createProgress({ quiet: globals.quiet, json: globals.json, extra: '{pages} pages | {links} links' });
      const summaries: IngestSummary[] = [];
      try {
        await withAnyStore(command, async (store) => {
          const { ingestArchive } = await import('../../ingest/index.js');
          for (const location of locations) {
            let started = false;
            const summary = await ingestArchive(store, location, {
              again: flags.again,
              fresh: flags.fresh,
              signal: stop.signal,
              onProgress: (p) => {
                if (!started) progress.start(p.size ?? Math.max(p.bytesRead, 1), location);
                started = true;
                progress.update(p.bytesRead, { pages: p.counts.pages, links: p.counts.links });
              },
            });
            progress.stop();
            summaries.push(summary);
            if (summary.state === 'interrupted') break;
          }
        });
      } finally {
        progress.stop();
        stop.release();
      }
      printArchives(summaries, globals.json, globals.quiet);
      if (summaries.some((s) => s.state === 'interrupted')) {
        if (!globals.quiet && !globals.json) process.stderr.write('interrupted: run the same command again to resume\n');
        process.exitCode = 130;
      }
    });

  ingest
    .command('ccgraph')
    .description('ingest a Common Crawl host or domain web graph (vertices + edges, gzipped or plain) as links between http://host/ pages, for vouch rank')
    .requiredOption('--vertices <file>', 'vertices file: id<TAB>reversed.host.name')
    .requiredOption('--edges <file>', 'edges file: fromId<TAB>toId')
    .addOption(new Option('--level <level>', 'what the vertices are').choices(['host', 'domain']).default('host'))
    .option('--date <date>', "the graph's crawl date, recorded as each link's first and last seen (default: now)", dateArg)
    .option('--fresh', 'start from the first edge even where an interrupted run could resume', false)
    .action(async (flags: CcGraphFlags, command: Command) => {
      const globals = globalsOf(command);
      if (flags.vertices === flags.edges) throw new ValidationError('--vertices and --edges name the same file', [{ where: '--edges', message: flags.edges }], { code: 'INVALID_CONFIG' });
      const stop = interruptible();
      const progress = createProgress({ quiet: globals.quiet, json: globals.json, extra: '{edges} edges' });
      let summary: CcGraphSummary;
      try {
        progress.start(1, 'ccgraph');
        summary = await withAnyStore(command, async (store) => {
          const { ingestCcGraph } = await import('../../ingest/index.js');
          return ingestCcGraph(store, flags.vertices, flags.edges, {
            level: flags.level,
            seenAt: flags.date ?? null,
            fresh: flags.fresh,
            signal: stop.signal,
            onProgress: (p) => progress.update(0, { edges: p.edges }),
          });
        });
      } finally {
        progress.stop();
        stop.release();
      }
      if (globals.json) process.stdout.write(toJson(summary));
      else {
        for (const issue of summary.issues.slice(0, 20)) process.stderr.write(`${issue.where}: ${issue.message}\n`);
        if (!globals.quiet) {
          process.stdout.write(
            `ccgraph (${summary.level}) ${summary.state}: ${summary.vertices} vertices, ${summary.edgeLines} edge lines → ${summary.edges} links ` +
              `(${summary.inserted} new); ${summary.selfLoops} self-loops, ${summary.droppedEdges} edges on unusable names, ${summary.badLines} bad lines` +
              (summary.resumedAtLine > 0 ? `; resumed after line ${summary.resumedAtLine}` : '') +
              '\n',
          );
        }
      }
      if (summary.state === 'interrupted') process.exitCode = 130;
    });
}

function printArchives(summaries: IngestSummary[], json: boolean, quiet: boolean): void {
  if (json) {
    process.stdout.write(toJson(summaries));
    return;
  }
  for (const s of summaries) {
    for (const d of s.counts.damage.slice(0, 20)) {
      process.stderr.write(`${s.location}: damaged at offset ${d.offset}${d.recordOffset === null ? '' : ` (record at uncompressed offset ${d.recordOffset})`}: ${d.reason}\n`);
    }
    if (s.counts.damaged > 20) process.stderr.write(`${s.location}: … and ${s.counts.damaged - 20} more damaged records\n`);
  }
  if (quiet) return;
  printReport(
    summaries.map((s) => ({
      file: s.location,
      state: s.state === 'already-done' ? 'done before (--again to redo)' : s.resumedFrom === null ? s.state : `${s.state} (resumed)`,
      records: Object.entries(s.counts.records).map(([t, n]) => `${t} ${n}`).join(', '),
      pages: s.counts.pages,
      html: s.counts.htmlPages,
      links: s.counts.links,
      skipped: Object.values(s.counts.skipped).reduce((a, b) => a + (b ?? 0), 0),
      damaged: s.counts.damaged,
    })),
    [
      { key: 'file', header: 'file' },
      { key: 'state', header: 'state' },
      { key: 'records', header: 'records' },
      { key: 'pages', header: 'pages', align: 'right' },
      { key: 'html', header: 'html', align: 'right' },
      { key: 'links', header: 'links', align: 'right' },
      { key: 'skipped', header: 'skipped', align: 'right' },
      { key: 'damaged', header: 'damaged', align: 'right' },
    ],
    { format: 'table' },
  );
}
