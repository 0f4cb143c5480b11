/**
 * Differential test of the canonicalizeUrl fast path (src/core/internal/fast-canonical.ts): on
 * every input where it answers, it must agree with the URL parser path exactly. Inputs are the
 * WPT cases, hand-picked edge cases, and seeded random strings over an alphabet full of the
 * characters that matter (dots, slashes, escapes, specials, non-ASCII).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { canonicalizeWithParser } from '../../src/core/canonicalize-url.js';
import { fastCanonical } from '../../src/core/internal/fast-canonical.js';

const BASES = [
  'http://page.test/dir/page.html?x=1#f',
  'https://www.example.co.uk/',
  'http://127.0.0.1:8080/a/b/',
  'https://[::1]/x',
  'http://user:pw@host.test/p',
  'http://Upper.TEST:80/A/b',
  'not a base',
  'file:///etc/passwd',
];

function check(input: string, base: string | undefined, answered: { n: number }): string | null {
  const fast = fastCanonical(input, base);
  if (fast === null) return null;
  answered.n++;
  const slow = canonicalizeWithParser(input, base);
  if (slow === null || slow.url !== fast.url || slow.host !== fast.host) {
    return `${JSON.stringify(input)} on ${base}: fast ${JSON.stringify(fast)}, parser ${JSON.stringify(slow)}`;
  }
  return null;
}

describe('fastCanonical agrees with the URL parser', () => {
  it('on hand-picked edge cases', () => {
    const inputs = [
      'http://a.test', 'http://a.test/', 'http://a.test?q', 'http://a.test#f', 'https://a.test/x/y?z=1&w=2#frag', 'http://a.test./', 'http://.a.test/',
      'http://a..test/', 'http://1.2.3.4/', 'http://a.0x10/', 'http://a.1/', 'http://xn--bcher-kva.de/', 'http://a.xn--p1ai/', 'http://-a-.test/',
      'http://a.test/./x', 'http://a.test/../x', 'http://a.test/.well-known/x', 'http://a.test/a/..', 'http://a.test/a/.', 'http://a.test/a/..b',
      'http://a.test/a?./..', 'http://a.test/%41', "http://a.test/it's", 'http://a.test/a b', 'http://a.test/a\tb', 'http://a.test/ü',
      'http://a.test/{x}', 'http://a.test/a|b', 'http://a.test/a^b', 'http://a.test/[x]', 'http://a.test/a\\b', 'http://a.test:80/', 'http://u@a.test/',
      'http://a.test/?q=\'', 'http://a.test/?q="', 'http://a.test/?a=b?c=d', 'http://a.test/~user/!$&()*+,;=:@', 'http:/a.test/', 'http:a.test',
      '/x', '//x.test/y', '/', '/?q', '/#f', '/./x', '/a/../b', '/a%2Fb', 'x', 'x/y', 'x:y', 'x/y:z', '-x', '_x', '9lives', 'page.html#top',
      'a/./b', 'a/../b', 'a/..', '..', '.', '.x', '?q', '#f', '', ' http://a.test/', 'http://a.test/ ', 'https://A.test/', 'https://a.Test/',
      '/a b?q r', 'a b', 'http://a.test/a  b ', '/a b#c d', '/a/. b', '/a b/../c', '/a?b c ',
    ];
    const answered = { n: 0 };
    const bad: string[] = [];
    for (const base of [undefined, ...BASES]) for (const input of inputs) {
      const problem = check(input, base, answered);
      if (problem !== null) bad.push(problem);
    }
    assert.deepEqual(bad, []);
    assert.ok(answered.n > 100, `fast path answered only ${answered.n}`);
  });

  it('on the WPT inputs', () => {
    const cases = (JSON.parse(readFileSync(path.resolve(process.cwd(), '../shared/testdata/url/urltestdata.json'), 'utf8')) as unknown[])
      .filter((x): x is { input: string; base: string | null } => typeof x === 'object' && x !== null);
    const answered = { n: 0 };
    const bad = cases.map((c) => check(c.input, c.base ?? undefined, answered)).filter((x) => x !== null);
    assert.deepEqual(bad, []);
  });

  it('on 200,000 seeded random inputs', () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', 'z', 'A', '0', '9', '.', '/', '?', '#', '%', '%41', '%2e', ':', '@', '-', '_', '~', "'", '"', ' ', '\t', '\\', 'ü', '[', ']', '=', '&', 'xn--', '..', '/.', '/..'];
    const prefixes = ['http://', 'https://', 'http://a.test', 'https://b.example.com/', '/', '', 'x/', 'http://1.2.3.'];
    const answered = { n: 0 };
    const bad: string[] = [];
    for (let i = 0; i < 200_000 && bad.length < 10; i++) {
      let s = prefixes[rnd(prefixes.length)]!;
      const len = rnd(12);
      for (let k = 0; k < len; k++) s += alphabet[rnd(alphabet.length)];
      const problem = check(s, BASES[rnd(3)], answered);
      if (problem !== null) bad.push(problem);
    }
    assert.deepEqual(bad, []);
    assert.ok(answered.n > 10_000, `fast path answered only ${answered.n}`);
  });
});
