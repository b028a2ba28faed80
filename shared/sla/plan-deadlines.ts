/**
 * `planDeadlines(ticket, policy)`: every SLA deadline of a ticket and its state, derived from the
 * ticket's SLA snapshot and its events. Pure: no clock, no I/O; the same ticket always gives the
 * same plan, which is what lets schedules converge on it.
 *
 * States: `pending` (the clock runs, or the step has yet to be carried out), `met` (satisfied in
 * time), `breached` (ran out: answered late, or its step was carried out — for a ladder step that
 * means the ladder reached it), `cancelled` (the ticket was resolved or closed when it fell due).
 *
 * The events are read once into facts (`event-facts.ts`); each kind of deadline has its own
 * planner (`deadline-planners.ts`, re-pages in `repage-planner.ts`), and this module composes them
 * and orders the result.
 * `planWithClocks` also keeps what each deadline's clock measures (`clock.ts`), for countdowns.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { ClockBasis } from './clock.ts';
import type { Deadline, DeadlineKind, PlanningTicket } from './deadline.ts';
import {
  type Planned,
  type Planning,
  planEscalationsOnDemand,
  planLadder,
  planResolution,
  planResponse,
  planUpdates,
  withTargets,
} from './deadline-planners.ts';
import { readEvents } from './event-facts.ts';
import { planRepages } from './repage-planner.ts';

const KIND_ORDER: Record<DeadlineKind, number> = { escalation: 0, response: 1, update: 2, resolution: 3 };

/** The planners of a severity with SLA targets, in the order their deadlines are listed before sorting. */
const TARGET_PLANNERS = [planResponse, planLadder, planUpdates, planResolution];

export interface PlanWithClocks {
  /** Every deadline of the ticket, by due time. */
  readonly deadlines: Deadline[];
  /** What each deadline's clock measures, by deadline id (escalations on demand have none). */
  readonly clocks: ReadonlyMap<string, ClockBasis>;
}

/** Every deadline of the ticket, by due time: one planner per kind, composed. */
export function planDeadlines(ticket: PlanningTicket, policy: Policy): Deadline[] {
  return planWithClocks(ticket, policy).deadlines;
}

/** The ticket's deadlines, and the clock each runs out on. */
export function planWithClocks(ticket: PlanningTicket, policy: Policy): PlanWithClocks {
  const { sla, createdAt } = ticket;
  if (sla.policyId !== policy.id || sla.policyVersion !== policy.version) {
    throw new DomainError(
      'policy_mismatch',
      `ticket was opened under ${sla.policyId} v${sla.policyVersion}, not ${policy.id} v${policy.version}`,
    );
  }
  const inOrder = [...ticket.events].sort((a, b) => a.at - b.at);
  const facts = readEvents(createdAt, inOrder);
  const severity = facts.severity ?? sla.severity;
  const planning: Planning = { createdAt, tier: sla.tier, region: sla.region, policy, facts, severity };
  const targets = policy.targets(severity, sla.tier, sla.region);
  const underTargets = targets && withTargets(planning, targets);
  const targeted = underTargets === undefined ? [] : TARGET_PLANNERS.flatMap((plan) => plan(underTargets));
  const planned: Planned[] = [...targeted, ...planEscalationsOnDemand(planning), ...planRepages(planning)];
  const clocks = new Map<string, ClockBasis>();
  for (const { deadline, clock } of planned) if (clock !== undefined) clocks.set(deadline.id, clock);
  return { deadlines: planned.map((p) => p.deadline).sort(byDue), clocks };
}

function byDue(a: Deadline, b: Deadline): number {
  const dueA = a.due ?? Number.POSITIVE_INFINITY;
  const dueB = b.due ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA - dueB;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return (a.level ?? 0) - (b.level ?? 0);
}
