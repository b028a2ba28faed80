/**
 * The sweeper: every few minutes it looks for tickets whose earliest pending deadline is overdue
 * by more than a grace period (their schedule was deleted, a stream record was lost, a hand-off
 * failed) and hands each overdue pending deadline to notify again. notify re-checks the ticket
 * and delivers each page once, so a deadline handed over twice is harmless; a lost one is late by
 * at most the sweep interval plus the grace, never lost.
 */

import type { DeadlineHandoff } from '#shared/sla/ports.ts';
import type { DeadlineInvocation } from '#shared/sla/schedules.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';

/** How often the sweeper runs (the recurring schedule on AWS, the local runtime's clock locally). */
export const SWEEP_INTERVAL_MS = 5 * 60_000;
/** A deadline counts as overdue once it is this late: its own schedule and notify's retries had their chance. */
export const SWEEP_GRACE_MS = 2 * 60_000;

export interface OverdueTickets {
  /** Open tickets whose earliest pending deadline is due at or before `cutoff` (from the `due` index). */
  overdue(cutoff: number): Promise<Ticket[]>;
}

export interface SweepDeps {
  readonly tickets: OverdueTickets;
  readonly notify: DeadlineHandoff;
  readonly now: () => number;
}

export async function sweep(deps: SweepDeps): Promise<{ tickets: number; handedOff: number }> {
  const tickets = await deps.tickets.overdue(deps.now() - SWEEP_GRACE_MS);
  const invocations = overdueDeadlines(tickets, deps.now() - SWEEP_GRACE_MS);
  for (const invocation of invocations) await deps.notify.handOff(invocation);
  return { tickets: tickets.length, handedOff: invocations.length };
}

/** Every pending deadline of these tickets due at or before `cutoff`. */
export function overdueDeadlines(tickets: readonly Ticket[], cutoff: number): DeadlineInvocation[] {
  return tickets.flatMap((ticket) =>
    ticket.deadlines
      .filter((d) => d.state === 'pending' && d.due !== null && d.due <= cutoff)
      .map((d) => ({ caseId: ticket.caseId, deadlineId: d.id, due: d.due as number, version: ticket.version })),
  );
}
