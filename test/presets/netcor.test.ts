/**
 * The NETCOR preset, checked cell by cell against the German NETCOR seed (four
 * "Eskalationsstufen", "Standardgeschäftszeiten", the information a request needs) and the decided
 * interpretation: Europe/Berlin office hours closed on Lower Saxony's public holidays, a business
 * day is 8h30 of business time (2 days = 17h, 4 days = 34h), and "täglich verfolgt" means an update
 * every 8h30 of business time.
 */

import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { at, iso } from '../support/calendars.ts';
import { calendarSpec, monToFri, slaTargets, weeklyHours } from './preset-helpers.ts';

const policy = loadPreset('netcor');

const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
/** One business day: Monday to Friday 08:30 to 17:00. */
const BUSINESS_DAY = 8 * HOUR_MS + 30 * MINUTE_MS;

/** Standard reaction time per level, in business time. */
const RESPONSE = [
  ['critical', '4 business hours', 4 * HOUR_MS],
  ['high', '8 business hours', 8 * HOUR_MS],
  ['medium', '2 business days', 2 * BUSINESS_DAY],
  ['low', '4 business days', 4 * BUSINESS_DAY],
] as const;

/** The preset's one calendar of NETCOR's business hours. */
const BUSINESS = 'business';
const businessCalendar = () => slaTargets(policy, 'critical', 'standard').clock;

