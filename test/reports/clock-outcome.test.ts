import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { clockStops } from '#shared/reports/clock-outcome.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage, recordNotified, type Ticket, type TicketChange, updateTicket } from '#shared/tickets/ticket.ts';
import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';

const netcor = loadPreset('netcor');
const kore = loadPreset('kore');
const staff = { kind: 'staff', id: 'agent' } as const;
const customer = { kind: 'customer', id: 'c' } as const;
const fields = { softwareVersion: '1', systemDetails: 'x' };

/** Mon 2 Mar 2026, 16:00 in Berlin (15:00 UTC): an hour before NETCOR's office closes. */
const MON_16_BERLIN = Date.parse('2026-03-02T15:00:00Z');

function open(policy: Policy, severity: string, at: number, tier: string, region?: string): Ticket {
  const org = defineOrg('acme', { name: 'ACME', policy: policy.id, tier, ...(region && { region }) }, policy, at);
  return openTicket(10001, org, policy, { subject: 's', description: 'd', severity, fields }, customer, at).ticket;
}

const reply = (ticket: Ticket, policy: Policy, at: number) => postMessage(ticket, policy, { body: 'b', public: true }, staff, at);
const status = (ticket: Ticket, policy: Policy, to: Ticket['status'], at: number, actor = staff) =>
  updateTicket(ticket, policy, { status: to }, actor, at);
const fire = (ticket: Ticket, policy: Policy, id: string, at: number): TicketChange => {
  const deadline = ticket.deadlines.find((d) => d.id === id);
  if (deadline === undefined) throw new Error(`no ${id}`);
  return recordNotified(ticket, policy, deadline, [{ role: 'tier1', channels: ['email'] }], at);
};

