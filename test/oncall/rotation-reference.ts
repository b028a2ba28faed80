/**
 * A deliberately naive reference for who is on call. It walks from the handoff an hour at a time,
 * reading the local wall clock with `Intl.DateTimeFormat`, and counts local days: a `days`/`weeks`
 * shift ends when the wall clock first reads the handoff's local date and time plus the shift's
 * length. Where an hour does not last an hour on the wall clock (a DST change), it walks that hour
 * minute by minute, then second by second, then millisecond by millisecond. Active hours are the
 * brute-force calendar's minute test; overrides are a plain filter. Slow, obvious, and independent
 * of the engine's offset tables and shift arithmetic.
 */

import type { RoleSchedule } from '#shared/oncall/schedule-schema.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { BruteForceCalendar } from '../support/brute-force-calendar.ts';

const SPANS = [HOUR_MS, MINUTE_MS, 1000, 1];

export class ReferenceRotation {
  private readonly format: Intl.DateTimeFormat;
  /** Shift starts found so far, from the handoff on. */
  private readonly starts: number[];
  private walkedTo: number;
  private highestWall: number;
  private readonly active: BruteForceCalendar | undefined;
  /** One reference per layer above the base rotation, bottom first. */
  private readonly layers: ReferenceRotation[];

  constructor(private readonly schedule: RoleSchedule) {
    this.layers = (schedule.layers ?? []).map((layer) => new ReferenceRotation({ role: schedule.role, rotation: layer, overrides: [] }));
    const rotation = schedule.rotation;
    // Swedish dates read like ISO-8601: "2026-03-29 03:00:00".
    this.format = new Intl.DateTimeFormat('sv-SE', { timeZone: rotation?.zone ?? 'UTC', dateStyle: 'short', timeStyle: 'medium' });
    this.starts = rotation === undefined ? [] : [rotation.handoff];
    this.walkedTo = rotation?.handoff ?? 0;
    this.highestWall = rotation === undefined ? 0 : this.wall(rotation.handoff);
    this.active =
      rotation?.activeHours === undefined ? undefined : new BruteForceCalendar({ timezone: rotation.zone, hours: rotation.activeHours });
  }

  /** The local date and time at `t`, as if it were UTC, in ms. */
  wall(t: number): number {
    return Date.parse(`${this.format.format(new Date(t)).replace(' ', 'T')}Z`) + (((t % 1000) + 1000) % 1000);
  }

  whoIsOnCall(t: number): string[] {
    // Layers: each asked on its own, the top-most that names someone wins over those below and the base.
    const fromLayers = this.layers
      .toReversed()
      .find((layer) => layer.onShift(t) !== undefined)
      ?.onShift(t);
    const onShift = fromLayers ?? this.onShift(t);
    const people: string[] = onShift === undefined ? [] : [onShift];
    const inForce = this.schedule.overrides
      .map((override, index) => ({ override, index }))
      .filter(({ override }) => override.start <= t && t < override.end)
      .sort((a, b) => a.override.start - b.override.start || a.index - b.index)
      .map(({ override }) => override);
    for (const override of inForce) if (override.kind === 'add') people.push(override.person);
    const out: string[] = [];
    for (const person of people) {
      const replace = inForce.find((override) => override.kind === 'replace' && override.from === person);
      const who = replace?.kind === 'replace' ? replace.to : person;
      if (!out.includes(who)) out.push(who);
    }
    return out;
  }

  /** The base rotation's person at `t`, if it has one then (after its handoff, within its active hours). */
  onShift(t: number): string | undefined {
    const rotation = this.schedule.rotation;
    if (rotation === undefined || t < rotation.handoff || (this.active !== undefined && !this.active.isOpen(t))) return undefined;
    return rotation.participants[this.shiftIndex(t) % rotation.participants.length] as string;
  }

  /** The shift starts up to `t` (days and weeks shifts; walks there first). */
  startsUntil(t: number): readonly number[] {
    while (this.walkedTo <= t) this.walk(this.walkedTo, 0);
    return this.starts.filter((start) => start <= t);
  }

  /** How many shift starts lie at or before `t`, minus one. */
  private shiftIndex(t: number): number {
    const rotation = this.schedule.rotation;
    if (rotation === undefined) throw new Error('no rotation');
    if (rotation.shift.unit === 'hours') return Math.floor((t - rotation.handoff) / (rotation.shift.length * HOUR_MS));
    while (this.walkedTo <= t) this.walk(this.walkedTo, 0);
    let index = 0;
    while (index + 1 < this.starts.length && (this.starts[index + 1] as number) <= t) index++;
    return index;
  }

  /** Walks `[from, from + SPANS[level])`, recording the instants at which the wall clock first reaches a new boundary. */
  private walk(from: number, level: number): void {
    const rotation = this.schedule.rotation;
    if (rotation === undefined) return;
    const span = SPANS[level] as number;
    const to = from + span;
    const wallFrom = this.wall(from);
    const wallTo = this.wall(to);
    const days = rotation.shift.length * (rotation.shift.unit === 'weeks' ? 7 : 1);
    const firstWall = this.wall(rotation.handoff);
    if (wallTo - wallFrom === span || span === 1) {
      for (;;) {
        const boundary = firstWall + this.starts.length * days * DAY_MS;
        if (boundary > wallTo || boundary <= this.highestWall) break;
        // The wall clock runs evenly here (or jumps at the last millisecond): it reads `boundary` at this instant.
        this.starts.push(span === 1 ? to : from + (boundary - wallFrom));
      }
      this.highestWall = Math.max(this.highestWall, wallTo);
      if (level === 0) this.walkedTo = to;
      return;
    }
    const finer = SPANS[level + 1] as number;
    for (let t = from; t < to; t += finer) this.walk(t, level + 1);
    if (level === 0) this.walkedTo = to;
  }
}
