/**
 * `vouch verify` killed with SIGKILL mid-run, then run again: the job resumes, pages already
 * recorded are not fetched again, and no link gets a second event.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crawl } from '../../src/crawl/index.js';
import { addTarget } from '../../src/reports/index.js';
import { openStore } from '../../src/store/index.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { page, startLoopbackWeb } from './helpers/loopback-web.js';
import type { LoopbackWeb } from './helpers/loopback-web.js';

const N = 30;
const temp = makeTempDir('vouch-verify-kill-');
let web: LoopbackWeb;
let day = 1;

before(async () => {
  web = await startLoopbackWeb({
    'blog.test': (p) => {
      if (p === '/robots.txt') return null;
      if (p === '/') return page(Array.from({ length: N }, (_, i) => `<a href="/p${i}">p${i}</a>`).join(' '));
      return day === 1 ? page('<a href="http://shop.test/">shop</a>') : { ...page('gone quiet'), delayMs: 40 };
    },
  });
  const store = await openStore({ dataDir: temp.dir });
  await addTarget(store, { value: 'shop.test' });
  await crawl(store, { seeds: ['http://blog.test/'], resolve: web.resolve, allowPrivate: true, delayMs: 0, perHost: 4 });
  await store.close();
});

after(async () => {
  await web.close();
  temp.cleanup();
});

describe('verify killed with SIGKILL', () => {
  it('resumes without duplicating an event or refetching a recorded page', async () => {
    day = 2;
    const args = ['--data', temp.dir, 'verify', 'shop.test', '--resolve', web.resolve[0]!, '--allow-private', '--delay', '0', '--per-host', '1'];
    const startAt = web.requests.length;
    const pagesAsked = (): string[] => web.requests.slice(startAt).filter((r) => /^\/p\d+$/.test(r.path)).map((r) => r.path);
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/vouch.js'), ...args], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    while (pagesAsked().length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const mid = await openStore({ dataDir: temp.dir });
    const firstRun = await mid.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM link_events WHERE event = 'lost'`);
    const lock = await mid.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM locks`);
    await mid.close();
    assert.ok(firstRun!.n >= 5 && firstRun!.n < N, `${firstRun!.n} links lost before the kill`);
    assert.equal(lock!.n, 1, 'the dead run left its lock behind');

    const second = await runCli(args);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /resuming verify job \d+/);

    const store = await openStore({ dataDir: temp.dir });
    const events = await store.one<{ n: number; links: number }>(`SELECT count(*)::INTEGER AS n, count(DISTINCT link_id)::INTEGER AS links FROM link_events WHERE event = 'lost'`);
    const reasons = await store.all<{ reason: string }>(`SELECT DISTINCT reason FROM link_events WHERE event = 'lost'`);
    const lost = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM links WHERE lost_at IS NOT NULL`);
    const locks = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM locks`);
    const job = await store.all<{ state: string }>(`SELECT state FROM jobs WHERE kind = 'verify'`);
    await store.close();
    assert.deepEqual(events, { n: N, links: N });
    assert.deepEqual(reasons, [{ reason: 'link-removed' }]);
    assert.equal(lost!.n, N);
    assert.equal(locks!.n, 0, 'the stale lock was taken over and released');
    assert.deepEqual(job, [{ state: 'done' }]);
    // Pages recorded before the kill were not asked again; at most the one in flight was.
    const asked = pagesAsked();
    const twice = asked.filter((p, i) => asked.indexOf(p) !== i);
    assert.equal(new Set(asked).size, N);
    assert.ok(twice.length <= 1, `asked twice: ${twice.join(', ')}`);
  });
});
