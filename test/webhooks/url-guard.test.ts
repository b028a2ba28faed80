import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryAddress, isPublicAddress, webhookUrlProblem } from '#shared/webhooks/url-guard.ts';

const aws = { allowLoopbackHttp: false };
const local = { allowLoopbackHttp: true };

const octets = (a: number, b: number, c: number, d: number) => `${a}.${b}.${c}.${d}`;
const hex16 = (a: number, b: number) => ((a << 8) | b).toString(16);
/** The IPv6 spellings that carry an IPv4 address a connection reaches. */
const carriers = (a: number, b: number, c: number, d: number) => [
  `::ffff:${octets(a, b, c, d)}`,
  `::ffff:${hex16(a, b)}:${hex16(c, d)}`,
  `0:0:0:0:0:ffff:${hex16(a, b)}:${hex16(c, d)}`,
  `64:ff9b::${octets(a, b, c, d)}`,
  `64:ff9b::${hex16(a, b)}:${hex16(c, d)}`,
];

/** Addresses, grouped one kind a line. */
const list = (text: string) => text.trim().split(/\s+/);

const NOT_PUBLIC = list(`
  10.0.0.1 10.255.255.255 172.16.0.1 172.31.255.254 192.168.1.1
  127.0.0.1 127.255.255.254 ::1 0.0.0.0 0.1.2.3 ::
  169.254.169.254 169.254.0.1 fe80::1 febf::1 fe80::1%eth0
  100.64.0.1 100.127.255.255 fc00::1 fd12:3456::1
  224.0.0.1 239.255.255.250 ff02::1 240.0.0.1 255.255.255.255 192.0.2.10 198.18.0.1 2001:db8::1
  ::ffff:127.0.0.1 ::ffff:7f00:1 ::ffff:a9fe:a9fe ::127.0.0.1 ::7f00:1
  64:ff9b::10.0.0.1 64:ff9b::a9fe:a9fe 2002:7f00:1::1 2001:0:4136:e378::1
  localhost 2130706433 0x7f000001 0177.0.0.1
`);

const PUBLIC = list(`
  8.8.8.8 1.1.1.1 172.15.255.255 172.32.0.1 100.63.255.255 100.128.0.1 169.253.255.255 223.255.255.255
  2606:4700:4700::1111 2a00:1450:4001::200e ::ffff:8.8.8.8 64:ff9b::808:808
`);

describe('isPublicAddress', () => {
  it.each([...NOT_PUBLIC.map((ip) => [ip, false] as const), ['', false] as const, ...PUBLIC.map((ip) => [ip, true] as const)])(
    '%s: %s',
    (ip, expected) => {
      expect(isPublicAddress(ip)).toBe(expected);
    },
  );

  const byte = fc.integer({ min: 0, max: 255 });
  it('refuses every address of the private, loopback, link-local and CGNAT ranges, in every spelling that carries it', () => {
    const ranges: Array<[number, number, number]> = [
      [10, 0, 255],
      [127, 0, 255],
      [169, 254, 254],
      [172, 16, 31],
      [192, 168, 168],
      [100, 64, 127],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...ranges), byte, byte, byte, ([a, low, high], b, c, d) => {
        const second = low + (b % (high - low + 1));
        for (const ip of [octets(a, second, c, d), ...carriers(a, second, c, d)]) expect(isPublicAddress(ip), ip).toBe(false);
      }),
    );
  });

  it('treats an IPv4 address and every IPv6 spelling that carries it alike', () => {
    fc.assert(
      fc.property(byte, byte, byte, byte, (a, b, c, d) => {
        const verdict = isPublicAddress(octets(a, b, c, d));
        for (const ip of carriers(a, b, c, d)) expect(isPublicAddress(ip), ip).toBe(verdict);
      }),
    );
  });

  it('accepts IPv6 only in global unicast (2000::/3)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        // The WHATWG parser writes every IPv6 address one way: `::ffff:7f00:1`, `64:ff9b::808:808`.
        const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
        const carried = canonical.startsWith('::ffff:') || canonical.startsWith('64:ff9b::');
        if (isPublicAddress(ip) && !carried) expect(/^[23][0-9a-f]{0,3}:/.test(canonical), canonical).toBe(true);
      }),
    );
  });
});

