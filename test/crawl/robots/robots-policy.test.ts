import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { NonRetryableError } from '../../../src/core/errors.js';
import { createFetcher } from '../../../src/crawl/fetch/index.js';
import { RobotsPolicy } from '../../../src/crawl/robots/index.js';
import { startTestServer } from '../helpers/start-test-server.js';
import type { TestServer } from '../helpers/start-test-server.js';

const ADDRESS = '127.0.0.21';

/** Each host name is one origin with its own robots.txt behaviour; all reach one server via the resolve map. */
const ROBOTS: Record<string, (res: ServerResponse) => void> = {
  'rules.test': (res) => res.end('User-agent: *\nDisallow: /private\nCrawl-delay: 120\nSitemap: /sitemap.xml\n\nUser-agent: Vouch\nDisallow: /no-vouch\nCrawl-delay: 2\n'),
  'missing.test': (res) => res.writeHead(404).end('not here'),
  'forbidden.test': (res) => res.writeHead(403).end('no'),
  'error.test': (res) => res.writeHead(500).end('oops'),
  'busy.test': (res) => res.writeHead(429, { 'retry-after': '60' }).end('slow down'),
  'big.test': (res) => res.end('User-agent: *\nDisallow: /early\n' + '#'.repeat(600 * 1024) + '\nDisallow: /late\n'),
};

