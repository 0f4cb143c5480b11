/**
 * `runMonitor`: verify plus the re-crawl of the source hosts (new pages found, merged as `new`
 * events), the store lock (a concurrent run is a CONFLICT, a dead holder's lock is taken over),
 * and stored schedules run by croner.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RetryableError } from '../../src/core/errors.js';
import { crawl } from '../../src/crawl/index.js';
import { listMonitorSchedules, runMonitor, saveMonitorSchedule, startMonitorSchedules } from '../../src/monitor/index.js';
import { addTarget } from '../../src/reports/index.js';
import type { TargetRecord } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import type { DuckDbStore } from '../../src/store/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { page, startLoopbackWeb } from './helpers/loopback-web.js';
import type { LoopbackWeb } from './helpers/loopback-web.js';

const temp = makeTempDir('vouch-monitor-');
let web: LoopbackWeb;
let store: DuckDbStore;
let target: TargetRecord;
let day = 1;
let slowMs = 0;

before(async () => {
  web = await startLoopbackWeb({
    'blog.test': (p) => {
      if (p === '/robots.txt') return null;
      const reply = (r: ReturnType<typeof page>): ReturnType<typeof page> => (slowMs > 0 ? { ...r, delayMs: slowMs } : r);
      if (p === '/') return reply(page(`<a href="/old">old</a> <a href="/about">about</a>${day >= 2 ? ' <a href="/fresh">fresh</a>' : ''}`));
      if (p === '/old') return reply(page(day === 1 ? '<a href="http://shop.test/">shop</a>' : 'moved on'));
      if (p === '/fresh' && day >= 2) return reply(page('<a href="http://shop.test/deals">great deals</a>'));
      if (p === '/about') return reply(page('about us'));
      return { status: 404, body: 'no' };
    },
  });
  store = await openStore({ dataDir: temp.dir });
  target = await addTarget(store, { value: 'shop.test' });
  await crawl(store, { seeds: ['http://blog.test/'], resolve: web.resolve, allowPrivate: true, delayMs: 0 });
});

after(async () => {
  await store.close();
  await web.close();
  temp.cleanup();
});

const options = (): Parameters<typeof runMonitor>[2] => ({ resolve: web.resolve, allowPrivate: true, delayMs: 0, retryBaseDelayMs: 5 });

describe('runMonitor', () => {
  it('verifies, re-crawls the source hosts for new pages, and leaves no scratch store or lock', async () => {
    day = 2;
    const r = await runMonitor(store, 'shop.test', options());
    assert.equal(r.state, 'done');
    assert.deepEqual(r.verify?.events, [{ event: 'lost', reason: 'link-removed', links: 1 }]);
    assert.equal(r.discover?.hosts, 1);
    const fresh = await store.all<{ src_url: string; event: string; job_id: bigint }>(
      `SELECT l.src_url, e.event, e.job_id FROM link_events e JOIN links l ON l.id = e.link_id WHERE l.dst_url = 'http://shop.test/deals'`,
    );
    assert.deepEqual(fresh.map((f) => [f.src_url, f.event, Number(f.job_id)]), [['http://blog.test/fresh', 'new', r.jobId]]);
    const page = await store.one<{ status: number }>(`SELECT status FROM pages WHERE url = 'http://blog.test/fresh'`);
    assert.equal(page?.status, 200);
    assert.equal(existsSync(path.join(temp.dir, 'monitor-scratch', `target-${target.id}`)), false);
    assert.equal((await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM locks`))?.n, 0);
    const jobs = await store.all<{ kind: string; state: string }>(`SELECT kind, state FROM jobs WHERE kind = 'monitor'`);
    assert.deepEqual(jobs, [{ kind: 'monitor', state: 'done' }]);
  });

  it('a second run again changes nothing: known links are not "recovered" by the re-crawl', async () => {
    const before = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM link_events`);
    const r = await runMonitor(store, target, options());
    assert.deepEqual(r.verify?.events, []);
    assert.equal(r.discover?.newLinks, 0);
    assert.equal((await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM link_events`))?.n, before?.n);
  });

  it('refuses to overlap: a concurrent run of the same target is a CONFLICT', async () => {
    slowMs = 150;
    try {
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = runMonitor(store, target, { ...options(), discover: false }, { onStart: () => started() });
      await running;
      await assert.rejects(runMonitor(store, target, options()), (e: unknown) => e instanceof RetryableError && e.code === 'CONFLICT');
      assert.equal((await first).state, 'done');
    } finally {
      slowMs = 0;
    }
  });

  it('takes over the lock of a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
    const os = await import('node:os');
    await store.run(`INSERT INTO locks (name, pid, hostname, token, started_at) VALUES ($1, $2, $3, 'old', now()::TIMESTAMP)`, [`monitor:target:${target.id}`, dead, os.hostname()]);
    const r = await runMonitor(store, target, { ...options(), discover: false });
    assert.equal(r.state, 'done');
    assert.equal((await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM locks`))?.n, 0);
  });

  it('runs stored schedules with croner until stopped', async () => {
    await saveMonitorSchedule(store, target.id, '* * * * * *', { ...options(), discover: false });
    const controller = new AbortController();
    const runs: string[] = [];
    const handle = await startMonitorSchedules(store, { signal: controller.signal, onRun: (s, o) => void runs.push(o.error === undefined ? `${s.target}:ok` : String(o.error)) });
    assert.equal(handle.schedules.length, 1);
    for (let i = 0; i < 400 && runs.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await handle.stop();
    assert.deepEqual(runs.slice(0, 1), ['shop.test:ok']);
    const [s] = await listMonitorSchedules(store);
    assert.equal(s?.lastState, 'done');
    assert.ok(s?.lastRunAt instanceof Date, 'the run is noted on the schedule');
    await assert.rejects(saveMonitorSchedule(store, target.id, 'every day', {}), (e: Error & { code?: string }) => e.code === 'INVALID_INPUT');
  });
});
