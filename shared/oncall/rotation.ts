/**
 * Who is on call for a role at an instant: the rotation's participant for the shift containing it
 * (nobody outside the rotation's active hours, nobody before its first handoff), then the overrides.
 * With layers (rotations above the base rotation, PagerDuty-style), the top-most layer that has
 * someone on call at the instant names the person, so a night layer with active hours covers the
 * base rotation's nights and leaves its days alone.
 *
 * Shifts. Shift 0 starts at the handoff. `hours` shifts advance in absolute time (a 12-hour shift
 * is 12 real hours, also across a DST change). `days` and `weeks` shifts advance in the zone's
 * local time: shift k starts when the local wall clock first reaches the handoff's local date and
 * time plus k × N days, so a 09:00 Berlin handoff stays at 09:00 across both changes; a local time
 * that occurs twice hands off at its first occurrence, one that the clocks skip at the change.
 *
 * Overrides, applied to the rotation's person: `add` puts a person on call for its range; `replace`
 * puts `to` on call instead of `from` while `from` would be on call (by rotation or by an add).
 * Replacements are not chained (A→B and B→C at once give B for A). The answer lists the rotation's
 * person (or their replacement) first, then added people in the order their overrides start.
 *
 * Speed: a schedule is compiled once per object (a WeakMap), so a query is O(1) for the rotation
 * (arithmetic and the zone's cached offset table), O(log n) for the active hours, and O(log n + k)
 * for the overrides (sorted by start, with the latest end so far to stop the backward scan).
 */

import { openRangesOfYear, weeklyPieces, type YearRanges } from '#shared/calendar/open-ranges.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { LocalClock } from './local-time.ts';
import type { Override, RoleSchedule, Rotation } from './schedule-schema.ts';

export interface OnCall {
  readonly person: string;
  /** `rotation`: their shift; `override`: an add, or a replace in their favour. */
  readonly reason: 'rotation' | 'override';
}

const UNIT_MS = { hours: HOUR_MS, days: DAY_MS, weeks: 7 * DAY_MS } as const;
const NO_CLOSED_DAYS: ReadonlySet<number> = new Set();

export class CompiledRotation {
  private readonly clock: LocalClock;
  private readonly step: number;
  private readonly handoffWall: number;
  private readonly weekly: ReturnType<typeof weeklyPieces> | undefined;
  private readonly activeYears = new Map<number, YearRanges>();

  constructor(readonly rotation: Rotation) {
    this.clock = LocalClock.of(rotation.zone);
    this.step = rotation.shift.length * UNIT_MS[rotation.shift.unit];
    this.handoffWall = this.clock.wallTime(rotation.handoff);
    this.weekly = rotation.activeHours === undefined ? undefined : weeklyPieces(rotation.activeHours);
  }

  /** The index of the shift containing `instant`; `undefined` before the first handoff. */
  shiftAt(instant: number): number | undefined {
    const { handoff } = this.rotation;
    if (instant < handoff) return undefined;
    if (this.rotation.shift.unit === 'hours') return Math.floor((instant - handoff) / this.step);
    const k = Math.max(0, Math.floor((this.clock.wallTime(instant) - this.handoffWall) / this.step));
    // After the clocks go back, the wall clock reads earlier than the shift it already reached.
    return this.shiftStart(k + 1) <= instant ? k + 1 : k;
  }

  shiftStart(k: number): number {
    const { handoff } = this.rotation;
    if (k === 0 || this.rotation.shift.unit === 'hours') return handoff + k * this.step;
    return this.clock.firstReaching(this.handoffWall + k * this.step);
  }

  participantOf(k: number): string {
    const { participants } = this.rotation;
    return participants[k % participants.length] as string;
  }

  isActive(instant: number): boolean {
    if (this.weekly === undefined) return true;
    const { starts, ends } = this.activeRangesOfYear(new Date(this.clock.wallTime(instant)).getUTCFullYear());
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ends[mid] as number) <= instant) lo = mid + 1;
      else hi = mid;
    }
    return lo < ends.length && (starts[lo] as number) <= instant;
  }

  /** Where active hours begin or end inside `(from, to)`; none without active hours. */
  activeChanges(from: number, to: number): number[] {
    if (this.weekly === undefined) return [];
    const out: number[] = [];
    const first = new Date(this.clock.wallTime(from)).getUTCFullYear();
    const last = new Date(this.clock.wallTime(to)).getUTCFullYear();
    for (let year = first; year <= last; year++) {
      const { starts, ends } = this.activeRangesOfYear(year);
      for (let i = 0; i < starts.length; i++) {
        for (const edge of [starts[i] as number, ends[i] as number]) if (edge > from && edge < to) out.push(edge);
      }
    }
    return out;
  }

  /** Active hours as UTC ranges of one local year (the calendar's conversion, with no closed days). */
  private activeRangesOfYear(year: number): YearRanges {
    let ranges = this.activeYears.get(year);
    if (ranges === undefined) {
      ranges = openRangesOfYear(this.clock.zone, this.weekly ?? [], NO_CLOSED_DAYS, year);
      this.activeYears.set(year, ranges);
    }
    return ranges;
  }
}

