/**
 * A role's on-call schedule as an administrator writes it (`PUT /roles/{role}/rotation`, the
 * override routes), validated with `zod/mini` so the API's Lambda can use it. Instants arrive as
 * ISO-8601 and leave as epoch ms; every problem names its field (`rotation.participants[2]`,
 * `overrides[4].end`).
 *
 *   role: manager
 *   rotation:
 *     participants: [ana-lima, ben-ode]
 *     shift: { length: 1, unit: weeks }
 *     handoff: 2026-03-02T09:00:00+01:00
 *     zone: Europe/Berlin
 *     activeHours: { mon: ["08:00-18:00"], … }   # optional: on call only then (GoAlert's rules)
 *   layers:                                       # optional: rotations above it, e.g. nights by another team
 *     - { participants: [cy-ng], shift: …, handoff: …, zone: …, activeHours: { mon: ["18:00-08:00"], … } }
 *   overrides:
 *     - { id: night-1, start: …, end: …, kind: replace, from: ana-lima, to: ben-ode }
 *     - { id: fair-week, start: …, end: …, kind: add, person: cy-ng }
 */

import * as z from 'zod/mini';
import { parseInterval, WEEKDAYS, type Weekday } from '#shared/calendar/calendar-spec.ts';
import { isIanaTimeZone } from '#shared/calendar/zone.ts';
import { INSTANT_HINT, parseInstant } from '#shared/time/instant.ts';
import { SLUG } from './ids.ts';

export const SCHEDULE_LIMITS = { participants: 100, overrides: 200, shiftLength: 1000, intervalsPerDay: 12, layers: 5 } as const;

export const slug = (what: string) =>
  z.string().check(z.regex(SLUG, `expected a ${what}: lower-case letters, digits and inner hyphens, at most 64`));
export const personId = () => slug('person id');
export const roleId = () =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a role id of lower-case letters, digits, "-" or "_"'));

/** An ISO-8601 instant with a zone, as epoch ms. */
export const isoInstant = () =>
  z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      const ms = parseInstant(text);
      if (ms === undefined) {
        ctx.issues.push({ code: 'custom', message: `${INSTANT_HINT}, got "${text.slice(0, 40)}"`, input: text });
        return z.NEVER;
      }
      return ms;
    }),
  );

const interval = () =>
  z.string().check(
    z.check((ctx) => {
      const parsed = parseInterval(ctx.value);
      if (typeof parsed === 'string') ctx.issues.push({ code: 'custom', message: parsed, input: ctx.value });
    }),
  );

/** Per weekday, local intervals like a calendar's `hours` (`"08:00-18:00"`, `"22:00-06:00"` crosses midnight). */
const activeHoursSchema = () =>
  z
    .strictObject(
      Object.fromEntries(
        WEEKDAYS.map((day) => [day, z.optional(z.array(interval()).check(z.maxLength(SCHEDULE_LIMITS.intervalsPerDay)))]),
      ) as Record<Weekday, z.ZodMiniOptional<z.ZodMiniArray<ReturnType<typeof interval>>>>,
    )
    .check(
      z.refine(
        (hours) => WEEKDAYS.some((day) => (hours[day] ?? []).length > 0),
        'never active: give at least one interval, or leave activeHours out',
      ),
    );

export const rotationSchema = (instant: Instant) =>
  z.strictObject({
    participants: z.array(personId()).check(
      z.minLength(1, 'give at least one participant'),
      z.maxLength(SCHEDULE_LIMITS.participants, `at most ${SCHEDULE_LIMITS.participants} participants`),
      z.refine((ids) => new Set(ids).size === ids.length, 'lists a participant twice'),
    ),
    shift: z.strictObject({
      length: z
        .number()
        .check(
          z.int('expected a whole number'),
          z.gte(1, 'at least 1'),
          z.lte(SCHEDULE_LIMITS.shiftLength, `at most ${SCHEDULE_LIMITS.shiftLength}`),
        ),
      unit: z.enum(['hours', 'days', 'weeks']),
    }),
    /** The first shift's start; later shifts start at the same local time of day (days, weeks) or every N hours. */
    handoff: instant(),
    zone: z.string().check(z.refine(isIanaTimeZone, 'expected an IANA time zone such as "Europe/Berlin"')),
    activeHours: z.optional(activeHoursSchema()),
  });

