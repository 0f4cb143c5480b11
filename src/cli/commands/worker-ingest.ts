import { InvalidArgumentError, type Command } from 'commander';
import { ValidationError } from '../../core/errors.js';
import type { IngestJobEvent, IngestSink, IngestWorkerStats } from '../../ingest/index.js';
import type { Store } from '../../store/index.js';
import { globalsOf } from '../globals.js';
import { toJson } from '../output.js';

interface WorkerIngestFlags {
  queue: string;
  out?: string;
  buckets: number;
  concurrency: number;
  untilEmpty: boolean;
  lockMs: number;
  stalledMs: number;
  memoryLimit: string;
}

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}`);
    return n;
  };
}

/**
 * `vouch [--store URL] worker ingest --queue redis://… [--out DIR]`: process the file jobs that
 * `vouch ingest --queue` queued. Registered on the `worker` parent command.
 */
export function registerWorkerIngest(worker: Command): void {
  worker
    .command('ingest')
    .description('process WARC/WAT file jobs from the ingest queue: write a hive-partitioned Parquet dataset (--out DIR), or else the configured store (vouch --store clickhouse://… worker ingest: any number of workers; the DuckDB file: one worker only)')
    .requiredOption('--queue <redis-url>', 'the Redis holding the queue (redis://host:6379)')
    .option('--out <dir>', 'write links/ and pages/ Parquet under DIR (crawl=…/bucket=…); load it later with `vouch ingest --parquet DIR`')
    .option('--buckets <n>', 'with --out: buckets per crawl, by destination domain (every worker of a dataset must agree)', wholeNumber(1), 16)
    .option('--concurrency <n>', 'files at once in this process (run one worker per core rather than raising this)', wholeNumber(1), 1)
    .option('--until-empty', 'exit once no job is waiting, running or delayed (a batch run)', false)
    .option('--lock-ms <ms>', 'job lock: a worker silent this long is presumed dead and its file goes back on the queue', wholeNumber(1000), 30_000)
    .option('--stalled-ms <ms>', 'how often to look for the files of dead workers', wholeNumber(500), 30_000)
    .option('--memory-limit <size>', 'with --out: staging memory per file before spilling to DIR/_tmp', '1GB')
    .action(async (flags: WorkerIngestFlags, command: Command) => {
      const globals = globalsOf(command);
      if (flags.out !== undefined && globals.store !== undefined) throw new ValidationError('give --out DIR or --store URL, not both', [{ where: '--out', message: flags.out }], { code: 'USAGE' });
      const { redisConnection, startIngestWorker, parquetSink, storeSink } = await import('../../ingest/index.js');
      let store: Store | null = null;
      let sink: IngestSink;
      if (flags.out !== undefined) sink = parquetSink({ outDir: flags.out, buckets: flags.buckets, memoryLimit: flags.memoryLimit });
      else {
        const { openConfiguredStore } = await import('../../store/index.js');
        store = await openConfiguredStore({ store: globals.store, dataDir: globals.data });
        sink = storeSink(store);
      }
      const connection = await redisConnection(flags.queue);
      const log = (e: IngestJobEvent): void => {
        if (globals.quiet || globals.json) return;
        if (e.kind === 'completed') process.stderr.write(`done ${e.result.location}: ${e.result.records} records, ${e.result.pages} pages, ${e.result.links} links\n`);
        else process.stderr.write(`${e.final ? 'failed' : 'will retry'} ${e.reason}\n`);
      };
      const handle = startIngestWorker(connection, sink, {
        concurrency: flags.concurrency,
        untilEmpty: flags.untilEmpty,
        lockDurationMs: flags.lockMs,
        stalledIntervalMs: flags.stalledMs,
        onJob: log,
      });
      // Ctrl-C or SIGTERM: finish the running file (its output is committed whole), then stop.
      const stop = (): void => void handle.close();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      let stats: IngestWorkerStats;
      try {
        stats = await handle.done;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        connection.disconnect();
        await store?.close();
      }
      if (globals.json) process.stdout.write(toJson(stats));
      else if (!globals.quiet) process.stdout.write(`worker stopped: ${stats.completed} files done, ${stats.failed} failed\n`);
    });
}
