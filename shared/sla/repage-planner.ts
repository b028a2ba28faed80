/**
 * Re-pages: a ladder step with `repeat: { every, times }` sends its pages again, `every` apart from
 * the instant the step was carried out, until someone acknowledges it; one interval after the last
 * re-page, its `backup` role is paged (without one, the step's roles again, and notify picks the
 * next person on call). Re-pages run on calendar time, not on the ladder's clock: they are about
 * waking someone, and a night or a weekend is exactly when nobody answers.
 *
 * Like every planner, this keeps no state: the step's `notified` event says when it fired, an
 * `acknowledged` event of the step cancels the re-pages still to come, and a resolve cancels them
 * for good (a reopen brings back ladder steps due after it, not the re-pages of a page the resolve
 * answered).
 */

import { ALWAYS_OPEN_NAME } from '#shared/policy/calendar-refs.ts';
import type { Clock, EscalationStep } from '#shared/policy/policy.ts';
import type { Deadline, DeadlineState } from './deadline.ts';
import { clockOf, LADDER_STEP_ID, type Planned, type Planning, settle } from './deadline-planners.ts';

/** Id of the page after the last re-page of a step. */
export const backupPageId = (stepId: string) => `${stepId}.backup`;
/** Id of a step's k-th re-page (1-based). */
export const repageId = (stepId: string, k: number) => `${stepId}.r${k}`;

/** The re-pages and the backup page of every fired ladder step that repeats (whatever severity it fired under). */
export function planRepages(p: Planning): Planned[] {
  const planned: Planned[] = [];
  const clock: Clock = { calendarName: ALWAYS_OPEN_NAME, calendar: p.policy.calendar(ALWAYS_OPEN_NAME) };
  for (const [stepId, firedAt] of p.facts.firedAt) {
    const match = LADDER_STEP_ID.exec(stepId);
    if (match === null) continue;
    const severity = match[1] as string;
    const step = p.policy.targets(severity, p.tier, p.region)?.escalation.find((s) => s.level === Number(match[2]));
    if (step?.repeat === undefined) continue;
    const { every, times } = step.repeat;
    for (let k = 1; k <= times + 1; k++) {
      const id = k > times ? backupPageId(stepId) : repageId(stepId, k);
      const due = firedAt + k * every;
      const deadline: Deadline = {
        id,
        kind: 'escalation',
        due,
        state: repageState(p, stepId, id, firedAt, due),
        severity,
        level: step.level,
        ...pages(step, k > times),
        notify: [],
        repageOf: stepId,
      };
      planned.push({ deadline, clock: clockOf(deadline, firedAt, k * every, clock, []) });
    }
  }
  return planned;
}

/** Carried out, else cancelled once the step was acknowledged or the ticket resolved since the step fired (even after a reopen). */
function repageState(p: Planning, stepId: string, id: string, firedAt: number, due: number): DeadlineState {
  if (p.facts.firedAt.has(id)) return 'breached';
  const resolvedSince = p.facts.resolved.some((r) => r.start >= firedAt);
  if (p.facts.acknowledged.has(stepId) || resolvedSince) return 'cancelled';
  return settle(p, id, due);
}

function pages(step: EscalationStep, last: boolean): Pick<Deadline, 'page' | 'escalateTo'> {
  if (!last) return { page: step.page };
  return step.backup === undefined ? { page: step.page, escalateTo: 'next-in-rotation' } : { page: [step.backup] };
}
