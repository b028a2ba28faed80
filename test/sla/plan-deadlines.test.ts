import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Deadline, PlanningTicket } from '#shared/sla/deadline.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';
import { HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';

const H = HOUR_MS;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : ms);

const kore = loadPreset('kore');
const kidzonet = loadPreset('kidzonet');
/** Mon 2 Mar 2026 14:00 UTC = 09:00 in New York: inside US support hours. */
const OPENED = at('2026-03-02T14:00:00Z');

function koreTicket(severity: string, events: TicketEvent[] = [], overrides: Partial<PlanningTicket['sla']> = {}): PlanningTicket {
  return {
    createdAt: OPENED,
    sla: { policyId: 'kore', policyVersion: kore.version, severity, tier: 'diamond', region: 'us', ...overrides },
    events: [{ type: 'created', at: OPENED }, ...events],
  };
}

/** A one-severity policy on a 24x7 clock with a resolution target; `settings` adds top-level lines. */
function acme(settings = ''): Policy {
  return parsePolicy(
    `id: acme
version: 1
name: ACME
roles: { tier1: { name: Tier I }, lead: { name: Lead }, director: { name: Director } }
tiers: { gold: {} }
${settings}
severities:
  high:
    calendar: 24x7
    resolution: { within: 8h }
    tiers: { gold: { response: 1h } }
`,
    'acme.yaml',
  );
}

const acmeTicket = (events: TicketEvent[]): PlanningTicket => ({
  createdAt: OPENED,
  sla: { policyId: 'acme', policyVersion: 1, severity: 'high', tier: 'gold' },
  events,
});

const byId = (plan: Deadline[], id: string): Deadline => {
  const found = plan.find((d) => d.id === id);
  if (found === undefined) throw new Error(`no deadline ${id} in ${plan.map((d) => d.id).join(', ')}`);
  return found;
};
const summary = (plan: Deadline[]) => plan.map((d) => `${d.id} ${d.state} ${iso(d.due)}`);

