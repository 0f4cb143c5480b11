/**
 * Extraction throughput (MB of HTML per second, one core) on real and generated HTML
 * (bench/extract-corpus.ts), three ways, interleaved and best-of-rounds to damp noise:
 * - ours: extractLinks with every attribute (charset sniffing and decoding included);
 * - cheerio: a DOM + selectors extractor of the same links (bench/extract-cheerio-peer.ts);
 * - ceiling: htmlparser2's streaming Parser with empty callbacks on the same decoded text, i.e.
 *   the cost of tokenising alone (plus the same UTF-8 decode).
 * Targets: ≥ 3× cheerio, ≥ 75% of the ceiling.
 */
import { Parser } from 'htmlparser2';
import { extractLinks } from '../src/extract/index.js';
import { cheerioExtract } from './extract-cheerio-peer.js';
import { extractCorpus } from './extract-corpus.js';
import type { CorpusPage } from './extract-corpus.js';
import type { BenchResult } from './types.js';

const ROUNDS = Number(process.env.VOUCH_BENCH_ROUNDS ?? 3);
const ROUND_MS = Number(process.env.VOUCH_BENCH_ROUND_MS ?? 1500);

type Runner = (pages: CorpusPage[]) => number;

const noop = (): void => {};

const runners: Record<'ours' | 'cheerio' | 'ceilingEmpty' | 'ceilingNone', Runner> = {
  ours(pages) {
    let links = 0;
    for (const p of pages) links += extractLinks(p.body, { url: p.url, headers: p.headers }).links.length;
    return links;
  },
  cheerio(pages) {
    let links = 0;
    for (const p of pages) links += cheerioExtract(p.body, p.url).links.length;
    return links;
  },
  ceilingEmpty(pages) {
    for (const p of pages) new Parser({ onopentag: noop, ontext: noop, onclosetag: noop }).end(new TextDecoder().decode(p.body));
    return 0;
  },
  ceilingNone(pages) {
    for (const p of pages) new Parser({}).end(new TextDecoder().decode(p.body));
    return 0;
  },
};

/** MB/s of one timed round: as many passes over the corpus as fit in ROUND_MS. */
function round(run: Runner, pages: CorpusPage[], bytes: number): number {
  let passes = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    run(pages);
    passes++;
    elapsed = performance.now() - t0;
  } while (elapsed < ROUND_MS);
  return (bytes * passes) / (elapsed / 1000) / 1e6;
}

export async function run(): Promise<BenchResult[]> {
  const pages = extractCorpus();
  const bytes = pages.reduce((n, p) => n + p.body.byteLength, 0);
  const names = Object.keys(runners) as Array<keyof typeof runners>;
  for (const name of names) runners[name](pages); // warm-up
  const best: Record<string, number> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of names) best[name] = Math.max(best[name] ?? 0, round(runners[name], pages, bytes));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const links = runners.ours(pages);
  const corpus = `${pages.length} pages, ${(bytes / 1e6).toFixed(1)} MB, ${links} links; best of ${ROUNDS}`;
  return [
    { name: 'extract links: MB/s vs cheerio', ours: best.ours!, peer: best.cheerio!, unit: 'MB/s', higherIsBetter: true, note: `target ≥3x; ${corpus}` },
    { name: 'extract links: MB/s vs htmlparser2 empty callbacks', ours: best.ours!, peer: best.ceilingEmpty!, unit: 'MB/s', higherIsBetter: true, note: 'target ≥0.75x; onopentag/ontext/onclosetag no-ops' },
    { name: 'extract links: MB/s vs htmlparser2 no callbacks', ours: best.ours!, peer: best.ceilingNone!, unit: 'MB/s', higherIsBetter: true, note: 'tokeniser alone' },
  ];
}
