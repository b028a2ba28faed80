import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { Policy } from '#shared/policy/policy.ts';
import { type TierEntry, tierAt, withTierEntry } from '#shared/tickets/org.ts';
import { billedTierAt } from '#shared/tier-review/billed-tier.ts';

const at = (iso: string) => Date.parse(iso);
const admin = (tier: string, from: string): TierEntry => ({ tier, from: at(from), recordedAt: at(from), source: 'admin' });
const review = (tier: string, quarter: string, from: string, recorded: string): TierEntry => ({
  tier,
  from: at(from),
  recordedAt: at(recorded),
  source: 'review',
  review: quarter,
});
const history = (...entries: TierEntry[]) => ({ tiers: entries.reduce<TierEntry[]>((tiers, e) => withTierEntry(tiers, e), []) });

/** Berlin's midnight starting 2027-Q1 and 2027-Q2, in UTC (the tiered preset's zone). */
const Q1 = '2026-12-31T23:00:00Z';
const Q2 = '2027-03-31T22:00:00Z';

describe('tierAt', () => {
  describe('a review applied after its quarter began', () => {
    const org = history(admin('gold', '2027-01-01T08:00:00Z'), review('platinum', '2027-Q1', Q1, '2027-02-10T08:00:00Z'));

    it('holds over the admin entries of its quarter recorded before it (the org’s creation on the first day)', () => {
      expect(tierAt(org, at('2027-01-01T07:00:00Z'))).toBe('platinum');
      expect(tierAt(org, at('2027-01-05T00:00:00Z'))).toBe('platinum');
      expect(tierAt(org, at('2027-02-10T08:00:00Z'))).toBe('platinum');
    });

    it('gives way to an admin change recorded after it, from that change on', () => {
      const changed = history(...org.tiers, admin('basic', '2027-02-20T00:00:00Z'));
      expect(tierAt(changed, at('2027-02-19T23:59:59Z'))).toBe('platinum');
      expect(tierAt(changed, at('2027-02-20T00:00:00Z'))).toBe('basic');
      expect(tierAt(changed, at('2027-05-01T00:00:00Z'))).toBe('basic');
    });

    it('is not known before it was applied: January, closed on 1 February, stays gold', () => {
      expect(tierAt(org, at('2027-01-05T00:00:00Z'), { knownAt: at('2027-01-31T22:59:59.999Z') })).toBe('gold');
      expect(tierAt(org, at('2027-02-01T00:00:00Z'), { knownAt: at('2027-02-28T22:59:59.999Z') })).toBe('platinum');
    });
  });

  it('never lets a quarter’s review, applied again later, override the next quarter’s review', () => {
    const org = history(
      admin('basic', '2027-01-01T08:00:00Z'),
      review('gold', '2027-Q2', Q2, '2027-03-20T08:00:00Z'),
      review('platinum', '2027-Q1', Q1, '2027-03-25T08:00:00Z'),
    );
    expect(tierAt(org, at('2027-03-30T00:00:00Z'))).toBe('platinum');
    expect(tierAt(org, at(Q2))).toBe('gold');
  });

  it('answers the earliest entry before every entry', () => {
    expect(tierAt(history(admin('gold', '2027-01-01T08:00:00Z')), at('2026-06-01T00:00:00Z'))).toBe('gold');
  });
});

describe('billedTierAt (the tier a statement bills)', () => {
  const tiered = loadPreset('tiered');
  const zone = tiered.zone();
  const org = history(admin('gold', '2026-12-01T08:00:00Z'), review('platinum', '2027-Q1', Q1, '2027-02-10T08:00:00Z'));

  it('bills each month at the tier as its history stood at the month’s close', () => {
    const billed = billedTierAt(org, tiered, zone);
    expect(billed(at(Q1))).toBe('gold');
    expect(billed(at('2027-01-31T23:00:00Z'))).toBe('platinum');
  });

  it('bills an open quarter at a review applied during it, when the tier is billed by the quarter', () => {
    const quarterly = (tier: 'gold' | 'platinum') => {
      const spec = tiered.spec.tiers[tier];
      if (spec?.included === undefined) throw new Error(`${tier} has no included time`);
      return { ...spec, included: { ...spec.included, per: 'quarter' as const } };
    };
    const policy = Policy.fromSpec({
      ...tiered.spec,
      tiers: { ...tiered.spec.tiers, gold: quarterly('gold'), platinum: quarterly('platinum') },
    });
    expect(billedTierAt(org, policy, zone)(at(Q1))).toBe('platinum');
    expect(billedTierAt(org, policy, zone)(at('2026-10-01T00:00:00Z'))).toBe('gold');
  });
});
