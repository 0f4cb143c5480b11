/**
 * The ClickHouse schema of the store port. Every table is a ReplacingMergeTree, so writing a row
 * again never duplicates it: the merge keeps one row per sorting key, the one with the highest
 * version column (links: `last_seen`, pages: `fetched_at`; with equal versions, the last written).
 * Reads go through views named like the DuckDB tables (`links` = `links_data FINAL`), so that report
 * SQL names the same tables on both adapters and never sees a row twice before a merge.
 *
 * On a cluster (`cluster` set), the fact tables (links, link_events, pages) are
 * ReplicatedReplacingMergeTree `*_local` tables under a Distributed `*_data` table sharded by
 * `cityHash64(dst_domain)` (pages by `cityHash64(domain)`): one target's links, their events and
 * the target's pages sit on one shard, so a target's report reads one shard and FINAL is exact.
 * The small tables (targets, domains, hosts, schema) are replicated whole to every node, so a join
 * with them stays local.
 */
import { ValidationError } from '../../core/errors.js';

export interface ClickHouseSchemaOptions {
  database: string;
  /** The cluster name of `remote_servers`; null for one server. */
  cluster?: string | null;
  /**
   * Old servers (before 20.1: no DateTime64, Bool or LowCardinality): the same tables with
   * DateTime (seconds), UInt8 and String. Only for the smoke tier on Debian's 18.16.
   */
  legacyTypes?: boolean;
}

export const CLICKHOUSE_SCHEMA_VERSION = 1;

type Kind = 'fact' | 'dimension';

interface TableSpec {
  name: string;
  kind: Kind;
  columns: string;
  orderBy: string;
  version: string | null;
  shardKey?: string;
}

const TIME = "DateTime64(3, 'UTC')";

export const CLICKHOUSE_TABLES: readonly TableSpec[] = [
  {
    name: 'links',
    kind: 'fact',
    columns: `id UInt64, src_url String, dst_url String, src_host String, src_domain String, dst_host String, dst_domain String,
      kind LowCardinality(String), anchor String, nofollow Bool, ugc Bool, sponsored Bool, meta_nofollow Bool, hidden Bool,
      position LowCardinality(String), context String, http_status Nullable(Int32), first_seen ${TIME}, last_seen ${TIME},
      lost_at Nullable(${TIME}), lost_reason Nullable(String), source LowCardinality(String)`,
    // id is a hash of (src_url, dst_url, kind, anchor), so this key is the link's identity.
    orderBy: 'dst_domain, dst_host, dst_url, id',
    version: 'last_seen',
    shardKey: 'cityHash64(dst_domain)',
  },
  {
    name: 'link_events',
    kind: 'fact',
    columns: `occurred_at ${TIME}, link_id UInt64, dst_domain String, event LowCardinality(String), reason Nullable(String), job_id Nullable(Int64)`,
    orderBy: 'dst_domain, link_id, event, occurred_at',
    version: null,
    shardKey: 'cityHash64(dst_domain)',
  },
  {
    name: 'pages',
    kind: 'fact',
    columns: `url String, host String, domain String, ip Nullable(String), fetched_at ${TIME}, status Int32, content_type Nullable(String),
      bytes Int64, title Nullable(String), lang Nullable(String), canonical Nullable(String), noindex Bool, nofollow Bool,
      x_robots Nullable(String), outlinks Int32, content_hash Nullable(String), source LowCardinality(String), error Nullable(String),
      depth Nullable(Int32), text Nullable(String), word_count Nullable(Int32), tracking_ids Array(String), template_hash Nullable(String),
      mailtos Array(String), page_rank Nullable(Float64), url_rating Nullable(Float64), rank_computed_at Nullable(${TIME})`,
    orderBy: 'domain, host, url',
    version: 'fetched_at',
    shardKey: 'cityHash64(domain)',
  },
  {
    name: 'hosts',
    kind: 'dimension',
    columns: `host String, domain String, ip Nullable(String), first_seen Nullable(${TIME}), pages Int32, pagerank Nullable(Float64),
      harmonic Nullable(Float64), trust Nullable(Float64), spam_mass Nullable(Float64), authority Nullable(Float64), toxicity Nullable(Float64),
      in_degree Nullable(Int32), out_degree Nullable(Int32), ref_domains Nullable(Int32), computed_at Nullable(${TIME}), toxicity_computed_at Nullable(${TIME})`,
    orderBy: 'host',
    version: null,
  },
  {
    name: 'domains',
    kind: 'dimension',
    columns: `domain String, hosts Int32, first_seen Nullable(${TIME}), pages Int32, pagerank Nullable(Float64), harmonic Nullable(Float64),
      trust Nullable(Float64), spam_mass Nullable(Float64), authority Nullable(Float64), toxicity Nullable(Float64), in_degree Nullable(Int32),
      out_degree Nullable(Int32), ref_domains Nullable(Int32), computed_at Nullable(${TIME}), toxicity_computed_at Nullable(${TIME})`,
    orderBy: 'domain',
    version: null,
  },
  {
    name: 'targets',
    kind: 'dimension',
    columns: `id Int32, name String, value String, scope LowCardinality(String), own Bool, brand_terms Array(String), keywords Array(String), created_at ${TIME}`,
    orderBy: 'id',
    version: null,
  },
  {
    name: 'vouch_schema',
    kind: 'dimension',
    columns: `version UInt32, applied_at ${TIME}`,
    orderBy: 'version',
    version: null,
  },
];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Check a database or cluster name (they are identifiers in DDL, where no parameter can stand). */
export function checkIdentifier(name: string, what: string): string {
  if (!NAME.test(name)) throw new ValidationError(`Invalid ${what} ${JSON.stringify(name)}: use letters, digits and _`, [{ where: what, message: 'letters, digits and _ only' }]);
  return name;
}

