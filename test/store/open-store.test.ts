import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CriticalError } from '../../src/core/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, openStore } from '../../src/store/index.js';
import type { Migration } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const EXPECTED_TABLES = ['alert_channels', 'alert_deliveries', 'alert_rules', 'alerts', 'api_tokens', 'audit_overrides', 'audit_results', 'disavow_entries', 'domains', 'frontier', 'hosts', 'jobs', 'link_events', 'link_rollup_anchors', 'link_rollup_domains', 'link_rollup_state', 'links', 'locks', 'monitor_pages', 'monitor_schedules', 'outreach_log', 'outreach_opt_out', 'pages', 'prospect_notes', 'prospects', 'schema_migrations', 'targets', 'verify_queue'];

describe('openStore', () => {
  const tmp = makeTempDir();
  after(tmp.cleanup);

  it('creates the file and every table of the design on an empty directory', async () => {
    const dataDir = path.join(tmp.dir, 'fresh', 'nested');
    const store = await openStore({ dataDir });
    try {
      assert.equal(store.databasePath, path.join(dataDir, 'vouch.duckdb'));
      const rows = await store.all<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1`);
      assert.deepEqual(rows.map((r) => r.table_name), EXPECTED_TABLES);
      assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
    } finally {
      await store.close();
    }
  });

  it('reopens an existing file without re-applying migrations and keeps its data', async () => {
    const dataDir = path.join(tmp.dir, 'existing');
    const first = await openStore({ dataDir });
    await first.run(`INSERT INTO targets (name, value, scope, created_at) VALUES ($1, $2, $3, $4)`, ['me', 'example.com', 'domain', new Date()]);
    await first.close();
    const second = await openStore({ dataDir });
    try {
      const applied = await second.all<{ version: number }>(`SELECT version FROM schema_migrations ORDER BY version`);
      assert.deepEqual(applied.map((r) => r.version), MIGRATIONS.map((m) => m.version));
      assert.equal((await second.one<{ n: bigint }>(`SELECT count(*) AS n FROM targets`))?.n, 1n);
    } finally {
      await second.close();
    }
  });

  it('applies only the migrations an existing file lacks', async () => {
    const dataDir = path.join(tmp.dir, 'upgrade');
    await (await openStore({ dataDir })).close();
    const extra: Migration = { version: LATEST_SCHEMA_VERSION + 1, name: 'extra', statements: [`CREATE TABLE IF NOT EXISTS extra_t (x INTEGER)`] };
    const store = await openStore({ dataDir, migrations: [...MIGRATIONS, extra] });
    try {
      assert.equal(await store.schemaVersion(), extra.version);
      assert.ok(await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = 'extra_t'`));
    } finally {
      await store.close();
    }
  });

  it('rolls back a failing migration and leaves the file at the previous version', async () => {
    const dataDir = path.join(tmp.dir, 'failing');
    await (await openStore({ dataDir })).close();
    const bad: Migration = { version: LATEST_SCHEMA_VERSION + 1, name: 'bad', statements: [`CREATE TABLE half (x INTEGER)`, `THIS IS NOT SQL`] };
    await assert.rejects(openStore({ dataDir, migrations: [...MIGRATIONS, bad] }), (err: unknown) => err instanceof CriticalError && err.code === 'STORE_FAILED');
    const store = await openStore({ dataDir });
    try {
      assert.equal(await store.schemaVersion(), LATEST_SCHEMA_VERSION);
      assert.equal(await store.one(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half'`), undefined);
    } finally {
      await store.close();
    }
  });

  it('refuses a file written by a newer schema version', async () => {
    const dataDir = path.join(tmp.dir, 'newer');
    const store = await openStore({ dataDir });
    await store.run(`INSERT INTO schema_migrations VALUES (999, 'from-the-future', now()::TIMESTAMP)`);
    await store.close();
    await assert.rejects(openStore({ dataDir }), (err: unknown) => err instanceof CriticalError && err.code === 'STORE_TOO_NEW');
  });

  it('names the process that holds the lock', async () => {
    const dataDir = path.join(tmp.dir, 'locked');
    const holder = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/hold-store.ts'), dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.once('data', () => resolve());
        holder.once('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
      });
      await assert.rejects(openStore({ dataDir }), (err: unknown) => {
        assert.ok(err instanceof CriticalError);
        assert.equal(err.code, 'STORE_LOCKED');
        assert.match(err.message, new RegExp(`process ${holder.pid}\\b`));
        return true;
      });
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('gives a clear error for a corrupt database file', async () => {
    const dataDir = path.join(tmp.dir, 'corrupt');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'vouch.duckdb'), Buffer.alloc(64 * 1024, 0x5a));
    await assert.rejects(openStore({ dataDir }), (err: unknown) => err instanceof CriticalError && err.code === 'STORE_CORRUPT');
  });

  it('gives a clear error for a data directory that cannot be created or written', async () => {
    const blocker = path.join(tmp.dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    await assert.rejects(openStore({ dataDir: path.join(blocker, 'data') }), (err: unknown) => err instanceof CriticalError && err.code === 'STORE_UNWRITABLE');
  });

  it('resolves the directory from VOUCH_DATA when no --data is given', async () => {
    const { resolveDataDir } = await import('../../src/store/index.js');
    assert.equal(resolveDataDir({ env: { VOUCH_DATA: '/srv/v' } }).databasePath, '/srv/v/vouch.duckdb');
    assert.equal(resolveDataDir({ dataDir: '/x', env: { VOUCH_DATA: '/srv/v' } }).dir, '/x');
    assert.equal(resolveDataDir({ env: {}, cwd: '/home/u' }).databasePath, '/home/u/vouch-data/vouch.duckdb');
  });
});