describe('planDeadlines', () => {
  describe('a new urgent KORE ticket during US hours', () => {
    const plan = planDeadlines(koreTicket('urgent'), kore);

    it('orders the ladder, the response and the first update by due time', () => {
      expect(summary(plan)).toEqual([
        'escalation.urgent.1 pending 2026-03-02T14:00:00.000Z',
        'response pending 2026-03-02T14:15:00.000Z',
        'escalation.urgent.2 pending 2026-03-02T16:00:00.000Z',
        'update.0.1 pending 2026-03-02T16:00:00.000Z',
        'escalation.urgent.3 pending 2026-03-02T18:00:00.000Z',
      ]);
    });

    it('assigns tier2, pages the manager and tells the director and VP at once', () => {
      expect(byId(plan, 'escalation.urgent.1')).toMatchObject({ assign: 'tier2', page: ['manager'], notify: ['director', 'vp'], level: 1 });
    });

    it('pages the role the ticket is assigned to on a missed response and tells the roles engaged so far', () => {
      expect(byId(plan, 'response')).toMatchObject({ page: ['tier2'], notify: ['manager'] });
      expect(byId(plan, 'update.0.1')).toMatchObject({ page: ['tier2'], notify: ['manager', 'director'] });
    });

    it('gives deadline ids that are safe in schedule names', () => {
      for (const d of plan) expect(d.id).toMatch(/^[0-9a-zA-Z._-]{1,40}$/);
    });
  });

  describe('after hours', () => {
    it('also pages the on-call unit for urgent deadlines outside the region hours', () => {
      // Sun 1 Mar 2026 22:00 in New York (US hours on Sunday end at 17:00).
      const night = { ...koreTicket('urgent'), createdAt: at('2026-03-02T03:00:00Z') };
      const plan = planDeadlines(night, kore);
      expect(byId(plan, 'escalation.urgent.1').page).toEqual(['manager', 'oncall']);
      expect(byId(plan, 'response').page).toEqual(['tier2', 'oncall']);
    });

    it('starts a high ticket opened on a Saturday night in the Netherlands at Monday 08:30 Amsterdam time', () => {
      const plan = planDeadlines({ ...koreTicket('high', [], { region: 'nl' }), createdAt: at('2026-03-07T22:00:00Z') }, kore);
      expect(iso(byId(plan, 'escalation.high.1').due)).toBe('2026-03-09T07:30:00.000Z');
      expect(iso(byId(plan, 'response').due)).toBe('2026-03-09T08:00:00.000Z'); // diamond: 30 minutes
      expect(iso(byId(plan, 'escalation.high.3').due)).toBe('2026-03-09T11:30:00.000Z');
      // Updates run on calendar time: 24h after creation, whatever the hours.
      expect(iso(byId(plan, 'update.0.1').due)).toBe('2026-03-08T22:00:00.000Z');
      expect(byId(plan, 'escalation.high.3').page).toEqual(['director']);
    });
  });

  describe('first response', () => {
    it('is met by a public staff message before the due time', () => {
      const plan = planDeadlines(koreTicket('urgent', [{ type: 'responded', at: OPENED + 10 * MINUTE_MS }]), kore);
      expect(byId(plan, 'response')).toMatchObject({ state: 'met', settledAt: OPENED + 10 * MINUTE_MS });
    });

    it('is breached when the answer comes late, and stays breached once its page went out', () => {
      const late = planDeadlines(koreTicket('urgent', [{ type: 'responded', at: OPENED + 20 * MINUTE_MS }]), kore);
      expect(byId(late, 'response').state).toBe('breached');
      const paged = planDeadlines(
        koreTicket('urgent', [{ type: 'notified', at: OPENED + 15 * MINUTE_MS, deadline: 'response', role: 'tier2' }]),
        kore,
      );
      expect(byId(paged, 'response').state).toBe('breached');
    });

    it('has no entry at all for a plan without SLA', () => {
      const kolmisoft = loadPreset('kolmisoft');
      const plan = planDeadlines(
        { createdAt: OPENED, sla: { policyId: 'kolmisoft', policyVersion: 1, severity: 'high', tier: 'free' }, events: [] },
        kolmisoft,
      );
      expect(plan).toEqual([]);
    });
  });

  describe('resolving and reopening', () => {
    it('cancels every pending deadline when the ticket is resolved, so nothing pages', () => {
      const plan = planDeadlines(koreTicket('urgent', [{ type: 'resolved', at: OPENED + 5 * MINUTE_MS }]), kore);
      expect(plan.filter((d) => d.state === 'pending')).toEqual([]);
      expect(byId(plan, 'escalation.urgent.2').state).toBe('cancelled');
    });

    it('cancels on close straight from open, too', () => {
      const plan = planDeadlines(koreTicket('urgent', [{ type: 'closed', at: OPENED + 5 * MINUTE_MS }]), kore);
      expect(plan.every((d) => d.state === 'cancelled')).toBe(true);
    });

    it('brings back the ladder steps that fall after a reopen and restarts the update cadence from it', () => {
      const plan = planDeadlines(
        koreTicket('urgent', [
          { type: 'notified', at: OPENED, deadline: 'escalation.urgent.1', role: 'manager' },
          { type: 'responded', at: OPENED + 5 * MINUTE_MS },
          { type: 'resolved', at: OPENED + 30 * MINUTE_MS },
          { type: 'reopened', at: OPENED + 3 * H },
        ]),
        kore,
      );
      expect(byId(plan, 'escalation.urgent.1').state).toBe('breached');
      expect(byId(plan, 'escalation.urgent.2').state).toBe('cancelled'); // fell due while resolved
      expect(byId(plan, 'escalation.urgent.3').state).toBe('pending');
      expect(byId(plan, 'response').state).toBe('met');
      expect(iso(byId(plan, 'update.2.1').due)).toBe(iso(OPENED + 5 * H));
    });
  });

  describe('progress updates', () => {
    it('restarts the cadence at every public staff message', () => {
      const plan = planDeadlines(
        koreTicket('urgent', [
          { type: 'responded', at: OPENED + 10 * MINUTE_MS },
          { type: 'updated', at: OPENED + 90 * MINUTE_MS },
        ]),
        kore,
      );
      const updates = plan.filter((d) => d.kind === 'update');
      expect(updates.map((d) => [d.id, d.state, iso(d.due)])).toEqual([['update.2.1', 'pending', iso(OPENED + 210 * MINUTE_MS)]]);
    });

    it('arms the next reminder after a missed update has paged, and records a late update as breached', () => {
      const plan = planDeadlines(
        koreTicket('urgent', [
          { type: 'responded', at: OPENED + 10 * MINUTE_MS },
          { type: 'notified', at: OPENED + 130 * MINUTE_MS, deadline: 'update.1.1', role: 'tier2' },
        ]),
        kore,
      );
      expect(summary(plan.filter((d) => d.kind === 'update'))).toEqual([
        `update.1.1 breached ${iso(OPENED + 130 * MINUTE_MS)}`,
        `update.1.2 pending ${iso(OPENED + 250 * MINUTE_MS)}`,
      ]);
      const late = planDeadlines(
        koreTicket('urgent', [
          { type: 'responded', at: OPENED + 10 * MINUTE_MS },
          { type: 'updated', at: OPENED + 140 * MINUTE_MS },
        ]),
        kore,
      );
      expect(byId(late, 'update.1.1')).toMatchObject({ state: 'breached', settledAt: OPENED + 140 * MINUTE_MS });
    });

    it('stops the update clock while the ticket waits for the customer, and not the ladder', () => {
      const waiting = planDeadlines(koreTicket('urgent', [{ type: 'paused', at: OPENED + 1 * H }]), kore);
      expect(byId(waiting, 'update.0.1')).toMatchObject({ state: 'pending', due: null });
      expect(byId(waiting, 'escalation.urgent.2').due).toBe(OPENED + 2 * H);
      const resumed = planDeadlines(
        koreTicket('urgent', [
          { type: 'paused', at: OPENED + 1 * H },
          { type: 'customer_replied', at: OPENED + 4 * H },
          { type: 'resumed', at: OPENED + 4 * H },
        ]),
        kore,
      );
      expect(byId(resumed, 'update.0.1').due).toBe(OPENED + 5 * H);
    });
  });

  describe('severity changes', () => {
    it('re-plans from creation, keeps fired steps and leaves past steps of the new severity due at once', () => {
      const plan = planDeadlines(
        koreTicket('high', [
          { type: 'notified', at: OPENED, deadline: 'escalation.high.1', role: 'manager' },
          { type: 'severity_changed', at: OPENED + 3 * H, severity: 'urgent' },
        ]),
        kore,
      );
      expect(byId(plan, 'escalation.high.1')).toMatchObject({ state: 'breached', severity: 'high' });
      expect(byId(plan, 'escalation.urgent.1')).toMatchObject({ state: 'pending', due: OPENED });
      expect(byId(plan, 'escalation.urgent.2')).toMatchObject({ state: 'pending', due: OPENED + 2 * H });
      expect(byId(plan, 'response')).toMatchObject({ severity: 'urgent', due: OPENED + 15 * MINUTE_MS });
      expect(plan.some((d) => d.id === 'escalation.high.2')).toBe(false);
    });
  });

  describe('escalation on demand', () => {
    const ticket = (events: TicketEvent[]): PlanningTicket => ({
      createdAt: OPENED,
      sla: { policyId: 'kidzonet', policyVersion: 1, severity: 'minor', tier: 'standard' },
      events,
    });

    it('pages the manager when a customer escalates a Kidzonet case', () => {
      const plan = planDeadlines(ticket([{ type: 'escalated', at: OPENED + 5 * H, by: 'customer' }]), kidzonet);
      expect(byId(plan, 'escalated.1')).toMatchObject({
        kind: 'escalation',
        due: OPENED + 5 * H,
        trigger: 'customer',
        page: ['manager'],
        state: 'pending',
      });
    });

    it('numbers repeated escalations and marks the ones already paged', () => {
      const plan = planDeadlines(
        ticket([
          { type: 'escalated', at: OPENED + 1 * H, by: 'customer' },
          { type: 'notified', at: OPENED + 1 * H, deadline: 'escalated.1', role: 'manager' },
          { type: 'escalated', at: OPENED + 2 * H, by: 'staff' },
        ]),
        kidzonet,
      );
      expect(summary(plan.filter((d) => d.kind === 'escalation'))).toEqual([
        `escalated.1 breached ${iso(OPENED + 1 * H)}`,
        `escalated.2 pending ${iso(OPENED + 2 * H)}`,
      ]);
    });

    it('ignores escalations under a policy that offers none', () => {
      const plan = planDeadlines(koreTicket('low', [{ type: 'escalated', at: OPENED, by: 'customer' }]), kore);
      expect(plan.map((d) => d.id)).toEqual(['response']);
    });
  });

  describe('resolution targets', () => {
    const policy = acme();
    const ticket = acmeTicket;

    it('is met when resolved in time and breached when resolved late', () => {
      expect(byId(planDeadlines(ticket([{ type: 'resolved', at: OPENED + 7 * H }]), policy), 'resolution').state).toBe('met');
      expect(byId(planDeadlines(ticket([{ type: 'resolved', at: OPENED + 9 * H }]), policy), 'resolution').state).toBe('breached');
    });

    it('stops while pending on the customer and while resolved, and runs again after a reopen', () => {
      const plan = planDeadlines(
        ticket([
          { type: 'paused', at: OPENED + 1 * H },
          { type: 'resumed', at: OPENED + 3 * H },
          { type: 'resolved', at: OPENED + 4 * H },
          { type: 'reopened', at: OPENED + 10 * H },
        ]),
        policy,
      );
      // 1h + 1h before the resolve, 6h left after the reopen.
      expect(byId(plan, 'resolution')).toMatchObject({ state: 'pending', due: OPENED + 16 * H });
    });
  });

  describe('breach roles set by the policy', () => {
    const policy = acme('breach: { page: [lead], notify: [lead, director] }');

    it('pages and tells the same roles for a missed response and a missed resolution, paging nobody twice', () => {
      const plan = planDeadlines(acmeTicket([]), policy);
      expect(plan.map((d) => [d.id, iso(d.due), d.page, d.notify])).toEqual([
        ['response', '2026-03-02T15:00:00.000Z', ['lead'], ['director']],
        ['resolution', '2026-03-02T22:00:00.000Z', ['lead'], ['director']],
      ]);
    });
  });

  describe('inputs', () => {
    it('refuses a policy version other than the one the ticket was opened under', () => {
      expect(() => planDeadlines(koreTicket('urgent', [], { policyVersion: kore.version + 1 }), kore)).toThrow(
        `opened under kore v${kore.version + 1}`,
      );
    });

    it('gives the same plan whatever order the events arrive in', () => {
      const events: TicketEvent[] = [
        { type: 'responded', at: OPENED + 10 * MINUTE_MS },
        { type: 'paused', at: OPENED + 1 * H },
        { type: 'resumed', at: OPENED + 2 * H },
      ];
      // KORE urgent, diamond (the seed's table): response in 15 minutes, the ladder at 0, 2h and 4h,
      // updates every 2 hours from the response at 14:10, with the update clock stopped 15:00–16:00.
      const expected = [
        'escalation.urgent.1 pending 2026-03-02T14:00:00.000Z',
        'response met 2026-03-02T14:15:00.000Z',
        'escalation.urgent.2 pending 2026-03-02T16:00:00.000Z',
        'update.1.1 pending 2026-03-02T17:10:00.000Z',
        'escalation.urgent.3 pending 2026-03-02T18:00:00.000Z',
      ];
      const inOrder = planDeadlines(koreTicket('urgent', events), kore);
      const reversed = planDeadlines(koreTicket('urgent', [...events].reverse()), kore);
      expect(summary(inOrder)).toEqual(expected);
      expect(reversed).toEqual(inOrder);
    });
  });
});
