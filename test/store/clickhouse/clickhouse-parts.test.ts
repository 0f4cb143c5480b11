import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError, VouchError } from '../../../src/core/errors.js';
import { bindParams } from '../../../src/store/clickhouse/internal/bind-params.js';
import { decodeValue } from '../../../src/store/clickhouse/internal/decode-rows.js';
import { linkId } from '../../../src/store/clickhouse/internal/link-identity.js';
import { clickHouseSchema, parseStoreUrl, requireDuckDb } from '../../../src/store/index.js';

describe('ClickHouse parameter binding', () => {
  it('turns $n into typed {pn:Type} parameters and leaves the values out of the SQL', () => {
    const at = new Date('2026-03-02T10:00:00.123Z');
    const b = bindParams(`SELECT * FROM links WHERE dst_domain = $1 AND first_seen >= $2 AND kind IN $3 AND x = $4 AND y = $5 AND z = $6 LIMIT $7`, [
      "o'brien.test", at, ['a', 'img'], 1.5, true, null, 10,
    ]);
    assert.equal(
      b.query,
      `SELECT * FROM links WHERE dst_domain = {p1:String} AND first_seen >= {p2:DateTime64(3, 'UTC')} AND kind IN {p3:Array(String)} AND x = {p4:Float64} AND y = {p5:Bool} AND z = {p6:Nullable(String)} LIMIT {p7:Int64}`,
    );
    assert.deepEqual(b.params, { p1: "o'brien.test", p2: '2026-03-02 10:00:00.123', p3: ['a', 'img'], p4: 1.5, p5: true, p6: null, p7: 10 });
  });

  it('binds named parameters and non-finite numbers', () => {
    const b = bindParams(`SELECT $name AS n, $k AS k`, { name: 'x', k: -Infinity });
    assert.equal(b.query, `SELECT {name:String} AS n, {k:Float64} AS k`);
    assert.deepEqual(b.params, { name: 'x', k: '-inf' });
  });

  it('leaves $ inside quoted strings, identifiers and comments alone', () => {
    const b = bindParams(`SELECT '$1' AS "$2", $1 -- $3\n`, ['v']);
    assert.equal(b.query, `SELECT '$1' AS "$2", {p1:String} -- $3\n`);
  });

  it('rejects a placeholder with no value', () => {
    assert.throws(() => bindParams('SELECT $2', ['only one']), (err: unknown) => err instanceof ValidationError && err.code === 'INVALID_INPUT');
  });
});

describe('ClickHouse row decoding', () => {
  it('decodes 64-bit integers to bigint, times to Date, and unwraps Nullable, LowCardinality and Array', () => {
    assert.equal(decodeValue('UInt64', '18446744073709551615'), 18446744073709551615n);
    assert.equal(decodeValue('Nullable(Int64)', null), null);
    assert.equal((decodeValue("DateTime64(3, 'UTC')", '2026-03-02 10:00:00.123') as Date).toISOString(), '2026-03-02T10:00:00.123Z');
    assert.equal((decodeValue('Date', '2026-03-02') as Date).toISOString(), '2026-03-02T00:00:00.000Z');
    assert.deepEqual(decodeValue('Array(LowCardinality(String))', ['a']), ['a']);
    assert.equal(decodeValue('Float64', '-inf'), -Infinity);
    assert.equal(decodeValue('Bool', true), true);
  });
});

describe('ClickHouse store configuration', () => {
  it('parses clickhouse:// URLs into server, credentials, database and cluster', () => {
    assert.deepEqual(parseStoreUrl('clickhouse://me:s%40cret@db.example:9000/links?cluster=prod'), {
      url: 'http://db.example:9000', username: 'me', password: 's@cret', database: 'links', cluster: 'prod',
    });
    assert.equal(parseStoreUrl('clickhouses://db.example/x').url, 'https://db.example:8443');
    assert.equal(parseStoreUrl('clickhouse://127.0.0.1').database, undefined);
  });

  it('rejects other schemes and non-URLs', () => {
    for (const bad of ['postgres://x/y', 'not a url']) {
      assert.throws(() => parseStoreUrl(bad), (err: unknown) => err instanceof ValidationError);
    }
  });

  it('rejects a database name that is not a plain identifier (it cannot be a parameter in DDL)', () => {
    assert.throws(() => clickHouseSchema({ database: 'x; DROP TABLE y' }), (err: unknown) => err instanceof ValidationError);
  });

  it('shards links by cityHash64(dst_domain) under a Distributed table on a cluster, replicating the small tables', () => {
    const ddl = clickHouseSchema({ database: 'vouch', cluster: 'two' }).join('\n');
    assert.match(ddl, /links_local ON CLUSTER two[\s\S]*ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/\{shard\}\/vouch\/links', '\{replica\}', last_seen\)/);
    assert.match(ddl, /links_data ON CLUSTER two AS vouch\.links_local\s+ENGINE = Distributed\(two, vouch, links_local, cityHash64\(dst_domain\)\)/);
    assert.match(ddl, /link_events_local[\s\S]*Distributed\(two, vouch, link_events_local, cityHash64\(dst_domain\)\)/);
    assert.match(ddl, /domains_data ON CLUSTER two[\s\S]*'\/clickhouse\/tables\/all\/vouch\/domains', '\{shard\}-\{replica\}'/);
    assert.match(ddl, /CREATE VIEW IF NOT EXISTS vouch\.links ON CLUSTER two AS SELECT \* FROM vouch\.links_data FINAL/);
    const single = clickHouseSchema({ database: 'vouch' }).join('\n');
    assert.match(single, /links_data \([\s\S]*\) ENGINE = ReplacingMergeTree\(last_seen\) ORDER BY \(dst_domain, dst_host, dst_url, id\)/);
    assert.doesNotMatch(single, /Distributed|ON CLUSTER/);
  });

  it('gives each link a stable 53-bit id from its key', () => {
    const l = { srcUrl: 'http://a.test/', dstUrl: 'http://b.test/', kind: 'a' as const, anchor: 'x' };
    assert.equal(linkId(l), linkId({ ...l }));
    assert.notEqual(linkId(l), linkId({ ...l, anchor: 'y' }));
    assert.ok(linkId(l) < 2n ** 53n);
  });

  it('requireDuckDb passes DuckDB and refuses other stores with STORE_UNSUPPORTED', () => {
    requireDuckDb({ dialect: 'duckdb' }, 'x');
    assert.throws(() => requireDuckDb({ dialect: 'clickhouse' }, 'x'), (err: unknown) => err instanceof VouchError && err.code === 'STORE_UNSUPPORTED');
  });
});
