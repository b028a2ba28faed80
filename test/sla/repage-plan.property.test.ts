/**
 * Re-pages and acknowledgements over random lives of a ticket whose ladder repeats its pages
 * (`repeating-policy.ts`): at every step, planning depends on the events alone (not their order in
 * the list, not on planning before), re-pages stop at the acknowledgement and at a resolve, the
 * contract ladder keeps its offsets, and every deadline the ladder plans has a clock.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import type { Deadline, PlanningTicket } from '#shared/sla/deadline.ts';
import { planDeadlines, planWithClocks } from '#shared/sla/plan-deadlines.ts';
import { postMessage, type Ticket, type TicketChange, updateTicket } from '#shared/tickets/ticket.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';
import { ACME, ackSomePage, fireDue, OPENED, openUrgent } from './repeating-policy.ts';

const staff = { kind: 'staff' as const, id: 'agent-1' };
const customer = { kind: 'customer' as const, id: 'c-1' };

type Step =
  | { kind: 'wait'; minutes: number }
  | { kind: 'fire' }
  | { kind: 'ack'; pick: number }
  | { kind: 'staff' | 'customer' }
  | { kind: 'status'; status: 'open' | 'pending_customer' | 'resolved' | 'closed' }
  | { kind: 'severity'; severity: 'urgent' | 'low' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('fire' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ack' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('staff' as const, 'customer' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom('open', 'pending_customer', 'resolved', 'closed'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('severity' as const), severity: fc.constantFrom('urgent' as const, 'low' as const) }),
  },
);

const isAck = (e: TicketEvent): e is Extract<TicketEvent, { type: 'acknowledged' }> => e.type === 'acknowledged';
const ladderOf = (deadlines: readonly Deadline[]) =>
  deadlines.filter((d) => d.kind === 'escalation' && d.repageOf === undefined).map((d) => ({ id: d.id, due: d.due }));

describe('planning re-pages and acknowledgements', () => {
  it('holds at every step of a random life', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.integer(), (steps, seed) => {
        let now = OPENED;
        let ticket = openUrgent().ticket;
        for (const s of steps) {
          if (s.kind === 'wait') now += s.minutes * 60_000;
          else ticket = attempt(() => perform(s)) ?? ticket;
          // Every operation happens a minute after the last, so no two events share an instant.
          now += 60_000;
          check(ticket, seed);
        }

        function perform(s: Exclude<Step, { kind: 'wait' }>): TicketChange | undefined {
          switch (s.kind) {
            case 'fire':
              return fireDue(ticket, ACME, now);
            case 'ack':
              return ackSomePage(ticket, ACME, s.pick, now);
            case 'staff':
            case 'customer':
              return postMessage(ticket, ACME, { body: 'b', public: true }, s.kind === 'customer' ? customer : staff, now);
            case 'status':
              return updateTicket(ticket, ACME, { status: s.status }, staff, now);
            case 'severity':
              return updateTicket(ticket, ACME, { severity: s.severity }, staff, now);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

function check(ticket: Ticket, seed: number): void {
  const planning: PlanningTicket = { createdAt: ticket.createdAt, sla: ticket.sla, events: ticket.events };
  const { deadlines, clocks } = planWithClocks(planning, ACME);
  // Derived from the events alone: the stored plan, a second plan and a plan of the events in another order agree.
  expect(deadlines).toEqual(ticket.deadlines);
  expect(planDeadlines({ ...planning, events: shuffled(ticket.events, seed) }, ACME)).toEqual(deadlines);

  const acks = new Map(ticket.events.filter(isAck).map((e) => [e.deadline, e.at]));
  const firedAt = new Map(ticket.events.flatMap((e) => (e.type === 'notified' ? [[e.deadline, e.at] as const] : [])));
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const firstAck = Math.min(...acks.values());
  const resolves = ticket.events.filter((e) => e.type === 'resolved' || e.type === 'closed').map((e) => e.at);
  const waits = new Set(
    ACME.severities.flatMap(
      (severity) =>
        ACME.targets(severity, 'gold')
          ?.escalation.filter((s) => s.untilAcknowledged)
          .map((s) => `escalation.${severity}.${s.level}`) ?? [],
    ),
  );
  for (const d of deadlines) {
    // A step that waits for an acknowledgement is not pending once an earlier page was taken before its due.
    if (waits.has(d.id) && d.due !== null && firstAck < d.due) expect(d.state).not.toBe('pending');
    // A resolve ends the re-pages of the steps fired before it, even after a reopen.
    const stepFired = d.repageOf === undefined ? undefined : firedAt.get(d.repageOf);
    if (stepFired !== undefined && resolves.some((at) => at >= stepFired)) expect(d.state).not.toBe('pending');
    // Re-pages stop at the acknowledgement: none is pending after it, none was sent after it.
    const ackedAt = d.repageOf === undefined ? undefined : acks.get(d.repageOf);
    if (ackedAt !== undefined) expect(d.state === 'pending' || (firedAt.get(d.id) ?? 0) > ackedAt).toBe(false);
    // Nothing is pending, re-pages included, while the ticket is resolved or closed.
    if (done) expect(d.state).not.toBe('pending');
    // Every deadline but an escalation on demand has a clock; a re-page's runs on calendar time.
    if (d.trigger === undefined) expect(clocks.has(d.id)).toBe(true);
    if (d.repageOf !== undefined) expect(clocks.get(d.id)?.alwaysOpen).toBe(true);
  }
  // The contract ladder keeps its offsets whatever was acknowledged.
  const unacknowledged = planDeadlines({ ...planning, events: ticket.events.filter((e) => !isAck(e)) }, ACME);
  expect(ladderOf(deadlines)).toEqual(ladderOf(unacknowledged));
}

/** A deterministic shuffle of the events (Fisher–Yates driven by the seed). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A rejected operation (a resolved case, a deadline not yet fired) leaves the ticket as it was. */
function attempt(run: () => TicketChange | undefined): Ticket | undefined {
  try {
    return run()?.ticket;
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
