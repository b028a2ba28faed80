import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { whoIsOnCall } from '#shared/oncall/rotation.ts';
import type { Override, RoleSchedule } from '#shared/oncall/schedule-schema.ts';
import { shiftsOf } from '#shared/oncall/shifts.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';
import { ReferenceRotation } from './rotation-reference.ts';

/** 2026's clock changes: Berlin, New York, Sydney (Kolkata has none, and is half an hour off). */
const CHANGES: Record<string, number[]> = {
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse),
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'].map(Date.parse),
  'Australia/Sydney': ['2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z'].map(Date.parse),
  'Asia/Kolkata': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse),
};
const PEOPLE = ['ana', 'ben', 'cy', 'dan', 'eve'];
const INTERVALS = ['08:00-18:00', '22:00-06:00', '00:00-24:00', '01:30-03:30', '02:15-02:45', '09:00-12:00', '13:00-17:30'];

/** A handoff at a random minute (sometimes second) up to two weeks before a clock change, often in its small hours. */
const handoff = fc
  .record({
    zone: fc.constantFrom(...Object.keys(CHANGES)),
    change: fc.integer({ min: 0, max: 1 }),
    daysBefore: fc.integer({ min: 0, max: 14 }),
    minutes: fc.oneof(fc.integer({ min: -90, max: 90 }), fc.integer({ min: -75, max: 15 }), fc.integer({ min: -720, max: 720 })),
    seconds: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })),
  })
  .map(({ zone, change, daysBefore, minutes, seconds }) => ({
    zone,
    at: (CHANGES[zone]?.[change] as number) - daysBefore * DAY_MS + minutes * MINUTE_MS + seconds,
  }));

const shift = fc.oneof(
  fc.record({ unit: fc.constant('hours' as const), length: fc.integer({ min: 1, max: 48 }) }),
  fc.record({ unit: fc.constant('days' as const), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ unit: fc.constant('weeks' as const), length: fc.integer({ min: 1, max: 2 }) }),
);

const activeHours = fc.option(
  fc
    .record({
      mon: fc.subarray(INTERVALS, { maxLength: 2 }),
      wed: fc.subarray(INTERVALS, { maxLength: 2 }),
      sat: fc.subarray(INTERVALS, { maxLength: 2 }),
      sun: fc.subarray(INTERVALS, { maxLength: 2 }),
    })
    .filter((hours) => Object.values(hours).some((list) => list.length > 0)),
  { nil: undefined },
);

const overrideDraft = fc.record({
  kind: fc.constantFrom('add' as const, 'replace' as const),
  startAfter: fc.integer({ min: -2 * DAY_MS, max: 40 * DAY_MS }),
  length: fc.integer({ min: MINUTE_MS, max: 3 * DAY_MS }),
  from: fc.constantFrom(...PEOPLE),
  to: fc.constantFrom(...PEOPLE),
});

/** A layer above the base rotation: its own zone, handoff and shifts, usually with active hours. */
const layer = fc
  .record({ handoff, shift, participants: fc.shuffledSubarray(PEOPLE, { minLength: 1, maxLength: 3 }), activeHours })
  .map(({ handoff, shift, participants, activeHours }) => ({
    participants,
    shift,
    handoff: handoff.at,
    zone: handoff.zone,
    ...(activeHours !== undefined && { activeHours }),
  }));

const schedule = fc
  .record({
    handoff,
    shift,
    participants: fc.shuffledSubarray(PEOPLE, { minLength: 1, maxLength: 4 }),
    activeHours,
    layers: fc.oneof(fc.constant(undefined), fc.array(layer, { minLength: 1, maxLength: 2 })),
    overrides: fc.array(overrideDraft, { maxLength: 5 }),
  })
  .map(({ handoff, shift, participants, activeHours, layers, overrides }): RoleSchedule => {
    const kept: Override[] = [];
    overrides.forEach((draft, i) => {
      const start = handoff.at + draft.startAfter;
      const end = start + draft.length;
      if (draft.kind === 'add') kept.push({ id: `o${i}`, kind: 'add', start, end, person: draft.to });
      else if (
        draft.from !== draft.to &&
        !kept.some((other) => other.kind === 'replace' && other.from === draft.from && other.start < end && start < other.end)
      ) {
        kept.push({ id: `o${i}`, kind: 'replace', start, end, from: draft.from, to: draft.to });
      }
    });
    return {
      role: 'manager',
      rotation: { participants, shift, handoff: handoff.at, zone: handoff.zone, ...(activeHours !== undefined && { activeHours }) },
      ...(layers !== undefined && { layers }),
      overrides: kept,
    };
  });

