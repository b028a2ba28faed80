/**
 * The KORE Wireless preset, checked cell by cell against the KORE seed ("Response & Escalation
 * Times", the escalation matrix and "Global Customer Support Hours") and the decided preset
 * interpretation: urgent clocks 24x7, other severities on the region's hours, ladder offsets at
 * 0 / 2h / 4h on the response clock, UK hours kept in Amsterdam time.
 */

import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { at, iso } from '../support/calendars.ts';
import { monToFri, slaTargets, weeklyHours } from './preset-helpers.ts';

const policy = loadPreset('kore');

const SEVERITIES = ['urgent', 'high', 'normal', 'low'] as const;
const TIERS = ['diamond', 'premium', 'select', 'basic'] as const;
const REGIONS = ['us', 'nl', 'apac', 'uk'] as const;

/** Initial response time in minutes: one row per severity, one column per support tier (seed table). */
const RESPONSE_MINUTES = {
  urgent: { diamond: 15, premium: 15, select: 15, basic: 15 },
  high: { diamond: 30, premium: 45, select: 60, basic: 90 },
  normal: { diamond: 2 * 60, premium: 4 * 60, select: 6 * 60, basic: 8 * 60 },
  low: { diamond: 8 * 60, premium: 8 * 60, select: 8 * 60, basic: 8 * 60 },
} as const;

const responseCells = SEVERITIES.flatMap((severity) => TIERS.map((tier) => [severity, tier, RESPONSE_MINUTES[severity][tier]] as const));

/** Where each regional desk sits and when it is open (seed hours table, zones as decided), and the preset's calendar for it. */
const DESKS = {
  us: { calendar: 'us-hours', zone: 'America/New_York', hours: monToFri('08:00-20:00', ['09:00-17:00']), weeklyHours: 5 * 12 + 2 * 8 },
  nl: { calendar: 'nl-hours', zone: 'Europe/Amsterdam', hours: monToFri('08:30-17:00'), weeklyHours: 5 * 8.5 },
  apac: { calendar: 'apac-hours', zone: 'Australia/Sydney', hours: monToFri('08:00-17:00'), weeklyHours: 5 * 9 },
  uk: { calendar: 'uk-hours', zone: 'Europe/Amsterdam', hours: monToFri('09:00-21:00'), weeklyHours: 5 * 12 },
} as const;

/** The escalation matrix, one row per step: elapsed time on the response clock and what happens. */
/** Ours (version 2), not the matrix's: a page nobody acknowledged goes out again 5 and 10 minutes later. */
const repeat = { every: 5 * 60_000, times: 2 };
const LADDERS = {
  urgent: [
    { level: 1, at: 0, assign: 'tier2', page: ['manager'], notify: ['director', 'vp'], repeat, untilAcknowledged: false },
    { level: 2, at: 2 * HOUR_MS, page: ['director'], notify: [], repeat, untilAcknowledged: false },
    { level: 3, at: 4 * HOUR_MS, page: ['vp'], notify: [], repeat, untilAcknowledged: false },
  ],
  high: [
    { level: 1, at: 0, assign: 'tier1', page: [], notify: ['manager'], untilAcknowledged: false },
    { level: 2, at: 2 * HOUR_MS, assign: 'tier2', page: [], notify: ['manager'], untilAcknowledged: false },
    { level: 3, at: 4 * HOUR_MS, page: ['director'], notify: [], repeat, untilAcknowledged: false },
  ],
  normal: [],
  low: [],
} as const;

/** `assigns tier2, pages manager, notifies director and vp`, for test names. */
function actionsOf(step: { assign?: string; page: readonly string[]; notify: readonly string[] }): string {
  const actions: string[] = [];
  if (step.assign !== undefined) actions.push(`assigns ${step.assign}`);
  if (step.page.length > 0) actions.push(`pages ${step.page.join(' and ')}`);
  if (step.notify.length > 0) actions.push(`notifies ${step.notify.join(' and ')}`);
  return actions.join(', ');
}

const ladderSteps = (['urgent', 'high'] as const).flatMap((severity) =>
  LADDERS[severity].map((step) => [severity, step.level, step.at / HOUR_MS, actionsOf(step), step] as const),
);

