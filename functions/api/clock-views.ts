/**
 * Countdowns on the wire: each running deadline's clock as of the answer (target, working time
 * used and left, whether the calendar is open and when it opens or closes next), read by the
 * engine (`shared/sla/clock.ts`) from the ticket's plan, with the policy's colour thresholds. A
 * client formats and ticks these figures; it never re-implements a calendar.
 */

import { policyOf } from '#shared/policies/presets.ts';
import type { CountdownThresholds } from '#shared/policy/countdown.ts';
import { type ClockBasis, clockAt } from '#shared/sla/clock.ts';
import type { Deadline } from '#shared/sla/deadline.ts';
import { planWithClocks } from '#shared/sla/plan-deadlines.ts';
import { headlineDeadline, type Ticket } from '#shared/tickets/ticket.ts';
import { formatInstant } from '#shared/time/instant.ts';

export type ClockView = ReturnType<typeof clockView>;

/** The clock of every deadline that still runs or ran out (pending or breached, with a due instant), by deadline id. */
export function clockViews(ticket: Ticket, asOf: number): ReadonlyMap<string, ClockView> {
  const running = ticket.deadlines.filter(isRunning);
  const views = new Map<string, ClockView>();
  if (running.length === 0) return views;
  const read = reader(ticket, asOf);
  for (const deadline of running) {
    const view = read(deadline);
    if (view !== undefined) views.set(deadline.id, view);
  }
  return views;
}

/** The deadline a list row shows (`headlineDeadline`: a missed, unmet response or resolution, else the next pending) with its clock. */
export function nextDeadlineView(ticket: Ticket, asOf: number) {
  const next = headlineDeadline(ticket);
  if (next === undefined) return undefined;
  const clock = reader(ticket, asOf)(next);
  return {
    id: next.id,
    kind: next.kind,
    ...(next.level !== undefined && { level: next.level }),
    due: formatInstant(next.due as number),
    state: next.state,
    ...(clock !== undefined && { clock }),
  };
}

function isRunning(deadline: Deadline): boolean {
  return (deadline.state === 'pending' || deadline.state === 'breached') && deadline.due !== null;
}

/** Reads deadlines' clocks from the ticket's plan under the policy version it was opened with. */
function reader(ticket: Ticket, asOf: number): (deadline: Deadline) => ClockView | undefined {
  const policy = policyOf(ticket.sla);
  const { clocks } = planWithClocks(ticket, policy);
  return (deadline) => {
    const basis = clocks.get(deadline.id);
    return basis === undefined ? undefined : clockView(basis, asOf, policy.countdown);
  };
}

function clockView(basis: ClockBasis, asOf: number, thresholds: CountdownThresholds) {
  const reading = clockAt(basis, asOf);
  return {
    asOf: formatInstant(asOf),
    target: reading.target,
    used: reading.used,
    left: reading.left,
    open: reading.open,
    ...(reading.nextOpening !== undefined && { nextOpening: formatInstant(reading.nextOpening) }),
    ...(reading.closesAt !== undefined && { closesAt: formatInstant(reading.closesAt) }),
    stopped: reading.stopped,
    basis: reading.basis,
    zone: reading.zone,
    warning: thresholds.warning,
    danger: thresholds.danger,
  };
}
