/**
 * canonicalizeUrl against the WHATWG URL conformance suite (web-platform-tests urltestdata.json,
 * ../shared/testdata/url), plus our own normalisation rules.
 *
 * Of the 869 cases (on Node 20.19, whose URL parser is Ada):
 * - 273 must fail to parse: all 273 fail in ours too (INVALID_URL / null).
 * - 229 parse to http: or https:: all 229 match the expected `href` once our own extra
 *   normalisations are applied to it (fragment dropped, escapes of unreserved characters decoded,
 *   other escapes upper-cased). 35 of those 229 need that step (mostly a dropped fragment, some percent-encoding), so they differ from raw WPT on
 *   purpose (see WPT_CHANGED_BY_OUR_RULES below). Every one is also idempotent.
 * - 367 parse to other schemes (file:, data:, javascript:, blob:, custom ones...): out of scope for
 *   links, so ours rejects all 367.
 * The counts are asserted exactly, so that a parser or rule change shows up as a failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { canonicalizeUrl, normalizePercentEncoding, tryCanonicalizeUrl, tryCanonicalizeUrlWithHost } from '../../src/core/index.js';
import { ValidationError } from '../../src/core/errors.js';

interface WptCase {
  input: string;
  base: string | null;
  href?: string;
  protocol?: string;
  hostname?: string;
  failure?: boolean;
}

const WPT_PATH = path.resolve(process.cwd(), '../shared/testdata/url/urltestdata.json');
const WPT_CASES = (JSON.parse(readFileSync(WPT_PATH, 'utf8')) as unknown[]).filter(
  (x): x is WptCase => typeof x === 'object' && x !== null,
);
const WPT_CHANGED_BY_OUR_RULES = 35;

function expectedCanonical(href: string): string {
  const hash = href.indexOf('#');
  return normalizePercentEncoding(hash === -1 ? href : href.slice(0, hash));
}

describe('canonicalizeUrl: WPT urltestdata', () => {
  it('has the expected number of cases', () => {
    assert.equal(WPT_CASES.length, 869);
  });

  it('rejects all 273 must-fail inputs', () => {
    const mustFail = WPT_CASES.filter((c) => c.failure === true);
    assert.equal(mustFail.length, 273);
    const accepted = mustFail.filter((c) => tryCanonicalizeUrl(c.input, c.base ?? undefined) !== null).map((c) => c.input);
    assert.deepEqual(accepted, []);
  });

  it('matches all 229 http(s) cases after our normalisations, idempotently', () => {
    const http = WPT_CASES.filter((c) => c.failure !== true && (c.protocol === 'http:' || c.protocol === 'https:'));
    assert.equal(http.length, 229);
    const mismatches: string[] = [];
    let changedByRules = 0;
    for (const c of http) {
      const expected = expectedCanonical(c.href ?? '');
      if (expected !== c.href) changedByRules++;
      const ours = tryCanonicalizeUrl(c.input, c.base ?? undefined);
      if (ours !== expected) mismatches.push(`${c.input} (base ${c.base}): want ${expected}, got ${ours}`);
      else if (canonicalizeUrl(ours) !== ours) mismatches.push(`not idempotent: ${ours}`);
      const withHost = tryCanonicalizeUrlWithHost(c.input, c.base ?? undefined);
      if (withHost?.host !== c.hostname) mismatches.push(`host of ${c.input}: want ${c.hostname}, got ${withHost?.host}`);
    }
    assert.deepEqual(mismatches, []);
    assert.equal(changedByRules, WPT_CHANGED_BY_OUR_RULES);
  });

  it('rejects all 367 cases that parse to a non-http scheme', () => {
    const other = WPT_CASES.filter((c) => c.failure !== true && c.protocol !== 'http:' && c.protocol !== 'https:');
    assert.equal(other.length, 367);
    assert.deepEqual(
      other.filter((c) => tryCanonicalizeUrl(c.input, c.base ?? undefined) !== null).map((c) => c.input),
      [],
    );
  });
});

describe('canonicalizeUrl: our rules', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['HTTP://Example.COM:80/a/../%7euser/?q=%2f#top', undefined, 'http://example.com/~user/?q=%2F'],
    ['https://example.com:443', undefined, 'https://example.com/'],
    ['https://example.com:8443/', undefined, 'https://example.com:8443/'],
    ['http://münchen.de/straße', undefined, 'http://xn--mnchen-3ya.de/stra%C3%9Fe'],
    ['http://a.test/%41%62%2d%2E%5f%7E%2f%3a', undefined, 'http://a.test/Ab-._~%2F%3A'],
    ['http://a.test/p?b=2&a=1&utm_source=x&', undefined, 'http://a.test/p?b=2&a=1&utm_source=x&'],
    ['http://a.test/?', undefined, 'http://a.test/?'],
    ['http://a.test/a/./b/../../c', undefined, 'http://a.test/c'],
    ['../x?y#z', 'https://example.com/a/b/c', 'https://example.com/a/x?y'],
    ['//cdn.example.com/lib.js', 'https://example.com/', 'https://cdn.example.com/lib.js'],
    ['  http://a.test/  ', undefined, 'http://a.test/'],
    ['http://a.test/%zz%4', undefined, 'http://a.test/%zz%4'],
    // a stray `%` before an escape must not turn a decoded hex digit into a new escape
    ['http://a.test/%%41', undefined, 'http://a.test/%%41'],
    ['http://a.test/%4%31', undefined, 'http://a.test/%4%31'],
    ['http://a.test/%4%31%62', undefined, 'http://a.test/%4%31b'],
    ['http://[::1]:80/', undefined, 'http://[::1]/'],
    ['http://127.0.0.1:8080/x', undefined, 'http://127.0.0.1:8080/x'],
  ];
  for (const [input, base, want] of cases) {
    it(`${input}${base === undefined ? '' : ` on ${base}`} → ${want}`, () => {
      assert.equal(canonicalizeUrl(input, base), want);
      assert.equal(canonicalizeUrl(want), want);
    });
  }

  it('throws ValidationError INVALID_URL with the input in the message', () => {
    for (const bad of ['', 'not a url', 'mailto:a@b.test', 'javascript:alert(1)', 'ftp://a.test/', 'http://', 'http://a b.test/', 'data:,x']) {
      assert.throws(
        () => canonicalizeUrl(bad),
        (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_URL' && e.message.includes(JSON.stringify(bad)),
      );
      assert.equal(tryCanonicalizeUrl(bad), null);
    }
    assert.throws(() => canonicalizeUrl('/x', 'not a base'), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_URL');
  });

  it('normalizePercentEncoding returns the same string when nothing changes', () => {
    const s = 'http://a.test/%2F%C3%A9?x=%3D';
    assert.equal(normalizePercentEncoding(s), s);
    assert.equal(normalizePercentEncoding('no escapes'), 'no escapes');
  });
});