describe('deliveryAddress', () => {
  const resolved = (...addresses: string[]) => addresses.map((address) => ({ address, family: isIP(address) }));

  it('connects to the first address when every resolved address is public', () => {
    expect(deliveryAddress(resolved('8.8.8.8', '2606:4700:4700::1111'))).toEqual({ address: { address: '8.8.8.8', family: 4 } });
  });

  it('refuses the lot when one of them is not public (DNS rebinding), or there is none', () => {
    expect(deliveryAddress(resolved('8.8.8.8', '169.254.169.254'))).toEqual({ refused: '169.254.169.254 is not a public address' });
    expect(deliveryAddress([])).toEqual({ refused: 'the host has no address' });
  });

  it('catches at delivery what registration cannot see: a public name that resolves to the metadata service', () => {
    expect(webhookUrlProblem('https://169.254.169.254.nip.io/latest', aws)).toBeUndefined();
    expect(deliveryAddress(resolved('169.254.169.254'))).toEqual({ refused: '169.254.169.254 is not a public address' });
  });
});

describe('webhook URLs', () => {
  it.each([
    ['http://hooks.example.com/x', 'expected an https URL'],
    ['ftp://hooks.example.com/x', 'expected an https URL'],
    ['hooks.example.com/x', 'expected an absolute URL like https://example.com/hooks'],
    ['https://user:pw@hooks.example.com/x', 'must not carry credentials (put them in the secret the signature uses)'],
    ['https://hooks.example.com/x#frag', 'must not have a fragment'],
    ['https://127.0.0.1/x', '127.0.0.1 is not a public address'],
    ['https://2130706433/x', '127.0.0.1 is not a public address'],
    ['https://0x7f.1/x', '127.0.0.1 is not a public address'],
    ['https://0177.0.0.1/x', '127.0.0.1 is not a public address'],
    ['https://0251.0376.0251.0376/latest/meta-data', '169.254.169.254 is not a public address'],
    ['https://[::ffff:127.0.0.1]/x', '::ffff:7f00:1 is not a public address'],
    ['https://[::1]:8443/x', '::1 is not a public address'],
    ['https://[fd00::1]/x', 'fd00::1 is not a public address'],
    ['https://10.1.2.3/x', '10.1.2.3 is not a public address'],
    ['https://localhost/x', 'localhost is not a public host name'],
    ['https://localhost./x', 'localhost. is not a public host name'],
    ['https://%6c%6fcalhost/x', 'localhost is not a public host name'],
    ['https://\u24dbocalhost/x', 'localhost is not a public host name'],
    ['https://127.0.0.1./x', '127.0.0.1 is not a public address'],
    ['https://0/x', '0.0.0.0 is not a public address'],
    ['https://[::ffff:169.254.169.254]/x', '::ffff:a9fe:a9fe is not a public address'],
    ['https:\\\\127.0.0.1/x', '127.0.0.1 is not a public address'],
    ['https://api.localhost/x', 'api.localhost is not a public host name'],
    ['https://intranet/x', 'intranet is not a public host name'],
    ['https://db.internal/x', 'db.internal is not a public host name'],
    ['https://hooks.example.com:25/x', 'the port must be 443 (the default) or 1024 and above'],
    ['http://127.0.0.1:8080/hook', 'expected an https URL'],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, 'must be at most 2048 characters'],
  ])('on AWS refuse %s: %s', (url, problem) => {
    expect(webhookUrlProblem(url, aws)).toBe(problem);
  });

  it.each([
    'https://hooks.example.com/sla',
    'https://hooks.example.com:8443/sla?token=abc',
    'https://8.8.8.8/x',
    'https://[2606:4700::1]/x',
  ])('on AWS accept %s', (url) => {
    expect(webhookUrlProblem(url, aws)).toBeUndefined();
  });

  it('locally also accept plain http to this machine, and nothing else over http', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', local)).toBeUndefined();
    expect(webhookUrlProblem('http://[::1]:8080/hook', local)).toBeUndefined();
    expect(webhookUrlProblem('https://hooks.example.com/sla', local)).toBeUndefined();
    expect(webhookUrlProblem('http://hooks.example.com/hook', local)).toBe('expected https, or http://127.0.0.1:<port> on the local stack');
    expect(webhookUrlProblem('http://10.0.0.1:8080/hook', local)).toBe('expected https, or http://127.0.0.1:<port> on the local stack');
    expect(webhookUrlProblem('http://localhost:8080/hook', local)).toBe('expected https, or http://127.0.0.1:<port> on the local stack');
    expect(webhookUrlProblem('https://127.0.0.1:8443/hook', local)).toBe('127.0.0.1 is not a public address');
  });
});
