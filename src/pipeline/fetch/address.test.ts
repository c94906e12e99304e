import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyAddress, isPublicAddress, parseAllowList } from './address.ts';

// [address, expected range ('public' = may connect)]
const TABLE: Array<[string, string]> = [
  // public
  ['8.8.8.8', 'public'],
  ['93.184.216.34', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['[2001:4860:4860::8888]', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::808:808', 'public'],
  ['2002:0808:0808::1', 'public'],
  // IPv4 special ranges
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.1.2.3', 'private (RFC 1918)'],
  ['172.16.0.1', 'private (RFC 1918)'],
  ['172.31.255.255', 'private (RFC 1918)'],
  ['192.168.1.1', 'private (RFC 1918)'],
  ['100.64.0.1', 'carrier-grade NAT (100.64.0.0/10)'],
  ['100.127.255.255', 'carrier-grade NAT (100.64.0.0/10)'],
  ['169.254.169.254', 'link-local'],
  ['0.0.0.0', 'unspecified (0.0.0.0/8)'],
  ['0.1.2.3', 'unspecified (0.0.0.0/8)'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  // IPv6 loopback in every spelling
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['0000:0000:0000:0000:0000:0000:0000:0001', 'loopback'],
  ['[::1]', 'loopback'],
  ['::', 'unspecified (::)'],
  // IPv4 embedded in IPv6
  ['::ffff:127.0.0.1', 'ipv4-mapped loopback'],
  ['::ffff:7f00:1', 'ipv4-mapped loopback'],
  ['0:0:0:0:0:ffff:7f00:0001', 'ipv4-mapped loopback'],
  ['::ffff:169.254.169.254', 'ipv4-mapped link-local'],
  ['::ffff:10.0.0.1', 'ipv4-mapped private (RFC 1918)'],
  ['::ffff:0:127.0.0.1', 'ipv4-translated loopback'],
  ['64:ff9b::7f00:1', 'nat64 loopback'],
  ['64:ff9b::a9fe:a9fe', 'nat64 link-local'],
  ['64:ff9b:1::1', 'nat64 local-use (64:ff9b:1::/48)'],
  ['2002:7f00:1::1', '6to4 loopback'],
  ['2002:c0a8:0101::1', '6to4 private (RFC 1918)'],
  ['::127.0.0.1', 'ipv4-compatible (deprecated)'], // not mapped, whatever ipaddr.js alone would say
  ['::1.0.0.0', 'ipv4-compatible (deprecated)'],
  ['::ffff:1.2.3.4', 'public'],
  ['::ffff:1.2.3.400', 'invalid'],
  ['::7f00:1', 'ipv4-compatible (deprecated)'],
  // IPv6 special ranges
  ['fc00::1', 'unique-local (fc00::/7)'],
  ['fd12:3456:789a::1', 'unique-local (fc00::/7)'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'site-local (fec0::/10)'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['100::1', 'discard-only (100::/64)'],
  ['4000::1', 'reserved (outside 2000::/3)'],
  // not an address
  ['localhost', 'invalid'],
  ['', 'invalid'],
  ['1.2.3.4.5', 'invalid'],
];

for (const [ip, range] of TABLE) {
  test(`classifyAddress(${JSON.stringify(ip)}) is ${range}`, () => {
    assert.equal(classifyAddress(ip), range);
    assert.equal(isPublicAddress(ip, []), range === 'public');
  });
}

test('allow-list permits listed IPs and CIDRs, per family and literally', () => {
  const allow = ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'];
  assert.equal(isPublicAddress('127.0.0.1', allow), true);
  assert.equal(isPublicAddress('127.0.0.2', allow), false);
  assert.equal(isPublicAddress('10.200.3.4', allow), true);
  assert.equal(isPublicAddress('11.0.0.1', allow), true); // public anyway
  assert.equal(isPublicAddress('192.168.0.1', allow), false);
  assert.equal(isPublicAddress('fd01::1', allow), true);
  assert.equal(isPublicAddress('fc00::1', allow), false);
  assert.equal(isPublicAddress('169.254.169.254', allow), false);
  // Documented choice: the mapped spelling of an allowed v4 address is not allowed unless listed itself.
  assert.equal(isPublicAddress('::ffff:127.0.0.1', allow), false);
  assert.equal(isPublicAddress('::ffff:127.0.0.1', ['::ffff:127.0.0.1']), true);
  assert.equal(isPublicAddress('::1', ['127.0.0.1']), false);
  assert.equal(isPublicAddress('::1', ['::1']), true);
  assert.equal(isPublicAddress('not-an-ip', ['0.0.0.0/0']), false);
});

test('parseAllowList rejects entries that are not IPs or CIDRs', () => {
  assert.throws(() => parseAllowList(['localhost']), TypeError);
  assert.throws(() => parseAllowList(['10.0.0.0/33']), TypeError);
  assert.equal(parseAllowList([' 127.0.0.1 ', '']).entries.length, 1);
});

test('WHATWG URL parsing normalizes numeric IPv4 spellings before we classify them', () => {
  for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/', 'http://0x7f000001/']) {
    assert.equal(new URL(url).hostname, '127.0.0.1', url);
    assert.equal(classifyAddress(new URL(url).hostname), 'loopback', url);
  }
  assert.equal(new URL('http://[::ffff:127.0.0.1]:8080/').hostname, '[::ffff:7f00:1]');
  assert.equal(classifyAddress(new URL('http://[::ffff:127.0.0.1]/').hostname), 'ipv4-mapped loopback');
  assert.equal(classifyAddress(new URL('http://[0:0::1]/').hostname), 'loopback');
  assert.equal(new URL('http://169.254.169.254./').hostname, '169.254.169.254'); // trailing dot dropped
  assert.equal(new URL('http://[::127.0.0.1]/').hostname, '[::7f00:1]');
});

test('property: every IPv4-embedding IPv6 form is exactly as public as the IPv4 address inside', () => {
  const hex = (n: number) => n.toString(16);
  fc.assert(
    fc.property(fc.ipV4(), (v4) => {
      const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
      const hi = hex((a << 8) | b);
      const lo = hex((c << 8) | d);
      const inner = classifyAddress(v4) === 'public';
      for (const v6 of [`::ffff:${v4}`, `::ffff:${hi}:${lo}`, `64:ff9b::${hi}:${lo}`, `2002:${hi}:${lo}::1`]) {
        assert.equal(classifyAddress(v6) === 'public', inner, `${v6} vs ${v4}`);
      }
    }),
    { numRuns: 2000 },
  );
});

test('property: random IPv6 outside 2000::/3 is never public', () => {
  fc.assert(
    fc.property(fc.ipV6(), (v6) => {
      const first = Number.parseInt(v6.split(':')[0] || '0', 16);
      if ((first & 0xe000) !== 0x2000) assert.notEqual(classifyAddress(v6), 'public', v6);
    }),
    { numRuns: 2000 },
  );
});
