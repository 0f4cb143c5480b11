/**
 * `rankStore` on the ClickHouse store (chdb) against DuckDB: the demo web's two days in both, ranked,
 * give the same metrics for every host, domain and page; the columns rank does not compute stay as
 * they were; and ranking again rewrites rows rather than adding any (counted through the FINAL views).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VouchError } from '../../src/core/errors.js';
import { generateDemoWeb } from '../../src/demo/index.js';
import { rankStore } from '../../src/graph/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { DAY1, DAY2, DEMO_OPTIONS, applyDayTwo, writeDay } from '../reports/demo-store.js';
import { CHDB_SKIP, openChdbStore, removeChdbDir } from '../store/contract/chdb-store.js';
import type { OpenedStore } from '../store/contract/store-contract.js';

const METRICS = ['pagerank', 'harmonic', 'trust', 'spam_mass', 'authority', 'in_degree', 'out_degree', 'ref_domains'] as const;
const FIRST = new Date('2026-03-10T08:00:00.000Z');
const SECOND = new Date('2026-03-11T09:30:00.000Z');

type Row = Record<string, unknown>;

function close(a: unknown, b: unknown, what: string): void {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(Number(a) - Number(b)) <= 1e-9, `${what}: ${String(a)} vs ${String(b)}`);
}

/** Rows keyed by `key`, each with the named columns, as plain values (times as ISO text). */
async function rowsOf(store: Store, table: string, key: string, columns: readonly string[]): Promise<Map<string, Row>> {
  const rows = await store.all<Row>(`SELECT ${key}, ${columns.join(', ')} FROM ${table}`);
  return new Map(rows.map((r) => [String(r[key]), Object.fromEntries(columns.map((c) => [c, r[c] instanceof Date ? r[c].toISOString() : typeof r[c] === 'bigint' ? Number(r[c]) : r[c]]))]));
}

