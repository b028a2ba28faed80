/**
 * The Kolmisoft MOR preset, checked cell by cell against the Kolmisoft seed ("In what order
 * tickets are solved", working hours, "Paid Support") and the decided interpretation: working
 * hours Monday to Friday 09:00-18:00 at a fixed GMT+2 that never observes DST, and a reaction time
 * that depends on the plan only.
 */

import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { at } from '../support/calendars.ts';
import { calendarSpec, monToFri, slaTargets, weeklyHours } from './preset-helpers.ts';

const policy = loadPreset('kolmisoft');

const PRIORITIES = ['high', 'medium', 'low'] as const;
const PLANS = ['platinum', 'gold', 'silver', 'bronze'] as const;
const PLANS_WITHOUT_SLA = ['none', 'free'] as const;

/** Reaction time in working hours per plan; the seed gives the same figure for every priority. */
const REACTION_HOURS = { platinum: 1, gold: 3, silver: 6, bronze: 12 } as const;

const reactionCells = PRIORITIES.flatMap((priority) => PLANS.map((plan) => [priority, plan, REACTION_HOURS[plan]] as const));

/** The preset's calendar of Kolmisoft's working hours. */
const OFFICE = 'office';
const officeClock = () => slaTargets(policy, 'high', 'platinum').clock;

