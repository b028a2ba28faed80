import { describe, expect, it } from 'vitest';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { InvalidConfigError } from '#shared/policy/policy-error.ts';

const policy = (tierReview: string) => `
id: shop
version: 1
name: Shop support
roles:
  tier1: { name: Support }
calendars:
  office: { timezone: America/New_York, hours: { mon: ["09:00-17:00"] } }
tiers:
  platinum: {}
  gold: {}
  basic: { sla: false }
severities:
  normal:
    calendar: office
    tiers:
      platinum: { response: 4h }
      gold: { response: 8h }
tierReview:
${tierReview}
`;

const REVIEW = `  every: quarter
  basis: order turnover of the previous quarter
  currency: EUR
  thresholds: { platinum: 30000, gold: 5000.50 }
  otherwise: basic
  downgrades: true
  remind: { at: "09:00" }`;

const problemsOf = (yaml: string): string[] => {
  try {
    parsePolicy(yaml, 'shop.yaml');
    return [];
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
};

describe('the tierReview section of a policy', () => {
  it('reads thresholds in major units as integer minor units, and the reminder as a local time', () => {
    const parsed = parsePolicy(policy(REVIEW), 'shop.yaml');
    expect(parsed.spec.tierReview).toEqual({
      every: 'quarter',
      basis: 'order turnover of the previous quarter',
      currency: 'EUR',
      thresholds: { platinum: 3_000_000, gold: 500_050 },
      otherwise: 'basic',
      downgrades: true,
      remind: { at: { hours: 9, minutes: 0 } },
    });
  });

  it.each([
    [
      'a tier the policy lacks',
      'platinum: 30000, gold: 5000.50',
      'diamond: 90000, gold: 5000',
      'tierReview.thresholds.diamond: unknown tier "diamond" (tiers: platinum, gold, basic)',
    ],
    [
      'thresholds out of the tiers’ order',
      'platinum: 30000, gold: 5000.50',
      'platinum: 5000, gold: 30000',
      'tierReview.thresholds.gold: must be below the threshold of "platinum", the tier above it',
    ],
    [
      'equal thresholds',
      'platinum: 30000, gold: 5000.50',
      'platinum: 5000, gold: 5000',
      'tierReview.thresholds.gold: must be below the threshold of "platinum", the tier above it',
    ],
    [
      'more decimals than the currency has',
      'gold: 5000.50',
      'gold: 5000.505',
      'tierReview.thresholds.gold: EUR has 2 decimals: 5000.505 cannot be billed exactly',
    ],
    ['a negative amount', 'gold: 5000.50', 'gold: -5', 'tierReview.thresholds.gold: expected an amount like 75 or 75.00, got -5'],
    [
      'an unknown currency',
      'currency: EUR',
      'currency: EURO',
      'tierReview.currency: expected an ISO 4217 currency code like EUR, got "EURO"',
    ],
    [
      'an unknown landing tier',
      'otherwise: basic',
      'otherwise: bronze',
      'tierReview.otherwise: unknown tier "bronze" (tiers: platinum, gold, basic)',
    ],
    [
      'a landing tier with a threshold',
      'otherwise: basic',
      'otherwise: gold',
      'tierReview.otherwise: "gold" has a threshold; name the tier below every threshold',
    ],
    ['a reminder that is no time', 'at: "09:00"', 'at: "9am"', 'tierReview.remind.at: expected a local time like "09:00"'],
    ['another period', 'every: quarter', 'every: month', 'tierReview.every: expected "quarter" (the only review period)'],
  ])('refuses %s, naming the field', (_, from, to, problem) => {
    expect(problemsOf(policy(REVIEW.replace(from, to)))).toContain(problem);
  });

  it('refuses a threshold for a tier ranked below the landing tier', () => {
    const review = REVIEW.replace('thresholds: { platinum: 30000, gold: 5000.50 }', 'thresholds: { platinum: 30000, basic: 100 }').replace(
      'otherwise: basic',
      'otherwise: gold',
    );
    expect(problemsOf(policy(review))).toContain(
      'tierReview.thresholds.basic: "basic" ranks below "gold", where turnover below every threshold lands',
    );
  });

  it('wants every field', () => {
    expect(problemsOf(policy(REVIEW.replace('  downgrades: true\n', '')))).toEqual(['tierReview.downgrades: required (expected boolean)']);
  });
});