/** Instants from a day before the handoff to six weeks after, to the millisecond. */
const offsets = fc.array(fc.integer({ min: -DAY_MS, max: 42 * DAY_MS }), { minLength: 1, maxLength: 25 });
/** Instants within three hours of the zone's clock changes, where skipped and repeated hours are. */
const nearChanges = (zone: string) =>
  fc.array(
    fc.tuple(fc.constantFrom(...(CHANGES[zone] ?? [])), fc.integer({ min: -3 * HOUR_MS, max: 3 * HOUR_MS })).map(([c, d]) => c + d),
    { maxLength: 25 },
  );

describe('whoIsOnCall against the brute-force reference', () => {
  it('names the same people at any instant, across DST changes, with active hours and overrides', () => {
    fc.assert(
      fc.property(
        schedule.chain((role) => fc.tuple(fc.constant(role), offsets, nearChanges(role.rotation?.zone ?? 'UTC'))),
        ([role, after, near]) => {
          const reference = new ReferenceRotation(role);
          const handoffAt = role.rotation?.handoff as number;
          // Just after each handoff, where a repeated hour reads earlier than the handoff already reached.
          const afterHandoffs =
            role.rotation?.shift.unit === 'hours'
              ? []
              : reference.startsUntil(handoffAt + 42 * DAY_MS).flatMap((start) => [start, start + 40 * MINUTE_MS, start + 80 * MINUTE_MS]);
          for (const t of [...after.map((offset) => handoffAt + offset), ...near, ...afterHandoffs]) {
            expect(whoIsOnCall(role, t), new Date(t).toISOString()).toEqual(reference.whoIsOnCall(t));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('hands off at exactly the reference’s instants (the millisecond before and the one at each handoff)', () => {
    fc.assert(
      fc.property(schedule, (role) => {
        const { layers: _, ...base } = role;
        const bare: RoleSchedule = { ...base, overrides: [] };
        const rotation = bare.rotation;
        if (rotation === undefined) return;
        const plain: RoleSchedule = { ...bare, rotation: { ...rotation, activeHours: undefined } };
        const reference = new ReferenceRotation(plain);
        // Every instant where the reference's person changes within 30 days, found hour by hour then bisected.
        let previous = reference.whoIsOnCall(rotation.handoff);
        for (let t = rotation.handoff; t < rotation.handoff + 30 * DAY_MS; t += HOUR_MS) {
          const now = reference.whoIsOnCall(t + HOUR_MS);
          if (now.join() === previous.join()) continue;
          let lo = t;
          let hi = t + HOUR_MS;
          while (hi - lo > 1) {
            const mid = Math.floor((lo + hi) / 2);
            if (reference.whoIsOnCall(mid).join() === previous.join()) lo = mid;
            else hi = mid;
          }
          expect(whoIsOnCall(plain, hi - 1)).toEqual(previous);
          expect(whoIsOnCall(plain, hi)).toEqual(now);
          previous = now;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('shiftsOf', () => {
  it('covers exactly the instants at which whoIsOnCall names the person, merged and in order', () => {
    fc.assert(
      fc.property(schedule, fc.constantFrom(...PEOPLE), offsets, (role, person, probes) => {
        const from = (role.rotation?.handoff as number) - DAY_MS;
        const to = from + 43 * DAY_MS;
        const shifts = shiftsOf(role, person, from, to);
        shifts.forEach((s, i) => {
          expect(s.start).toBeLessThan(s.end);
          const next = shifts[i + 1];
          if (next !== undefined) expect(s.end < next.start || s.reason !== next.reason).toBe(true);
          if (next !== undefined) expect(s.end).toBeLessThanOrEqual(next.start);
        });
        for (const probe of [...probes.map((p) => from + DAY_MS + p), ...shifts.flatMap((s) => [s.start, s.end - 1, s.end])]) {
          if (probe < from || probe >= to) continue;
          const covering = shifts.find((s) => s.start <= probe && probe < s.end);
          expect(covering !== undefined, new Date(probe).toISOString()).toBe(whoIsOnCall(role, probe).includes(person));
        }
      }),
      { numRuns: 150 },
    );
  });
});
