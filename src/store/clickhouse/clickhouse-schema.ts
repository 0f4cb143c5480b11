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

/**
 * 1: links, link_events, pages, hosts, domains, targets. 2: the tables of the audit, monitor, API,
 * prospects and a distributed crawl's owner (jobs, frontier), so that every job runs on ClickHouse.
 */
export const CLICKHOUSE_SCHEMA_VERSION = 2;

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
  // monitor: the DuckDB tables of migrations 001 (jobs, alerts) and 005, as versioned rows (an update
  // inserts the whole row again with a newer updated_at). locks differs: one row per (name, token),
  // the holder is the earliest live row (src/monitor/internal/clickhouse-lock.ts). alert_rule_events
  // replaces alert_rules.last_event_id (ClickHouse link events have no sequence): the events each rule
  // has judged. monitor_schedules' updated_at is the schedule's own edit time, so written_at versions it.
  {
    name: 'jobs',
    kind: 'dimension',
    columns: `id Int64, kind String, job_key String, state String, params Nullable(String), progress Nullable(String), pid Nullable(Int32),
      started_at ${TIME}, updated_at ${TIME}, finished_at Nullable(${TIME}), error Nullable(String)`,
    orderBy: 'id',
    version: 'updated_at',
  },
  {
    name: 'monitor_pages',
    kind: 'dimension',
    columns: `url String, failures Int32, last_error Nullable(String), last_status Nullable(Int32), last_checked_at ${TIME}, last_ok_at Nullable(${TIME}), updated_at ${TIME}`,
    orderBy: 'url',
    version: 'updated_at',
  },
  {
    name: 'verify_queue',
    kind: 'dimension',
    columns: `job_id Int64, url String, host String, state String, outcome Nullable(String), updated_at ${TIME}`,
    orderBy: 'job_id, url',
    version: 'updated_at',
  },
  {
    name: 'locks',
    kind: 'dimension',
    columns: `name String, token String, pid Int32, hostname String, started_at ${TIME}, expires_at ${TIME}, updated_at ${TIME}`,
    orderBy: 'name, token',
    version: 'updated_at',
  },
  {
    name: 'monitor_schedules',
    kind: 'dimension',
    columns: `target_id Int32, cron String, options String, created_at ${TIME}, updated_at ${TIME}, last_run_at Nullable(${TIME}),
      last_state Nullable(String), last_error Nullable(String), written_at ${TIME}`,
    orderBy: 'target_id',
    version: 'written_at',
  },
  {
    name: 'alert_rules',
    kind: 'dimension',
    columns: `id Int64, target_id Int32, kind String, threshold Float64, params String, enabled Bool, created_at ${TIME}, updated_at ${TIME}`,
    orderBy: 'id',
    version: 'updated_at',
  },
  {
    name: 'alert_rule_events',
    kind: 'dimension',
    columns: `rule_id Int64, link_id UInt64, event String, occurred_at ${TIME}`,
    orderBy: 'rule_id, link_id, event, occurred_at',
    version: null,
  },
  {
    name: 'alert_channels',
    kind: 'dimension',
    columns: `id Int64, target_id Int32, kind String, url String, recipient Nullable(String), sender Nullable(String), secret Nullable(String),
      slack Bool, digest Bool, created_at ${TIME}`,
    orderBy: 'id',
    version: null,
  },
  {
    name: 'alerts',
    kind: 'dimension',
    columns: `id Int64, target_id Nullable(Int32), rule String, occurred_at ${TIME}, payload Nullable(String), delivery_status String, attempts Int32,
      delivered_at Nullable(${TIME}), rule_id Nullable(Int64), kind Nullable(String), dedupe_key Nullable(String), message Nullable(String),
      job_id Nullable(Int64), last_error Nullable(String), updated_at ${TIME}`,
    orderBy: 'id',
    version: 'updated_at',
  },
  {
    name: 'alert_deliveries',
    kind: 'dimension',
    columns: `alert_id Int64, channel_id Int64, status String, attempts Int32, last_error Nullable(String), delivered_at Nullable(${TIME}), updated_at ${TIME}`,
    orderBy: 'alert_id, channel_id',
    version: 'updated_at',
  },
  // audit: migrations 004 (audit_results, audit_overrides) and 001 (disavow_entries), as versioned
  // rows. JSON columns are String. A re-audit inserts the new rows, then deletes the target's rows
  // older than them (src/audit/internal/save-audit.ts), so a reader always sees one whole audit.
  // disavow_entries' id is a 53-bit hash of its key, (target_id, kind, value), which the DuckDB code
  // keeps unique too.
  {
    name: 'audit_results',
    kind: 'dimension',
    columns: `target_id Int32, domain String, toxicity Float64, computed_toxicity Float64, override Nullable(String), links Int32, followed_links Int32,
      markers String, link_scores String, computed_at ${TIME}, updated_at ${TIME}`,
    orderBy: 'target_id, domain',
    version: 'updated_at',
  },
  {
    name: 'audit_overrides',
    kind: 'dimension',
    columns: `target_id Int32, domain String, list String, comment Nullable(String), created_at ${TIME}, updated_at ${TIME}`,
    orderBy: 'target_id, domain',
    version: 'updated_at',
  },
  {
    name: 'disavow_entries',
    kind: 'dimension',
    columns: `id Int64, target_id Int32, kind String, value String, action String, comment Nullable(String), source String, created_at ${TIME}, updated_at ${TIME}`,
    orderBy: 'target_id, kind, value',
    version: 'updated_at',
  },
  // api, prospects: migrations 003 (api_tokens), 001 and 006 (prospects, prospect_notes, outreach_log,
  // outreach_opt_out). JSON columns are String. A prospect's change inserts the whole row again with
  // an updated_at that never goes back (src/prospect/internal/prospect-writes.ts). api_tokens' updated_at
  // moves only on revoke: a last-use touch rewrites the row at the same version, so a touch racing a
  // revoke can never bring the token back (src/api/auth/internal/token-writes.ts). Notes and the log
  // are append-only; their keys hold more than the id, so two writers taking the same id lose nothing.
  {
    name: 'api_tokens',
    kind: 'dimension',
    columns: `id Int32, name String, token_hash String, token_prefix String, scope String, created_at ${TIME}, last_used_at Nullable(${TIME}),
      revoked_at Nullable(${TIME}), updated_at ${TIME}`,
    orderBy: 'id',
    version: 'updated_at',
  },
  {
    name: 'prospects',
    kind: 'dimension',
    columns: `id Int64, target_id Nullable(Int32), url String, domain String, kind String, status String, score Nullable(Float64), contact Nullable(String),
      notes Nullable(String), created_at ${TIME}, updated_at ${TIME}, explanation Nullable(String), details Nullable(String), contacts Nullable(String),
      tags Array(String), follow_up Nullable(Date), status_changed_at Nullable(${TIME}), link_id Nullable(UInt64), won_at Nullable(${TIME})`,
    orderBy: 'id',
    version: 'updated_at',
  },
  {
    name: 'prospect_notes',
    kind: 'dimension',
    columns: `id Int64, prospect_id Int64, created_at ${TIME}, text String`,
    orderBy: 'prospect_id, id, created_at',
    version: null,
  },
  {
    name: 'outreach_log',
    kind: 'dimension',
    columns: `id Int64, prospect_id Nullable(Int64), sent_at ${TIME}, to_address String, from_address String, subject String, message_id Nullable(String),
      response Nullable(String)`,
    orderBy: 'id, sent_at, to_address',
    version: null,
  },
  {
    name: 'outreach_opt_out',
    kind: 'dimension',
    columns: `value String, added_at ${TIME}, reason Nullable(String)`,
    orderBy: 'value',
    version: null,
  },
  // crawl: the `frontier` rows a distributed crawl's owner records (migration 001): one per URL a
  // worker fetched, with its outcome, so that the crawl summary and a resumed owner's counts read
  // the same table on both stores. The queue itself lives in Redis. Sharded by URL: a row's
  // versions sit on one shard, so FINAL is exact.
  {
    name: 'frontier',
    kind: 'fact',
    columns: `job_id Int64, url String, host String, depth Int32, state LowCardinality(String), next_fetch_at Nullable(${TIME}), attempts Int32,
      last_error Nullable(String), discovered_at ${TIME}, updated_at ${TIME}`,
    orderBy: 'job_id, url',
    version: 'updated_at',
    shardKey: 'cityHash64(url)',
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
