import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainOf, hostOf, registrableDomain } from '../../src/core/index.js';
import { ValidationError } from '../../src/core/errors.js';

describe('registrableDomain', () => {
  const cases: Array<[string, string]> = [
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['WWW.Example.COM', 'example.com'],
    ['www.example.co.uk', 'example.co.uk'],
    ['co.uk', 'co.uk'],
    // private PSL section: hosting suffixes are suffixes, so each site is its own domain
    ['user.github.io', 'user.github.io'],
    ['a.b.user.github.io', 'user.github.io'],
    ['github.io', 'github.io'],
    ['my.blogspot.com', 'my.blogspot.com'],
    // reserved and unknown TLDs follow the PSL default rule `*`
    ['shop.test', 'shop.test'],
    ['www.shop.test', 'shop.test'],
    ['a.b.test', 'b.test'],
    ['foo.localhost', 'foo.localhost'],
    ['a.b.localhost', 'b.localhost'],
    ['x.y.unknowntld', 'y.unknowntld'],
    ['localhost', 'localhost'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['www.example.com.', 'example.com'],
    // IPs map to themselves
    ['127.0.0.1', '127.0.0.1'],
    ['10.1.2.3', '10.1.2.3'],
    ['[::1]', '[::1]'],
    ['[2001:db8::1]', '[2001:db8::1]'],
  ];
  for (const [host, want] of cases) {
    it(`${host} → ${want}`, () => {
      assert.equal(registrableDomain(host), want);
      assert.equal(registrableDomain(host), want, 'cached answer is the same');
    });
  }

  it('stays correct when the cache evicts (more hosts than it holds)', () => {
    for (let i = 0; i < 60_000; i++) assert.equal(registrableDomain(`h${i}.site${i}.test`), `site${i}.test`);
    assert.equal(registrableDomain('www.shop.test'), 'shop.test');
    assert.equal(registrableDomain('h0.site0.test'), 'site0.test');
  });

  it('never returns an empty string for a non-empty host', () => {
    for (const h of ['.', '..', 'a..b', '-', '_', '...test']) assert.notEqual(registrableDomain(h), '', JSON.stringify(h));
  });
});

describe('hostOf / domainOf', () => {
  const cases: Array<[string, string]> = [
    ['http://www.shop.test/x', 'www.shop.test'],
    ['https://a.test', 'a.test'],
    ['http://a.test:8080/p', 'a.test'],
    ['http://a.test?q', 'a.test'],
    ['http://user:pw@host.test/', 'host.test'],
    ['http://user:8080@host.test/', 'host.test'],
    ['http://[::1]:8080/', '[::1]'],
    ['HTTP://EXAMPLE.com/', 'example.com'],
    ['http://münchen.de/', 'xn--mnchen-3ya.de'],
    ['ftp://files.test/', 'files.test'],
  ];
  for (const [url, want] of cases) {
    it(`${url} → ${want}`, () => {
      assert.equal(hostOf(url), want);
      assert.equal(hostOf(new URL(url)), want);
    });
  }

  it('domainOf combines both', () => {
    assert.equal(domainOf('http://a.b.user.github.io/x'), 'user.github.io');
    assert.equal(domainOf('https://www.shop.test:8443/'), 'shop.test');
  });

  it('throws INVALID_URL for garbage', () => {
    for (const bad of ['', 'nope', 'http://']) {
      assert.throws(() => hostOf(bad), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_URL');
    }
  });
});
