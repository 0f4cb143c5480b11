/**
 * `vouch monitor --once` killed with SIGKILL during verify and in the middle of the re-crawl, then
 * run again to completion: the store ends with the same link events and the same live/lost links
 * as an uninterrupted run on a copy of the same day-1 store, no link gets an event twice, and no
 * dead process keeps the target's lock. Then the states a kill leaves in the gaps too narrow to hit
 * with a signal (verify finished but the phase not yet moved on; a scratch store left behind).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crawl, openJob } from '../../src/crawl/index.js';
import { startDemoServer } from '../../src/demo/index.js';
import type { DemoServer } from '../../src/demo/index.js';
import { runMonitor, verify } from '../../src/monitor/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import { runCli, startCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { page, startLoopbackWeb } from './helpers/loopback-web.js';

const DEMO = { seed: 5, sites: 20, pages: 120 };
let server: DemoServer;
/** The same web on other ports, for the uninterrupted run, so that its requests do not count towards the kill points. */
let twin: DemoServer;
const killed = makeTempDir('vouch-monitor-kill-');
const whole = makeTempDir('vouch-monitor-whole-');

before(async () => {
  server = await startDemoServer(DEMO);
  twin = await startDemoServer(DEMO);
  const store = await openStore({ dataDir: killed.dir });
  await addTarget(store, { value: server.truth.target });
  const result = await crawl(store, { seeds: server.truth.seeds, resolve: server.resolveArgs, allowPrivate: true, delayMs: 0, perHost: 4, concurrency: 32 });
  assert.equal(result.state, 'done');
  await store.close();
  // The same day-1 store twice: one monitored in one go, one killed and resumed.
  cpSync(killed.dir, whole.dir, { recursive: true });
  server.setDay(2);
  twin.setDay(2);
});

after(async () => {
  await server.close();
  await twin.close();
  killed.cleanup();
  whole.cleanup();
});

function monitorArgs(dir: string, web = server): string[] {
  const args = ['--data', dir, 'monitor', web.truth.target, '--once', '--allow-private', '--delay', '0', '--per-host', '2', '--concurrency', '8', '--retry-delay', '10', '--new-hosts', '5'];
  for (const r of web.resolveArgs) args.push('--resolve', r);
  return args;
}

/**
 * Start the monitor on `dir` and SIGKILL it once `ready` holds, given its stderr so far and the
 * requests the demo web answered since the run started and since it said it re-crawls.
 */
async function killWhen(dir: string, ready: (stderr: string, requests: number, sinceDiscover: number) => boolean): Promise<string> {
  const startAt = server.requestCount();
  let discoverAt: number | null = null;
  const cli = startCli(monitorArgs(dir));
  let stderr = '';
  cli.child.stderr!.on('data', (d: string) => {
    stderr += d;
    if (discoverAt === null && /monitor: discover/.test(stderr)) discoverAt = server.requestCount();
  });
  let exited = false;
  void cli.done.then(() => (exited = true));
  const now = (): [number, number] => [server.requestCount() - startAt, discoverAt === null ? 0 : server.requestCount() - discoverAt];
  while (!exited && !ready(stderr, ...now())) await new Promise((resolve) => setTimeout(resolve, 2));
  cli.child.kill('SIGKILL');
  const run = await cli.done;
  assert.equal(run.signal, 'SIGKILL', `the run ended before the kill point:\n${run.stderr}`);
  return stderr;
}

interface Snapshot {
  events: string[];
  links: string[];
  locks: number;
  jobs: { kind: string; state: string }[];
}

