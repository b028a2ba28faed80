/**
 * Clock outcomes: what a ticket's SLA clock came to, recorded once, when the clock stops, and never
 * changed afterwards. Reports fold over these facts (`sla-report.ts`) instead of re-planning
 * tickets, so a later policy or calendar change cannot move a closed period's figures.
 *
 * A change's outcomes are the clocks that are stopped after it and were not before (`changeOutcomes`):
 * - `response`: stops at the first public staff message (met when it came by the due time). A
 *   ticket resolved or closed without one stops it there too, breached, if it was already due;
 *   one resolved before its response fell due gives no outcome (the clock was cancelled).
 *   Its id is `response`, so re-planning (a severity change) never gives a second one.
 * - `update.<cycle>.<reminder>`: met when a public staff message came before the reminder fell
 *   due; breached when the reminder was sent (stopped then) or when the update came late.
 * - `resolution.<n>`: the n-th resolution (a reopened ticket that is resolved again has a second);
 *   met or breached as the plan says. A resolution clock cancelled by closing gives no outcome.
 * - `escalation.<severity>.<level>`: a ladder step carried out (the ladder reached that level);
 *   always counted as breached. Re-pages and escalations on demand are not SLA metrics.
 *
 * Pure: everything comes from the tickets before and after the change and the plan's clocks.
 */

import { betweenActive } from '#shared/sla/active-time.ts';
import type { ClockBasis } from '#shared/sla/clock.ts';
import type { Deadline } from '#shared/sla/deadline.ts';
import { readEvents } from '#shared/sla/event-facts.ts';
import type { Period } from '#shared/tickets/ticket-event.ts';

export const OUTCOME_METRICS = ['response', 'update', 'resolution', 'escalation'] as const;
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];

export interface ClockOutcome {
  /** Unique within its ticket, and the same however often it is derived: `response`, `update.0.1`, `resolution.2`, … */
  readonly id: string;
  readonly caseId: number;
  readonly org: string;
  readonly policyId: string;
  readonly policyVersion: number;
  readonly severity: string;
  readonly tier: string;
  readonly metric: OutcomeMetric;
  /** Ladder steps only. */
  readonly level?: number | undefined;
  /** Working time the clock allowed, ms. */
  readonly targetMs: number;
  readonly startedAt: number;
  readonly due: number;
  readonly stoppedAt: number;
  /** Working time run on the deadline's own clock, from start to stop, stopped periods left out. */
  readonly businessMs: number;
  /** Wall-clock time from start to stop. */
  readonly calendarMs: number;
  /** Time within [start, stop) the clock stood still: waiting on the customer (or resolved, before a reopen). */
  readonly pausedMs: number;
  readonly met: boolean;
  /** How long after the due time the clock stopped; 0 when met. */
  readonly overrunMs: number;
}

/** What a ticket is, as far as its outcomes go. */
export interface OutcomeTicket {
  readonly caseId: number;
  readonly org: string;
  readonly createdAt: number;
  readonly sla: { readonly policyId: string; readonly policyVersion: number; readonly tier: string };
  readonly events: Parameters<typeof readEvents>[1];
  readonly deadlines: readonly Deadline[];
}

/** A stopped clock, before it is measured: which deadline, when it stopped, and how it came out. */
export interface ClockStop {
  readonly id: string;
  readonly deadline: Deadline;
  readonly stoppedAt: number;
  readonly met: boolean;
}

/** Every clock of the ticket that is stopped by now, as its deadlines and events say. */
export function clockStops(ticket: OutcomeTicket): ClockStop[] {
  const facts = readEvents(
    ticket.createdAt,
    [...ticket.events].sort((a, b) => a.at - b.at),
  );
  const doneAt = facts.done ? facts.resolved.at(-1)?.start : undefined;
  const stops: ClockStop[] = [];
  for (const deadline of ticket.deadlines) {
    const { due, settledAt } = deadline;
    if (due === null || deadline.repageOf !== undefined || deadline.trigger !== undefined) continue;
    if (deadline.kind === 'response') {
      if (settledAt !== undefined) stops.push({ id: 'response', deadline, stoppedAt: settledAt, met: settledAt <= due });
      else if (doneAt !== undefined && due <= doneAt) stops.push({ id: 'response', deadline, stoppedAt: doneAt, met: false });
    } else if (deadline.kind === 'resolution') {
      if (settledAt !== undefined && (deadline.state === 'met' || deadline.state === 'breached'))
        stops.push({ id: `resolution.${facts.resolved.length}`, deadline, stoppedAt: settledAt, met: deadline.state === 'met' });
    } else if (deadline.state === 'breached') {
      const stoppedAt = settledAt ?? facts.firedAt.get(deadline.id);
      if (stoppedAt === undefined) continue;
      if (deadline.kind === 'escalation' && deadline.level === undefined) continue;
      stops.push({ id: deadline.id, deadline, stoppedAt, met: false });
    }
  }
  return stops;
}

