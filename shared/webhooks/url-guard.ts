/**
 * What a webhook may call, so that registering an endpoint cannot turn the service into a proxy
 * into our own network (SSRF): checked when an endpoint is registered (`webhookUrlProblem`, through `registrationSchema`) and
 * again at every delivery, on the addresses the host resolved to (`isPublicAddress`), because a
 * name that resolved to a public address yesterday may resolve to 169.254.169.254 today (DNS
 * rebinding). The delivery must then connect to the address it checked, not resolve again.
 *
 * Addresses are matched with `node:net`'s `BlockList` (computation, no I/O), never by string
 * prefixes; URLs are parsed by the WHATWG parser, which already turns `2130706433`, `0x7f.1` and
 * `0177.0.0.1` into `127.0.0.1` and `[::ffff:127.0.0.1]` into `[::ffff:7f00:1]`.
 */

import { BlockList, isIP } from 'node:net';

/** IPv4 ranges that are not the public internet (IANA special-purpose registry, RFC 6890 and later). */
const NOT_PUBLIC_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, and the instance metadata service 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

/**
 * IPv6 that may be public: global unicast, and the two forms that carry an IPv4 address a
 * connection really goes to (IPv4-mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`), which are
 * public when the address they carry is.
 */
const MAYBE_PUBLIC_V6: ReadonlyArray<readonly [string, number]> = [
  ['2000::', 3],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
];

/** Inside global unicast, what is not public anyway; IPv4-compatible `::a.b.c.d`, `::1`, fc00::/7, fe80::/10 and multicast are outside it. */
const NOT_PUBLIC_V6: ReadonlyArray<readonly [string, number]> = [
  ['2001::', 32], // Teredo (carries an obfuscated IPv4 address)
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (carries an IPv4 address; the relays are gone)
  ['3fff::', 20], // documentation
  // An IPv4 range that is not public is not public inside the forms that carry it either.
  ...NOT_PUBLIC_V4.flatMap(
    ([address, prefix]): Array<readonly [string, number]> => [
      [`::ffff:${address}`, 96 + prefix],
      [`64:ff9b::${address}`, 96 + prefix],
    ],
  ),
];

const blockList = (ranges: ReadonlyArray<readonly [string, number]>, type: 'ipv4' | 'ipv6') => {
  const list = new BlockList();
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, type);
  return list;
};
const notPublicV4 = blockList(NOT_PUBLIC_V4, 'ipv4');
const maybePublicV6 = blockList(MAYBE_PUBLIC_V6, 'ipv6');
const notPublicV6 = blockList(NOT_PUBLIC_V6, 'ipv6');

/** Whether a resolved address is on the public internet; anything that is not an IP address (or carries a zone, `fe80::1%eth0`) is not. */
export function isPublicAddress(ip: string): boolean {
  if (ip.includes('%')) return false;
  const family = isIP(ip);
  if (family === 4) return !notPublicV4.check(ip, 'ipv4');
  if (family === 6) return maybePublicV6.check(ip, 'ipv6') && !notPublicV6.check(ip, 'ipv6');
  return false;
}

/**
 * Where a delivery may connect, given every address its host resolved to: the first one, if all
 * of them are public. One private address among public ones refuses the lot (a resolver answer an
 * attacker controls may mix them, and a client may fall back from one to the next).
 */
export function deliveryAddress(resolved: ReadonlyArray<{ readonly address: string; readonly family: number }>) {
  const refused = resolved.find(({ address }) => !isPublicAddress(address));
  if (refused !== undefined) return { refused: `${refused.address} is not a public address` } as const;
  const [first] = resolved;
  return first === undefined ? ({ refused: 'the host has no address' } as const) : ({ address: first } as const);
}

export interface UrlRules {
  /** The local stack: `http://127.0.0.1:<port>` (and `http://[::1]:<port>`) too, for a receiver on this machine. */
  readonly allowLoopbackHttp: boolean;
}

const MAX_URL_LENGTH = 2048;

/** Names that never lead to the public internet, whatever a resolver says. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|intranet|lan|home\.arpa|localdomain)$/;

/** What is wrong with a webhook URL, or `undefined` when it may be registered. */
export function webhookUrlProblem(raw: string, rules: UrlRules): string | undefined {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  if (!URL.canParse(raw)) return 'expected an absolute URL like https://example.com/hooks';
  const url = new URL(raw);
  if (url.username !== '' || url.password !== '') return 'must not carry credentials (put them in the secret the signature uses)';
  if (url.hash !== '') return 'must not have a fragment';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host) !== 0;
  if (url.protocol === 'http:' && rules.allowLoopbackHttp && (host === '127.0.0.1' || host === '::1')) return undefined;
  if (url.protocol !== 'https:') {
    return rules.allowLoopbackHttp ? 'expected https, or http://127.0.0.1:<port> on the local stack' : 'expected an https URL';
  }
  if (literal && !isPublicAddress(host)) return `${host} is not a public address`;
  if (!literal && (!host.includes('.') || LOCAL_NAME.test(host.replace(/\.$/, '')))) return `${host} is not a public host name`;
  // Not a well-known port other than https's: an endpoint must not make us talk to mail or SSH servers.
  if (url.port !== '' && Number(url.port) < 1024) return 'the port must be 443 (the default) or 1024 and above';
  return undefined;
}
