/**
 * Report latency on a synthetic store (bench/reports-synthetic-store.ts): 10M links, one target with
 * 1M backlinks from 50k domains, three competitors. For each report, p50 and p95 of the report
 * function as the CLI and API call it, against the floor: the same SQL written out by hand and run
 * straight on DuckDB (bench/reports-floor-sql.ts). Runs alternate ours/floor so that load on a shared
 * machine hits both alike. Goal: p50 ≤ 150 ms and ≤ 1.5× the floor.
 *
 * Which floor: "the same SQL" as the report ran. In the clustered layout (what `vouch optimize` leaves:
 * links in destination order and a current link rollup, src/store/build-link-rollup.ts) anchors and
 * the backlinks head read the rollup, so their ratio is against the floor on the rollup; the floor on
 * the links table is measured in the same runs and printed beside it. In the crawl layout there is
 * no rollup and every report reads the links table.
 *
 * Environment: VOUCH_BENCH_REPORT_LINKS (default 10000000) for quick runs at a smaller size;
 * VOUCH_BENCH_REPORT_REPS (default 15) timed runs per query; VOUCH_BENCH_REPORT_LAYOUT=crawl|clustered|both
 * (default crawl): `clustered` also runs what `vouch optimize` does (clusterLinks, then buildLinkRollup)
 * and measures again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { anchors, backlinks, linkIntersect, refDomains } from '../src/reports/index.js';
import { buildLinkRollup, clusterLinks } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { floorAnchors, floorAnchorsRollup, floorBacklinks, floorBacklinksRollup, floorIntersect, floorRefDomains } from './reports-floor-sql.js';
import { buildSyntheticReportStore } from './reports-synthetic-store.js';
import type { BenchResult } from './types.js';

const TARGET_P50_MS = 150;
const TARGET_RATIO = 1.5;
const WARMUP_RUNS = 2;

interface Case {
  name: string;
  ours: (store: Store) => Promise<unknown>;
  floor: (c: DuckDBConnection) => Promise<number>;
  /** The same report's SQL on the link rollup, for a store where it is current. */
  rollupFloor?: (c: DuckDBConnection) => Promise<number>;
}

const CASES: Case[] = [
  { name: 'top-100 refdomains', ours: (s) => refDomains(s, { target: 'target', sort: 'authority', limit: 100 }), floor: floorRefDomains },
  { name: 'backlinks page 1, rel=follow', ours: (s) => backlinks(s, { target: 'target', rel: 'follow', limit: 100 }), floor: floorBacklinks, rollupFloor: floorBacklinksRollup },
  { name: 'anchors', ours: (s) => anchors(s, { target: 'target' }), floor: floorAnchors, rollupFloor: floorAnchorsRollup },
  { name: 'intersect, 3 competitors', ours: (s) => linkIntersect(s, { target: 'target', competitor: ['rival1', 'rival2', 'rival3'] }), floor: floorIntersect },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function measure(store: Store, connection: DuckDBConnection, reps: number, label: string, scale: string, rollup: boolean): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const c of CASES) {
    const rollupFloor = rollup ? c.rollupFloor : undefined;
    for (let i = 0; i < WARMUP_RUNS; i++) {
      await c.ours(store);
      await c.floor(connection);
      await rollupFloor?.(connection);
    }
    const ours: number[] = [];
    const floor: number[] = [];
    const onRollup: number[] = [];
    for (let i = 0; i < reps; i++) {
      ours.push(await time(() => c.ours(store)));
      floor.push(await time(() => c.floor(connection)));
      if (rollupFloor) onRollup.push(await time(() => rollupFloor(connection)));
    }
    const o50 = percentile(ours, 50);
    const links50 = percentile(floor, 50);
    // The ratio is against the floor of the SQL the report ran: the rollup's where it read the rollup.
    const f50 = rollupFloor ? percentile(onRollup, 50) : links50;
    const met = o50 <= TARGET_P50_MS && o50 <= TARGET_RATIO * f50;
    const floors = rollupFloor
      ? `floor on rollup p50 ${f50.toFixed(0)} ms (p95 ${percentile(onRollup, 95).toFixed(0)}), floor on links p50 ${links50.toFixed(0)} ms (p95 ${percentile(floor, 95).toFixed(0)})`
      : `floor p95 ${percentile(floor, 95).toFixed(0)} ms`;
    results.push({
      name: `reports ${c.name} p50 (${scale}${label}${rollupFloor ? ', vs floor on rollup' : ''})`,
      ours: o50,
      peer: f50,
      unit: 'ms',
      higherIsBetter: false,
      note: `p95 ours ${percentile(ours, 95).toFixed(0)} ms; ${floors}; ${reps} runs; goal p50 ≤${TARGET_P50_MS} ms and ≤${TARGET_RATIO}× floor: ${met ? 'met' : 'missed'}`,
    });
  }
  return results;
}

export async function run(): Promise<BenchResult[]> {
  const links = Number(process.env.VOUCH_BENCH_REPORT_LINKS ?? 10_000_000);
  const reps = Number(process.env.VOUCH_BENCH_REPORT_REPS ?? 15);
  const layout = process.env.VOUCH_BENCH_REPORT_LAYOUT ?? 'crawl';
  const dir = await mkdtemp(path.join(tmpdir(), 'vouch-bench-reports-'));
  try {
    const built = await buildSyntheticReportStore(dir, links);
    const { store } = built;
    const scale = `${links >= 1e6 ? `${links / 1e6}M` : `${links / 1e3}k`} links, target ${built.targetBacklinks} from ${built.targetDomains} domains`;
    console.log(`built ${scale} in ${(built.buildMs / 1000).toFixed(1)} s`);
    const results: BenchResult[] = [];
    try {
      if (layout === 'crawl' || layout === 'both') results.push(...(await measure(store, store.connection, reps, ', crawl order', scale, false)));
      if (layout === 'clustered' || layout === 'both') {
        const started = performance.now();
        await clusterLinks(store);
        console.log(`clustered by destination in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        const rollup = await buildLinkRollup(store);
        console.log(`link rollup: ${rollup.domainRows} domain rows, ${rollup.anchorRows} anchor rows in ${(rollup.elapsedMs / 1000).toFixed(1)} s`);
        results.push(...(await measure(store, store.connection, reps, ', after optimize (clustered, rollup)', scale, true)));
      }
    } finally {
      await store.close();
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
