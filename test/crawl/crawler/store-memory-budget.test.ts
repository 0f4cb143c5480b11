/**
 * The crawl's DuckDB memory limit: a working budget plus the indexes' share, raised as a crawl adds
 * indexed rows, and put back afterwards; a crawl runs under it and leaves the store's own limit.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ValidationError } from '../../../src/core/errors.js';
import { crawl } from '../../../src/crawl/crawler/index.js';
import {
  defaultStoreWorkingBytes,
  DEFAULT_STORE_WORKING_BYTES,
  INDEX_BYTES_PER_ROW,
  parseStoreMemory,
  StoreMemoryBudget,
} from '../../../src/crawl/crawler/internal/store-memory-budget.js';
import { openStore } from '../../../src/store/index.js';
import type { DuckDbStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { TestWeb } from './fixtures/test-web.js';

const MiB = 1024 * 1024;
const temp = makeTempDir('vouch-crawl-memory-');
let web: TestWeb;
before(async () => {
  web = await startTestWeb({
    'm.test': (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : html(res, linksPage(['/', '/a', '/b']))),
  });
});
after(async () => {
  await web.close();
  temp.cleanup();
});

/** DuckDB's memory_limit in bytes (it renders the setting in binary units). */
async function limitBytes(store: DuckDbStore): Promise<number> {
  const row = await store.one<{ v: string }>(`SELECT current_setting('memory_limit') AS v`);
  const m = /^([\d.]+) (KiB|MiB|GiB)$/.exec(row!.v);
  assert.ok(m, row!.v);
  return Number(m[1]) * { KiB: 1024, MiB: MiB, GiB: 1024 * MiB }[m[2] as 'KiB' | 'MiB' | 'GiB'];
}

describe('StoreMemoryBudget', () => {
  it('parses sizes in DuckDB units and refuses anything else', () => {
    assert.equal(parseStoreMemory('256MB'), 256e6);
    assert.equal(parseStoreMemory('1.5GiB'), 1.5 * 1024 * MiB);
    assert.equal(parseStoreMemory(' 64 mib '), 64 * MiB);
    for (const bad of ['', '256', '256XB', '-1MB', '0MB', 'lots']) assert.equal(parseStoreMemory(bad), null, bad);
  });

  it('defaults to a quarter of the machine, at most 96 MB', () => {
    assert.equal(defaultStoreWorkingBytes(64 * 1024 * MiB), DEFAULT_STORE_WORKING_BYTES);
    assert.equal(defaultStoreWorkingBytes(256 * MiB), 64 * MiB);
  });

  it('adds the indexes share to the working budget, grows with indexed rows, and restores the old limit', async () => {
    const store = await openStore({ dataDir: path.join(temp.dir, 'budget') });
    try {
      await store.run(`SET memory_limit = '3GiB'`);
      await store.run(`INSERT INTO frontier (job_id, url, host, depth, state, attempts, discovered_at) SELECT 1, 'http://m.test/' || i, 'm.test', 0, 'queued', 0, now() FROM range(1000) r(i)`);
      const budget = await StoreMemoryBudget.open(store, 64 * MiB);
      // DuckDB renders the setting to a tenth of a MiB, cut short.
      const near = async (bytes: number): Promise<void> => assert.ok(Math.abs((await limitBytes(store)) - bytes) < 0.1 * MiB, `${await limitBytes(store)} vs ${bytes}`);
      assert.equal(budget.limitBytes, 64 * MiB + 1000 * INDEX_BYTES_PER_ROW);
      await near(budget.limitBytes);
      // Rows past the limit raise it by a step, which the next rows fit in.
      await budget.grow(100);
      assert.equal(budget.limitBytes, 80 * MiB + 1000 * INDEX_BYTES_PER_ROW);
      await budget.grow(1000);
      assert.equal(budget.limitBytes, 80 * MiB + 1000 * INDEX_BYTES_PER_ROW);
      // A million links need about 70 MB more.
      await budget.grow(1_000_000);
      assert.ok(budget.limitBytes >= 64 * MiB + 1_001_100 * INDEX_BYTES_PER_ROW, String(budget.limitBytes));
      await near(budget.limitBytes);
      await budget.restore();
      assert.equal(await limitBytes(store), 3 * 1024 * MiB);
    } finally {
      await store.close();
    }
  });

  it('runs a crawl under the budget and leaves the store as it found it; a bad size is a validation error', async () => {
    const store = await openStore({ dataDir: path.join(temp.dir, 'crawl') });
    try {
      await store.run(`SET memory_limit = '2GiB'`);
      let during: Promise<number> | null = null;
      const result = await crawl(
        store,
        { seeds: ['http://m.test/'], resolve: [web.resolve('m.test')], allowPrivate: true, delayMs: 0, storeMemory: '48MiB' },
        { onStart: () => void (during = limitBytes(store)) },
      );
      assert.equal(result.state, 'done');
      const limit = await during!;
      assert.ok(limit >= 48 * MiB && limit < 49 * MiB, String(limit));
      assert.equal(result.summary.pages, 3);
      assert.equal(await limitBytes(store), 2 * 1024 * MiB);
      await assert.rejects(crawl(store, { seeds: ['http://m.test/'], storeMemory: '48 apples' }), (err) => err instanceof ValidationError && err.code === 'INVALID_CONFIG');
    } finally {
      await store.close();
    }
  });
});
