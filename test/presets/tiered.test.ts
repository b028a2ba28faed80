/**
 * The tiered support-levels preset, checked against the tiered seed (Basic, Gold and Platinum
 * levels, "Qualifying for a Tier") and the decided interpretation: "within N hours, five days a
 * week" counts whole weekdays in Europe/Berlin; Basic has no response promise.
 */

import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { at, iso } from '../support/calendars.ts';
import { calendarSpec, monToFri, slaTargets, weeklyHours } from './preset-helpers.ts';

const policy = loadPreset('tiered');

/** Major units of EUR as the policy holds them: minor units (cents). */
const eur = (amount: number) => ({ amount: amount * 100, currency: 'EUR' });
const tierSpec = (tier: string) => policy.spec.tiers[tier];
/** The preset's calendar of whole weekdays. */
const WEEKDAYS = 'weekdays';
const weekdaysClock = () => slaTargets(policy, 'normal', 'gold').clock;

describe('Tiered support levels preset', () => {
  describe('vocabulary', () => {
    it('is the tiered policy traced to the support-levels seed', () => {
      expect(policy.id).toBe('tiered');
      expect(policy.spec.source).toBe('tiered-support-levels.txt');
    });

    it('has the basic, gold and platinum levels', () => {
      expect([...policy.tiers].sort()).toEqual(['basic', 'gold', 'platinum']);
    });

    it('ranks platinum first and basic last, so a tier-ordered queue serves platinum first', () => {
      const rank = (tier: string) => policy.tiers.indexOf(tier);
      expect(rank('platinum')).toBeLessThan(rank('gold'));
      expect(rank('gold')).toBeLessThan(rank('basic'));
    });

    it('has a single normal severity', () => {
      expect(policy.severities).toEqual(['normal']);
    });
  });

  describe('response targets', () => {
    it.each([
      ['gold', 72],
      ['platinum', 24],
    ] as const)('answers %s customers within %i hours of weekday time', (tier, hours) => {
      expect(policy.hasSla(tier)).toBe(true);
      const targets = slaTargets(policy, 'normal', tier);
      expect(targets.response).toBe(hours * HOUR_MS);
      expect(targets.clock.calendarName).toBe(WEEKDAYS);
    });

    it('promises basic customers no response time at all', () => {
      expect(policy.hasSla('basic')).toBe(false);
      expect(policy.targets('normal', 'basic')).toBeUndefined();
    });

    it.each(['gold', 'platinum'] as const)('has no escalation ladder, update cadence or resolution target for %s', (tier) => {
      const targets = slaTargets(policy, 'normal', tier);
      expect(targets.escalation).toEqual([]);
      expect(targets.update).toBeUndefined();
      expect(targets.resolution).toBeUndefined();
    });

    it('pages nobody extra after hours', () => {
      expect(policy.afterHoursPages('normal', undefined, at('2026-07-11T12:00:00Z'))).toEqual([]);
    });
  });

  describe('the five-day week', () => {
    it('declares Berlin time, whole days Monday to Friday, no holidays', () => {
      expect(calendarSpec(policy, WEEKDAYS).timezone).toBe('Europe/Berlin');
      expect(weeklyHours(policy, WEEKDAYS)).toEqual(monToFri('00:00-24:00'));
      expect(calendarSpec(policy, WEEKDAYS).holidays).toBeUndefined();
    });

    // [open or closed, local wall-clock moment, UTC instant]
    it.each([
      ['open', 'Mon 12 Jan 00:00 CET', '2026-01-11T23:00:00Z'],
      ['closed', 'Sun 11 Jan 23:59 CET', '2026-01-11T22:59:00Z'],
      ['open', 'Fri 16 Jan 23:59 CET', '2026-01-16T22:59:00Z'],
      ['closed', 'Sat 17 Jan 00:00 CET', '2026-01-16T23:00:00Z'],
      ['closed', 'Sun 29 Mar 12:00 CEST, the day the clocks go forward', '2026-03-29T10:00:00Z'],
      ['open', 'Mon 30 Mar 00:00 CEST', '2026-03-29T22:00:00Z'],
      ['open', 'Good Friday, Fri 3 Apr 12:00 CEST (the policy closes on no holidays)', '2026-04-03T10:00:00Z'],
      ['open', 'Fri 17 Jul 23:59 CEST', '2026-07-17T21:59:00Z'],
      ['closed', 'Sat 18 Jul 00:00 CEST', '2026-07-17T22:00:00Z'],
      ['closed', 'Sun 19 Jul 23:59 CEST', '2026-07-19T21:59:00Z'],
      ['open', 'Mon 20 Jul 00:00 CEST', '2026-07-19T22:00:00Z'],
    ] as const)('is %s on %s (%s)', (state, _local, instant) => {
      expect(weekdaysClock().calendar.isOpen(at(instant)) ? 'open' : 'closed').toBe(state);
    });

    it('counts 24 hours for every weekday, also across the spring clock change', () => {
      const { calendar } = weekdaysClock();
      expect(calendar.between(at('2026-07-13T00:00:00Z'), at('2026-07-13T00:00:00Z') + 7 * DAY_MS)).toBe(120 * HOUR_MS);
      // Mon 23 Mar 00:00 CET to Sat 4 Apr 00:00 CEST: ten weekdays, the clock change falls on the Sunday between.
      expect(calendar.between(at('2026-03-22T23:00:00Z'), at('2026-04-03T22:00:00Z'))).toBe(240 * HOUR_MS);
    });
  });

  describe('plans, hours and prices', () => {
    it('includes 4 support hours a month in gold and 10 in platinum, none in basic', () => {
      expect(policy.billingOf('gold').included).toEqual({ minutes: 4 * 60, per: 'month', carryMinutes: 0 });
      expect(policy.billingOf('platinum').included).toEqual({ minutes: 10 * 60, per: 'month', carryMinutes: 0 });
      expect(policy.billingOf('basic').included).toBeUndefined();
    });

    it('charges 75 EUR an hour for support on demand and for hours beyond the included ones, in 15 minutes rounded up', () => {
      const terms = { rate: eur(75), incrementMinutes: 15, rounding: 'up' };
      expect(policy.billingOf('basic').paid).toEqual(terms);
      expect(policy.billingOf('gold').overage).toEqual(terms);
      expect(policy.billingOf('platinum').overage).toEqual(terms);
      expect(policy.currency).toBe('EUR');
    });

    it('keeps the 200 EUR project fee for basic customers as a note (a one-off charge, not time)', () => {
      expect(tierSpec('basic')?.note).toContain('200 EUR');
    });

    it.each([
      ['gold', 200, 2000],
      ['platinum', 500, 5000],
    ] as const)('prices %s at %i EUR a month or %i EUR a year', (tier, monthly, yearly) => {
      expect(tierSpec(tier)?.price).toEqual({ monthly: eur(monthly), yearly: eur(yearly) });
    });

    it('leaves basic customers to the community forum and gives gold and platinum the helpdesk portal', () => {
      expect(tierSpec('basic')?.channels).toEqual(['forum']);
      expect(tierSpec('gold')?.channels).toContain('portal');
      expect(tierSpec('platinum')?.channels).toContain('portal');
    });

    it('reviews every customer’s tier each quarter from order turnover, only ever upgrading (the seed speaks of upgrades only)', () => {
      expect(policy.spec.tierReview).toMatchObject({
        every: 'quarter',
        basis: 'order turnover of the previous quarter',
        downgrades: false,
      });
    });

    it('has example thresholds (not the seed’s: it names none) in minor units, and reminds admins at 09:00 Berlin time', () => {
      expect(policy.spec.tierReview).toMatchObject({
        currency: 'EUR',
        thresholds: { platinum: 3_000_000, gold: 500_000 },
        otherwise: 'basic',
        remind: { at: { hours: 9, minutes: 0 } },
      });
    });

    it('works the queue by tier first', () => {
      expect(policy.spec.queueOrder[0]).toBe('tier');
    });
  });

  describe('plan preview', () => {
    // Fri 10 Jul 2026 10:00Z = 12:00 CEST: 12h of Friday left, then the weekend is skipped.
    it.each([
      ['platinum', '12h Fri + 12h Mon → Mon 13 Jul 12:00 CEST', '2026-07-13T10:00:00.000Z'],
      ['gold', '12h Fri + 24h Mon + 24h Tue + 12h Wed → Wed 15 Jul 12:00 CEST', '2026-07-15T10:00:00.000Z'],
    ] as const)('plans a %s ticket opened on a Friday at noon (%s)', (tier, _arithmetic, due) => {
      expect(previewPlan(policy, { severity: 'normal', tier, at: at('2026-07-10T10:00:00Z') })).toEqual({
        policy: { id: 'tiered', version: 1 },
        zone: 'Europe/Berlin',
        deadlines: [{ kind: 'response', due, page: ['tier1'] }],
      });
    });

    it('starts a gold clock opened on Saturday at Monday 00:00 Berlin time', () => {
      // Sat 11 Jul 12:00Z: closed until Mon 13 Jul 00:00 CEST = Sun 12 Jul 22:00Z; 72h of
      // weekdays later is Thu 16 Jul 00:00 CEST = Wed 15 Jul 22:00Z.
      const { calendar } = weekdaysClock();
      expect(iso(calendar.add(at('2026-07-11T12:00:00Z'), slaTargets(policy, 'normal', 'gold').response))).toBe('2026-07-15T22:00:00.000Z');
    });

    it('plans nothing for a basic ticket', () => {
      expect(previewPlan(policy, { severity: 'normal', tier: 'basic', at: at('2026-07-10T10:00:00Z') }).deadlines).toEqual([]);
    });
  });
});