export class CompiledSchedule {
  /** The base rotation, then the layers above it: bottom first. */
  readonly layers: readonly CompiledRotation[];
  /** Sorted by start (then as given). */
  readonly overrides: readonly Override[];
  /** `latestEnd[i]`: the latest end among `overrides[0..i]`. */
  private readonly latestEnd: Float64Array;

  constructor(readonly schedule: RoleSchedule) {
    this.layers = [...(schedule.rotation === undefined ? [] : [schedule.rotation]), ...(schedule.layers ?? [])].map(
      (rotation) => new CompiledRotation(rotation),
    );
    this.overrides = [...schedule.overrides].sort((a, b) => a.start - b.start);
    this.latestEnd = new Float64Array(this.overrides.length);
    let latest = Number.NEGATIVE_INFINITY;
    this.overrides.forEach((override, i) => {
      latest = Math.max(latest, override.end);
      this.latestEnd[i] = latest;
    });
  }

  /** The overrides in force at `instant`, in start order. */
  overridesAt(instant: number): Override[] {
    let lo = 0;
    let hi = this.overrides.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.overrides[mid] as Override).start <= instant) lo = mid + 1;
      else hi = mid;
    }
    const found: Override[] = [];
    for (let i = lo - 1; i >= 0 && (this.latestEnd[i] as number) > instant; i--) {
      const override = this.overrides[i] as Override;
      if (override.end > instant) found.push(override);
    }
    return found.reverse();
  }

  onCallAt(instant: number): OnCall[] {
    const people: OnCall[] = [];
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i] as CompiledRotation;
      const k = layer.shiftAt(instant);
      if (k === undefined || !layer.isActive(instant)) continue;
      people.push({ person: layer.participantOf(k), reason: 'rotation' });
      break;
    }
    const overrides = this.overridesAt(instant);
    for (const override of overrides) if (override.kind === 'add') people.push({ person: override.person, reason: 'override' });
    const replacements = new Map<string, string>();
    for (const override of overrides) if (override.kind === 'replace') replacements.set(override.from, override.to);
    const seen = new Set<string>();
    const out: OnCall[] = [];
    for (const entry of people) {
      const replacement = replacements.get(entry.person);
      const onCall: OnCall = replacement === undefined ? entry : { person: replacement, reason: 'override' };
      if (seen.has(onCall.person)) continue;
      seen.add(onCall.person);
      out.push(onCall);
    }
    return out;
  }
}

const compiled = new WeakMap<RoleSchedule, CompiledSchedule>();

/** The schedule's compiled form, built on first use and kept while the schedule object lives. */
export function compile(schedule: RoleSchedule): CompiledSchedule {
  let found = compiled.get(schedule);
  if (found === undefined) {
    found = new CompiledSchedule(schedule);
    compiled.set(schedule, found);
  }
  return found;
}

/** The people on call for the schedule's role at `instant` (epoch ms), in a stable order (see above). */
export function whoIsOnCall(schedule: RoleSchedule, instant: number): string[] {
  return compile(schedule)
    .onCallAt(instant)
    .map((entry) => entry.person);
}

/**
 * Who the rotation hands over to next: the participant of the shift after the one containing
 * `instant` (the first shift's before the handoff), for a page nobody acknowledged that escalates
 * to the next person in the rotation. With layers, the rotation is the top-most layer naming
 * someone now (else the bottom one). Active hours and overrides do not change the order; with a
 * single participant it is that person again. `undefined` without any rotation.
 */
export function nextInRotation(schedule: RoleSchedule, instant: number): string | undefined {
  const { layers } = compile(schedule);
  const rotation = layers.findLast((layer) => layer.shiftAt(instant) !== undefined && layer.isActive(instant)) ?? layers[0];
  if (rotation === undefined) return undefined;
  const k = rotation.shiftAt(instant);
  return rotation.participantOf(k === undefined ? 0 : k + 1);
}
