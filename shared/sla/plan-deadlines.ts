/**
 * `planDeadlines(ticket, policy)`: every SLA deadline of a ticket and its state, derived from the
 * ticket's SLA snapshot and its events. Pure: no clock, no I/O; the same ticket always gives the
 * same plan, which is what lets schedules converge on it.
 *
 * States: `pending` (the clock runs, or the step has yet to be carried out), `met` (satisfied in
 * time), `breached` (ran out: answered late, or its step was carried out — for a ladder step that
 * means the ladder reached it), `cancelled` (the ticket was resolved or closed when it fell due).
 */

import type { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { DomainError } from '#shared/domain-error.ts';
import type { EscalationStep, Policy, RoleId, Targets } from '#shared/policy/policy.ts';
import { contains, type Folded, mergePeriods, type Period, statusPeriods, type TicketEvent } from '#shared/tickets/ticket-event.ts';

/** What a ticket fixed about its SLA when it was created. A later plan change does not touch it. */
export interface SlaSnapshot {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly severity: string;
  readonly tier: string;
  readonly region?: string | undefined;
}

export interface PlanningTicket {
  readonly createdAt: number;
  readonly sla: SlaSnapshot;
  readonly events: readonly TicketEvent[];
}

export const DEADLINE_KINDS = ['response', 'escalation', 'update', 'resolution'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_STATES = ['pending', 'met', 'breached', 'cancelled'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export interface Deadline {
  /** Stable and unique within the ticket; safe in schedule names (`[0-9a-zA-Z._-]`). */
  readonly id: string;
  readonly kind: DeadlineKind;
  /** UTC epoch ms; `null` while a paused clock is stopped. */
  readonly due: number | null;
  readonly state: DeadlineState;
  /** The severity whose targets produced this deadline. */
  readonly severity: string;
  readonly level?: number;
  /** For on-demand escalations: who asked. */
  readonly trigger?: 'customer' | 'staff';
  readonly assign?: RoleId;
  readonly page?: readonly RoleId[];
  readonly notify?: readonly RoleId[];
  /** When it was met or answered late. */
  readonly settledAt?: number;
}

const KIND_ORDER: Record<DeadlineKind, number> = { escalation: 0, response: 1, update: 2, resolution: 3 };

export function planDeadlines(ticket: PlanningTicket, policy: Policy): Deadline[] {
  const { sla, createdAt } = ticket;
  if (sla.policyId !== policy.id || sla.policyVersion !== policy.version) {
    throw new DomainError(
      'policy_mismatch',
      `ticket was opened under ${sla.policyId} v${sla.policyVersion}, not ${policy.id} v${policy.version}`,
    );
  }
  const events = [...ticket.events].sort((a, b) => a.at - b.at);
  const facts = readEvents(createdAt, events);
  const severity = facts.severity ?? sla.severity;
  const targets = policy.targets(severity, sla.tier, sla.region);
  const deadlines: Deadline[] = [];
  const settle = (id: string, due: number | null): DeadlineState => {
    if (facts.fired.has(id)) return 'breached';
    if (facts.done || (due !== null && contains(facts.resolved, due))) return 'cancelled';
    return 'pending';
  };

  if (targets !== undefined) {
    const ladder = ladderOf(targets, createdAt);
    const extraPages = (due: number | null) => (due === null ? [] : policy.afterHoursPages(severity, targets.region, due));
    const breachActions = (due: number | null) => {
      const at = due ?? Number.POSITIVE_INFINITY;
      const reached = ladder.filter((step) => step.due <= at);
      const assignee = reached.reduce<RoleId>((role, step) => step.assign ?? role, policy.spec.queue);
      const page = unique([...(policy.spec.breach?.page ?? [assignee]), ...extraPages(due)]);
      const engaged = reached.flatMap((step) => step.page);
      const notify = unique(policy.spec.breach?.notify ?? engaged).filter((role) => !page.includes(role));
      return { page, notify };
    };

    // First response.
    const responseDue = targets.clock.calendar.add(createdAt, targets.response);
    const answered = facts.firstResponse;
    deadlines.push({
      id: 'response',
      kind: 'response',
      due: responseDue,
      state: answered === undefined ? settle('response', responseDue) : answered <= responseDue ? 'met' : 'breached',
      severity,
      ...(answered !== undefined && { settledAt: answered }),
      ...breachActions(responseDue),
    });

    // The escalation ladder of the current severity, plus steps of earlier severities that fired.
    for (const step of ladder) {
      const id = `escalation.${severity}.${step.level}`;
      deadlines.push(ladderDeadline(id, severity, step, settle(id, step.due), extraPages(step.due)));
    }
    for (const id of facts.fired) {
      const match = /^escalation\.([^.]+)\.(\d+)$/.exec(id);
      if (match === null || match[1] === severity) continue;
      const earlier = policy.targets(match[1] as string, sla.tier, sla.region);
      const step = earlier && ladderOf(earlier, createdAt).find((s) => s.level === Number(match[2]));
      if (step !== undefined) deadlines.push(ladderDeadline(id, match[1] as string, step, 'breached', []));
    }

    // Progress updates: each public staff message (or a reopen) restarts the cadence.
    if (targets.update !== undefined) {
      const { every, clock } = targets.update;
      facts.anchors.forEach((anchor, i) => {
        const next = facts.anchors[i + 1];
        // Reminders folded into the anchor fired; the chain goes on after them.
        for (let reminder = anchor.fired + 1; ; reminder++) {
          const id = `update.${anchor.cycle}.${reminder}`;
          const due = addActive(clock.calendar, anchor.at, reminder * every, facts.stopped);
          const fired = facts.fired.has(id);
          if (next === undefined || fired || (next.byStaff && due !== null && next.at > due)) {
            const late = !fired && next !== undefined;
            deadlines.push({
              id,
              kind: 'update',
              due,
              state: late ? 'breached' : settle(id, due),
              severity,
              ...(late && { settledAt: next.at }),
              ...breachActions(due),
            });
          }
          if (!fired) break;
        }
      });
    }

    // Resolution target: the clock stops while paused or resolved.
    if (targets.resolution !== undefined) {
      const { within, clock } = targets.resolution;
      const finished = facts.resolved.at(-1);
      const done = finished !== undefined && finished.end === Number.POSITIVE_INFINITY ? finished.start : undefined;
      const stopped = done === undefined ? facts.stopped : mergePeriods(facts.paused, facts.resolved.slice(0, -1));
      const due = addActive(clock.calendar, createdAt, within, stopped);
      const state: DeadlineState =
        done !== undefined
          ? due !== null && done <= due && !facts.fired.has('resolution')
            ? 'met'
            : 'breached'
          : settle('resolution', due);
      deadlines.push({
        id: 'resolution',
        kind: 'resolution',
        due,
        state,
        severity,
        ...(done !== undefined && { settledAt: done }),
        ...breachActions(due),
      });
    }
  }

  // Escalations on demand (a customer quoting the case id, or an agent).
  const onDemand = policy.spec.onDemandEscalation;
  if (onDemand !== undefined) {
    let count = 0;
    for (const event of events) {
      if (event.type !== 'escalated' || !onDemand.by.includes(event.by)) continue;
      count = event.n ?? count + 1;
      const id = `escalated.${count}`;
      deadlines.push({
        id,
        kind: 'escalation',
        due: event.at,
        state: settle(id, event.at),
        severity,
        trigger: event.by,
        page: onDemand.page,
        notify: onDemand.notify.filter((role) => !onDemand.page.includes(role)),
      });
    }
  }

  return deadlines.sort(byDue);
}

interface PlannedStep extends EscalationStep {
  readonly due: number;
}

function ladderOf(targets: Targets, createdAt: number): PlannedStep[] {
  return targets.escalation.map((step) => ({ ...step, due: targets.clock.calendar.add(createdAt, step.at) }));
}

function ladderDeadline(id: string, severity: string, step: PlannedStep, state: DeadlineState, extraPages: readonly RoleId[]): Deadline {
  return {
    id,
    kind: 'escalation',
    due: step.due,
    state,
    severity,
    level: step.level,
    ...(step.assign !== undefined && { assign: step.assign }),
    page: unique([...step.page, ...extraPages]),
    notify: step.notify,
  };
}

interface EventFacts {
  readonly severity: string | undefined;
  readonly firstResponse: number | undefined;
  /**
   * Where the update cadence (re)starts: creation, each public staff message, each reopen — from
   * the last anchor that compaction numbered on (the ones before it were folded away).
   */
  readonly anchors: readonly Anchor[];
  readonly paused: readonly Period[];
  readonly resolved: readonly Period[];
  /** Paused or resolved: the update and resolution clocks do not run. */
  readonly stopped: readonly Period[];
  readonly fired: ReadonlySet<string>;
  /** Resolved or closed now: nothing is pending any more. */
  readonly done: boolean;
}

interface Anchor {
  readonly at: number;
  readonly byStaff: boolean;
  /** The update cycle it starts (`update.<cycle>.<reminder>`). */
  readonly cycle: number;
  /** Reminders of this cycle that fired and were folded into the anchor (see `compact.ts`). */
  readonly fired: number;
}

function readEvents(createdAt: number, events: readonly TicketEvent[]): EventFacts {
  let severity: string | undefined;
  let firstResponse: number | undefined;
  let anchors: Anchor[] = [{ at: createdAt, byStaff: false, cycle: 0, fired: 0 }];
  const anchor = (event: TicketEvent & Folded, byStaff: boolean) => {
    const cycle = event.cycle ?? (anchors.at(-1) as Anchor).cycle + 1;
    const next = { at: event.at, byStaff, cycle, fired: event.fired ?? 0 };
    // A numbered anchor: the ones before it were folded away and their cycles are settled.
    anchors = event.cycle === undefined ? [...anchors, next] : [next];
  };
  const fired = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'created':
        // Creation is cycle 0; compaction may have folded its fired reminders into the event.
        if (event.fired !== undefined && anchors.length === 1) anchors = [{ ...(anchors[0] as Anchor), fired: event.fired }];
        break;
      case 'severity_changed':
        severity = event.severity;
        break;
      case 'responded':
      case 'updated':
        firstResponse ??= event.at;
        anchor(event, true);
        break;
      case 'reopened':
        anchor(event, false);
        break;
      case 'notified':
        fired.add(event.deadline);
        break;
    }
  }
  const { paused, resolved, status } = statusPeriods(createdAt, events);
  const done = status === 'resolved' || status === 'closed';
  return { severity, firstResponse, anchors, paused, resolved, stopped: mergePeriods(paused, resolved), fired, done };
}

/**
 * The instant at which `amount` of working time has run on `calendar` from `start`, not counting
 * the stopped periods; `null` when the clock is stopped before then and has not restarted.
 */
function addActive(calendar: BusinessCalendar, start: number, amount: number, stopped: readonly Period[]): number | null {
  let cursor = start;
  let remaining = amount;
  for (const period of stopped) {
    if (period.end <= cursor) continue;
    if (period.start > cursor) {
      const due = calendar.add(cursor, remaining);
      if (due <= period.start) return due;
      remaining -= calendar.between(cursor, period.start);
    }
    if (period.end === Number.POSITIVE_INFINITY) return null;
    cursor = period.end;
  }
  return calendar.add(cursor, remaining);
}

function byDue(a: Deadline, b: Deadline): number {
  const dueA = a.due ?? Number.POSITIVE_INFINITY;
  const dueB = b.due ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA - dueB;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return (a.level ?? 0) - (b.level ?? 0);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
