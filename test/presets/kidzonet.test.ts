/**
 * The Kidzonet preset, checked cell by cell against the Kidzonet seed ("Ticket Response Time"
 * table, the escalation matrix, "How to Open/Submit a Ticket") and the decided interpretation:
 * support runs around the clock, and a customer escalates an open case by its numeric id, which
 * pages the manager.
 */

import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { at, iso } from '../support/calendars.ts';
import { slaTargets } from './preset-helpers.ts';

const policy = loadPreset('kidzonet');

const SEVERITIES = ['critical', 'major', 'minor', 'question'] as const;
const TIERS = ['standard', 'premium'] as const;

/** Response time in hours: one row per level, columns Standard and Premium (seed table). */
const RESPONSE_HOURS = {
  critical: { standard: 2, premium: 1 },
  major: { standard: 8, premium: 4 },
  minor: { standard: 72, premium: 48 },
  question: { standard: 96, premium: 72 },
} as const;

const responseCells = SEVERITIES.flatMap((severity) => TIERS.map((tier) => [severity, tier, RESPONSE_HOURS[severity][tier]] as const));

describe('Kidzonet preset', () => {
  describe('vocabulary', () => {
    it('is the kidzonet policy traced to the Kidzonet seed', () => {
      expect(policy.id).toBe('kidzonet');
      expect(policy.spec.source).toBe('kidzonet-support-escalation.txt');
    });

    it('orders levels from critical down to question', () => {
      expect(policy.severities).toEqual(SEVERITIES);
    });

    it('offers standard and premium response, both with an SLA', () => {
      expect(policy.tiers).toEqual(TIERS);
      for (const tier of TIERS) expect(policy.hasSla(tier)).toBe(true);
    });

    it('has no regional desks', () => {
      expect(policy.regions).toEqual([]);
      expect(policy.resolveRegion()).toBeUndefined();
    });

    it('lands new tickets with the support engineers', () => {
      expect(policy.spec.queue).toBe('tier1');
      expect(policy.spec.roles.tier1?.name).toBe('Support Engineers');
      expect(policy.spec.roles.manager).toBeDefined();
    });
  });

  describe('response targets', () => {
    it.each(responseCells)('answers %s tickets of %s customers within %i hours', (severity, tier, hours) => {
      expect(slaTargets(policy, severity, tier).response).toBe(hours * HOUR_MS);
    });
  });

  describe('clocks', () => {
    it.each(responseCells)('runs the %s × %s clock around the clock', (severity, tier) => {
      expect(slaTargets(policy, severity, tier).clock.calendarName).toBe('24x7');
    });

    it('counts nights, weekends and European clock changes as working time', () => {
      const { calendar } = slaTargets(policy, 'critical', 'standard').clock;
      // Sat 28 Mar 2026 23:30Z, across the night Europe moves its clocks: 2h later is 01:30Z.
      expect(iso(calendar.add(at('2026-03-28T23:30:00Z'), 2 * HOUR_MS))).toBe('2026-03-29T01:30:00.000Z');
      expect(calendar.isOpen(at('2026-01-03T03:00:00Z'))).toBe(true);
      expect(calendar.between(at('2026-07-13T00:00:00Z'), at('2026-07-20T00:00:00Z'))).toBe(7 * DAY_MS);
    });
  });

  describe('escalation and updates', () => {
    it.each(responseCells)('has no timed escalation ladder, update cadence or resolution target for %s × %s', (severity, tier) => {
      const targets = slaTargets(policy, severity, tier);
      expect(targets.escalation).toEqual([]);
      expect(targets.update).toBeUndefined();
      expect(targets.resolution).toBeUndefined();
    });

    it('pages nobody extra after hours, since there are none', () => {
      for (const severity of SEVERITIES) expect(policy.afterHoursPages(severity, undefined, at('2026-01-03T03:00:00Z'))).toEqual([]);
    });
  });

  describe('escalation on demand', () => {
    it('lets customers escalate a case and pages the manager for it', () => {
      const onDemand = policy.spec.onDemandEscalation;
      expect(onDemand?.by).toContain('customer');
      expect(onDemand?.page).toEqual(['manager']);
      expect(onDemand?.notify).toEqual([]);
    });

    it('turns a customer escalation of an answered case into a page to the manager at that moment', () => {
      const createdAt = at('2026-05-04T09:00:00Z');
      const deadlines = planDeadlines(
        {
          createdAt,
          sla: { policyId: 'kidzonet', policyVersion: policy.version, severity: 'minor', tier: 'standard' },
          events: [
            { type: 'responded', at: at('2026-05-04T12:00:00Z') },
            { type: 'escalated', at: at('2026-05-06T08:15:00Z'), by: 'customer' },
          ],
        },
        policy,
      );
      const escalations = deadlines.filter((deadline) => deadline.kind === 'escalation');
      expect(escalations).toEqual([
        {
          id: 'escalated.1',
          kind: 'escalation',
          due: at('2026-05-06T08:15:00Z'),
          state: 'pending',
          severity: 'minor',
          trigger: 'customer',
          page: ['manager'],
          notify: [],
        },
      ]);
    });
  });

  describe('tickets', () => {
    it('asks for new cases through the portal and takes e-mail only to update them', () => {
      expect(policy.spec.tickets?.preferredChannel).toBe('portal');
      expect(policy.spec.tickets?.emailUpdatesOnly).toBe(true);
    });
  });

  describe('plan preview', () => {
    it('plans a critical standard ticket with a single response deadline two hours on, night or not', () => {
      // Sat 28 Mar 2026 23:30Z + 2h on the 24x7 clock = Sun 29 Mar 01:30Z; a missed response
      // pages the support engineers the ticket is queued with.
      expect(previewPlan(policy, { severity: 'critical', tier: 'standard', at: at('2026-03-28T23:30:00Z') })).toEqual({
        policy: { id: 'kidzonet', version: 1 },
        zone: 'UTC',
        deadlines: [{ kind: 'response', due: '2026-03-29T01:30:00.000Z', page: ['tier1'] }],
      });
    });

    it('plans a premium question three calendar days out, across the end of February', () => {
      // Fri 27 Feb 2026 12:00Z + 72h = Mon 2 Mar 12:00Z (2026 is not a leap year).
      expect(previewPlan(policy, { severity: 'question', tier: 'premium', at: at('2026-02-27T12:00:00Z') }).deadlines).toEqual([
        { kind: 'response', due: '2026-03-02T12:00:00.000Z', page: ['tier1'] },
      ]);
    });
  });
});
