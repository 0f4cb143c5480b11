/**
 * The SSRF guard end to end through the real CLI: without --allow-private, a crawl refuses
 * loopback, private and link-local addresses (whether named directly or reached through
 * --resolve), records the refusal on each page, and sends nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../../src/store/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { startCli as startCrawlCli } from '../../helpers/run-cli.js';
import { html, linksPage, startTestWeb } from './fixtures/test-web.js';
import type { TestWeb } from './fixtures/test-web.js';

let web: TestWeb;
const temp = makeTempDir('vouch-crawl-ssrf-');
before(async () => {
  const site = (_req: unknown, res: Parameters<typeof html>[0], path: string): void => (path === '/robots.txt' ? html(res, 'none', 404) : html(res, linksPage(['/a'])));
  web = await startTestWeb({ 'a.test': site, '127.0.0.1': site });
});
after(async () => {
  await web.close();
  temp.cleanup();
});

describe('SSRF guard through the CLI', () => {
  it('refuses private addresses without --allow-private, and records why', async () => {
    const seeds = ['http://a.test/', `http://127.0.0.1:${web.port}/`, 'http://metadata.test/latest/', 'http://intranet.test/'];
    const resolve = ['--resolve', web.resolve('a.test'), '--resolve', 'metadata.test=169.254.169.254', '--resolve', 'intranet.test=10.1.2.3:8080'];
    const refused = await startCrawlCli(['--data', temp.dir, '--json', 'crawl', ...seeds, ...resolve, '--delay', '0']).done;
    assert.equal(refused.code, 0, refused.stderr);
    const result = JSON.parse(refused.stdout) as { state: string; summary: { errorsByCode: { code: string; pages: number }[] } };
    assert.equal(result.state, 'done');
    assert.deepEqual(result.summary.errorsByCode, [{ code: 'SSRF_BLOCKED', pages: 4 }]);
    assert.equal(web.requests.length, 0, 'nothing reached the server');

    const store = await openStore({ dataDir: temp.dir });
    try {
      const pages = await store.all<{ url: string; status: number; error: string }>(`SELECT url, status, error FROM pages ORDER BY url`);
      assert.deepEqual(pages.map((p) => [p.status, p.error]), seeds.map(() => [0, 'SSRF_BLOCKED']));
    } finally {
      await store.close();
    }

    // The same crawl allowed to reach private addresses fetches them: the guard made the difference.
    const allowed = await startCrawlCli(['--data', temp.dir, '--json', 'crawl', seeds[0]!, seeds[1]!, ...resolve, '--delay', '0', '--allow-private']).done;
    assert.equal(allowed.code, 0, allowed.stderr);
    const ok = JSON.parse(allowed.stdout) as { summary: { pagesByStatus: { status: number; pages: number }[]; errorsByCode: unknown[] } };
    assert.deepEqual(ok.summary.errorsByCode, []);
    assert.deepEqual(ok.summary.pagesByStatus, [{ status: 200, pages: 4 }]);
    assert.ok(web.requests.length > 0);
  });
});
