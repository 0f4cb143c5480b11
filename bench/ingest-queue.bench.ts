/**
 * Distributed ingest throughput: the same WARC files, in the same run,
 * - peer: `vouch ingest FILES` in one process, into a DuckDB store;
 * - ours: `vouch ingest --queue` + 1 or 2 `vouch worker ingest --out DIR` processes writing Parquet,
 *   from the enqueue to the last worker's exit; and 2 workers plus `vouch ingest --parquet DIR`
 *   (the load into the same kind of DuckDB store), which is what one gets to query.
 * Records/s and links/s (raw links read, before dedupe), wall clock, each a child process as a user
 * runs it (startup included in every runner alike). A real redis-server on loopback.
 * Files: the real Common Crawl sample records repeated (bench/ingest-corpus.ts), each file on hosts
 * of its own, so no file repeats another's links.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipPerRecord, plainBytes, repeatRecords, splitRecords, WARC_2014, WARC_2024 } from '../test/ingest/fixtures/warc-files.js';
import { redisServerBinary, startRedisServer } from '../test/helpers/redis-server.js';
import { runCli, startCli } from '../test/helpers/run-cli.js';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import type { BenchResult } from './types.js';

const FILES = Number(process.env.VOUCH_BENCH_QUEUE_FILES ?? 6);
const COPIES = Number(process.env.VOUCH_BENCH_QUEUE_COPIES ?? 40);
const ROUNDS = Number(process.env.VOUCH_BENCH_ROUNDS ?? 2);

interface Corpus {
  files: string[];
  records: number;
  links: number;
}

function buildCorpus(dir: string): Corpus {
  const base = [WARC_2014, WARC_2024].flatMap((f) => splitRecords(plainBytes(f)));
  const files: string[] = [];
  let records = 0;
  for (let i = 0; i < FILES; i++) {
    const recs = repeatRecords(base, COPIES).map((r) => {
      const headEnd = r.indexOf('\r\n\r\n');
      const head = r.toString('latin1', 0, headEnd).replace(/^(WARC-Target-URI: <?https?:\/\/)/m, `$1f${i}.`);
      return Buffer.concat([Buffer.from(head, 'latin1'), r.subarray(headEnd)]);
    });
    const file = path.join(dir, `bench-${i}.warc.gz`);
    writeFileSync(file, gzipPerRecord(recs).data);
    files.push(file);
    records += recs.length;
  }
  return { files, records, links: 0 };
}

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args, { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`vouch ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Seconds of wall clock for `fn`. */
async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

export async function run(): Promise<BenchResult[]> {
  if (redisServerBinary() === null) {
    console.log('skipped: redis-server not installed');
    return [];
  }
  const temp = makeTempDir('vouch-bench-queue-');
  const redis = await startRedisServer();
  try {
    const corpus = buildCorpus(temp.dir);
    let round = 0;
    const single = async (): Promise<void> => {
      const out = JSON.parse(await cli(['--json', '--data', path.join(temp.dir, `single-${round++}`), 'ingest', ...corpus.files])) as Array<{ counts: { links: number } }>;
      corpus.links = out.reduce((a, s) => a + s.counts.links, 0);
    };
    const queued = (workers: number, db: number): (() => Promise<string>) => async () => {
      const out = path.join(temp.dir, `parquet-${workers}-${round++}`);
      const queue = `${redis.url}/${db}`;
      redis.cli('-n', String(db), 'FLUSHDB');
      await cli(['--quiet', 'ingest', '--queue', queue, ...corpus.files]);
      const runs = await Promise.all(Array.from({ length: workers }, () => startCli(['--quiet', 'worker', 'ingest', '--queue', queue, '--out', out, '--until-empty'], { timeoutMs: 600_000 }).done));
      for (const r of runs) if (r.code !== 0) throw new Error(`worker exited ${r.code}: ${r.stderr}`);
      return out;
    };
    const best = { single: Infinity, one: Infinity, two: Infinity, twoLoad: Infinity };
    for (let r = 0; r < ROUNDS; r++) {
      best.single = Math.min(best.single, await seconds(single));
      best.one = Math.min(best.one, await seconds(queued(1, 1)));
      let dataset = '';
      const two = await seconds(async () => (dataset = await queued(2, 2)()));
      best.two = Math.min(best.two, two);
      const load = await seconds(() => cli(['--quiet', '--data', path.join(temp.dir, `load-${round++}`), 'ingest', '--parquet', dataset]));
      best.twoLoad = Math.min(best.twoLoad, two + load);
    }
    const note = `${FILES} files, ${corpus.records} records, ${corpus.links} links; best of ${ROUNDS}; wall clock on this machine's cores`;
    const rate = (n: number, s: number): number => n / s;
    return [
      { name: 'ingest queue: 1 worker → Parquet, records/s', ours: rate(corpus.records, best.one), peer: rate(corpus.records, best.single), unit: 'rec/s', higherIsBetter: true, note: `peer: vouch ingest → DuckDB; ${note}` },
      { name: 'ingest queue: 2 workers → Parquet, records/s', ours: rate(corpus.records, best.two), peer: rate(corpus.records, best.single), unit: 'rec/s', higherIsBetter: true, note: 'peer: vouch ingest → DuckDB' },
      { name: 'ingest queue: 2 workers → Parquet, links/s', ours: rate(corpus.links, best.two), peer: rate(corpus.links, best.single), unit: 'links/s', higherIsBetter: true, note: 'peer: vouch ingest → DuckDB' },
      { name: 'ingest queue: 2 workers + load into DuckDB, links/s', ours: rate(corpus.links, best.twoLoad), peer: rate(corpus.links, best.single), unit: 'links/s', higherIsBetter: true, note: 'same end state as the peer' },
      { name: 'ingest queue: 2 workers vs 1 worker, links/s', ours: rate(corpus.links, best.two), peer: rate(corpus.links, best.one), unit: 'links/s', higherIsBetter: true, note: 'scaling from 1 to 2 worker processes' },
    ];
  } finally {
    await redis.stop();
    temp.cleanup();
  }
}