describe('Kolmisoft MOR preset', () => {
  describe('vocabulary', () => {
    it('is the kolmisoft policy traced to the Kolmisoft seed', () => {
      expect(policy.id).toBe('kolmisoft');
      expect(policy.spec.source).toBe('kolmisoft-mor-support.txt');
    });

    it('orders priorities from high down to low', () => {
      expect(policy.severities).toEqual(PRIORITIES);
    });

    it('orders plans from platinum down to bronze, then the two plans without support', () => {
      expect(policy.tiers).toEqual([...PLANS, ...PLANS_WITHOUT_SLA]);
    });

    it('has no regional desks', () => {
      expect(policy.regions).toEqual([]);
    });
  });

  describe('reaction times', () => {
    it.each(reactionCells)('reacts to %s-priority tickets on the %s plan within %i working hours', (priority, plan, hours) => {
      expect(policy.hasSla(plan)).toBe(true);
      const targets = slaTargets(policy, priority, plan);
      expect(targets.response).toBe(hours * HOUR_MS);
      expect(targets.clock.calendarName).toBe(OFFICE);
    });

    it.each(PRIORITIES.flatMap((priority) => PLANS_WITHOUT_SLA.map((plan) => [priority, plan] as const)))(
      'promises no reaction time to %s-priority tickets on the %s plan',
      (priority, plan) => {
        expect(policy.hasSla(plan)).toBe(false);
        expect(policy.targets(priority, plan)).toBeUndefined();
      },
    );

    it.each(reactionCells)('has no escalation ladder, update cadence or resolution target for %s × %s', (priority, plan) => {
      const targets = slaTargets(policy, priority, plan);
      expect(targets.escalation).toEqual([]);
      expect(targets.update).toBeUndefined();
      expect(targets.resolution).toBeUndefined();
    });

    it('pages nobody extra after hours', () => {
      for (const priority of PRIORITIES) expect(policy.afterHoursPages(priority, undefined, at('2026-07-11T12:00:00Z'))).toEqual([]);
    });
  });

  describe('working hours', () => {
    it('declares a fixed +02:00 offset, Monday to Friday 09:00 to 18:00, no holidays', () => {
      const spec = calendarSpec(policy, OFFICE);
      expect(spec.utcOffset).toBe('+02:00');
      expect(spec.timezone).toBeUndefined();
      expect(officeClock().calendar.zoneName).toBe('+02:00');
      expect(weeklyHours(policy, OFFICE)).toEqual(monToFri('09:00-18:00'));
      expect(spec.holidays).toBeUndefined();
    });

    // 09:00-18:00 at +02:00 is 07:00-16:00Z all year round.
    // [open or closed, local wall-clock moment, UTC instant]
    it.each([
      ['closed', 'Mon 12 Jan 08:59', '2026-01-12T06:59:00Z'],
      ['open', 'Mon 12 Jan 09:00', '2026-01-12T07:00:00Z'],
      ['open', 'Mon 12 Jan 17:59', '2026-01-12T15:59:00Z'],
      ['closed', 'Mon 12 Jan 18:00', '2026-01-12T16:00:00Z'],
      ['closed', 'Mon 30 Mar 08:59, after Europe moved to summer time', '2026-03-30T06:59:00Z'],
      ['open', 'Mon 30 Mar 09:00', '2026-03-30T07:00:00Z'],
      ['closed', 'Mon 13 Jul 08:59', '2026-07-13T06:59:00Z'],
      ['open', 'Mon 13 Jul 09:00', '2026-07-13T07:00:00Z'],
      ['open', 'Fri 17 Jul 17:59', '2026-07-17T15:59:00Z'],
      ['closed', 'Fri 17 Jul 18:00', '2026-07-17T16:00:00Z'],
      ['closed', 'Sat 18 Jul 12:00', '2026-07-18T10:00:00Z'],
      ['closed', 'Sun 19 Jul 12:00', '2026-07-19T10:00:00Z'],
      ['open', 'Fri 3 Apr 12:00 (Good Friday: no holidays are observed)', '2026-04-03T10:00:00Z'],
    ] as const)('is %s on %s (%s)', (state, _local, instant) => {
      expect(officeClock().calendar.isOpen(at(instant)) ? 'open' : 'closed').toBe(state);
    });

    it('counts 45 working hours in a week, summer or winter', () => {
      const { calendar } = officeClock();
      for (const monday of ['2026-01-12T00:00:00Z', '2026-03-23T00:00:00Z', '2026-07-13T00:00:00Z', '2026-10-19T00:00:00Z']) {
        expect(calendar.between(at(monday), at(monday) + 7 * DAY_MS)).toBe(45 * HOUR_MS);
      }
    });
  });

  describe('queue and billing', () => {
    it('solves tickets in order of plan, then priority', () => {
      expect(policy.spec.queueOrder.slice(0, 2)).toEqual(['tier', 'severity']);
    });

    it('bills paid support at 50 EUR an hour to tickets without a plan and fixes bugs for free', () => {
      const paid = { rate: { amount: 5000, currency: 'EUR' }, incrementMinutes: 15, rounding: 'up' };
      expect(policy.billingOf('none').paid).toEqual(paid);
      expect(policy.billingOf('free').paid).toEqual(paid);
      expect(policy.isFreeCategory('bug')).toBe(true);
      expect(policy.isFreeCategory('question')).toBe(false);
    });

    it('bills nothing for the time of tickets under a plan', () => {
      for (const plan of ['platinum', 'gold', 'silver', 'bronze']) expect(policy.billingOf(plan)).not.toHaveProperty('paid');
      for (const plan of ['platinum', 'gold', 'silver', 'bronze']) expect(policy.billingOf(plan)).not.toHaveProperty('included');
    });
  });

  describe('plan preview', () => {
    // Fri 17 Jul 2026 14:00Z = 16:00 at +02:00: 2 working hours left on Friday, Monday opens 09:00.
    it.each([
      ['platinum', '1h Fri → Fri 17:00', '2026-07-17T15:00:00.000Z'],
      ['gold', '2h Fri + 1h Mon → Mon 10:00', '2026-07-20T08:00:00.000Z'],
      ['silver', '2h Fri + 4h Mon → Mon 13:00', '2026-07-20T11:00:00.000Z'],
      ['bronze', '2h Fri + 9h Mon + 1h Tue → Tue 10:00', '2026-07-21T08:00:00.000Z'],
    ] as const)('plans a %s ticket opened late on a Friday (%s)', (plan, _arithmetic, due) => {
      for (const priority of PRIORITIES) {
        expect(previewPlan(policy, { severity: priority, tier: plan, at: at('2026-07-17T14:00:00Z') })).toEqual({
          policy: { id: 'kolmisoft', version: 1 },
          zone: '+02:00',
          deadlines: [{ kind: 'response', due, page: ['tier1'] }],
        });
      }
    });

    it('plans the same reaction in January, since the offset never changes', () => {
      // Fri 16 Jan 2026 14:00Z = 16:00 at +02:00; gold: 2h Friday + 1h Monday → Mon 19 Jan 10:00 = 08:00Z.
      expect(previewPlan(policy, { severity: 'low', tier: 'gold', at: at('2026-01-16T14:00:00Z') }).deadlines).toEqual([
        { kind: 'response', due: '2026-01-19T08:00:00.000Z', page: ['tier1'] },
      ]);
    });

    it.each(PLANS_WITHOUT_SLA)('plans nothing for a ticket on the %s plan', (plan) => {
      expect(previewPlan(policy, { severity: 'high', tier: plan, at: at('2026-07-17T14:00:00Z') }).deadlines).toEqual([]);
    });
  });
});