describe('rankStore on ClickHouse (chdb) gives DuckDB’s metrics and writes them back', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-rank-parity-');
  const day1 = generateDemoWeb(DEMO_OPTIONS).truth;
  const day2 = generateDemoWeb({ ...DEMO_OPTIONS, day: 2 }).truth;
  const audited = day1.sites.find((s) => s.role !== 'target')!;
  let duck: Store;
  let ch: OpenedStore;

  async function fill(store: Store): Promise<void> {
    await writeDay(store, day1, DAY1);
    await applyDayTwo(store, day2, DAY2);
    // Columns that rank does not compute, which it must keep: an audited domain and host.
    const [domains, hosts] = store.dialect === 'clickhouse' ? ['domains_data', 'hosts_data'] : ['domains', 'hosts'];
    await store.run(`INSERT INTO ${domains} (domain, hosts, pages, toxicity, toxicity_computed_at) VALUES ($1, 1, 1, 0.75, $2)`, [audited.domain, DAY2]);
    await store.run(`INSERT INTO ${hosts} (host, domain, ip, pages, toxicity) VALUES ($1, $2, '127.0.0.9', 1, 0.5)`, [audited.host, audited.domain]);
  }

  before(async () => {
    duck = await openStore({ dataDir: tmp.dir });
    ch = await openChdbStore();
    await fill(duck);
    await fill(ch.store);
  });
  after(async () => {
    await duck.close();
    await ch.cleanup();
    removeChdbDir();
    tmp.cleanup();
  });

  it('ranks hosts, domains and pages to the same metrics on both stores', async () => {
    const [a, b] = [await rankStore(duck, { now: FIRST, threads: 1 }), await rankStore(ch.store, { now: FIRST, threads: 1 })];
    assert.deepEqual(b, a, 'the same graphs: nodes, edges, passes, seeds');
    assert.ok(a.hosts.edges > 20 && a.pages.edges > 100);
    for (const [table, key, columns] of [
      ['hosts', 'host', ['domain', 'pages', 'first_seen', 'ip', 'toxicity', 'computed_at', ...METRICS]],
      ['domains', 'domain', ['hosts', 'pages', 'first_seen', 'toxicity', 'toxicity_computed_at', 'computed_at', ...METRICS]],
      ['pages', 'url', ['status', 'fetched_at', 'depth', 'page_rank', 'url_rating', 'rank_computed_at']],
    ] as const) {
      const [x, y] = [await rowsOf(duck, table, key, columns), await rowsOf(ch.store, table, key, columns)];
      assert.deepEqual([...y.keys()].sort(), [...x.keys()].sort(), `${table}: the same rows`);
      for (const [name, row] of x) {
        const other = y.get(name)!;
        for (const c of columns) {
          if ((METRICS as readonly string[]).includes(c) || c === 'page_rank' || c === 'url_rating') close(other[c], row[c], `${table} ${name} ${c}`);
          else assert.equal(other[c], row[c], `${table} ${name} ${c}`);
        }
      }
    }
    const host = await ch.store.one<{ ip: string; toxicity: number; pagerank: number }>(`SELECT ip, toxicity, pagerank FROM hosts WHERE host = $1`, [audited.host]);
    assert.deepEqual({ ip: host?.ip, toxicity: host?.toxicity }, { ip: '127.0.0.9', toxicity: 0.5 });
    assert.ok(host!.pagerank > 0);
  });

  it('ranking again leaves one row per host, domain and page, with the latest run’s metrics', async () => {
    const before = await rowsOf(ch.store, 'pages', 'url', ['status', 'fetched_at', 'title', 'depth', 'page_rank']);
    // Small page batches: many statements, each a range of domains, together every page once.
    await rankStore(ch.store, { now: SECOND, threads: 1, seedNames: [audited.domain], pageBatchRows: 40 });
    for (const [table, key, stamp] of [['hosts', 'host', 'computed_at'], ['domains', 'domain', 'computed_at'], ['pages', 'url', 'rank_computed_at']] as const) {
      const c = await ch.store.one<{ n: bigint; keys: bigint; latest: bigint }>(
        `SELECT count() AS n, uniqExact(${key}) AS keys, countIf(${stamp} = $1) AS latest FROM ${table}`,
        [SECOND],
      );
      const d = await duck.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
      assert.equal(Number(c?.n), Number(d?.n), `${table}: as many rows as on DuckDB`);
      assert.equal(Number(c?.keys), Number(c?.n), `${table}: one row per ${key}`);
      assert.equal(Number(c?.latest), Number(c?.n), `${table}: every row from the second run`);
    }
    const after = await rowsOf(ch.store, 'pages', 'url', ['status', 'fetched_at', 'title', 'depth', 'page_rank']);
    for (const [url, row] of before) assert.deepEqual({ ...after.get(url), page_rank: 0 }, { ...row, page_rank: 0 }, url);
    // Seeded by the file this time: trust and spam mass as DuckDB has them with the same seed.
    await rankStore(duck, { now: SECOND, threads: 1, seedNames: [audited.domain] });
    const [x, y] = [await rowsOf(duck, 'domains', 'domain', ['trust', 'spam_mass']), await rowsOf(ch.store, 'domains', 'domain', ['trust', 'spam_mass'])];
    assert.ok([...x.values()].filter((r) => Number(r.trust) > 0).length > 1, 'trust flows from the seed');
    for (const [name, row] of x) for (const c of ['trust', 'spam_mass']) close(y.get(name)![c], row[c], `${name} ${c}`);
  });

  it('drops its work tables on ClickHouse, after a failed run too', async () => {
    const work = async (): Promise<number> =>
      Number((await ch.store.one<{ n: bigint }>(`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND startsWith(name, '_rank_')`))?.n);
    assert.equal(await work(), 0);
    await assert.rejects(rankStore(ch.store, { damping: 1 }), (err: unknown) => err instanceof VouchError && err.code === 'INVALID_INPUT');
    assert.equal(await work(), 0);
  });

  it('vouch --store chdb://… rank writes the metrics and prints the summary', async () => {
    const store = `chdb://${tmp.dir}/cli?database=rank`;
    const empty = await runCli(['--json', '--store', store, 'rank', '--harmonic', 'none']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.equal((JSON.parse(empty.stdout) as { hosts: { nodes: number } }).hosts.nodes, 0, 'an empty store ranks to nothing');
    const info = await runCli(['--json', '--store', store, 'info']);
    assert.equal(info.code, 0, info.stderr);
    assert.equal((JSON.parse(info.stdout) as { tables: Record<string, number> }).tables.hosts, 0, 'and leaves no row behind');
    const bad = await runCli(['--store', store, 'rank', '--trust', `${tmp.dir}/missing.txt`]);
    assert.equal(bad.code, 2, bad.stderr);
  });
});