describe('NETCOR preset', () => {
  describe('vocabulary', () => {
    it('is the netcor policy traced to the NETCOR seed', () => {
      expect(policy.id).toBe('netcor');
      expect(policy.spec.source).toBe('netcor-support-sla-de.txt');
    });

    it('orders escalation levels from critical (1) down to low (4)', () => {
      expect(policy.severities).toEqual(SEVERITIES);
    });

    it('has a single standard tier with an SLA', () => {
      expect(policy.tiers).toEqual(['standard']);
      expect(policy.hasSla('standard')).toBe(true);
    });

    it('has no regional desks', () => {
      expect(policy.regions).toEqual([]);
      expect(policy.resolveRegion()).toBeUndefined();
    });
  });

  describe('response targets', () => {
    it.each(RESPONSE)('answers %s requests within %s', (severity, _words, response) => {
      expect(slaTargets(policy, severity, 'standard').response).toBe(response);
    });

    it('counts two and four business days as 17 and 34 hours of business time', () => {
      expect(slaTargets(policy, 'medium', 'standard').response).toBe(17 * HOUR_MS);
      expect(slaTargets(policy, 'low', 'standard').response).toBe(34 * HOUR_MS);
    });

    it.each(SEVERITIES)('runs the %s clock on the one business calendar', (severity) => {
      const { clock } = slaTargets(policy, severity, 'standard');
      expect(clock.calendarName).toBe(BUSINESS);
      expect(clock.calendar.zoneName).toBe('Europe/Berlin');
    });
  });

  describe('tracking', () => {
    it('follows up critical requests daily: an update every 8h30 of business time', () => {
      const { update } = slaTargets(policy, 'critical', 'standard');
      expect(update?.every).toBe(BUSINESS_DAY);
      expect(update?.clock.calendarName).toBe(BUSINESS);
    });

    it.each(['high', 'medium', 'low'] as const)('leaves %s requests to be followed up as agreed, with no update clock', (severity) => {
      expect(slaTargets(policy, severity, 'standard').update).toBeUndefined();
    });

    it.each(SEVERITIES)('has no timed escalation ladder or resolution target for %s requests', (severity) => {
      const targets = slaTargets(policy, severity, 'standard');
      expect(targets.escalation).toEqual([]);
      expect(targets.resolution).toBeUndefined();
    });

    it('pages nobody extra after hours', () => {
      for (const severity of SEVERITIES) expect(policy.afterHoursPages(severity, undefined, at('2026-04-04T22:00:00Z'))).toEqual([]);
    });
  });

  describe('business hours', () => {
    it('declares Berlin time, Monday to Friday 08:30 to 17:00, closed on Lower Saxony public holidays', () => {
      expect(calendarSpec(policy, BUSINESS).timezone).toBe('Europe/Berlin');
      expect(weeklyHours(policy, BUSINESS)).toEqual(monToFri('08:30-17:00'));
      expect(calendarSpec(policy, BUSINESS).holidays).toMatchObject({ country: 'DE', region: 'NI' });
    });

    // [open or closed, local wall-clock moment, UTC instant]
    it.each([
      ['closed', 'Mon 12 Jan 08:29 CET', '2026-01-12T07:29:00Z'],
      ['open', 'Mon 12 Jan 08:30 CET', '2026-01-12T07:30:00Z'],
      ['open', 'Mon 12 Jan 16:59 CET', '2026-01-12T15:59:00Z'],
      ['closed', 'Mon 12 Jan 17:00 CET', '2026-01-12T16:00:00Z'],
      ['open', 'Fri 27 Mar 08:30 CET, the last weekday before the clock change', '2026-03-27T07:30:00Z'],
      ['closed', 'Mon 30 Mar 07:30 CEST, the first weekday after it', '2026-03-30T05:30:00Z'],
      ['open', 'Mon 30 Mar 08:30 CEST', '2026-03-30T06:30:00Z'],
      ['closed', 'Mon 30 Mar 17:00 CEST', '2026-03-30T15:00:00Z'],
      ['open', 'Mon 13 Jul 16:59 CEST', '2026-07-13T14:59:00Z'],
      ['closed', 'Sat 11 Jul 12:00 CEST', '2026-07-11T10:00:00Z'],
      ['closed', 'Sun 12 Jul 12:00 CEST', '2026-07-12T10:00:00Z'],
      ['open', 'Fri 23 Oct 08:30 CEST', '2026-10-23T06:30:00Z'],
      ['closed', 'Mon 26 Oct 08:29 CET, after the clocks went back', '2026-10-26T07:29:00Z'],
      ['open', 'Mon 26 Oct 08:30 CET', '2026-10-26T07:30:00Z'],
    ] as const)('is %s on %s (%s)', (state, _local, instant) => {
      expect(businessCalendar().calendar.isOpen(at(instant)) ? 'open' : 'closed').toBe(state);
    });

    // [open or closed, day, UTC instant at 11:00 local time]
    it.each([
      ['closed', "New Year's Day, Thu 1 Jan 2026", '2026-01-01T10:00:00Z'],
      ['open', 'Epiphany, Tue 6 Jan 2026 (a holiday in Bavaria, not in Lower Saxony)', '2026-01-06T10:00:00Z'],
      ['open', 'Maundy Thursday, Thu 2 Apr 2026', '2026-04-02T09:00:00Z'],
      ['closed', 'Good Friday, Fri 3 Apr 2026', '2026-04-03T09:00:00Z'],
      ['closed', 'Easter Monday, Mon 6 Apr 2026', '2026-04-06T09:00:00Z'],
      ['closed', 'Labour Day, Fri 1 May 2026', '2026-05-01T09:00:00Z'],
      ['closed', 'Ascension Day, Thu 14 May 2026', '2026-05-14T09:00:00Z'],
      ['closed', 'Whit Monday, Mon 25 May 2026', '2026-05-25T09:00:00Z'],
      ['open', 'Corpus Christi, Thu 4 Jun 2026 (not a holiday in Lower Saxony)', '2026-06-04T09:00:00Z'],
      ['closed', 'Reformation Day, Fri 31 Oct 2025 (public in Lower Saxony; 31 Oct 2026 is a Saturday)', '2025-10-31T10:00:00Z'],
      ['closed', 'Reformation Day, Tue 31 Oct 2028', '2028-10-31T10:00:00Z'],
      ['open', 'Repentance Day, Wed 18 Nov 2026 (a holiday in Saxony only)', '2026-11-18T10:00:00Z'],
      ['open', 'Christmas Eve, Thu 24 Dec 2026 (not a public holiday)', '2026-12-24T10:00:00Z'],
      ['closed', 'Christmas Day, Fri 25 Dec 2026', '2026-12-25T10:00:00Z'],
      ['open', "New Year's Eve, Thu 31 Dec 2026 (not a public holiday)", '2026-12-31T10:00:00Z'],
    ] as const)('is %s on %s', (state, _day, instant) => {
      expect(businessCalendar().calendar.isOpen(at(instant)) ? 'open' : 'closed').toBe(state);
    });

    it('counts five business days in an ordinary week and four in the weeks of Good Friday and Easter Monday', () => {
      const { calendar } = businessCalendar();
      expect(calendar.between(at('2026-03-30T00:00:00Z'), at('2026-04-06T00:00:00Z'))).toBe(4 * BUSINESS_DAY);
      expect(calendar.between(at('2026-04-06T00:00:00Z'), at('2026-04-13T00:00:00Z'))).toBe(4 * BUSINESS_DAY);
      expect(calendar.between(at('2026-06-08T00:00:00Z'), at('2026-06-15T00:00:00Z'))).toBe(5 * BUSINESS_DAY);
    });
  });

  describe('tickets', () => {
    it('requires the software version and system details with every request', () => {
      expect(policy.spec.tickets?.requiredFields).toEqual(['softwareVersion', 'systemDetails']);
    });

    it('prefers requests by e-mail', () => {
      expect(policy.spec.tickets?.preferredChannel).toBe('email');
    });
  });

  describe('plan preview', () => {
    it('plans a critical request opened on Maundy Thursday afternoon across the Easter holidays', () => {
      // Thu 2 Apr 2026 13:00Z = 15:00 CEST: 2h left until 17:00. Good Friday, the weekend and
      // Easter Monday are closed; Tue 7 Apr opens 08:30 CEST = 06:30Z.
      // Response 4h = 2h Thursday + 2h Tuesday → 10:30 CEST = 08:30Z.
      // Update 8h30 = 2h Thursday + 6h30 Tuesday → 15:00 CEST = 13:00Z.
      expect(previewPlan(policy, { severity: 'critical', tier: 'standard', at: at('2026-04-02T13:00:00Z') })).toEqual({
        policy: { id: 'netcor', version: 1 },
        zone: 'Europe/Berlin',
        deadlines: [
          { kind: 'response', due: '2026-04-07T08:30:00.000Z', page: ['tier1'] },
          { kind: 'update', due: '2026-04-07T13:00:00.000Z', page: ['tier1'] },
        ],
      });
    });

    // Same Maundy Thursday 15:00 CEST start: 2h on Thursday, then 8h30 a day from Tue 7 Apr.
    it.each([
      ['high', '2h Thu + 6h Tue → Tue 14:30 CEST', '2026-04-07T12:30:00.000Z'],
      ['medium', '2h Thu + 8h30 Tue + 6h30 Wed → Wed 15:00 CEST', '2026-04-08T13:00:00.000Z'],
      ['low', '2h Thu + 8h30 Tue, Wed, Thu + 6h30 Fri → Fri 15:00 CEST', '2026-04-10T13:00:00.000Z'],
    ] as const)('plans the response to a %s request opened then (%s)', (severity, _arithmetic, due) => {
      expect(previewPlan(policy, { severity, tier: 'standard', at: at('2026-04-02T13:00:00Z') }).deadlines).toEqual([
        { kind: 'response', due, page: ['tier1'] },
      ]);
    });

    it('ends two and four business days from Monday opening at the close of Tuesday and of Thursday', () => {
      // Mon 8 Jun 2026 08:30 CEST = 06:30Z, a week without holidays in Lower Saxony; 17:00 CEST = 15:00Z.
      const monday = at('2026-06-08T06:30:00Z');
      const { calendar } = businessCalendar();
      expect(iso(calendar.add(monday, slaTargets(policy, 'medium', 'standard').response))).toBe('2026-06-09T15:00:00.000Z');
      expect(iso(calendar.add(monday, slaTargets(policy, 'low', 'standard').response))).toBe('2026-06-11T15:00:00.000Z');
    });
  });
});