describe('clock outcomes', () => {
  describe('the first response', () => {
    it('is met, with the business time counted on the deadline’s own calendar', () => {
      const ticket = open(netcor, 'high', MON_16_BERLIN, 'standard');
      // Tue 10:00 in Berlin: 1 h on Monday + 1 h 30 on Tuesday of business time, 18 h of wall-clock time.
      const change = reply(ticket, netcor, Date.parse('2026-03-03T09:00:00Z'));
      expect(change.outcomes).toEqual([
        {
          id: 'response',
          caseId: 10001,
          org: 'acme',
          policyId: 'netcor',
          policyVersion: 1,
          severity: 'high',
          tier: 'standard',
          metric: 'response',
          targetMs: 8 * HOUR_MS,
          startedAt: MON_16_BERLIN,
          due: ticket.deadlines.find((d) => d.id === 'response')?.due,
          stoppedAt: Date.parse('2026-03-03T09:00:00Z'),
          businessMs: 2.5 * HOUR_MS,
          calendarMs: 18 * HOUR_MS,
          pausedMs: 0,
          met: true,
          overrunMs: 0,
        },
      ]);
    });

    it('is breached when the answer comes late, with how long after the due time', () => {
      const ticket = open(netcor, 'critical', MON_16_BERLIN, 'standard');
      // Due Tue 11:30 Berlin (1 h Monday + 3 h Tuesday); answered Tue 12:00.
      const [outcome] = reply(ticket, netcor, Date.parse('2026-03-03T11:00:00Z')).outcomes ?? [];
      expect(outcome).toMatchObject({ metric: 'response', met: false, overrunMs: 30 * MINUTE_MS, businessMs: 4.5 * HOUR_MS });
    });

    it('is written once: a later severity change re-plans the response but adds no second outcome', () => {
      const answered = reply(open(netcor, 'high', MON_16_BERLIN, 'standard'), netcor, Date.parse('2026-03-03T09:00:00Z')).ticket;
      const raised = updateTicket(answered, netcor, { severity: 'critical' }, staff, Date.parse('2026-03-03T10:00:00Z'));
      // Under critical's 4 h the same answer would be late: the plan says so, the outcome does not change.
      expect(raised.ticket.deadlines.find((d) => d.id === 'response')?.state).toBe('met');
      expect(raised.outcomes).toBeUndefined();
      const update = reply(raised.ticket, netcor, Date.parse('2026-03-03T12:00:00Z'));
      expect(update.outcomes?.map((o) => o.id)).toEqual(['update.1.1']);
    });

    it('stops as breached when a ticket is resolved without an answer after its due time', () => {
      const ticket = open(netcor, 'critical', MON_16_BERLIN, 'standard');
      const resolvedAt = Date.parse('2026-03-04T09:00:00Z');
      const [outcome] = status(ticket, netcor, 'resolved', resolvedAt).outcomes ?? [];
      expect(outcome).toMatchObject({ id: 'response', met: false, stoppedAt: resolvedAt });
    });

    it('gives no outcome when the ticket is resolved before the response fell due (the clock was cancelled)', () => {
      const ticket = open(netcor, 'low', MON_16_BERLIN, 'standard');
      expect(status(ticket, netcor, 'resolved', MON_16_BERLIN + 30 * MINUTE_MS).outcomes).toBeUndefined();
    });
  });

  describe('updates', () => {
    it('records an update given in time as met, and a reminder that went out as breached', () => {
      const opened = MON_16_BERLIN;
      let ticket = open(kore, 'urgent', opened, 'diamond', 'us');
      ticket = reply(ticket, kore, opened + 10 * MINUTE_MS).ticket;
      const inTime = reply(ticket, kore, opened + 90 * MINUTE_MS);
      expect(inTime.outcomes).toEqual([
        expect.objectContaining({ id: 'update.1.1', metric: 'update', met: true, targetMs: 2 * HOUR_MS, businessMs: 80 * MINUTE_MS }),
      ]);
      const reminder = inTime.ticket.deadlines.find((d) => d.id === 'update.2.1');
      const fired = fire(inTime.ticket, kore, 'update.2.1', (reminder?.due as number) + MINUTE_MS);
      expect(fired.outcomes).toEqual([expect.objectContaining({ id: 'update.2.1', met: false, overrunMs: MINUTE_MS })]);
      // The late update itself adds nothing more for that reminder.
      expect(reply(fired.ticket, kore, (reminder?.due as number) + HOUR_MS).outcomes?.map((o) => o.id) ?? []).not.toContain('update.2.1');
    });
  });

  describe('the escalation ladder', () => {
    it('records each step carried out with its level', () => {
      const ticket = open(kore, 'urgent', MON_16_BERLIN, 'diamond', 'us');
      const change = fire(ticket, kore, 'escalation.urgent.1', MON_16_BERLIN);
      expect(change.outcomes).toEqual([expect.objectContaining({ id: 'escalation.urgent.1', metric: 'escalation', level: 1, met: false })]);
      expect(fire(change.ticket, kore, 'escalation.urgent.2', MON_16_BERLIN + 2 * HOUR_MS).outcomes?.map((o) => o.level)).toEqual([2]);
    });

    it('records no outcome for a re-page: it chases a person, it is no promise to the customer', () => {
      const stepped = fire(open(kore, 'urgent', MON_16_BERLIN, 'diamond', 'us'), kore, 'escalation.urgent.1', MON_16_BERLIN).ticket;
      const repage = stepped.deadlines.find((d) => d.repageOf === 'escalation.urgent.1');
      expect(repage).toBeDefined();
      const repaged = fire(stepped, kore, repage?.id as string, repage?.due as number);
      expect(repaged.ticket.deadlines.find((d) => d.id === repage?.id)?.state).toBe('breached');
      expect(repaged.outcomes).toBeUndefined();
    });
  });

  describe('resolution', () => {
    const policy = parsePolicy(
      `id: fixit
version: 1
name: Fixit
roles: { tier1: { name: Tier I } }
queue: tier1
calendars:
  office:
    timezone: Europe/Berlin
    hours: { mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"] }
tiers: { gold: {} }
severities:
  high:
    calendar: office
    tiers: { gold: { response: 1h, resolution: { within: 8h } } }
`,
      'fixit.yaml',
    );
    const opened = Date.parse('2026-03-02T08:00:00Z'); // Mon 09:00 Berlin

    it('leaves out the time spent waiting on the customer, and a reopened ticket is resolved a second time', () => {
      let ticket = open(policy, 'high', opened, 'gold');
      ticket = reply(ticket, policy, opened + 30 * MINUTE_MS).ticket;
      ticket = status(ticket, policy, 'pending_customer', opened + HOUR_MS).ticket;
      ticket = postMessage(ticket, policy, { body: 'here', public: true }, customer, opened + 3 * HOUR_MS).ticket;
      const first = status(ticket, policy, 'resolved', opened + 5 * HOUR_MS);
      expect(first.outcomes).toEqual([
        expect.objectContaining({ id: 'resolution.1', met: true, businessMs: 3 * HOUR_MS, pausedMs: 2 * HOUR_MS, calendarMs: 5 * HOUR_MS }),
      ]);
      // Reopened on Tuesday, resolved again on Wednesday: past the 8 h.
      const reopened = postMessage(first.ticket, policy, { body: 'again', public: true }, customer, opened + 24 * HOUR_MS);
      expect(reopened.outcomes).toBeUndefined();
      const second = status(reopened.ticket, policy, 'resolved', opened + 48 * HOUR_MS);
      expect(second.outcomes).toEqual([expect.objectContaining({ id: 'resolution.2', met: false })]);
      expect(clockStops(second.ticket).map((s) => s.id)).toEqual(expect.arrayContaining(['response', 'resolution.2']));
    });

    it('gives no resolution outcome when a ticket is closed again without being reopened', () => {
      let ticket = open(policy, 'high', opened, 'gold');
      ticket = status(ticket, policy, 'resolved', opened + HOUR_MS).ticket;
      expect(status(ticket, policy, 'closed', opened + 2 * HOUR_MS).outcomes).toBeUndefined();
    });
  });
});
