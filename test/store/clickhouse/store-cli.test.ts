import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CHDB_SKIP } from '../contract/chdb-store.js';
import { runCli } from '../../helpers/run-cli.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

describe('vouch --store (ClickHouse on chdb)', { skip: CHDB_SKIP ?? false }, () => {
  const tmp = makeTempDir('vouch-store-cli-');
  const store = `chdb://${tmp.dir}/ch?database=cli`;
  after(() => tmp.cleanup());

  it('runs targets and the ported reports on the ClickHouse store', async () => {
    const add = await runCli(['--store', store, 'targets', 'add', 'acme.test', '--json']);
    assert.equal(add.code, 0, add.stderr);
    const list = await runCli(['targets', 'list', '--json'], { env: { VOUCH_STORE: store } });
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual((JSON.parse(list.stdout) as { name: string }[]).map((t) => t.name), ['acme.test']);
    const refdomains = await runCli(['--store', store, 'refdomains', 'acme.test', '--json']);
    assert.equal(refdomains.code, 0, refdomains.stderr);
    assert.equal((JSON.parse(refdomains.stdout) as { total: number }).total, 0);
    const pages = await runCli(['--store', store, 'pages', 'acme.test', '--json']);
    assert.equal(pages.code, 0, pages.stderr);
    const info = await runCli(['--store', store, 'info', '--json']);
    assert.equal(info.code, 0, info.stderr);
    assert.equal((JSON.parse(info.stdout) as { tables: Record<string, number> }).tables.targets, 1);
  });

  it('refuses a crawl without --frontier (its frontier is the DuckDB file) with STORE_UNSUPPORTED rather than running it elsewhere', async () => {
    const r = await runCli(['--store', store, 'crawl', 'http://acme.test/']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /\[STORE_UNSUPPORTED\]/);
    assert.match(r.stderr, /--frontier/, 'the message says what to do instead');
  });

  it('rejects a store URL with an unknown scheme', async () => {
    const r = await runCli(['--store', 'mysql://x/y', 'targets', 'list']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /\[INVALID_INPUT\]/);
  });
});
