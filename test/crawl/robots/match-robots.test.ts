import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRobots, isAllowedByRobots, matchRobots, parseRobotsTxt, robotsCrawlDelaySeconds, robotsPatternMatches, robotsProductToken } from '../../../src/crawl/robots/index.js';

describe('matchRobots', () => {
  it('reports the deciding rule and line: longest match wins, Allow wins a tie', () => {
    const robots = parseRobotsTxt('User-agent: *\nDisallow: /shop\nAllow: /shop/public\nDisallow: /tie\nAllow: /tie\n');
    assert.deepEqual(matchRobots(robots, 'Vouch', 'https://a.test/shop/cart'), { allowed: false, line: 2, rule: { kind: 'disallow', pattern: '/shop' }, specific: false });
    assert.deepEqual(matchRobots(robots, 'Vouch', 'https://a.test/shop/public/x'), { allowed: true, line: 3, rule: { kind: 'allow', pattern: '/shop/public' }, specific: false });
    assert.equal(matchRobots(robots, 'Vouch', 'https://a.test/tie').allowed, true);
    assert.deepEqual(matchRobots(robots, 'Vouch', 'https://a.test/other'), { allowed: true, line: 0, rule: null, specific: false });
  });

  it('prefers the agent group over *, matching the product token case-insensitively', () => {
    const robots = parseRobotsTxt('User-agent: *\nDisallow: /\n\nUser-agent: vouch\nUser-agent: other\nDisallow: /private\n');
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/page'), true);
    assert.equal(isAllowedByRobots(robots, 'VOUCH', 'https://a.test/private/1'), false);
    assert.equal(isAllowedByRobots(robots, 'Other', 'https://a.test/private/1'), false);
    assert.equal(isAllowedByRobots(robots, 'Stranger', 'https://a.test/page'), false);
    assert.equal(robotsProductToken('Vouch/0.1 (+https://github.com/vouch-seo/vouch)'), 'Vouch');
  });

  it('always allows /robots.txt (RFC 9309 2.2.2), even under Disallow: /', () => {
    const robots = parseRobotsTxt('User-agent: *\nDisallow: /\n');
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/robots.txt'), true);
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/robots.txt?x'), false);
  });

  it('accepts Google typos and a missing colon', () => {
    const robots = parseRobotsTxt('useragent: *\ndisalow: /a\nDissallow /b\nuser agent: x\n');
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/a'), false);
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/b'), false);
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/c'), true);
  });

  it('normalises percent-encoding of patterns and matches non-ASCII patterns against encoded paths', () => {
    const robots = parseRobotsTxt('User-agent: *\nDisallow: /caf\u00e9\nDisallow: /a%2fb\n');
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/caf%C3%A9/menu'), false);
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/a%2Fb'), false);
    assert.equal(isAllowedByRobots(robots, 'Vouch', 'https://a.test/a/b'), true);
  });

  it('survives hostile input: binary garbage, 1 MB lines, pathological wildcards', () => {
    const garbage = Buffer.alloc(200_000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff;
    assert.equal(isAllowedByRobots(parseRobotsTxt(garbage), 'Vouch', 'https://a.test/'), true);
    const longLine = parseRobotsTxt(`User-agent: *\nDisallow: /${'a'.repeat(1_000_000)}\nDisallow: /b\n`);
    assert.equal(longLine.directives[1]!.value.length, 16_663 - 'Disallow: '.length);
    assert.equal(isAllowedByRobots(longLine, 'Vouch', 'https://a.test/b'), false);
    const path = '/' + 'a'.repeat(5_000);
    assert.equal(robotsPatternMatches(path, '/' + '*a'.repeat(200) + 'b'), false);
    assert.equal(robotsPatternMatches(path, '/*a*a$'), true);
  });
});

describe('Crawl-delay and Sitemap', () => {
  it('takes the Crawl-delay of the agent group, else of *, ignoring invalid values', () => {
    const robots = parseRobotsTxt('User-agent: *\nCrawl-delay: 5\n\nUser-agent: Vouch\ncrawl-delay: abc\nCrawl-delay: 2.5\nDisallow:\n');
    assert.equal(robotsCrawlDelaySeconds(robots, 'Vouch'), 2.5);
    assert.equal(robotsCrawlDelaySeconds(robots, 'Other'), 5);
    assert.equal(robotsCrawlDelaySeconds(parseRobotsTxt('Crawl-delay: 9\nUser-agent: *\nDisallow: /'), 'Vouch'), null);
  });

  it('collects every Sitemap line wherever it stands, de-duplicated', () => {
    const robots = parseRobotsTxt('Sitemap: https://a.test/s1.xml\nUser-agent: *\nSitemap: https://a.test/s2.xml\nsite-map: https://a.test/s1.xml\nDisallow: /\n');
    assert.deepEqual(robots.sitemaps, ['https://a.test/s1.xml', 'https://a.test/s2.xml']);
  });
});

describe('checkRobots', () => {
  it('gives a verdict, the rule and its group per URL', () => {
    const result = checkRobots({
      robotsTxt: 'User-agent: *\nDisallow: /\n\nUser-agent: Vouch\nDisallow: /cart\nAllow: /cart/public\nCrawl-delay: 3\nSitemap: https://a.test/sitemap.xml\n',
      userAgent: 'Vouch/0.1 (+https://github.com/vouch-seo/vouch)',
      urls: ['https://a.test/cart/1', 'https://a.test/cart/public/2', 'https://a.test/'],
    });
    assert.equal(result.agent, 'Vouch');
    assert.equal(result.crawlDelaySeconds, 3);
    assert.deepEqual(result.sitemaps, ['https://a.test/sitemap.xml']);
    assert.deepEqual(result.results, [
      { url: 'https://a.test/cart/1', allowed: false, rule: 'Disallow: /cart', line: 5, group: 'agent' },
      { url: 'https://a.test/cart/public/2', allowed: true, rule: 'Allow: /cart/public', line: 6, group: 'agent' },
      { url: 'https://a.test/', allowed: true, rule: null, line: null, group: 'none' },
    ]);
    assert.equal(checkRobots({ robotsTxt: 'User-agent: *\nDisallow: /', userAgent: 'Other', urls: ['https://a.test/x'] }).results[0]!.group, '*');
  });
});
