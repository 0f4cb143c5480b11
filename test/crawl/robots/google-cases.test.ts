import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { escapeRobotsPattern, isAllowedByRobots, isValidRobotsAgent, parseRobotsTxt, robotsPathOf } from '../../../src/crawl/robots/index.js';
import { SHARED_TESTDATA } from '../../helpers/temp-dir.js';

interface Cases {
  allowed_cases: { id: string; robotstxt: string; useragent: string; url: string; expected_allowed: boolean }[];
  useragent_validity: { useragent: string; expected_valid: boolean }[];
  path_params_query: { url: string; expected_path_params_query: string }[];
  escape_pattern: { pattern: string; expected_escaped: string }[];
  parse_counts: { test: string; robotstxt: string; robotstxt_bytes_hex?: string; check: string; expected: string }[];
}

const cases = JSON.parse(readFileSync(path.join(SHARED_TESTDATA, 'robots/google-robotstxt-cases.json'), 'utf8')) as Cases;

describe("Google's robots.txt reference cases", () => {
  it('has every group of cases, 145 of them allow/disallow', () => {
    assert.equal(cases.allowed_cases.length, 145);
    assert.ok(cases.useragent_validity.length > 0 && cases.path_params_query.length > 0);
    assert.ok(cases.escape_pattern.length > 0 && cases.parse_counts.length > 0);
  });

  it('gives the reference verdict on all 145 allowed_cases, GoogleOnly_ ones included', () => {
    const failures: string[] = [];
    for (const c of cases.allowed_cases) {
      const got = isAllowedByRobots(parseRobotsTxt(c.robotstxt), c.useragent, c.url);
      if (got !== c.expected_allowed) failures.push(`${c.id}: expected ${c.expected_allowed}, got ${got}`);
    }
    assert.deepEqual(failures, []);
  });

  it('accepts only [a-zA-Z_-]+ as an agent to obey', () => {
    for (const c of cases.useragent_validity) assert.equal(isValidRobotsAgent(c.useragent), c.expected_valid, JSON.stringify(c.useragent));
  });

  it('extracts the path, params and query of a URL', () => {
    for (const c of cases.path_params_query) assert.equal(robotsPathOf(c.url), c.expected_path_params_query, c.url);
  });

  it('escapes patterns: non-ASCII bytes as %XX, existing escapes upper-cased', () => {
    for (const c of cases.escape_pattern) assert.equal(escapeRobotsPattern(c.pattern), c.expected_escaped, c.pattern);
  });

  it('counts lines, valid and unknown directives and sitemaps as the reference parser does', () => {
    for (const c of cases.parse_counts) {
      const body = c.robotstxt_bytes_hex === undefined ? c.robotstxt : Buffer.from(c.robotstxt_bytes_hex, 'hex');
      const robots = parseRobotsTxt(body);
      const valid = robots.directives.filter((d) => d.kind !== 'unknown').length;
      const unknown = robots.directives.length - valid;
      const lastLine = robots.directives.at(-1)?.line ?? 0;
      const got = { valid_directives: String(valid), unknown_directives: String(unknown), last_line_seen: String(lastLine), sitemap: robots.sitemaps.join('') }[c.check];
      assert.equal(got, c.expected, `${c.test} ${c.check} ${JSON.stringify(c.robotstxt)}`);
    }
  });
});
