/**
 * Compaction must not change the plan: at every step of a random life of a ticket, on every
 * preset, the pending deadlines of the ticket (planned from its compacted events, as stored) equal
 * those planned from every event its timeline recorded.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { loadPreset, PRESET_IDS } from '#shared/policies/presets.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Deadline } from '#shared/sla/deadline.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import { compactEvents } from '#shared/tickets/compact.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { escalateTicket, openTicket, postMessage, type TicketChange, updateTicket } from '#shared/tickets/ticket.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import { eventsOfTimeline } from '#shared/tickets/timeline-events.ts';
import { ACME, ackSomePage, fireDue } from '../sla/repeating-policy.ts';

const staff = { kind: 'staff' as const, id: 'agent-1' };
const customer = { kind: 'customer' as const, id: 'c-1' };
const START = Date.parse('2026-03-02T13:00:00Z');

type Step =
  | { kind: 'wait'; minutes: number }
  | { kind: 'fire' }
  | { kind: 'staff' | 'customer' | 'note' }
  | { kind: 'status'; status: 'open' | 'pending_customer' | 'resolved' | 'closed' }
  | { kind: 'severity'; pick: number }
  | { kind: 'escalate'; byCustomer: boolean }
  | { kind: 'ack'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 0, max: 900 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('fire' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('staff' as const, 'customer' as const, 'note' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom('open', 'pending_customer', 'resolved', 'closed'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('severity' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('escalate' as const), byCustomer: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ack' as const), pick: fc.nat() }) },
);

const pending = (deadlines: readonly Deadline[]) => deadlines.filter((d) => d.state === 'pending');

describe('compactEvents', () => {
  // The presets, and a policy whose steps repeat their pages until acknowledged.
  for (const policy of [...PRESET_IDS.map((id) => loadPreset(id)), ACME]) {
    const { id } = policy;
    it(`keeps every pending deadline of a ${id} ticket, at every step of its life`, () => {
      fc.assert(
        fc.property(fc.nat(), fc.nat(), fc.array(step, { minLength: 1, maxLength: 80 }), (severityPick, tierPick, steps) => {
          const severity = policy.severities[severityPick % policy.severities.length] as string;
          const tier = policy.tiers[tierPick % policy.tiers.length] as string;
          const region = policy.regions[0];
          const org = defineOrg('acme', { name: 'ACME', policy: id, tier, ...(region !== undefined && { region }) }, policy, START);
          let now = START;
          const change = openTicket(
            10_001,
            org,
            policy,
            { subject: 's', description: 'd', severity, fields: fieldsFor(policy) },
            customer,
            now,
          );
          let ticket = change.ticket;
          const timeline: TimelineEntry[] = [...change.entries];
          for (const s of steps) {
            const next = attempt(() => perform(s));
            if (next !== undefined) {
              ticket = next.ticket;
              timeline.push(...next.entries);
            }
            const full = planDeadlines({ createdAt: ticket.createdAt, sla: ticket.sla, events: eventsOfTimeline(timeline) }, policy);
            expect(pending(ticket.deadlines)).toEqual(pending(full));
            // Compaction is idempotent: compacting the stored events again changes nothing.
            expect(compactEvents(ticket.events)).toEqual(ticket.events);
            // An item of the old shape (every event) compacted in one go plans the same.
            const events = compactEvents(eventsOfTimeline(timeline));
            expect(pending(planDeadlines({ createdAt: ticket.createdAt, sla: ticket.sla, events }, policy))).toEqual(pending(full));
          }

          function perform(s: Step): TicketChange | undefined {
            switch (s.kind) {
              case 'wait':
                now += s.minutes * 60_000;
                return undefined;
              case 'fire':
                return fireDue(ticket, policy, now);
              case 'staff':
              case 'customer':
              case 'note':
                return postMessage(ticket, policy, { body: 'b', public: s.kind !== 'note' }, s.kind === 'customer' ? customer : staff, now);
              case 'status':
                return updateTicket(ticket, policy, { status: s.status }, staff, now);
              case 'severity':
                return updateTicket(ticket, policy, { severity: policy.severities[s.pick % policy.severities.length] }, staff, now);
              case 'escalate':
                return escalateTicket(ticket, policy, 'please', s.byCustomer ? customer : staff, now);
              case 'ack':
                return ackSomePage(ticket, policy, s.pick, now);
            }
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

/** A rejected operation (a closed case, a transition that does not exist) leaves the ticket as it was. */
function attempt(run: () => TicketChange | undefined): TicketChange | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

/** Kolmisoft requires fields on API tickets. */
function fieldsFor(policy: Policy): Record<string, string> {
  return Object.fromEntries((policy.spec.tickets?.requiredFields ?? []).map((f) => [f, 'x']));
}
