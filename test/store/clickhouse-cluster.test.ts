/**
 * Cluster smoke tier: the ClickHouse adapter's cluster DDL on two Debian clickhouse-server (18.16)
 * shards with ZooKeeper. It checks what only a cluster shows: ON CLUSTER DDL, Distributed tables
 * over ReplicatedReplacingMergeTree, a target's links co-located on one shard by
 * cityHash64(dst_domain), re-writes collapsing under FINAL across shards, small tables replicated
 * to every node, and a refdomains-style aggregate read back through the `links` view.
 *
 * What 18.16 cannot cover (the chdb tier, ClickHouse 26, covers it): query parameters (so no
 * writeLinks/writePages, whose lookups bind parameters, and no report SQL), DateTime64, Bool,
 * LowCardinality (the legacy DDL maps them to DateTime, UInt8 and String), window functions,
 * QUALIFY, FILTER and session_timezone. Rows are therefore inserted directly, and the test's own
 * SQL uses literals of its fixed data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@clickhouse/client';
import { CLICKHOUSE_SCHEMA_VERSION, CLICKHOUSE_TABLES, ClickHouseStore } from '../../src/store/index.js';
import { CLUSTER_NAME, clusterSkipReason, startCluster } from './clickhouse/cluster-servers.js';
import type { ClusterHandle } from './clickhouse/cluster-servers.js';

const DB = 'vouch_smoke';
const TARGETS = ['acme.test', 'rival.test', 'third.test', 'fourth.test'];
const SOURCES = ['a.test', 'b.test', 'c.test'];

function linkRow(id: number, src: string, dst: string, n: number, day: number): Record<string, unknown> {
  const at = `2026-03-0${day} 10:00:00`;
  return {
    id, src_url: `http://${src}/p${n}`, dst_url: `http://${dst}/`, src_host: src, src_domain: src, dst_host: dst, dst_domain: dst,
    kind: 'a', anchor: `anchor ${n}`, nofollow: 0, ugc: 0, sponsored: 0, meta_nofollow: 0, hidden: 0, position: 'main', context: '',
    http_status: null, first_seen: '2026-03-01 10:00:00', last_seen: at, lost_at: null, lost_reason: null, source: 'crawl',
  };
}

/** Every target gets links from each source: 1 link from a.test, 2 from b.test, 3 from c.test. */
function rows(day: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let id = 1;
  for (const dst of TARGETS) {
    for (const [i, src] of SOURCES.entries()) {
      for (let n = 0; n <= i; n++) out.push(linkRow(id++, src, dst, n, day));
    }
  }
  return out;
}

describe('ClickHouse cluster smoke (2 shards, Debian clickhouse-server + zookeeper)', { skip: clusterSkipReason() ?? false, timeout: 90_000 }, () => {
  let cluster: ClusterHandle;
  let store: ClickHouseStore;
  before(async () => {
    cluster = await startCluster();
    store = await ClickHouseStore.open({ url: cluster.httpUrls[0], database: DB, cluster: CLUSTER_NAME });
  });
  after(async () => {
    await store?.close();
    await cluster?.stop();
  });

  async function onNode(url: string, query: string): Promise<Record<string, unknown>[]> {
    const client = createClient({ url, database: DB, clickhouse_settings: { output_format_json_quote_64bit_integers: 1 } });
    try {
      return (await (await client.query({ query, format: 'JSONEachRow' })).json()) as Record<string, unknown>[];
    } finally {
      await client.close();
    }
  }

  it('creates the schema on every node with ON CLUSTER: local, Distributed and replicated tables, and views', async () => {
    assert.equal(store.legacy, true);
    for (const url of cluster.httpUrls) {
      const tables = (await onNode(url, `SELECT name, engine FROM system.tables WHERE database = '${DB}' ORDER BY name`)).map((t) => `${t.name as string}:${t.engine as string}`);
      assert.ok(tables.includes('links_local:ReplicatedReplacingMergeTree'), tables.join(' '));
      assert.ok(tables.includes('links_data:Distributed'));
      assert.ok(tables.includes('links:View'));
      assert.ok(tables.includes('domains_data:ReplicatedReplacingMergeTree'));
      // Every table of the port, the audit, monitor, API, prospects and crawl ones too, on the old server's types.
      for (const t of CLICKHOUSE_TABLES) assert.ok(tables.includes(`${t.name}:View`), `${t.name} on ${url}`);
    }
    assert.equal(await store.schemaVersion(), CLICKHOUSE_SCHEMA_VERSION);
  });

  it('shards by cityHash64(dst_domain): each target on one shard, both shards used', async () => {
    await store.client.insert({ table: 'links_data', values: rows(2), format: 'JSONEachRow' });
    const placement = new Map<string, number[]>();
    for (const [i, url] of cluster.httpUrls.entries()) {
      for (const r of await onNode(url, `SELECT dst_domain, count() AS n FROM links_local GROUP BY dst_domain`)) {
        placement.set(r.dst_domain as string, [...(placement.get(r.dst_domain as string) ?? []), i]);
      }
    }
    assert.deepEqual([...placement.keys()].sort(), [...TARGETS].sort());
    for (const [domain, shards] of placement) assert.equal(shards.length, 1, `${domain} on shards ${shards.join(',')}`);
    assert.equal(new Set([...placement.values()].flat()).size, 2, 'four targets should not all hash to one shard');
  });

  it('reads a refdomains-style aggregate through the links view, and a re-write never duplicates', async () => {
    await store.client.insert({ table: 'links_data', values: rows(4), format: 'JSONEachRow' });
    const read = (): Promise<{ src_domain: string; links: string; last_seen: string }[]> =>
      store.all(`SELECT src_domain, count() AS links, toString(max(last_seen)) AS last_seen FROM links
        WHERE dst_domain = 'acme.test' AND src_domain != dst_domain GROUP BY src_domain ORDER BY src_domain`);
    const got = await read();
    assert.deepEqual(got.map((r) => [r.src_domain, Number(r.links), r.last_seen]), [
      ['a.test', 1, '2026-03-04 10:00:00'],
      ['b.test', 2, '2026-03-04 10:00:00'],
      ['c.test', 3, '2026-03-04 10:00:00'],
    ]);
    const raw = await store.all<{ n: bigint }>(`SELECT count() AS n FROM links_data`);
    assert.equal(raw[0]?.n, 48n, 'both writes are stored until a merge');
    const total = await store.all<{ n: bigint }>(`SELECT count() AS n FROM links`);
    assert.equal(total[0]?.n, 24n, 'FINAL keeps one row per link across both shards');
  });

  it('replicates the small tables to every node', async () => {
    await store.client.insert({ table: 'domains_data', values: [{ domain: 'a.test', hosts: 1, pages: 1, authority: 42 }], format: 'JSONEachRow' });
    const deadline = Date.now() + 15_000;
    let seen: Record<string, unknown>[] = [];
    while (Date.now() < deadline) {
      seen = await onNode(cluster.httpUrls[1], `SELECT authority FROM domains WHERE domain = 'a.test'`);
      if (seen.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(seen, [{ authority: 42 }]);
  });
});
