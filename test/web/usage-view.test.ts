import { describe, expect, it } from 'vitest';
import {
  csvFileName,
  formatHours,
  formatMoney,
  lineQuantity,
  minorDigits,
  periodKind,
  periodLabel,
  pickablePeriods,
  previousPeriod,
  statusText,
  usageBar,
} from '../../web/src/lib/usage-view.ts';

describe('formatMoney', () => {
  it('writes integer minor units with the currency, as the locale writes it', () => {
    expect(formatMoney(7500, 'EUR', 'en-GB')).toBe('€75.00');
    expect(formatMoney(7500, 'EUR', 'de-DE')).toBe('75,00\u00a0€');
    expect(formatMoney(5, 'EUR', 'en-GB')).toBe('€0.05');
    expect(formatMoney(0, 'EUR', 'en-GB')).toBe('€0.00');
    expect(formatMoney(-1875, 'EUR', 'en-GB')).toBe('-€18.75');
    expect(formatMoney(123456789, 'USD', 'en-US')).toBe('$1,234,567.89');
  });

  it('follows the minor digits of the currency (none for JPY, three for KWD)', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(formatMoney(7500, 'JPY', 'en-GB')).toBe('JP¥7,500');
    expect(formatMoney(7500, 'KWD', 'en-GB')).toBe('KWD\u00a07.500');
  });

  it('is exact where dividing by 100 is not: amounts beyond what a float holds in cents', () => {
    // 2^53 − 1 minor units: divided by 100 as a float, Intl writes €90,071,992,547,409.90.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR', 'en-GB')).toBe('€90,071,992,547,409.91');
  });

  it('refuses an amount that is not an integer', () => {
    expect(() => formatMoney(75.5, 'EUR')).toThrow('an amount in minor units must be an integer, not 75.5');
  });
});

describe('lineQuantity', () => {
  it('shows the exact minutes beside hours that are rounded (the amount is computed from the minutes)', () => {
    expect(lineQuantity({ quantity: 0.3333, minutes: 20 }, 'en-GB')).toBe('0.3333 (20 min)');
    expect(lineQuantity({ quantity: 1.25, minutes: 75 }, 'en-GB')).toBe('1.25');
    expect(lineQuantity({ quantity: -0.25, minutes: -15 }, 'en-GB')).toBe('-0.25');
  });
});

describe('formatHours', () => {
  it('shows up to four decimals of the hours the API gives', () => {
    expect(formatHours(1, 'en-GB')).toBe('1');
    expect(formatHours(1.25, 'en-GB')).toBe('1.25');
    expect(formatHours(0.0167, 'en-GB')).toBe('0.0167');
  });
});

describe('usageBar', () => {
  it('within the pool: the used part of the included bar, and the share in words', () => {
    expect(usageBar({ includedMinutes: 240, carriedInMinutes: 0, usedMinutes: 180 })).toEqual({
      pool: 100,
      usedWithin: 75,
      over: 0,
      text: '3 h used of 4 h included (75 %).',
    });
  });

  it('beyond the pool: the bar is as long as the use, the overage after the pool', () => {
    expect(usageBar({ includedMinutes: 240, carriedInMinutes: 0, usedMinutes: 300 })).toEqual({
      pool: 80,
      usedWithin: 80,
      over: 20,
      text: '5 h used of 4 h included: 1 h over.',
    });
  });

  it('counts carried-in minutes in the pool and says so', () => {
    const bar = usageBar({ includedMinutes: 240, carriedInMinutes: 60, usedMinutes: 150 });
    expect([bar.pool, bar.usedWithin, bar.over]).toEqual([100, 50, 0]);
    expect(bar.text).toBe('2 h 30 min used of 5 h included (1 h carried in) (50 %).');
  });

  it('never rounds a share up to a threshold', () => {
    expect(usageBar({ includedMinutes: 1000, carriedInMinutes: 0, usedMinutes: 799 }).text).toBe(
      '13 h 19 min used of 16 h 40 min included (79 %).',
    );
  });

  it('with nothing included: all use is over, and an empty bar when nothing was used', () => {
    expect(usageBar({ includedMinutes: 0, carriedInMinutes: 0, usedMinutes: 90 })).toEqual({
      pool: 0,
      usedWithin: 0,
      over: 100,
      text: '1 h 30 min used, none included: all of it over.',
    });
    expect(usageBar({ includedMinutes: 0, carriedInMinutes: 0, usedMinutes: 0 })).toEqual({
      pool: 0,
      usedWithin: 0,
      over: 0,
      text: 'No time included and none used.',
    });
  });

  it('exactly at the pool: full, nothing over', () => {
    expect(usageBar({ includedMinutes: 240, carriedInMinutes: 0, usedMinutes: 240 })).toMatchObject({
      pool: 100,
      usedWithin: 100,
      over: 0,
    });
  });
});

describe('periods', () => {
  it('knows a period by its form', () => {
    expect(['2027-01', '2027-Q1', '2027'].map(periodKind)).toEqual(['month', 'quarter', 'year']);
    expect(() => periodKind('2027-13')).toThrow('not a period: 2027-13');
  });

  it('steps back across years', () => {
    expect(previousPeriod('2027-01')).toBe('2026-12');
    expect(previousPeriod('2027-10')).toBe('2027-09');
    expect(previousPeriod('2027-Q1')).toBe('2026-Q4');
    expect(previousPeriod('2027-Q3')).toBe('2027-Q2');
    expect(previousPeriod('2027')).toBe('2026');
  });

  it('offers the current period first and only earlier ones, never a future one', () => {
    const months = pickablePeriods('2027-02');
    expect(months.slice(0, 3)).toEqual(['2027-02', '2027-01', '2026-12']);
    expect(months).toHaveLength(24);
    expect(pickablePeriods('2027-Q2')).toEqual(['2027-Q2', '2027-Q1', '2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
    expect(pickablePeriods('2027')).toEqual(['2027', '2026', '2025', '2024', '2023']);
  });

  it('labels each form', () => {
    expect(periodLabel('2027-01', 'en-GB')).toBe('January 2027');
    expect(periodLabel('2027-Q2', 'en-GB')).toBe('2027 Q2 (Apr–Jun)');
    expect(periodLabel('2027', 'en-GB')).toBe('2027');
  });
});

describe('statusText', () => {
  it("says an open statement is provisional until the period's end, in the organisation's zone", () => {
    expect(statusText({ status: 'open', end: '2027-01-31T23:00:00.000Z', zone: 'Europe/Berlin' }, 'en-GB')).toBe(
      'Provisional until Mon, 1 Feb 2027, 00:00 CET (Europe/Berlin): time logged until then still counts.',
    );
    expect(statusText({ status: 'closed', end: Date.parse('2027-01-31T23:00:00Z'), zone: 'Europe/Berlin' }, 'en-GB')).toBe(
      'Closed on Mon, 1 Feb 2027, 00:00 CET (Europe/Berlin); issued, it does not change.',
    );
  });
});

describe('csvFileName', () => {
  it('names the organisation and the period', () => expect(csvFileName('tiered-demo', '2027-01')).toBe('usage-tiered-demo-2027-01.csv'));
});
