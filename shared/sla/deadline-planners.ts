/**
 * One planner per deadline kind: the first response, the escalation ladder, progress updates, the
 * resolution target and escalations on demand. Each reads a ticket's facts (`event-facts.ts`) and
 * returns its deadlines, unsorted, each with what its clock measures; `planWithClocks` composes them.
 */

import { ALWAYS_OPEN_NAME } from '#shared/policy/calendar-refs.ts';
import type { Clock, EscalationStep, Policy, RoleId, Targets } from '#shared/policy/policy.ts';
import { contains, mergePeriods, type Period } from '#shared/tickets/ticket-event.ts';
import { addActive } from './active-time.ts';
import type { ClockBasis } from './clock.ts';
import type { Deadline, DeadlineState } from './deadline.ts';
import type { EventFacts } from './event-facts.ts';

/** A deadline and the clock it runs out on (none for escalations on demand, which fall due when asked for). */
export interface Planned {
  readonly deadline: Deadline;
  readonly clock?: ClockBasis;
}

/** What every planner reads: the ticket's policy and facts, and the severity it has now. */
export interface Planning {
  readonly createdAt: number;
  readonly tier: string;
  readonly region: string | undefined;
  readonly policy: Policy;
  readonly facts: EventFacts;
  readonly severity: string;
}

/** Planning under the targets of the current severity, with its escalation ladder laid out. */
export interface TargetPlanning extends Planning {
  readonly targets: Targets;
  readonly ladder: readonly PlannedStep[];
}

interface PlannedStep extends EscalationStep {
  readonly due: number;
}

export function withTargets(planning: Planning, targets: Targets): TargetPlanning {
  return { ...planning, targets, ladder: ladderOf(targets, planning.createdAt) };
}

/** First response: met by the first public staff message in time. */
export function planResponse(p: TargetPlanning): Planned[] {
  const due = p.targets.clock.calendar.add(p.createdAt, p.targets.response);
  const answered = p.facts.firstResponse;
  const deadline: Deadline = {
    id: 'response',
    kind: 'response',
    due,
    state: answered === undefined ? settle(p, 'response', due) : answered <= due ? 'met' : 'breached',
    severity: p.severity,
    ...(answered !== undefined && { settledAt: answered }),
    ...breachActions(p, due),
  };
  return [{ deadline, clock: clockOf(deadline, p.createdAt, p.targets.response, p.targets.clock, []) }];
}

/** The escalation ladder of the current severity, plus steps of earlier severities that fired. */
export function planLadder(p: TargetPlanning): Planned[] {
  const planned = p.ladder.map((step) => {
    const id = `escalation.${p.severity}.${step.level}`;
    const state = settle(p, id, step.due);
    // A step that waits for an acknowledgement is not needed once an earlier page was taken before it fell due.
    const { firstAck } = p.facts;
    const taken = step.untilAcknowledged && state === 'pending' && firstAck !== undefined && firstAck < step.due;
    return ladderStep(p, p.targets, id, p.severity, step, taken ? 'cancelled' : state, extraPages(p, step.due));
  });
  for (const id of p.facts.firedAt.keys()) {
    const match = LADDER_STEP_ID.exec(id);
    if (match === null || match[1] === p.severity) continue;
    const earlier = p.policy.targets(match[1] as string, p.tier, p.region);
    const step = earlier && ladderOf(earlier, p.createdAt).find((s) => s.level === Number(match[2]));
    if (step !== undefined) planned.push(ladderStep(p, earlier as Targets, id, match[1] as string, step, 'breached', []));
  }
  return planned;
}

/** Progress updates: each public staff message (or a reopen) restarts the cadence. */
export function planUpdates(p: TargetPlanning): Planned[] {
  if (p.targets.update === undefined) return [];
  const { every, clock } = p.targets.update;
  const { anchors, firedAt, stopped } = p.facts;
  const planned: Planned[] = [];
  anchors.forEach((anchor, i) => {
    const next = anchors[i + 1];
    // Reminders folded into the anchor fired; the chain goes on after them.
    for (let reminder = anchor.fired + 1; ; reminder++) {
      const id = `update.${anchor.cycle}.${reminder}`;
      const due = addActive(clock.calendar, anchor.at, reminder * every, stopped);
      const wasFired = firedAt.has(id);
      if (next === undefined || wasFired || (next.byStaff && due !== null && next.at > due)) {
        const late = !wasFired && next !== undefined;
        const deadline: Deadline = {
          id,
          kind: 'update',
          due,
          state: late ? 'breached' : settle(p, id, due),
          severity: p.severity,
          ...(late && { settledAt: next.at }),
          ...breachActions(p, due),
        };
        planned.push({ deadline, clock: clockOf(deadline, anchor.at, reminder * every, clock, stopped) });
      }
      if (!wasFired) break;
    }
  });
  return planned;
}

