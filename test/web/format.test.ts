import { describe, expect, it } from 'vitest';
import { formatDuration, formatInstant } from '../../web/src/lib/format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [12 * 60_000 + 5_000, '12m 05s'],
    [2 * 3_600_000 + 5 * 60_000 + 59_000, '2h 05m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3d 04h'],
    [-(15 * 60_000), '−15m 00s'],
    [-(26 * 3_600_000), '−1d 02h'],
  ])('%d ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('never shows a part second, so a countdown changes once a second', () => {
    expect(formatDuration(59_999)).toBe('59s');
    expect(formatDuration(-999)).toBe('0s');
  });
});

describe('formatInstant', () => {
  it('shows the instant in the given zone and names the zone, across DST', () => {
    expect(formatInstant('2026-03-02T13:05:00Z', 'Europe/Berlin', 'en-GB')).toBe('Mon, 2 Mar 2026, 14:05 CET (Europe/Berlin)');
    expect(formatInstant('2026-07-02T13:05:00Z', 'Europe/Berlin', 'en-GB')).toBe('Thu, 2 Jul 2026, 15:05 CEST (Europe/Berlin)');
    expect(formatInstant(Date.parse('2026-03-02T13:05:00Z'), 'America/New_York', 'en-US')).toBe(
      'Mon, Mar 2, 2026, 08:05 EST (America/New_York)',
    );
  });
});
