import { describe, expect, it } from 'vitest';
import { priceOf, roundToIncrement } from '#shared/billing/billed-time.ts';
import { formatMinorUnits, toMinorUnits } from '#shared/billing/money.ts';

describe('money', () => {
  it.each([
    [75, 'EUR', 7500],
    ['75.00', 'EUR', 7500],
    [75.5, 'EUR', 7550],
    [0.1, 'EUR', 10],
    [19.99, 'EUR', 1999],
    [5000, 'JPY', 5000],
    ['1.234', 'BHD', 1234],
    ['75.000', 'EUR', 7500],
  ] as const)('converts %j %s to %i minor units exactly', (major, currency, minor) => {
    expect(toMinorUnits(major, currency)).toEqual({ minor });
  });

  it.each([
    [75.001, 'EUR', 'EUR has 2 decimals: 75.001 cannot be billed exactly'],
    [1.5, 'JPY', 'JPY has 0 decimals: 1.5 cannot be billed exactly'],
    [-1, 'EUR', 'expected an amount like 75 or 75.00, got -1'],
    [1e21, 'EUR', 'expected an amount like 75 or 75.00, got 1e+21'],
    [1e-7, 'EUR', 'expected an amount like 75 or 75.00, got 1e-7'],
    ['10000000001', 'EUR', 'at most 10000000000.00 EUR'],
  ] as const)('refuses %j %s', (major, currency, error) => {
    expect(toMinorUnits(major, currency)).toEqual({ error });
  });

  it.each([
    [7500, 'EUR', '75.00'],
    [5, 'EUR', '0.05'],
    [-1875, 'EUR', '-18.75'],
    [0, 'EUR', '0.00'],
    [5000, 'JPY', '5000'],
    [1234, 'BHD', '1.234'],
  ] as const)('writes %i %s as %s', (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });
});

describe('billed time', () => {
  it.each([
    [0, 15, 'up', 0],
    [1, 15, 'up', 15],
    [15, 15, 'up', 15],
    [16, 15, 'up', 30],
    [7, 15, 'nearest', 0],
    [8, 15, 'nearest', 15],
    [22, 15, 'nearest', 15],
    [23, 15, 'nearest', 30],
    [3, 6, 'nearest', 6],
  ] as const)('bills %i minutes in %i-minute increments rounded %s as %i', (minutes, increment, rounding, billed) => {
    expect(roundToIncrement(minutes, increment, rounding)).toBe(billed);
  });

  it('prices minutes at an hourly rate, halves rounded away from zero, credits the mirror of charges', () => {
    expect(priceOf(60, 7500)).toBe(7500);
    expect(priceOf(15, 7500)).toBe(1875);
    expect(priceOf(1, 50)).toBe(1); // 0.8333 → 1
    expect(priceOf(1, 30)).toBe(1); // 0.5 → 1
    expect(priceOf(1, 29)).toBe(0); // 0.4833 → 0
    expect(priceOf(-1, 30)).toBe(-1);
    expect(priceOf(-15, 7500)).toBe(-1875);
    // A product past 2^53 is still exact; an amount past it is refused, never rounded.
    expect(priceOf(400_000, 1_000_000_000_000)).toBe(6_666_666_666_666_667);
    expect(() => priceOf(1_000_000_000, 1_000_000_000_000)).toThrow(RangeError);
  });
});
