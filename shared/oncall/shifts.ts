/**
 * A person's shifts on a role between two instants: the stretches during which `whoIsOnCall` names
 * them, each with why (`rotation`: their own shift; `override`: an add, or a replace in their
 * favour). Who is on call can change only at a handoff, where active hours begin or end, or where
 * an override begins or ends, so the range is cut at those instants, each piece asked once, and
 * neighbouring pieces with the same reason merged.
 */

import { DAY_MS } from '#shared/time/duration.ts';
import { compile } from './rotation.ts';
import type { RoleSchedule } from './schedule-schema.ts';

export interface Shift {
  readonly role: string;
  readonly start: number;
  readonly end: number;
  readonly reason: 'rotation' | 'override';
}

/** The longest range `shiftsOf` answers (an hourly rotation gives one shift per hour); callers check it first. */
export const MAX_SHIFTS_RANGE_MS = 366 * DAY_MS;

/** The person's shifts in `[from, to)`, cut at the range's ends, in order. */
export function shiftsOf(schedule: RoleSchedule, person: string, from: number, to: number): Shift[] {
  if (!(to - from <= MAX_SHIFTS_RANGE_MS)) throw new RangeError(`a range of at most ${MAX_SHIFTS_RANGE_MS} ms, got ${to - from}`);
  if (to <= from) return [];
  const compiled = compile(schedule);
  const cuts = [from, to];
  for (const rotation of compiled.layers) {
    for (let k = (rotation.shiftAt(from) ?? -1) + 1; ; k++) {
      const start = rotation.shiftStart(k);
      if (start >= to) break;
      if (start > from) cuts.push(start);
    }
    cuts.push(...rotation.activeChanges(from, to));
  }
  for (const override of compiled.overrides) {
    if (override.start >= to) break;
    for (const edge of [override.start, override.end]) if (edge > from && edge < to) cuts.push(edge);
  }
  const edges = [...new Set(cuts)].sort((a, b) => a - b);
  const shifts: Shift[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i] as number;
    const end = edges[i + 1] as number;
    const reason = compiled.onCallAt(start).find((entry) => entry.person === person)?.reason;
    if (reason === undefined) continue;
    const last = shifts[shifts.length - 1];
    if (last !== undefined && last.end === start && last.reason === reason) shifts[shifts.length - 1] = { ...last, end };
    else shifts.push({ role: schedule.role, start, end, reason });
  }
  return shifts;
}
