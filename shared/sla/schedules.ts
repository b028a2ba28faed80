/**
 * Which one-shot schedules a ticket should have: one per pending deadline with a due time. Names
 * are derived from the case, the deadline and its due time, so a moved deadline gets a new name
 * and converging two ticket images is a set difference — no listing, no bookkeeping.
 */

import { createHash } from 'node:crypto';
import type { Deadline } from './deadline.ts';

/** Deadlines due this soon (or already past) are carried out at once instead of being scheduled. */
export const RUN_NOW_WITHIN_MS = 60_000;

export interface ScheduledDeadline {
  /** 1–64 characters of `[0-9a-zA-Z-_.]`, as EventBridge Scheduler requires. */
  readonly name: string;
  readonly caseId: number;
  readonly deadlineId: string;
  readonly due: number;
}

/** What the Scheduler target (notify) receives: small on purpose. */
export interface DeadlineInvocation {
  readonly caseId: number;
  readonly deadlineId: string;
  readonly due: number;
  /** The ticket version that scheduled it, for tracing. */
  readonly version: number;
}

const NAME = /^[0-9a-zA-Z._-]{1,64}$/;

export function scheduleName(caseId: number, deadlineId: string, due: number): string {
  const name = `sla-${caseId}-${deadlineId}-${Math.floor(due / 1000).toString(36)}`;
  if (NAME.test(name)) return name;
  // A long severity id could push the name past 64 characters: keep it unique with a digest.
  const digest = createHash('sha256')
    .update(name)
    .digest('base64url')
    .slice(0, 22)
    .replace(/[^0-9a-zA-Z]/g, 'x');
  return `sla-${caseId}-${digest}`;
}

export function desiredSchedules(ticket: { readonly caseId: number; readonly deadlines: readonly Deadline[] }): ScheduledDeadline[] {
  return ticket.deadlines
    .filter((d): d is Deadline & { due: number } => d.state === 'pending' && d.due !== null)
    .map((d) => ({ name: scheduleName(ticket.caseId, d.id, d.due), caseId: ticket.caseId, deadlineId: d.id, due: d.due }));
}

/** The schedules to create and to delete to go from one ticket image's schedules to the next. */
export function converge(
  before: readonly ScheduledDeadline[],
  after: readonly ScheduledDeadline[],
): { create: ScheduledDeadline[]; remove: ScheduledDeadline[] } {
  const had = new Set(before.map((s) => s.name));
  const wants = new Set(after.map((s) => s.name));
  return { create: after.filter((s) => !had.has(s.name)), remove: before.filter((s) => !wants.has(s.name)) };
}
