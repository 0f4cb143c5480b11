import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../../src/core/errors.js';
import { addressBlockReason, findResolveRule, isPublicAddress, parseResolveRules } from '../../../src/crawl/fetch/index.js';

describe('addressBlockReason', () => {
  it('refuses every special-purpose IPv4 range', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'], ['169.254.169.254', 'link-local'], ['100.64.0.1', 'cgnat'], ['100.127.255.255', 'cgnat'], ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'], ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['255.255.255.255', 'broadcast'], ['240.0.0.1', 'reserved'],
      ['192.0.2.1', 'documentation'], ['198.51.100.7', 'documentation'], ['203.0.113.9', 'documentation'], ['198.18.0.1', 'reserved'], ['192.0.0.8', 'reserved'],
    ];
    for (const [ip, reason] of cases) assert.equal(addressBlockReason(ip), reason, ip);
  });

  it('refuses IPv6 loopback, unique-local, link-local, multicast and IPv4 smuggled inside IPv6', () => {
    const cases: [string, string][] = [
      ['::1', 'loopback'], ['::', 'unspecified'], ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'], ['fe80::1', 'link-local'], ['fe80::1%eth0', 'link-local'],
      ['ff02::1', 'multicast'], ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['[::ffff:10.0.0.1]', 'private'], ['::ffff:169.254.169.254', 'link-local'],
      ['::ffff:0:192.168.0.1', 'private'], ['64:ff9b::10.0.0.1', 'private'], ['2002:7f00:1::', 'loopback'], ['::127.0.0.1', 'loopback'], ['2001:db8::1', 'documentation'],
      ['fec0::1', 'reserved'], ['2001::1', 'reserved'], ['100::1', 'reserved'], ['not-an-ip', 'invalid'],
    ];
    for (const [ip, reason] of cases) assert.equal(addressBlockReason(ip), reason, ip);
  });

  it('lets public addresses through, also inside IPv6 forms', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1']) {
      assert.equal(isPublicAddress(ip), true, ip);
    }
  });
});

describe('parseResolveRules', () => {
  it('parses host=ip, host=ip:port, IPv6 in brackets and wildcards', () => {
    assert.deepEqual(parseResolveRules(['Shop.Test=127.0.0.2', '*.test=127.0.0.3:8080', 'v6.test=[::1]:81', 'bare.test=::1', '*=10.0.0.1']), [
      { host: 'shop.test', address: '127.0.0.2', family: 4, port: null },
      { host: '*.test', address: '127.0.0.3', family: 4, port: 8080 },
      { host: 'v6.test', address: '::1', family: 6, port: 81 },
      { host: 'bare.test', address: '::1', family: 6, port: null },
      { host: '*', address: '10.0.0.1', family: 4, port: null },
    ]);
  });

  it('rejects malformed values with a ValidationError naming --resolve', () => {
    for (const bad of ['shop.test', '=127.0.0.1', 'a.test=999.1.1.1', 'a.test=127.0.0.1:0', 'a.test=127.0.0.1:70000', 'a.test=[::1', 'a b=1.2.3.4', 'a.test=host.name']) {
      assert.throws(() => parseResolveRules([bad]), (e: unknown) => e instanceof ValidationError && e.code === 'INVALID_INPUT' && e.issues[0]?.where === '--resolve', bad);
    }
  });

  it('prefers an exact host, then the longest wildcard suffix, then *', () => {
    const rules = parseResolveRules(['*=10.0.0.1', '*.test=10.0.0.2', '*.shop.test=10.0.0.3', 'www.shop.test=10.0.0.4']);
    assert.equal(findResolveRule(rules, 'www.shop.test')?.address, '10.0.0.4');
    assert.equal(findResolveRule(rules, 'WWW.SHOP.TEST.')?.address, '10.0.0.4');
    assert.equal(findResolveRule(rules, 'cdn.shop.test')?.address, '10.0.0.3');
    assert.equal(findResolveRule(rules, 'blog.test')?.address, '10.0.0.2');
    assert.equal(findResolveRule(rules, 'test')?.address, '10.0.0.1', '*.test does not cover test itself');
    assert.equal(findResolveRule(parseResolveRules(['*.test=10.0.0.2']), 'example.com'), null);
  });
});