/** Resolution target: the clock stops while paused or resolved. */
export function planResolution(p: TargetPlanning): Planned[] {
  if (p.targets.resolution === undefined) return [];
  const { within, clock } = p.targets.resolution;
  const { paused, resolved } = p.facts;
  const finished = resolved.at(-1);
  const done = finished !== undefined && finished.end === Number.POSITIVE_INFINITY ? finished.start : undefined;
  const stopped = done === undefined ? p.facts.stopped : mergePeriods(paused, resolved.slice(0, -1));
  const due = addActive(clock.calendar, p.createdAt, within, stopped);
  const state: DeadlineState =
    done !== undefined
      ? due !== null && done <= due && !p.facts.firedAt.has('resolution')
        ? 'met'
        : 'breached'
      : settle(p, 'resolution', due);
  const deadline: Deadline = {
    id: 'resolution',
    kind: 'resolution',
    due,
    state,
    severity: p.severity,
    ...(done !== undefined && { settledAt: done }),
    ...breachActions(p, due),
  };
  return [{ deadline, clock: clockOf(deadline, p.createdAt, within, clock, p.facts.stopped) }];
}

/** Escalations on demand (a customer quoting the case id, or an agent), whatever the targets. */
export function planEscalationsOnDemand(p: Planning): Planned[] {
  const onDemand = p.policy.spec.onDemandEscalation;
  if (onDemand === undefined) return [];
  const planned: Planned[] = [];
  let count = 0;
  for (const event of p.facts.escalations) {
    if (!onDemand.by.includes(event.by)) continue;
    count = event.n ?? count + 1;
    const id = `escalated.${count}`;
    const deadline: Deadline = {
      id,
      kind: 'escalation',
      due: event.at,
      state: settle(p, id, event.at),
      severity: p.severity,
      trigger: event.by,
      page: onDemand.page,
      notify: onDemand.notify.filter((role) => !onDemand.page.includes(role)),
    };
    planned.push({ deadline });
  }
  return planned;
}

/** A ladder step's deadline id: `escalation.<severity>.<level>`. */
export const LADDER_STEP_ID = /^escalation\.([^.]+)\.(\d+)$/;

/** A deadline's state before it is met: breached once its step was carried out, cancelled when the ticket was done by then. */
export function settle({ facts }: Planning, id: string, due: number | null): DeadlineState {
  if (facts.firedAt.has(id)) return 'breached';
  if (facts.done || (due !== null && contains(facts.resolved, due))) return 'cancelled';
  return 'pending';
}

/** The on-call roles a policy adds outside its hours. */
function extraPages(p: TargetPlanning, due: number | null): readonly RoleId[] {
  return due === null ? [] : p.policy.afterHoursPages(p.severity, p.targets.region, due);
}

/** Who a missed target pages (the policy's breach roles, or the assignee the ladder reached) and who it tells. */
function breachActions(p: TargetPlanning, due: number | null): Pick<Deadline, 'page' | 'notify'> {
  const { spec } = p.policy;
  const at = due ?? Number.POSITIVE_INFINITY;
  const reached = p.ladder.filter((step) => step.due <= at);
  const assignee = reached.reduce<RoleId>((role, step) => step.assign ?? role, spec.queue);
  const page = unique([...(spec.breach?.page ?? [assignee]), ...extraPages(p, due)]);
  const engaged = reached.flatMap((step) => step.page);
  const notify = unique(spec.breach?.notify ?? engaged).filter((role) => !page.includes(role));
  return { page, notify };
}

function ladderOf(targets: Targets, createdAt: number): PlannedStep[] {
  return targets.escalation.map((step) => ({ ...step, due: targets.clock.calendar.add(createdAt, step.at) }));
}

function ladderStep(
  p: Planning,
  targets: Targets,
  id: string,
  severity: string,
  step: PlannedStep,
  state: DeadlineState,
  afterHours: readonly RoleId[],
): Planned {
  const deadline: Deadline = {
    id,
    kind: 'escalation',
    due: step.due,
    state,
    severity,
    level: step.level,
    ...(step.assign !== undefined && { assign: step.assign }),
    page: unique([...step.page, ...afterHours]),
    notify: step.notify,
  };
  return { deadline, clock: clockOf(deadline, p.createdAt, step.at, targets.clock, []) };
}

/** A deadline's clock; one that was met (late or in time) stops at `settledAt` for good. */
export function clockOf(deadline: Deadline, start: number, target: number, clock: Clock, stopped: readonly Period[]): ClockBasis {
  const { settledAt } = deadline;
  return {
    start,
    target,
    calendar: clock.calendar,
    alwaysOpen: clock.calendarName === ALWAYS_OPEN_NAME,
    stopped: settledAt === undefined ? stopped : mergePeriods(stopped, [{ start: settledAt, end: Number.POSITIVE_INFINITY }]),
  };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
