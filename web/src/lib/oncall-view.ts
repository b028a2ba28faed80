/**
 * The On-call page's view logic (no DOM): a role's rotation and overrides as the API answers
 * them, who takes over at the next handoff, the rotation and override forms and the bodies they
 * send. Times typed in a form are wall-clock times in the zone the admin picked; the rotation's
 * own arithmetic (`shared/oncall/`) turns them into instants, the browser re-implements none of it.
 */

import { WEEKDAYS, type Weekday } from '#shared/calendar/calendar-spec.ts';
import { isIanaTimeZone } from '#shared/calendar/zone.ts';
import type { FieldError } from '#shared/domain-error.ts';
import { LocalClock } from '#shared/oncall/local-time.ts';
import { CompiledRotation } from '#shared/oncall/rotation.ts';
import type { Rotation } from '#shared/oncall/schedule-schema.ts';
// The generated types, not api.ts: this module stays free of the DOM, for its tests.
import type { components } from '../../../client/compiled-openapi.ts';

type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type PersonRef = Schema<'OnCall'>['people'][number];
/** `GET /roles/{role}/rotation`, and the answer of every write to it. */
export type RoleScheduleView = Schema<'RoleSchedule'>;
/** A rotation as the API answers it (instants ISO-8601). */
export type RotationView = NonNullable<RoleScheduleView['rotation']>;
export type ShiftUnit = RotationView['shift']['unit'];
export type OverrideView = RoleScheduleView['overrides'][number];
/** One row of `GET /roles`. */
export type RoleSummary = Schema<'RoleList'>['items'][number];

/** The roles by name, the ids breaking ties, so the page reads the same on every load. */
export function sortRoles<R extends { readonly role: string; readonly name: string }>(roles: readonly R[]): R[] {
  return [...roles].sort((a, b) => a.name.localeCompare(b.name) || a.role.localeCompare(b.role));
}

/** A person's name where the directory knows them, else their id (a rotation may name someone since deleted). */
export function nameOf(people: readonly PersonRef[], id: string): string {
  return people.find((p) => p.id === id)?.name ?? id;
}

// --- Participants, in order ---

/** Adds `id` at the end, unless it is already there or blank. */
export function addParticipant(participants: readonly string[], id: string): string[] {
  return id === '' || participants.includes(id) ? [...participants] : [...participants, id];
}

export function removeParticipant(participants: readonly string[], index: number): string[] {
  return participants.filter((_, i) => i !== index);
}

/** Moves the participant at `index` one place earlier (`-1`) or later (`1`); at an end nothing moves. */
export function moveParticipant(participants: readonly string[], index: number, by: -1 | 1): string[] {
  const target = index + by;
  if (index < 0 || index >= participants.length || target < 0 || target >= participants.length) return [...participants];
  const moved = [...participants];
  [moved[index], moved[target]] = [moved[target] as string, moved[index] as string];
  return moved;
}

// --- Times in a zone ---

/** The value of a `datetime-local` input showing `instant` as the wall clock in `zone` reads it. */
export function toZonedInput(instant: number, zone: string): string {
  return new Date(LocalClock.of(zone).wallTime(instant)).toISOString().slice(0, 16);
}

/**
 * A `datetime-local` value read in `zone`, as an instant: a time the clocks skip is reached at the
 * change, one they repeat at its first occurrence (the rotation's own rule for handoffs).
 */
export function fromZonedInput(value: string, zone: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) || !isIanaTimeZone(zone)) return undefined;
  const wall = Date.parse(`${value}:00Z`);
  return Number.isNaN(wall) ? undefined : LocalClock.of(zone).firstReaching(wall);
}

// --- Who is next, and which overrides matter ---

