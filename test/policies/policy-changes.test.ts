import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedCalendars, movedDeadlines, sampleInstants, targetChanges } from '#shared/policies/policy-changes.ts';
import { loadPreset, presetFile } from '#shared/policies/presets.ts';
import { recalendar } from '#shared/policies/recalendar.ts';
import { compilePolicyText } from '#shared/policy/compile-policy.ts';
import { Policy } from '#shared/policy/policy.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';

const NETCOR = readFileSync(presetFile('netcor'), 'utf8');

/** The netcor preset compiled as version `version` of itself, with `edit` applied to its YAML. */
function netcor(version: number, edit: (yaml: string) => string = (yaml) => yaml): Policy {
  const text = edit(NETCOR.replace(/^version: 1$/m, `version: ${version}`));
  return Policy.fromSpec(compilePolicyText(text, 'netcor.yaml').spec);
}

const withXmasClosed = (text: string) =>
  text.replace('holidays: { country: DE, region: NI }', 'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }');
const MONDAY_10_BERLIN = Date.parse('2026-12-21T09:00:00Z');

function netcorTicket(policy: Policy, severity: string, at: number) {
  const org = defineOrg('acme', { name: 'ACME', policy: policy.id, tier: 'standard' }, policy, at);
  return openTicket(
    10_001,
    org,
    policy,
    { subject: 's', description: 'd', severity, fields: { softwareVersion: '1', systemDetails: 'x' } },
    { kind: 'customer', id: 'c' },
    at,
    {
      channel: 'api',
    },
  ).ticket;
}

describe('what a new policy version changes', () => {
  describe('sampleInstants', () => {
    it("takes a Monday morning, a Friday late afternoon and a Saturday after now, in the policy's zone", () => {
      const samples = sampleInstants(loadPreset('netcor'), Date.parse('2026-12-22T12:00:00Z'));
      expect(samples.map((s) => [s.label, new Date(s.at).toISOString()])).toEqual([
        ['Monday 09:30', '2026-12-28T08:30:00.000Z'],
        ['Friday 16:30', '2026-12-25T15:30:00.000Z'],
        ['Saturday 11:00', '2026-12-26T10:00:00.000Z'],
      ]);
    });

    it('always lies after now, within a week', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }), (now) => {
          for (const sample of sampleInstants(loadPreset('kore'), now)) {
            expect(sample.at).toBeGreaterThan(now);
            expect(sample.at - now).toBeLessThanOrEqual(8 * 24 * 3600 * 1000);
          }
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('targetChanges', () => {
    it('lists only the cells whose plan differs, and counts the others', () => {
      const before = netcor(1);
      const after = netcor(2, (text) => text.replace('standard: { response: 8h }', 'standard: { response: 6h }'));
      const samples = sampleInstants(before, MONDAY_10_BERLIN);
      const changes = targetChanges(before, after, samples);
      expect(changes.changes.map((c) => `${c.severity}/${c.tier}/${c.sample}`)).toEqual([
        'high/standard/Monday 09:30',
        'high/standard/Friday 16:30',
        'high/standard/Saturday 11:00',
      ]);
      expect(changes.unchanged).toBe(9);
      expect(changes.severities).toEqual({ added: [], removed: [] });
    });

    it('names severities added and removed; a new policy compares with nothing', () => {
      const before = netcor(1);
      const after = netcor(2, (text) => text.replace(/ {2}low:\n(?: {4}.*\n)+/, ''));
      const changes = targetChanges(before, after, sampleInstants(before, MONDAY_10_BERLIN));
      expect(changes.severities).toEqual({ added: [], removed: ['low'] });
      expect(targetChanges(undefined, before, sampleInstants(before, MONDAY_10_BERLIN)).unchanged).toBe(0);
    });

    it('finds no change between a version and itself (any sample instant)', () => {
      const policy = loadPreset('kore');
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') }), (now) => {
          const changes = targetChanges(policy, policy, sampleInstants(policy, now));
          expect(changes.changes).toEqual([]);
        }),
        { numRuns: 20 },
      );
    });
  });

  describe('a calendar change reaching open tickets', () => {
    it('names the calendars that changed, not those added', () => {
      expect(changedCalendars(netcor(1), netcor(2, withXmasClosed))).toEqual(['business']);
      expect(changedCalendars(netcor(1), netcor(2))).toEqual([]);
      expect(changedCalendars(undefined, netcor(1))).toEqual([]);
    });

    it("moves the deadlines of an open ticket whose clock crosses the closed day, keeping its version's targets", () => {
      const own = netcor(1, (text) => text.replace('standard: { response: 34h }', 'standard: { response: 34h }'));
      const later = netcor(2, (text) => withXmasClosed(text.replace('standard: { response: 34h }', 'standard: { response: 40h }')));
      const ticket = netcorTicket(own, 'low', MONDAY_10_BERLIN);
      const moved = movedDeadlines(ticket, own.withCalendarsOf(later), 2);
      // Still 34 h (v1's target), one business day later (the 24th is closed).
      expect(moved).toEqual([
        { deadline: expect.any(String), before: Date.parse('2026-12-28T09:00:00Z'), after: Date.parse('2026-12-29T09:00:00Z') },
      ]);
    });

    it('re-plans the ticket through apply: same version, the calendars of the later one, a public timeline entry; once only', () => {
      const own = netcor(1);
      const later = netcor(2, withXmasClosed);
      const ticket = netcorTicket(own, 'low', MONDAY_10_BERLIN);
      const result = recalendar(ticket, own, later, MONDAY_10_BERLIN + 1000);
      expect(result?.change.ticket.sla).toMatchObject({ policyVersion: 1, calendarsVersion: 2 });
      expect(result?.change.ticket.version).toBe(ticket.version + 1);
      expect(result?.change.entries).toEqual([
        expect.objectContaining({
          type: 'calendar_changed',
          public: true,
          detail: { policy: 'netcor', calendarsVersion: '2', moved: '1' },
        }),
      ]);
      expect(recalendar(result?.change.ticket ?? ticket, own, later, MONDAY_10_BERLIN + 2000)).toBeUndefined();
    });

    it('leaves a ticket whose clocks never cross the day where it was', () => {
      const own = netcor(1);
      const ticket = netcorTicket(own, 'critical', MONDAY_10_BERLIN);
      expect(movedDeadlines(ticket, own.withCalendarsOf(netcor(2, withXmasClosed)), 2)).toEqual([]);
    });
  });
});