const overrideBase = (instant: Instant) => ({
  id: slug('override id'),
  start: instant(),
  end: instant(),
});

export const overrideSchema = (instant: Instant) =>
  z
    .discriminatedUnion('kind', [
      z.strictObject({ ...overrideBase(instant), kind: z.literal('replace'), from: personId(), to: personId() }),
      z.strictObject({ ...overrideBase(instant), kind: z.literal('add'), person: personId() }),
    ])
    .check(
      z.check((ctx) => {
        const override = ctx.value;
        if (override.end <= override.start) {
          ctx.issues.push({ code: 'custom', message: 'must be after start', path: ['end'], input: override.end });
        }
        if (override.kind === 'replace' && override.from === override.to) {
          ctx.issues.push({ code: 'custom', message: 'replaces a person with themselves', path: ['to'], input: override.to });
        }
      }),
    );

/** How a schedule's instants are written: ISO-8601 by people, epoch ms in the table. */
type Instant = () => z.ZodMiniType<number>;
const storedInstant = () => z.number().check(z.int());

/** A schedule as an administrator writes it (instants ISO-8601); `stored`: as the table keeps it (epoch ms). */
export const roleScheduleSchema = ({ stored = false } = {}) => scheduleSchema(stored ? storedInstant : isoInstant);

const scheduleSchema = (instant: Instant) =>
  z
    .strictObject({
      role: roleId(),
      rotation: z.optional(rotationSchema(instant)),
      /** Rotations above `rotation`, bottom first: the top-most with someone on call names the person (PagerDuty's layers). */
      layers: z.optional(
        z.array(rotationSchema(instant)).check(z.maxLength(SCHEDULE_LIMITS.layers, `at most ${SCHEDULE_LIMITS.layers} layers`)),
      ),
      overrides: z._default(
        z.array(overrideSchema(instant)).check(z.maxLength(SCHEDULE_LIMITS.overrides, `at most ${SCHEDULE_LIMITS.overrides} overrides`)),
        [],
      ),
    })
    .check(
      z.check((ctx) => {
        for (const { path, message } of overrideConflicts(ctx.value.overrides))
          ctx.issues.push({ path, message, code: 'custom', input: undefined });
      }),
    );

export type RoleSchedule = z.output<ReturnType<typeof roleScheduleSchema>>;
export type Rotation = NonNullable<RoleSchedule['rotation']>;
export type Override = RoleSchedule['overrides'][number];
export type ActiveHours = NonNullable<Rotation['activeHours']>;

/** A conflict between two overrides: named at the later one's field; `between` holds both indexes. */
export interface OverrideConflict {
  readonly path: Array<string | number>;
  readonly message: string;
  readonly between: readonly [number, number];
}

/** Two overrides with one id, and replace overrides of the same person that overlap (which one would win?). */
export function overrideConflicts(overrides: readonly Override[]): OverrideConflict[] {
  const issues: OverrideConflict[] = [];
  const seen = new Map<string, number>();
  overrides.forEach((override, i) => {
    const first = seen.get(override.id);
    if (first !== undefined)
      issues.push({
        path: ['overrides', i, 'id'],
        message: `the id "${override.id}" is taken by overrides[${first}]`,
        between: [first, i],
      });
    else seen.set(override.id, i);
  });
  const replaces = overrides
    .map((override, i) => ({ override, i }))
    .filter((entry): entry is { override: Extract<Override, { kind: 'replace' }>; i: number } => entry.override.kind === 'replace')
    .sort((a, b) => a.override.from.localeCompare(b.override.from) || a.override.start - b.override.start || a.i - b.i);
  // Sorted by person, then start: an override overlaps an earlier one iff it starts before the latest end so far.
  let reach: (typeof replaces)[number] | undefined;
  for (const entry of replaces) {
    if (reach === undefined || reach.override.from !== entry.override.from) reach = entry;
    else {
      if (entry.override.start < reach.override.end) {
        issues.push({
          path: ['overrides', entry.i, 'start'],
          message: `overlaps overrides[${reach.i}], which also replaces "${entry.override.from}"`,
          between: [reach.i, entry.i],
        });
      }
      if (entry.override.end > reach.override.end) reach = entry;
    }
  }
  return issues;
}