function legacy(sql: string): string {
  return sql
    .replaceAll(`Nullable(${TIME})`, 'Nullable(DateTime)')
    .replaceAll(TIME, 'DateTime')
    .replace(/LowCardinality\(String\)/g, 'String')
    .replace(/\bBool\b/g, 'UInt8');
}

/**
 * The DDL that creates the schema, in order. Each statement is idempotent (IF NOT EXISTS).
 * @example for (const sql of clickHouseSchema({ database: 'vouch' })) await client.command({ query: sql })
 */
export function clickHouseSchema(options: ClickHouseSchemaOptions): string[] {
  const db = checkIdentifier(options.database, 'database');
  const cluster = options.cluster ? checkIdentifier(options.cluster, 'cluster') : null;
  const on = cluster ? ` ON CLUSTER ${cluster}` : '';
  const out = [`CREATE DATABASE IF NOT EXISTS ${db}${on}`];
  for (const t of CLICKHOUSE_TABLES) {
    const version = t.version ?? '';
    const columns = options.legacyTypes ? legacy(t.columns) : t.columns;
    if (!cluster) {
      out.push(`CREATE TABLE IF NOT EXISTS ${db}.${t.name}_data (${columns}) ENGINE = ReplacingMergeTree(${version}) ORDER BY (${t.orderBy})`);
    } else if (t.kind === 'dimension') {
      // One replica set spanning every node: each shard holds the whole small table.
      out.push(`CREATE TABLE IF NOT EXISTS ${db}.${t.name}_data${on} (${columns})
        ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/all/${db}/${t.name}', '{shard}-{replica}'${version ? `, ${version}` : ''}) ORDER BY (${t.orderBy})`);
    } else {
      out.push(`CREATE TABLE IF NOT EXISTS ${db}.${t.name}_local${on} (${columns})
        ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/${db}/${t.name}', '{replica}'${version ? `, ${version}` : ''}) ORDER BY (${t.orderBy})`);
      out.push(`CREATE TABLE IF NOT EXISTS ${db}.${t.name}_data${on} AS ${db}.${t.name}_local
        ENGINE = Distributed(${cluster}, ${db}, ${t.name}_local, ${t.shardKey ?? 'rand()'})`);
    }
    out.push(`CREATE VIEW IF NOT EXISTS ${db}.${t.name}${on} AS SELECT * FROM ${db}.${t.name}_data FINAL`);
  }
  return out;
}