function compiled(rotation: RotationView): CompiledRotation {
  const { participants, shift, zone, activeHours } = rotation;
  const hours =
    activeHours === undefined ? undefined : Object.fromEntries(WEEKDAYS.map((day) => [day, activeHours[day] && [...activeHours[day]]]));
  return new CompiledRotation({
    participants: [...participants],
    shift: { ...shift },
    handoff: Date.parse(rotation.handoff),
    zone,
    ...(hours !== undefined && { activeHours: hours as Rotation['activeHours'] }),
  });
}

/** Who the rotation hands to at its next handoff after `now`, and when (overrides and active hours aside). */
export function nextHandoff(rotation: RotationView, now: number): { readonly person: string; readonly at: number } | undefined {
  if (rotation.participants.length === 0 || !isIanaTimeZone(rotation.zone)) return undefined;
  const turns = compiled(rotation);
  const next = (turns.shiftAt(now) ?? -1) + 1;
  return { person: turns.participantOf(next), at: turns.shiftStart(next) };
}

/** The overrides in force at `now` and those still to come, each by start; past ones are left out. */
export function currentAndUpcoming(overrides: readonly OverrideView[], now: number): { current: OverrideView[]; upcoming: OverrideView[] } {
  const byStart = [...overrides].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  return {
    current: byStart.filter((o) => Date.parse(o.start) <= now && now < Date.parse(o.end)),
    upcoming: byStart.filter((o) => Date.parse(o.start) > now),
  };
}

/** `Ana Lima instead of Ben Ode`, `adds Cy Ng`. */
export function overrideText(override: OverrideView, people: readonly PersonRef[]): string {
  return override.kind === 'replace'
    ? `${nameOf(people, override.to)} instead of ${nameOf(people, override.from)}`
    : `adds ${nameOf(people, override.person)}`;
}

/** The weekdays Monday first, as a working week reads. */
export const WEEK_FROM_MONDAY: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0] as Weekday];

/** `mon 08:00-18:00; fri 08:00-18:00, 22:00-06:00`, Monday first; `undefined`: around the clock. */
export function activeHoursText(activeHours: RotationView['activeHours']): string | undefined {
  const days = WEEK_FROM_MONDAY.filter((day) => (activeHours?.[day] ?? []).length > 0);
  return days.length === 0 ? undefined : days.map((day) => `${day} ${(activeHours?.[day] ?? []).join(', ')}`).join('; ');
}

/** `1 week`, `12 hours`. */
export function shiftText(shift: RotationView['shift']): string {
  const unit = shift.unit.slice(0, -1);
  return `${shift.length} ${shift.length === 1 ? unit : shift.unit}`;
}

// --- The rotation form ---

/** Where the API's problems with a rotation point (`errors[].path`), each shown at its field; a participant's at its row (`[i]`). */
export const ROTATION_PATHS = {
  participants: 'rotation.participants',
  length: 'rotation.shift.length',
  unit: 'rotation.shift.unit',
  zone: 'rotation.zone',
  handoff: 'rotation.handoff',
  activeHours: (day: Weekday) => `rotation.activeHours.${day}`,
} as const;

/** Where the API's problems with a new override point. */
export const OVERRIDE_PATHS = ['kind', 'from', 'to', 'person', 'start', 'end', 'zone'] as const;

export interface RotationDraft {
  readonly participants: readonly string[];
  readonly length: string;
  readonly unit: ShiftUnit;
  /** A `datetime-local` value in `zone`. */
  readonly handoff: string;
  readonly zone: string;
  /** Per weekday, intervals as typed (`08:00-18:00, 22:00-06:00`); all blank: no active hours. */
  readonly activeHours: Readonly<Record<Weekday, string>>;
}

const NO_HOURS = Object.fromEntries(WEEKDAYS.map((day) => [day, ''])) as Record<Weekday, string>;

