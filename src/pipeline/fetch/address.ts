/**
 * Which IP addresses the fetcher may connect to. Pure: strings in, values out; the SSRF guard in fetcher.ts asks
 * this module about every literal IP in a URL and every address DNS returns.
 */
import ipaddr from 'ipaddr.js';

type IP = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * The range an address falls in: `'public'` for globally routable unicast, else a short human name used in
 * failure messages (e.g. `'loopback'`, `'link-local'`, `'private (RFC 1918)'`, `'ipv4-mapped loopback'`).
 * `'invalid'` when the string is not an IP address.
 */
export type AddressRange = string;

const V4_NAMES: Record<string, string> = {
  unspecified: 'unspecified (0.0.0.0/8)',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private (RFC 1918)',
  reserved: 'reserved',
  as112: 'reserved (AS112)',
  amt: 'reserved (AMT)',
};

const V6_NAMES: Record<string, string> = {
  unspecified: 'unspecified (::)',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique-local (fc00::/7)',
  deprecatedSiteLocal: 'site-local (fec0::/10)',
  discard: 'discard-only (100::/64)',
  teredo: 'teredo',
  benchmarking: 'reserved (benchmarking)',
  amt: 'reserved (AMT)',
  as112v6: 'reserved (AS112)',
  deprecatedOrchid: 'reserved (ORCHID)',
  orchid2: 'reserved (ORCHIDv2)',
  droneRemoteIdProtocolEntityTags: 'reserved (DRIP)',
  segmentRouting: 'reserved (SRv6)',
  reserved: 'reserved',
};

function parseIp(ip: string): IP | null {
  // DNS answers and WHATWG-normalized hostnames are canonical; brackets come from URL hosts like [::1].
  let bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (bare.includes(':')) {
    // ipaddr.js reads '::a.b.c.d' as if it were '::ffff:a.b.c.d'; spell a dotted tail as two hex groups first.
    bare = bare.replace(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, (m, a: string, b: string, c: string, d: string) => {
      const o = [a, b, c, d].map(Number);
      if (o.some((x) => x > 255)) return m;
      return `${(((o[0] ?? 0) << 8) | (o[1] ?? 0)).toString(16)}:${(((o[2] ?? 0) << 8) | (o[3] ?? 0)).toString(16)}`;
    });
  }
  if (!ipaddr.isValid(bare)) return null;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

function v4FromParts(hi: number, lo: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
}

function classifyV4(addr: ipaddr.IPv4): AddressRange {
  const range = addr.range();
  return range === 'unicast' ? 'public' : (V4_NAMES[range] ?? `reserved (${range})`);
}

function classifyV6(addr: ipaddr.IPv6): AddressRange {
  const p = addr.parts;
  const part = (i: number): number => p[i] ?? 0;
  const range = addr.range();
  // Addresses that embed an IPv4 address reach that address (dual-stack sockets, NAT64, 6to4 relays), so they are
  // only as public as the address inside them.
  const embedded = (label: string, v4: ipaddr.IPv4): AddressRange => {
    const inner = classifyV4(v4);
    return inner === 'public' ? 'public' : `${label} ${inner}`;
  };
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d (RFC 4291 §2.5.5.2)
      return embedded('ipv4-mapped', v4FromParts(part(6), part(7)));
    case 'rfc6145': // ::ffff:0:a.b.c.d (RFC 6145 IPv4-translated)
      return embedded('ipv4-translated', v4FromParts(part(6), part(7)));
    case 'rfc6052': // NAT64: 64:ff9b::/96 well-known prefix embeds v4 in the last 32 bits (RFC 6052 §2.2)
      if (part(2) === 0 && part(3) === 0 && part(4) === 0 && part(5) === 0) {
        return embedded('nat64', v4FromParts(part(6), part(7)));
      }
      return 'nat64 local-use (64:ff9b:1::/48)'; // RFC 8215: site-specific translation, treat as internal
    case '6to4': // 2002:AABB:CCDD::/48 embeds v4 in bits 16..47 (RFC 3056)
      return embedded('6to4', v4FromParts(part(1), part(2)));
    case 'unicast': {
      // ::/96 other than :: and ::1 is the deprecated IPv4-compatible form (RFC 4291 §2.5.5.1).
      if (p.slice(0, 6).every((x) => x === 0)) return 'ipv4-compatible (deprecated)';
      // Only 2000::/3 is allocated as global unicast (RFC 4291 §2.4); anything else is unassigned.
      if ((part(0) & 0xe000) !== 0x2000) return 'reserved (outside 2000::/3)';
      return 'public';
    }
    default:
      return V6_NAMES[range] ?? `reserved (${range})`;
  }
}

/**
 * Classifies one IP address (IPv4 or IPv6, brackets allowed) by its IANA special-purpose range
 * (RFC 6890 and the registries it created; RFC 1918, 6598, 3927, 4193, 4291, 6052, 3056).
 * IPv6 forms that embed an IPv4 address (mapped, translated, NAT64, 6to4) are classified by the address inside.
 *
 * @returns `'public'`, a range name such as `'loopback'` or `'ipv4-mapped loopback'`, or `'invalid'`.
 * @example classifyAddress('169.254.169.254') // 'link-local'
 */
export function classifyAddress(ip: string): AddressRange {
  const addr = parseIp(ip);
  if (!addr) return 'invalid';
  return addr.kind() === 'ipv4' ? classifyV4(addr as ipaddr.IPv4) : classifyV6(addr as ipaddr.IPv6);
}

/** A parsed allow-list: the IPs/CIDRs a self-hoster lets the fetcher reach although they are not public. */
export interface AllowList {
  readonly entries: ReadonlyArray<readonly [IP, number]>;
}

/**
 * Parses allow-list entries (`'127.0.0.1'`, `'10.0.0.0/8'`, `'::1'`, `'fd00::/8'`).
 * Matching is per address family and literal: `'127.0.0.1'` does NOT allow `::ffff:127.0.0.1`; list the mapped
 * form (or `::ffff:0:0/96`) too if you want it, so an alternate spelling never widens the list by surprise.
 *
 * @throws TypeError on an entry that is not an IP or CIDR — a configuration bug, which config/ should reject first.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const parsed: Array<readonly [IP, number]> = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) throw new TypeError(`invalid allow-list CIDR: ${JSON.stringify(raw)}`);
      parsed.push(ipaddr.parseCIDR(entry));
    } else {
      const addr = parseIp(entry);
      if (!addr) throw new TypeError(`invalid allow-list IP: ${JSON.stringify(raw)}`);
      parsed.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    }
  }
  return { entries: parsed };
}

/** True when `ip` is inside one of the allow-list's ranges (same address family only). */
export function isAllowed(ip: string, allow: AllowList): boolean {
  const addr = parseIp(ip);
  if (!addr) return false;
  return allow.entries.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/**
 * Decides whether the fetcher may connect to `ip`: true when the address is public, or when it is non-public but
 * listed in `allow` (IPs or CIDRs, e.g. `['127.0.0.1', '10.0.0.0/8']`, see {@link parseAllowList}).
 * False for anything that is not an IP address.
 *
 * @example isPublicAddress('::ffff:127.0.0.1', ['127.0.0.1']) // false: the mapped form must be listed itself
 * @throws TypeError when an `allow` entry is not an IP or CIDR.
 */
export function isPublicAddress(ip: string, allow: readonly string[]): boolean {
  const range = classifyAddress(ip);
  if (range === 'public') return true;
  if (range === 'invalid') return false;
  return isAllowed(ip, parseAllowList(allow));
}
