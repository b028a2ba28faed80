import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { Policy } from '#shared/policy/policy.ts';
import { defineOrg, type Org, tierAt, withTierEntry } from '#shared/tickets/org.ts';
import { planTierReview, type TurnoverRow, tierReviewSpec } from '#shared/tier-review/plan-tier-review.ts';
import { reviewedTiers } from '#shared/tier-review/tier-review.ts';

const tiered = loadPreset('tiered');
const reviewSpec = tierReviewSpec(tiered);
const JAN = Date.parse('2027-01-10T09:00:00Z');
const org = (id: string, tier: string, at = JAN) => defineOrg(id, { name: id, policy: 'tiered', tier }, tiered, at);

const plan = (orgs: Org[], turnover: TurnoverRow[]) => planTierReview({ policy: tiered, quarter: '2027-Q2', orgs, turnover });

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  return [];
};

describe('planTierReview', () => {
  describe('the tier a turnover earns (tiered preset: platinum from 30000 EUR, gold from 5000 EUR)', () => {
    it.each([
      [3_000_000, 'basic', 'platinum'],
      [2_999_999, 'basic', 'gold'],
      [500_000, 'basic', 'gold'],
      [499_999, 'basic', 'basic'],
      [0, 'basic', 'basic'],
    ])('%i cents take a %s org to %s', (amount, from, to) => {
      expect(plan([org('a', from)], [{ org: 'a', amount }]).moves).toMatchObject([{ org: 'a', from, to, turnover: amount }]);
    });

    it('says why, in the currency', () => {
      const [gold] = plan([org('a', 'basic')], [{ org: 'a', amount: 510_000 }]).moves;
      expect(gold?.reason).toBe('turnover 5100.00 EUR reaches the gold threshold of 5000.00 EUR');
    });

    it('never lowers a tier when the policy has no downgrades (the seed only speaks of upgrades)', () => {
      const [kept] = plan([org('a', 'platinum')], [{ org: 'a', amount: 0 }]).moves;
      expect(kept).toMatchObject({ from: 'platinum', to: 'platinum' });
      expect(kept?.reason).toBe(
        'turnover 0.00 EUR is below every threshold (the lowest, gold, is 5000.00 EUR), which would mean basic; the policy never lowers a tier, so it stays platinum',
      );
    });

    it('lowers a tier when the policy allows downgrades', () => {
      const policy = Policy.fromSpec({ ...tiered.spec, tierReview: { ...reviewSpec, downgrades: true } });
      const lowering = planTierReview({ policy, quarter: '2027-Q2', orgs: [org('a', 'platinum')], turnover: [{ org: 'a', amount: 0 }] });
      expect(lowering.moves).toMatchObject([{ from: 'platinum', to: 'basic' }]);
    });
  });

  describe('when the new tier starts', () => {
    it("is local midnight of the quarter's first day in the policy's zone (Berlin, summer time)", () => {
      expect(plan([org('a', 'basic')], [{ org: 'a', amount: 0 }]).moves[0]?.start).toBe(Date.parse('2027-03-31T22:00:00Z'));
    });

    it("is each org's own region's midnight (KORE with a review: New York and Sydney)", () => {
      const kore = loadPreset('kore');
      const review = { ...reviewSpec, thresholds: { diamond: 3_000_000, premium: 500_000 }, otherwise: 'basic' };
      const policy = Policy.fromSpec({ ...kore.spec, tierReview: review });
      const ny = defineOrg('ny', { name: 'NY', policy: 'kore', tier: 'basic', region: 'us' }, policy, JAN);
      const au = defineOrg('au', { name: 'AU', policy: 'kore', tier: 'basic', region: 'apac' }, policy, JAN);
      const moves = planTierReview({
        policy,
        quarter: '2027-Q2',
        orgs: [ny, au],
        turnover: [
          { org: 'ny', amount: 0 },
          { org: 'au', amount: 0 },
        ],
      }).moves;
      expect(moves.map((m) => new Date(m.start).toISOString())).toEqual(['2027-04-01T04:00:00.000Z', '2027-03-31T13:00:00.000Z']);
    });
  });

  describe('the orgs of the review', () => {
    it('lists the orgs of the policy without a row, with their tier, and leaves them be', () => {
      const orgs = [
        org('a', 'gold'),
        org('b', 'platinum'),
        defineOrg('k', { name: 'k', policy: 'kore', tier: 'basic', region: 'us' }, loadPreset('kore'), JAN),
      ];
      const planned = plan(orgs, [{ org: 'a', amount: 0 }]);
      expect(planned.missing).toEqual([{ org: 'b', tier: 'platinum' }]);
    });

    it('refuses unknown orgs, other policies’ orgs, duplicates and negative or fractional amounts, each by its path', () => {
      const kore = defineOrg('k', { name: 'k', policy: 'kore', tier: 'basic', region: 'us' }, loadPreset('kore'), JAN);
      expect(
        errorsOf(() =>
          plan(
            [org('a', 'gold'), kore],
            [
              { org: 'nobody', amount: 1 },
              { org: 'k', amount: 1 },
              { org: 'a', amount: 1 },
              { org: 'a', amount: -1 },
              { org: 'a', amount: 0.5 },
            ],
          ),
        ),
      ).toEqual([
        { path: 'turnover[0].org', message: 'no organisation "nobody"' },
        { path: 'turnover[1].org', message: 'organisation "k" is under policy kore, not tiered' },
        { path: 'turnover[3].org', message: '"a" has a row already (turnover[2].org)' },
        { path: 'turnover[3].amount', message: 'expected a turnover of 0 or more, in whole minor units' },
        { path: 'turnover[4].org', message: '"a" has a row already (turnover[2].org)' },
        { path: 'turnover[4].amount', message: 'expected a turnover of 0 or more, in whole minor units' },
      ]);
    });

    it('takes the tier before an earlier run of the same quarter as where the org comes from', () => {
      const a = org('a', 'basic');
      const [first] = plan([a], [{ org: 'a', amount: 3_000_000 }]).moves;
      if (first === undefined) throw new Error('no move');
      const reviewed = { ...a, tiers: reviewedTiers(a, first, '2027-Q2', JAN) ?? a.tiers };
      expect(plan([reviewed], [{ org: 'a', amount: 600_000 }]).moves).toMatchObject([{ from: 'basic', to: 'gold' }]);
    });
  });
});

