/**
 * Ctrl-C (SIGINT) stops a crawl cleanly: requests in flight are recorded, the job is left
 * `interrupted` with exit code 130, and the same command resumes it to the end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startCli as startCrawlCli } from '../../helpers/run-cli.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { TestWeb } from './fixtures/test-web.js';

const temp = makeTempDir('vouch-crawl-int-');
let web: TestWeb;
before(async () => {
  const paths = Array.from({ length: 40 }, (_, i) => `/p${i}`);
  web = await startTestWeb({ 'slow.test': (_req, res, p) => (p === '/robots.txt' ? html(res, 'none', 404) : void setTimeout(() => html(res, linksPage(paths)), 40)) });
});
after(async () => {
  await web.close();
  temp.cleanup();
});

describe('interrupting a crawl', () => {
  it('stops on SIGINT with the job interrupted, and resumes to the end', async () => {
    const args = ['--data', temp.dir, 'crawl', 'http://slow.test/', '--resolve', web.resolve('slow.test'), '--allow-private', '--delay', '0', '--per-host', '2'];
    const run = startCrawlCli(args);
    while (web.requests.length < 8) await new Promise((resolve) => setTimeout(resolve, 5));
    run.child.kill('SIGINT');
    const stopped = await run.done;
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.match(stopped.stderr, /interrupted: run the same command again to resume job 1/);
    assert.match(stopped.stdout, /crawl job 1 interrupted/);
    const asked = web.requests.length;
    assert.ok(asked < 42, `${asked} requests before the stop took effect`);

    const store = await openStore({ dataDir: temp.dir });
    const job = await store.one<{ state: string }>(`SELECT state FROM jobs WHERE id = 1`);
    const recorded = await store.one<{ n: number }>(`SELECT count(*)::INTEGER n FROM pages`);
    await store.close();
    assert.equal(job?.state, 'interrupted');
    // Every page asked for before the stop was recorded (robots.txt aside).
    assert.equal(recorded?.n, asked - 1);

    const resumed = await startCrawlCli(args).done;
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /resuming crawl job 1/);
    assert.match(resumed.stdout, /crawl job 1 done: 41 pages/);
    // No page was asked for twice.
    const pages = web.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.path);
    assert.equal(new Set(pages).size, pages.length);
    assert.equal(pages.length, 41);
  });
});