describe('RobotsPolicy against live servers', () => {
  let server: TestServer;
  let clock = 1_000_000;
  const now = (): number => clock;
  let fetcher: ReturnType<typeof createFetcher>;

  before(async () => {
    server = await startTestServer(ADDRESS, (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      const path = req.url ?? '/';
      const hop = /^\/hop(\d+)$/.exec(path);
      if (host === 'redirect.test' && (path === '/robots.txt' || hop)) {
        // /robots.txt -> /hop1 -> ... -> /hop4, then the file: 4 redirects, within the limit of 5.
        const n = hop ? Number(hop[1]) : 0;
        if (n < 4) return void res.writeHead(301, { location: `/hop${n + 1}` }).end();
        return void res.end('User-agent: *\nDisallow: /redirected\n');
      }
      if (host === 'longchain.test' && (path === '/robots.txt' || hop)) {
        const n = hop ? Number(hop[1]) : 0;
        return void res.writeHead(302, { location: `/hop${n + 1}` }).end();
      }
      const handler = ROBOTS[host];
      if (path === '/robots.txt' && handler) return handler(res);
      res.end('<html>page</html>');
    });
    fetcher = createFetcher({ resolve: [`*.test=${ADDRESS}:${server.port}`], allowAddresses: [ADDRESS] });
  });

  after(async () => {
    await fetcher.close();
    await server.close();
  });

  const robotsFetches = (host: string): number => server.requests.filter((r) => r.host === host && r.url === '/robots.txt').length;

  it('applies a 2xx robots.txt: the Vouch group, its Crawl-delay, resolved sitemaps', async () => {
    const policy = new RobotsPolicy(fetcher, { now });
    const blocked = await policy.check('http://rules.test/no-vouch/page');
    assert.equal(blocked.allowed, false);
    assert.equal(blocked.state, 'rules');
    assert.equal(blocked.crawlDelayMs, 2000);
    assert.deepEqual(blocked.entry.sitemaps, ['http://rules.test/sitemap.xml']);
    // The * group does not apply to Vouch, which has its own.
    assert.equal((await policy.check('http://rules.test/private/x')).allowed, true);
    assert.equal(policy.agent, 'Vouch');
    const other = new RobotsPolicy(fetcher, { now, userAgent: 'OtherBot/1.0', maxCrawlDelayMs: 60_000 });
    const d = await other.check('http://rules.test/private/x');
    assert.equal(d.allowed, false);
    assert.equal(d.crawlDelayMs, 60_000, 'Crawl-delay 120 s capped at 60 s');
  });

  it('treats 404 and 403 as allow-all, 500 and 429 as disallow-all', async () => {
    const policy = new RobotsPolicy(fetcher, { now });
    assert.deepEqual([(await policy.check('http://missing.test/a')).allowed, (await policy.check('http://forbidden.test/a')).allowed], [true, true]);
    const error = await policy.check('http://error.test/a');
    assert.equal(error.allowed, false);
    assert.equal(error.state, 'disallow-all');
    assert.equal(error.entry.status, 500);
    assert.equal((await policy.check('http://busy.test/a')).allowed, false);
  });

  it('caches per origin for 24 h, but asks again 10 min after a failure', async () => {
    const policy = new RobotsPolicy(fetcher, { now });
    const before500 = robotsFetches('error.test');
    const beforeRules = robotsFetches('rules.test');
    await Promise.all([policy.check('http://rules.test/1'), policy.check('http://rules.test/2'), policy.check('http://error.test/1')]);
    await policy.check('http://rules.test/3');
    await policy.check('http://error.test/2');
    assert.equal(robotsFetches('rules.test') - beforeRules, 1, 'concurrent and later checks share one fetch');
    assert.equal(robotsFetches('error.test') - before500, 1);
    clock += 11 * 60 * 1000;
    await policy.check('http://error.test/3');
    await policy.check('http://rules.test/4');
    assert.equal(robotsFetches('error.test') - before500, 2, 'the failed origin is asked again');
    assert.equal(robotsFetches('rules.test') - beforeRules, 1, 'the good one is still cached');
    clock += 24 * 60 * 60 * 1000;
    await policy.check('http://rules.test/5');
    assert.equal(robotsFetches('rules.test') - beforeRules, 2, 'and is fetched again after 24 h');
  });

  it('refuses what is not an http(s) URL', async () => {
    const policy = new RobotsPolicy(fetcher, { now });
    for (const bad of ['not a url', 'mailto:a@b.test', '/relative']) {
      await assert.rejects(policy.check(bad), (e: unknown) => e instanceof NonRetryableError && e.code === 'INVALID_URL', bad);
    }
  });

  it('keeps at most maxEntries origins', async () => {
    const policy = new RobotsPolicy(fetcher, { now, maxEntries: 2 });
    for (const host of ['rules.test', 'missing.test', 'forbidden.test']) await policy.check(`http://${host}/`);
    assert.equal(policy.size, 2);
  });

  it('follows up to 5 redirects; past that the file counts as unavailable (allow all)', async () => {
    const policy = new RobotsPolicy(fetcher, { now });
    const redirected = await policy.check('http://redirect.test/redirected/x');
    assert.equal(redirected.allowed, false);
    assert.equal(redirected.entry.state, 'rules');
    const endless = await policy.check('http://longchain.test/anything');
    assert.equal(endless.allowed, true);
    assert.equal(endless.entry.errorCode, 'TOO_MANY_REDIRECTS');
    assert.equal(server.requests.filter((r) => r.host === 'longchain.test').length, 6, 'robots.txt and 5 hops, no more');
  });

  it('parses only the first 500 KiB of a bigger file', async () => {
    const policy = new RobotsPolicy(fetcher, { now });
    assert.equal((await policy.check('http://big.test/early')).allowed, false);
    const late = await policy.check('http://big.test/late');
    assert.equal(late.allowed, true);
    assert.equal(late.entry.truncated, true);
  });

  it('disallows all when the server is unreachable, or its address is refused by the SSRF guard', async () => {
    const closed = await startTestServer(ADDRESS, () => undefined);
    const port = closed.port;
    await closed.close();
    const unreachable = createFetcher({ resolve: [`down.test=${ADDRESS}:${port}`], allowAddresses: [ADDRESS] });
    const d = await new RobotsPolicy(unreachable, { now }).check('http://down.test/');
    await unreachable.close();
    assert.equal(d.allowed, false);
    assert.equal(d.entry.errorCode, 'NETWORK');
    const guarded = createFetcher({ resolve: [`*.test=${ADDRESS}:${server.port}`] });
    const g = await new RobotsPolicy(guarded, { now }).check('http://rules.test/');
    await guarded.close();
    assert.equal(g.allowed, false);
    assert.equal(g.entry.errorCode, 'SSRF_BLOCKED');
  });
});