/** The form for `rotation`, or for a new one starting at the next full hour in the viewer's zone. */
export function draftOfRotation(rotation: RotationView | undefined, viewerZone: string, now: number): RotationDraft {
  if (rotation === undefined) {
    const hour = Math.ceil(now / 3_600_000) * 3_600_000;
    return {
      participants: [],
      length: '1',
      unit: 'weeks',
      handoff: toZonedInput(hour, viewerZone),
      zone: viewerZone,
      activeHours: NO_HOURS,
    };
  }
  const activeHours = { ...NO_HOURS };
  for (const day of WEEKDAYS) activeHours[day] = (rotation.activeHours?.[day] ?? []).join(', ');
  return {
    participants: rotation.participants,
    length: String(rotation.shift.length),
    unit: rotation.shift.unit,
    handoff: isIanaTimeZone(rotation.zone) ? toZonedInput(Date.parse(rotation.handoff), rotation.zone) : rotation.handoff.slice(0, 16),
    zone: rotation.zone,
    activeHours,
  };
}

export interface RotationBody {
  readonly rotation: RotationView;
  readonly version: number;
}

/** `"08:00-18:00, 22:00-06:00"` → the intervals; the server judges each. */
function intervals(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * The body of `PUT /roles/{role}/rotation`, or the fields the browser cannot even send (a handoff
 * that is no time in a zone that is no zone); everything else is left to the server to judge.
 */
export function rotationBody(draft: RotationDraft, version: number): { body: RotationBody } | { problems: FieldError[] } {
  const zone = draft.zone.trim();
  if (!isIanaTimeZone(zone))
    return { problems: [{ path: ROTATION_PATHS.zone, message: 'expected an IANA time zone such as "Europe/Berlin"' }] };
  const handoff = fromZonedInput(draft.handoff, zone);
  if (handoff === undefined) return { problems: [{ path: ROTATION_PATHS.handoff, message: 'give a date and time' }] };
  const days = WEEKDAYS.filter((day) => intervals(draft.activeHours[day]).length > 0);
  const length = draft.length.trim() === '' ? Number.NaN : Number(draft.length);
  if (!Number.isFinite(length)) return { problems: [{ path: ROTATION_PATHS.length, message: 'expected a whole number' }] };
  return {
    body: {
      rotation: {
        participants: [...draft.participants],
        shift: { length, unit: draft.unit },
        handoff: new Date(handoff).toISOString(),
        zone,
        ...(days.length > 0 && { activeHours: Object.fromEntries(days.map((day) => [day, intervals(draft.activeHours[day])])) }),
      },
      version,
    },
  };
}

// --- The override form ---

export interface OverrideDraft {
  readonly kind: 'replace' | 'add';
  readonly from: string;
  readonly to: string;
  readonly person: string;
  /** `datetime-local` values in `zone`. */
  readonly start: string;
  readonly end: string;
  readonly zone: string;
}

export function emptyOverride(zone: string): OverrideDraft {
  return { kind: 'replace', from: '', to: '', person: '', start: '', end: '', zone };
}

/**
 * The body of `POST /roles/{role}/overrides`: its id made of the person put on call and the start
 * (unique enough in one role; a clash comes back as the server's 409), or what cannot be sent.
 */
export function overrideBody(draft: OverrideDraft): { body: OverrideView } | { problems: FieldError[] } {
  const zone = draft.zone.trim();
  if (!isIanaTimeZone(zone)) return { problems: [{ path: 'zone', message: 'expected an IANA time zone such as "Europe/Berlin"' }] };
  const start = fromZonedInput(draft.start, zone);
  const end = fromZonedInput(draft.end, zone);
  const problems: FieldError[] = [
    ...(start === undefined ? [{ path: 'start', message: 'give a date and time' }] : []),
    ...(end === undefined ? [{ path: 'end', message: 'give a date and time' }] : []),
  ];
  if (start === undefined || end === undefined) return { problems };
  const who = draft.kind === 'replace' ? draft.to : draft.person;
  const id = `${who.slice(0, 48) || 'override'}-${start.toString(36)}`;
  const range = { id, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  return {
    body:
      draft.kind === 'replace'
        ? { ...range, kind: 'replace', from: draft.from, to: draft.to }
        : { ...range, kind: 'add', person: draft.person },
  };
}
