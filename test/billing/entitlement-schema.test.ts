import { describe, expect, it } from 'vitest';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { policyProblems, variantOf } from '../support/policy-problems.ts';

const VALID = `
id: shop
version: 1
name: Shop support
roles:
  tier1: { name: Tier I }
calendars:
  office: { timezone: Europe/Berlin, hours: { mon: ["09:00-17:00"] } }
tiers:
  gold:
    included: { time: 4h, per: month, rollover: { carry: 8h } }
    overage: { rate: { amount: 75, currency: EUR }, increment: 15m, rounding: up }
  basic:
    sla: false
    paid: { rate: { amount: "50.50", currency: EUR }, increment: 6m, rounding: nearest }
  plan: {}
severities:
  normal: { calendar: office, tiers: { gold: { response: 4h }, plan: { response: 8h } } }
tickets:
  categories: [bug, question]
billing:
  currency: EUR
  freeCategories: [bug]
`;

const variant = variantOf(VALID);
const problemsOf = (yaml: string) => policyProblems(yaml, 'shop.yaml');

describe('billing terms in a policy', () => {
  it('reads included time, roll-over, overage and paid terms as minutes and integer minor units', () => {
    const policy = parsePolicy(VALID, 'shop.yaml');
    expect(policy.billingOf('gold')).toMatchObject({
      included: { minutes: 240, per: 'month', carryMinutes: 480 },
      overage: { rate: { amount: 7500, currency: 'EUR' }, incrementMinutes: 15, rounding: 'up' },
    });
    expect(policy.billingOf('basic').paid).toEqual({ rate: { amount: 5050, currency: 'EUR' }, incrementMinutes: 6, rounding: 'nearest' });
    expect(policy.billingOf('plan')).not.toHaveProperty('included');
    expect(policy.currency).toBe('EUR');
    expect(policy.isFreeCategory('bug')).toBe(true);
    expect(policy.isFreeCategory(undefined)).toBe(false);
  });

  it('takes the currency from the rates when billing names none, and has none when nothing is billed', () => {
    expect(parsePolicy(variant('  currency: EUR\n', ''), 'shop.yaml').currency).toBe('EUR');
    const unbilled = VALID.replace(/ {4}(included|overage|paid): .*\n/g, '')
      .replace('  gold:\n', '  gold: {}\n')
      .replace(/billing:[\s\S]*$/, '');
    expect(parsePolicy(unbilled, 'shop.yaml').currency).toBe('XXX');
  });

  it('counts amounts in the currency own minor units (JPY has none)', () => {
    const yen = VALID.replaceAll('EUR', 'JPY').replace('"50.50"', '5000');
    expect(parsePolicy(yen, 'shop.yaml').billingOf('basic').paid?.rate).toEqual({ amount: 5000, currency: 'JPY' });
    expect(problemsOf(VALID.replaceAll('EUR', 'JPY'))).toEqual([
      'tiers.basic.paid.rate.amount: JPY has 0 decimals: 50.50 cannot be billed exactly',
    ]);
  });

  // [what is wrong, [a piece of the valid policy, what it becomes], the problem reported]: one case a line.
  // biome-ignore format: a case split over lines no longer reads as a row of the table
  const cases: Array<[string, [string, string], string]> = [
    ['negative included time', ['time: 4h', 'time: -4h'], 'tiers.gold.included.time: expected a duration like "4h", "2h30m", "15m" or "3d" (up to a year), got "-4h"'],
    ['a zero increment', ['increment: 15m', 'increment: 0m'], 'tiers.gold.overage.increment: expected a duration like "4h", "2h30m", "15m" or "3d" (from 1m up to a year), got "0m"'],
    ['an unknown period', ['per: month', 'per: week'], 'tiers.gold.included.per: Invalid option: expected one of "month"|"quarter"|"year"'],
    ['an unknown rounding', ['rounding: up', 'rounding: down'], 'tiers.gold.overage.rounding: Invalid option: expected one of "up"|"nearest"'],
    ['a carry without a cap', ['rollover: { carry: 8h }', 'rollover: carry'], 'tiers.gold.included.rollover: Invalid input'],
    ['both included time and paid terms', ['  plan: {}', '  plan: { included: { time: 1h, per: year }, paid: { rate: { amount: 1, currency: EUR }, increment: 1m, rounding: up } }'], 'tiers.plan.paid: a tier has either included time (with overage) or paid terms, not both'],
    ['overage without included time', ['  plan: {}', '  plan: { overage: { rate: { amount: 1, currency: EUR }, increment: 1m, rounding: up } }'], 'tiers.plan.overage: overage is time beyond included time: give the tier "included"'],
    ['an unknown free category', ['freeCategories: [bug]', 'freeCategories: [bugs]'], 'billing.freeCategories[0]: unknown category "bugs" (tickets.categories: bug, question)'],
    ['free categories without ticket categories', ['  categories: [bug, question]\n', '  requiredFields: []\n'], 'billing.freeCategories[0]: free categories must be declared in tickets.categories'],
    ['a rate in another currency', ['amount: "50.50", currency: EUR', 'amount: "50.50", currency: USD'], 'tiers.basic.paid.rate.currency: all rates of a policy share one currency: billing.currency is EUR, this is USD'],
    ['an amount finer than the currency', ['amount: 75,', 'amount: 75.001,'], 'tiers.gold.overage.rate.amount: EUR has 2 decimals: 75.001 cannot be billed exactly'],
    ['a negative amount', ['amount: 75,', 'amount: -75,'], 'tiers.gold.overage.rate.amount: expected an amount like 75 or 75.00, got -75'],
    ['an amount in words', ['amount: 75,', 'amount: lots,'], 'tiers.gold.overage.rate.amount: expected an amount like 75 or 75.00, got "lots"'],
    ['an absurd amount', ['amount: 75,', 'amount: 1e21,'], 'tiers.gold.overage.rate.amount: expected an amount like 75 or 75.00, got 1e+21'],
    ['a rate past the cap', ['amount: 75,', 'amount: 100000.01,'], 'tiers.gold.overage.rate.amount: at most 10000000 minor units an hour'],
    ['an unknown currency', ['billing:\n  currency: EUR', 'billing:\n  currency: EURO'], 'billing.currency: expected an ISO 4217 currency code like EUR, got "EURO"'],
    ['the old hourly rate', ['billing:\n', 'billing:\n  hourlyRate: { amount: 75, currency: EUR }\n'], 'billing: unknown field "hourlyRate"'],
  ];
  it.each(cases)('rejects %s, naming the field', (_what, [from, to], problem) => {
    expect(problemsOf(variant(from, to))).toEqual([problem]);
  });

  it('names the odd rate when the rates disagree and billing names no currency', () => {
    const mixed = variant('  currency: EUR\n', '').replace('amount: "50.50", currency: EUR', 'amount: "50.50", currency: USD');
    expect(problemsOf(mixed)).toEqual([
      'tiers.basic.paid.rate.currency: all rates of a policy share one currency: the first rate is EUR, this is USD',
    ]);
  });
});