describe('KORE Wireless preset', () => {
  describe('vocabulary', () => {
    it('is the kore policy traced to the KORE seed', () => {
      expect(policy.id).toBe('kore');
      expect(policy.spec.source).toBe('kore-wireless-support.txt');
    });

    it('orders severities from urgent down to low', () => {
      expect(policy.severities).toEqual(SEVERITIES);
    });

    it('orders support tiers from diamond down to basic, all with an SLA', () => {
      expect(policy.tiers).toEqual(TIERS);
      for (const tier of TIERS) expect(policy.hasSla(tier)).toBe(true);
    });

    it('serves the US, Netherlands, APAC and UK desks, the US desk by default', () => {
      expect(policy.regions).toEqual(REGIONS);
      expect(policy.resolveRegion()).toBe('us');
    });

    it('knows every role the escalation matrix and the after-hours note name', () => {
      expect(Object.keys(policy.spec.roles).sort()).toEqual(['director', 'manager', 'oncall', 'tier1', 'tier2', 'vp']);
      expect(policy.spec.roles.tier1?.name).toBe('Customer Support Tier I');
      expect(policy.spec.roles.tier2?.name).toBe('Customer Support Tier II');
      expect(policy.spec.roles.manager?.name).toBe('Customer Support Manager');
      expect(policy.spec.roles.director?.name).toBe('Customer Support Director');
      expect(policy.spec.roles.vp?.name).toBe('Customer Support VP');
    });

    it('lands new tickets in the Tier I queue and asks customers to open them in the portal', () => {
      expect(policy.spec.queue).toBe('tier1');
      expect(policy.spec.tickets?.preferredChannel).toBe('portal');
    });
  });

  describe('response targets', () => {
    it.each(responseCells)('answers %s tickets of %s customers within %i minutes in every region', (severity, tier, minutes) => {
      for (const region of REGIONS) {
        expect(slaTargets(policy, severity, tier, region).response).toBe(minutes * MINUTE_MS);
      }
    });
  });

  describe('clocks', () => {
    it.each(REGIONS)('runs every urgent clock around the clock for the %s desk', (region) => {
      for (const tier of TIERS) {
        const targets = slaTargets(policy, 'urgent', tier, region);
        expect(targets.clock.calendarName).toBe('24x7');
        expect(targets.update?.clock.calendarName).toBe('24x7');
      }
    });

    it.each((['high', 'normal', 'low'] as const).flatMap((severity) => REGIONS.map((region) => [severity, region] as const)))(
      'runs %s response clocks on the %s desk hours',
      (severity, region) => {
        for (const tier of TIERS) {
          const { clock } = slaTargets(policy, severity, tier, region);
          expect(clock.calendarName).toBe(DESKS[region].calendar);
          expect(clock.calendar.zoneName).toBe(DESKS[region].zone);
        }
      },
    );
  });

  describe('escalation ladders', () => {
    it.each(ladderSteps)('on %s tickets, step %i (after %ih) %s', (severity, _level, _hours, _actions, step) => {
      for (const tier of TIERS) {
        for (const region of REGIONS) {
          expect(slaTargets(policy, severity, tier, region).escalation[step.level - 1]).toEqual(step);
        }
      }
    });

    it.each(SEVERITIES)('has exactly the matrix steps for %s tickets of every tier', (severity) => {
      for (const tier of TIERS) {
        expect(slaTargets(policy, severity, tier).escalation).toHaveLength(LADDERS[severity].length);
      }
    });

    it('counts high ladder offsets in desk hours, like the response', () => {
      // Fri 17 Jul 2026 16:00 CEST in NL: 1h left that day, so the 2h step falls on Monday 09:30 CEST.
      const targets = slaTargets(policy, 'high', 'premium', 'nl');
      const second = targets.escalation[1];
      expect(second?.at).toBe(2 * HOUR_MS);
      expect(iso(targets.clock.calendar.add(at('2026-07-17T14:00:00Z'), second?.at ?? Number.NaN))).toBe('2026-07-20T07:30:00.000Z');
    });
  });

  describe('update cadence', () => {
    it.each(TIERS)('updates urgent %s tickets every 2 hours, around the clock', (tier) => {
      for (const region of REGIONS) {
        const { update } = slaTargets(policy, 'urgent', tier, region);
        expect(update?.every).toBe(2 * HOUR_MS);
        expect(update?.clock.calendarName).toBe('24x7');
      }
    });

    it.each(TIERS)('updates high %s tickets daily in calendar time, not desk hours', (tier) => {
      for (const region of REGIONS) {
        const { update } = slaTargets(policy, 'high', tier, region);
        expect(update?.every).toBe(24 * HOUR_MS);
        expect(update?.clock.calendarName).toBe('24x7');
      }
    });

    it.each(TIERS)('promises no update cadence and no resolution target for normal and low %s tickets', (tier) => {
      for (const severity of ['normal', 'low'] as const) {
        const targets = slaTargets(policy, severity, tier);
        expect(targets.update).toBeUndefined();
        expect(targets.resolution).toBeUndefined();
      }
    });

    it('promises no resolution target for urgent and high tickets either', () => {
      for (const tier of TIERS) {
        expect(slaTargets(policy, 'urgent', tier).resolution).toBeUndefined();
        expect(slaTargets(policy, 'high', tier).resolution).toBeUndefined();
      }
    });
  });

  describe('desk hours', () => {
    it.each(REGIONS)('declares the %s desk zone and weekly hours, with no holidays', (region) => {
      const calendarName = DESKS[region].calendar;
      expect(policy.calendar(calendarName).zoneName).toBe(DESKS[region].zone);
      expect(weeklyHours(policy, calendarName)).toEqual(DESKS[region].hours);
      expect(policy.spec.calendars[calendarName]?.holidays).toBeUndefined();
    });

    it.each(REGIONS)('opens the %s desk for the expected number of hours in a week without a clock change', (region) => {
      const { calendar } = slaTargets(policy, 'normal', 'basic', region).clock;
      const monday = at('2026-07-13T00:00:00Z');
      expect(calendar.between(monday, monday + 7 * DAY_MS)).toBe(DESKS[region].weeklyHours * HOUR_MS);
    });

    // [desk, open or closed, local wall-clock moment, UTC instant]
    it.each([
      ['us', 'closed', 'Mon 12 Jan 07:59 EST', '2026-01-12T12:59:00Z'],
      ['us', 'open', 'Mon 12 Jan 08:00 EST', '2026-01-12T13:00:00Z'],
      ['us', 'open', 'Mon 12 Jan 19:59 EST', '2026-01-13T00:59:00Z'],
      ['us', 'closed', 'Mon 12 Jan 20:00 EST', '2026-01-13T01:00:00Z'],
      ['us', 'closed', 'Sun 11 Jan 08:59 EST', '2026-01-11T13:59:00Z'],
      ['us', 'open', 'Sun 11 Jan 09:00 EST', '2026-01-11T14:00:00Z'],
      ['us', 'closed', 'Sun 11 Jan 17:00 EST', '2026-01-11T22:00:00Z'],
      ['us', 'closed', 'Sun 8 Mar 08:59 EDT (first day of DST)', '2026-03-08T12:59:00Z'],
      ['us', 'open', 'Sun 8 Mar 09:00 EDT (first day of DST)', '2026-03-08T13:00:00Z'],
      ['us', 'open', 'Sat 11 Jul 09:00 EDT', '2026-07-11T13:00:00Z'],
      ['us', 'open', 'Sat 11 Jul 16:59 EDT', '2026-07-11T20:59:00Z'],
      ['us', 'closed', 'Sat 11 Jul 17:00 EDT', '2026-07-11T21:00:00Z'],
      ['us', 'closed', 'Mon 13 Jul 07:59 EDT', '2026-07-13T11:59:00Z'],
      ['us', 'open', 'Mon 13 Jul 08:00 EDT', '2026-07-13T12:00:00Z'],
      ['us', 'closed', 'Mon 13 Jul 20:00 EDT', '2026-07-14T00:00:00Z'],
      ['us', 'closed', 'Sun 1 Nov 08:59 EST (the day DST ends)', '2026-11-01T13:59:00Z'],
      ['us', 'open', 'Sun 1 Nov 09:00 EST (the day DST ends)', '2026-11-01T14:00:00Z'],
      ['nl', 'closed', 'Mon 12 Jan 08:29 CET', '2026-01-12T07:29:00Z'],
      ['nl', 'open', 'Mon 12 Jan 08:30 CET', '2026-01-12T07:30:00Z'],
      ['nl', 'open', 'Mon 12 Jan 16:59 CET', '2026-01-12T15:59:00Z'],
      ['nl', 'closed', 'Mon 12 Jan 17:00 CET', '2026-01-12T16:00:00Z'],
      ['nl', 'closed', 'Fri 27 Mar 07:30 CET', '2026-03-27T06:30:00Z'],
      ['nl', 'open', 'Mon 30 Mar 08:30 CEST (after the clock change)', '2026-03-30T06:30:00Z'],
      ['nl', 'closed', 'Mon 13 Jul 08:29 CEST', '2026-07-13T06:29:00Z'],
      ['nl', 'open', 'Mon 13 Jul 16:59 CEST', '2026-07-13T14:59:00Z'],
      ['nl', 'closed', 'Mon 13 Jul 17:00 CEST', '2026-07-13T15:00:00Z'],
      ['nl', 'closed', 'Sat 11 Jul 12:00 CEST', '2026-07-11T10:00:00Z'],
      ['nl', 'closed', 'Sun 12 Jul 12:00 CEST', '2026-07-12T10:00:00Z'],
      ['apac', 'closed', 'Mon 12 Jan 07:59 AEDT', '2026-01-11T20:59:00Z'],
      ['apac', 'open', 'Mon 12 Jan 08:00 AEDT', '2026-01-11T21:00:00Z'],
      ['apac', 'open', 'Mon 12 Jan 16:59 AEDT', '2026-01-12T05:59:00Z'],
      ['apac', 'closed', 'Mon 12 Jan 17:00 AEDT', '2026-01-12T06:00:00Z'],
      ['apac', 'open', 'Fri 3 Apr 08:00 AEDT', '2026-04-02T21:00:00Z'],
      ['apac', 'closed', 'Mon 6 Apr 07:00 AEST (after DST ended)', '2026-04-05T21:00:00Z'],
      ['apac', 'open', 'Mon 6 Apr 08:00 AEST (after DST ended)', '2026-04-05T22:00:00Z'],
      ['apac', 'closed', 'Mon 13 Jul 07:59 AEST', '2026-07-12T21:59:00Z'],
      ['apac', 'open', 'Mon 13 Jul 08:00 AEST', '2026-07-12T22:00:00Z'],
      ['apac', 'closed', 'Mon 13 Jul 17:00 AEST', '2026-07-13T07:00:00Z'],
      ['apac', 'closed', 'Sat 11 Jul 12:00 AEST', '2026-07-11T02:00:00Z'],
      ['apac', 'closed', 'Mon 5 Oct 07:59 AEDT (after DST began)', '2026-10-04T20:59:00Z'],
      ['apac', 'open', 'Mon 5 Oct 08:00 AEDT (after DST began)', '2026-10-04T21:00:00Z'],
      ['uk', 'closed', 'Mon 12 Jan 08:59 CET', '2026-01-12T07:59:00Z'],
      ['uk', 'open', 'Mon 12 Jan 09:00 CET', '2026-01-12T08:00:00Z'],
      ['uk', 'open', 'Mon 12 Jan 20:59 CET', '2026-01-12T19:59:00Z'],
      ['uk', 'closed', 'Mon 12 Jan 21:30 CET (20:30 in London)', '2026-01-12T20:30:00Z'],
      ['uk', 'closed', 'Mon 13 Jul 08:59 CEST', '2026-07-13T06:59:00Z'],
      ['uk', 'open', 'Mon 13 Jul 09:00 CEST', '2026-07-13T07:00:00Z'],
      ['uk', 'open', 'Mon 13 Jul 20:59 CEST', '2026-07-13T18:59:00Z'],
      ['uk', 'closed', 'Mon 13 Jul 21:00 CEST', '2026-07-13T19:00:00Z'],
      ['uk', 'closed', 'Sat 11 Jul 12:00 CEST', '2026-07-11T10:00:00Z'],
    ] as const)('the %s desk is %s on %s (%s)', (region, state, _local, instant) => {
      const { calendar } = slaTargets(policy, 'low', 'basic', region).clock;
      expect(calendar.isOpen(at(instant)) ? 'open' : 'closed').toBe(state);
    });
  });

  describe('after-hours routing', () => {
    // [desk, an instant inside its hours, an instant outside them]
    it.each([
      ['us', '2026-07-13T15:00:00Z' /* Mon 11:00 EDT */, '2026-07-12T23:00:00Z' /* Sun 19:00 EDT */],
      ['nl', '2026-07-13T10:00:00Z' /* Mon 12:00 CEST */, '2026-07-13T16:00:00Z' /* Mon 18:00 CEST */],
      ['apac', '2026-07-13T02:00:00Z' /* Mon 12:00 AEST */, '2026-07-13T10:00:00Z' /* Mon 20:00 AEST */],
      ['uk', '2026-07-13T18:00:00Z' /* Mon 20:00 CEST */, '2026-07-13T19:30:00Z' /* Mon 21:30 CEST */],
    ] as const)('pages the on-call unit for urgent deadlines outside the %s desk hours only', (region, inside, outside) => {
      expect(policy.afterHoursPages('urgent', region, at(inside))).toEqual([]);
      expect(policy.afterHoursPages('urgent', region, at(outside))).toEqual(['oncall']);
    });

    it.each(['high', 'normal', 'low'] as const)('leaves %s deadlines after hours to the normal ladder', (severity) => {
      for (const region of REGIONS) {
        expect(policy.afterHoursPages(severity, region, at('2026-07-12T06:00:00Z'))).toEqual([]);
      }
    });
  });

  describe('change management', () => {
    it('announces maintenance at least five days ahead', () => {
      expect(policy.spec.notices?.changeLeadTime).toBe(5 * DAY_MS);
    });
  });

  describe('plan preview', () => {
    it('plans an urgent ticket opened on a Sunday night in the US, with the on-call unit paged throughout', () => {
      // Mon 13 Jul 2026 03:00Z = Sun 12 Jul 23:00 EDT, after the Sunday desk closed at 17:00 and
      // before Monday's 08:00 EDT (12:00Z), so every deadline below is after hours.
      // Urgent runs 24x7: step 1 at 03:00, response +15m = 03:15, step 2 and the first update
      // +2h = 05:00, step 3 +4h = 07:00. The response and update breaches page the assignee
      // (Tier II since step 1) and tell the roles paged so far.
      const plan = previewPlan(policy, { severity: 'urgent', tier: 'diamond', region: 'us', at: at('2026-07-13T03:00:00Z') });
      // The clock is urgent's 24x7 (zone UTC); on-call is paged only because the US desk is closed.
      expect(plan).toEqual({
        policy: { id: 'kore', version: 2 },
        zone: 'UTC',
        deadlines: [
          {
            kind: 'escalation',
            due: '2026-07-13T03:00:00.000Z',
            level: 1,
            assign: 'tier2',
            page: ['manager', 'oncall'],
            notify: ['director', 'vp'],
            afterHours: ['oncall'],
          },
          { kind: 'response', due: '2026-07-13T03:15:00.000Z', page: ['tier2', 'oncall'], notify: ['manager'], afterHours: ['oncall'] },
          { kind: 'escalation', due: '2026-07-13T05:00:00.000Z', level: 2, page: ['director', 'oncall'], afterHours: ['oncall'] },
          {
            kind: 'update',
            due: '2026-07-13T05:00:00.000Z',
            page: ['tier2', 'oncall'],
            notify: ['manager', 'director'],
            afterHours: ['oncall'],
          },
          { kind: 'escalation', due: '2026-07-13T07:00:00.000Z', level: 3, page: ['vp', 'oncall'], afterHours: ['oncall'] },
        ],
      });
    });

    it('marks no page as after hours while the US desk is open', () => {
      // Mon 13 Jul 2026 14:00Z = 10:00 EDT; step 3 at 18:00Z = 14:00 EDT, all within 08:00-20:00.
      const plan = previewPlan(policy, { severity: 'urgent', tier: 'diamond', region: 'us', at: at('2026-07-13T14:00:00Z') });
      expect(plan.deadlines.filter((d) => d.afterHours !== undefined)).toEqual([]);
      expect(plan.deadlines[0]).toMatchObject({ kind: 'escalation', level: 1, page: ['manager'] });
    });

    it('plans a high ticket opened late on a Friday in the Netherlands on desk hours, updated by the calendar day', () => {
      // Fri 17 Jul 2026 14:00Z = 16:00 CEST, one desk hour left (closes 17:00 CEST = 15:00Z).
      // Step 1 at once (14:00Z); response 45m → 14:45Z; update 24h of calendar time → Sat 14:00Z;
      // step 2 (2h) = 1h Friday + 1h from Monday 08:30 CEST → 09:30 CEST = 07:30Z;
      // step 3 (4h) = 1h Friday + 3h Monday → 11:30 CEST = 09:30Z.
      const plan = previewPlan(policy, { severity: 'high', tier: 'premium', region: 'nl', at: at('2026-07-17T14:00:00Z') });
      expect(plan.deadlines).toEqual([
        { kind: 'escalation', due: '2026-07-17T14:00:00.000Z', level: 1, assign: 'tier1', notify: ['manager'] },
        { kind: 'response', due: '2026-07-17T14:45:00.000Z', page: ['tier1'] },
        { kind: 'update', due: '2026-07-18T14:00:00.000Z', page: ['tier1'] },
        { kind: 'escalation', due: '2026-07-20T07:30:00.000Z', level: 2, assign: 'tier2', notify: ['manager'] },
        { kind: 'escalation', due: '2026-07-20T09:30:00.000Z', level: 3, page: ['director'] },
      ]);
    });
  });
});