async function snapshot(dir: string): Promise<Snapshot> {
  const store = await openStore({ dataDir: dir });
  try {
    const events = await store.all<{ row: string }>(
      `SELECT concat_ws(' | ', e.event, coalesce(e.reason, '-'), l.kind, l.src_url, l.dst_url, l.anchor) AS row
       FROM link_events e JOIN links l ON l.id = e.link_id ORDER BY row`,
    );
    const links = await store.all<{ row: string }>(
      `SELECT concat_ws(' | ', CASE WHEN lost_at IS NULL THEN 'live' ELSE 'lost' END, kind, src_url, dst_url, anchor) AS row FROM links ORDER BY row`,
    );
    const locks = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM locks`);
    const jobs = await store.all<{ kind: string; state: string }>(`SELECT kind, state FROM jobs WHERE kind IN ('monitor', 'verify') ORDER BY id`);
    return { events: events.map((r) => r.row), links: links.map((r) => r.row), locks: locks!.n, jobs };
  } finally {
    await store.close();
  }
}

async function monitorPhase(dir: string): Promise<string | null> {
  const store = await openStore({ dataDir: dir });
  try {
    const row = await store.one<{ state: string; phase: string | null }>(`SELECT state, progress->>'phase' AS phase FROM jobs WHERE kind = 'monitor' ORDER BY id DESC LIMIT 1`);
    assert.equal(row?.state, 'running', 'a killed run leaves its job running');
    const lock = await store.one<{ pid: number }>(`SELECT pid FROM locks`);
    assert.ok(lock !== undefined, 'a killed run leaves its lock behind');
    return row.phase;
  } finally {
    await store.close();
  }
}

describe('monitor killed with SIGKILL', () => {
  it('resumes to the same link events and link states as an uninterrupted run, without duplicates', async () => {
    // The uninterrupted run goes on beside the killed ones, against the twin web.
    const base = runCli(monitorArgs(whole.dir, twin));

    // 1. During verify: some source pages checked, others not.
    await killWhen(killed.dir, (err, requests) => /verify job \d+/.test(err) && requests >= 15);
    assert.equal(await monitorPhase(killed.dir), null);
    // 2. The rerun resumes verify; killed in the middle of the re-crawl into the scratch store.
    const err = await killWhen(killed.dir, (_err, _requests, sinceDiscover) => sinceDiscover >= 40);
    assert.match(err, /resuming verify job \d+/);
    assert.equal(await monitorPhase(killed.dir), 'discover');
    assert.ok(existsSync(path.join(killed.dir, 'monitor-scratch')), 'the killed re-crawl left its scratch store');
    // 3. Run to the end: the re-crawl resumes, verify is not run again.
    const last = await runCli(monitorArgs(killed.dir));
    assert.equal(last.code, 0, last.stderr);
    assert.doesNotMatch(last.stderr, /verify job/);
    assert.match(last.stderr, /monitor: discover\nmonitor: alerts/);

    const baseRun = await base;
    assert.equal(baseRun.code, 0, baseRun.stderr);
    const want = await snapshot(whole.dir);
    assert.ok(want.events.some((e) => e.startsWith('lost |')), 'the uninterrupted run lost links');
    assert.ok(want.events.some((e) => e.startsWith('new |')), 'the uninterrupted run found new links');
    const got = await snapshot(killed.dir);
    assert.equal(new Set(got.events).size, got.events.length, 'no link has the same event twice');
    assert.deepEqual(got.events, want.events);
    assert.deepEqual(got.links, want.links);
    assert.equal(got.locks, 0, "the dead runs' lock was taken over and released");
    assert.deepEqual(got.jobs, want.jobs);
  });
});

describe('monitor resumed from the states a kill leaves between two writes', () => {
  it('does not verify again when its verify job had finished, and ignores a scratch store it does not own', async () => {
    const temp = makeTempDir('vouch-monitor-gap-');
    const web = await startLoopbackWeb({
      'blog.test': (p) => {
        if (p === '/robots.txt') return null;
        if (p === '/') return page('<a href="/p1">p1</a>');
        if (p === '/p1') return page('<a href="http://shop.test/">shop</a>');
        return { status: 404, body: 'no' };
      },
    });
    const store = await openStore({ dataDir: temp.dir });
    try {
      const target = await addTarget(store, { value: 'shop.test' });
      await crawl(store, { seeds: ['http://blog.test/'], resolve: web.resolve, allowPrivate: true, delayMs: 0 });
      const options = { resolve: web.resolve, allowPrivate: true, delayMs: 0, retryBaseDelayMs: 5, alerts: false };

      // Killed right after its verify job finished: the monitor job is still in its verify phase.
      const { job } = await openJob(store, { kind: 'monitor', jobKey: `target:${target.id}`, params: { target: target.name } });
      assert.equal((await verify(store, target.name, options)).state, 'done');
      const resumed = await runMonitor(store, target.name, options);
      assert.deepEqual([resumed.jobId, resumed.resumed, resumed.state, resumed.verify], [job.id, true, 'done', null]);
      assert.ok(resumed.discover !== null, 'it went on with the re-crawl');
      const verifyJobs = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM jobs WHERE kind = 'verify'`);
      assert.equal(verifyJobs!.n, 1);

      // A scratch store from another run (killed before its merge, then run with --fresh): its
      // links are old news and must not be merged as new.
      const staleDir = path.join(temp.dir, 'monitor-scratch', `target-${target.id}`);
      const stale = await openStore({ dataDir: staleDir });
      const at = new Date();
      await stale.writeLinks([
        { srcUrl: 'http://blog.test/p2', dstUrl: 'http://shop.test/old-deal', srcHost: 'blog.test', srcDomain: 'blog.test', dstHost: 'shop.test', dstDomain: 'shop.test', kind: 'a', anchor: 'old deal', nofollow: false, ugc: false, sponsored: false, metaNofollow: false, hidden: false, position: 'main', context: '', httpStatus: 200, firstSeen: at, lastSeen: at, source: 'crawl' },
      ]);
      await stale.close();
      const next = await runMonitor(store, target.name, options);
      assert.equal(next.state, 'done');
      const oldDeal = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM links WHERE dst_url = 'http://shop.test/old-deal'`);
      assert.equal(oldDeal!.n, 0);
      assert.equal(existsSync(path.join(staleDir, 'vouch.duckdb')), false, 'the stale scratch store was removed');
    } finally {
      await store.close();
      await web.close();
      temp.cleanup();
    }
  });
});