describe('an org’s tier history', () => {
  const a = org('a', 'basic', Date.parse('2027-01-01T00:00:00Z'));
  const history = withTierEntry(a.tiers, {
    tier: 'gold',
    from: Date.parse('2027-04-01T00:00:00Z'),
    recordedAt: Date.parse('2027-03-20T00:00:00Z'),
    source: 'review',
    review: '2027-Q2',
  });

  it('answers the tier of a ticket opened at an instant: the last entry from then or before', () => {
    expect(tierAt({ tiers: history }, Date.parse('2027-03-31T23:59:59.999Z'))).toBe('basic');
    expect(tierAt({ tiers: history }, Date.parse('2027-04-01T00:00:00Z'))).toBe('gold');
  });

  it('keeps entries sorted wherever one is added', () => {
    const feb = Date.parse('2027-02-01T00:00:00Z');
    const admin = withTierEntry(history, { tier: 'platinum', from: feb, recordedAt: feb, source: 'admin' });
    expect(admin.map((e) => e.tier)).toEqual(['basic', 'platinum', 'gold']);
  });

  it('changes on an admin’s new tier only, from that moment', () => {
    const later = Date.parse('2027-02-01T00:00:00Z');
    expect(defineOrg('a', { name: 'a', policy: 'tiered', tier: 'basic' }, tiered, later, a).tiers).toEqual(a.tiers);
    expect(defineOrg('a', { name: 'a', policy: 'tiered', tier: 'gold' }, tiered, later, a).tiers.at(-1)).toEqual({
      tier: 'gold',
      from: later,
      recordedAt: later,
      source: 'admin',
    });
  });

  it('drops the entries still to come when the org moves to another policy', () => {
    const moved = defineOrg(
      'a',
      { name: 'a', policy: 'kore', tier: 'diamond', region: 'us' },
      loadPreset('kore'),
      Date.parse('2027-03-01T00:00:00Z'),
      {
        ...a,
        tiers: history,
      },
    );
    expect(moved.tiers.map((e) => e.tier)).toEqual(['basic', 'diamond']);
  });
});