/**
 * The outcomes a change produces: the clocks stopped after it that were not stopped before, plus
 * the update reminders that left the plan in this change (compaction folds a reminder that went
 * out into its anchor; a reminder a public staff message met is no longer planned), found by
 * comparing the two plans. `clocksAfter` / `clocksBefore`: each plan's clocks by deadline id;
 * `firedNow`: the deadlines this change records as carried out.
 */
export function changeOutcomes(
  before: OutcomeTicket | undefined,
  after: OutcomeTicket,
  clocks: { readonly after: ReadonlyMap<string, ClockBasis>; readonly before: () => ReadonlyMap<string, ClockBasis> },
  firedNow: ReadonlySet<string>,
  now: number,
): ClockOutcome[] {
  const earlier = new Set(before === undefined ? [] : clockStops(before).map((s) => s.id));
  const outcomes: ClockOutcome[] = [];
  const stopped = new Set<string>();
  for (const stop of clockStops(after)) {
    stopped.add(stop.id);
    if (earlier.has(stop.id)) continue;
    const clock = clocks.after.get(stop.deadline.id);
    if (clock !== undefined) outcomes.push(measure(after, stop, clock));
  }
  if (before === undefined) return outcomes;
  const planned = new Set(after.deadlines.map((d) => d.id));
  const answered = after.events.some((e) => (e.type === 'responded' || e.type === 'updated') && e.at === now);
  for (const deadline of before.deadlines) {
    const { id, due } = deadline;
    if (deadline.kind !== 'update' || deadline.state !== 'pending' || due === null || earlier.has(id) || stopped.has(id)) continue;
    const met = !firedNow.has(id);
    if (met && (!answered || planned.has(id) || now > due)) continue;
    const clock = clocks.before().get(id);
    if (clock !== undefined) outcomes.push(measure(before, { id, deadline, stoppedAt: now, met }, clock));
  }
  return outcomes;
}

function measure(ticket: OutcomeTicket, stop: ClockStop, clock: ClockBasis): ClockOutcome {
  const { deadline, stoppedAt, met } = stop;
  const due = deadline.due as number;
  const { start } = clock;
  const stoppedAtEnd = Math.max(start, stoppedAt);
  return {
    id: stop.id,
    caseId: ticket.caseId,
    org: ticket.org,
    policyId: ticket.sla.policyId,
    policyVersion: ticket.sla.policyVersion,
    severity: deadline.severity,
    tier: ticket.sla.tier,
    metric: deadline.kind,
    ...(deadline.kind === 'escalation' && { level: deadline.level }),
    targetMs: clock.target,
    startedAt: start,
    due,
    stoppedAt,
    businessMs: betweenActive(clock.calendar, start, stoppedAtEnd, clock.stopped),
    calendarMs: stoppedAtEnd - start,
    pausedMs: overlap(clock.stopped, start, stoppedAtEnd),
    met,
    overrunMs: met ? 0 : Math.max(0, stoppedAt - due),
  };
}

/** Time the periods (sorted, disjoint) cover within [from, to). */
function overlap(periods: readonly Period[], from: number, to: number): number {
  let total = 0;
  for (const p of periods) total += Math.max(0, Math.min(p.end, to) - Math.max(p.start, from));
  return total;
}

/**
 * The outcomes a stored ticket's settled deadlines show: what the backfill writes for tickets
 * from before outcomes were kept. Its ids are the ones the live path writes, so a clock already
 * recorded is not recorded twice. Met update reminders leave no trace in a plan and compaction
 * folds old cycles away: those are not recovered (docs/reports.md).
 */
export function settledOutcomes(ticket: OutcomeTicket, clocks: ReadonlyMap<string, ClockBasis>): ClockOutcome[] {
  return clockStops(ticket).flatMap((stop) => {
    const clock = clocks.get(stop.deadline.id);
    return clock === undefined ? [] : [measure(ticket, stop, clock)];
  });
}
