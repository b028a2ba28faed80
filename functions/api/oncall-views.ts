/** How people, their numbers, rotations, overrides and shifts look on the wire: instants as UTC ISO-8601. */

import type { SmsContact } from '#shared/oncall/contact-methods.ts';
import type { StoredPerson, StoredSchedule } from '#shared/oncall/ports.ts';
import type { Override, Rotation } from '#shared/oncall/schedule-schema.ts';
import type { Shift } from '#shared/oncall/shifts.ts';
import { formatInstant } from '#shared/time/instant.ts';

function smsView(contact: SmsContact) {
  return {
    number: contact.number,
    state: contact.state,
    ...(contact.verifiedAt !== undefined && { verifiedAt: formatInstant(contact.verifiedAt) }),
    ...(contact.optedOutAt !== undefined && { optedOutAt: formatInstant(contact.optedOutAt) }),
  };
}

export function personView(person: StoredPerson) {
  return {
    id: person.id,
    name: person.name,
    zone: person.zone,
    email: person.email,
    agent: person.agent,
    sms: person.sms.map(smsView),
    version: person.version,
    updatedAt: formatInstant(person.updatedAt),
  };
}

export function rotationView(rotation: Rotation) {
  return {
    participants: rotation.participants,
    shift: rotation.shift,
    handoff: formatInstant(rotation.handoff),
    zone: rotation.zone,
    ...(rotation.activeHours !== undefined && { activeHours: rotation.activeHours }),
  };
}

export function overrideView(override: Override) {
  const range = { id: override.id, start: formatInstant(override.start), end: formatInstant(override.end) };
  return override.kind === 'replace'
    ? { ...range, kind: override.kind, from: override.from, to: override.to }
    : { ...range, kind: override.kind, person: override.person };
}

/** A role's schedule as stored; version 0: nothing stored yet. */
export function roleScheduleView(role: string, stored: StoredSchedule | undefined) {
  const rotation = stored?.schedule.rotation;
  const layers = stored?.schedule.layers ?? [];
  return {
    role,
    ...(rotation !== undefined && { rotation: rotationView(rotation) }),
    ...(layers.length > 0 && { layers: layers.map(rotationView) }),
    overrides: (stored?.schedule.overrides ?? []).map(overrideView),
    version: stored?.version ?? 0,
  };
}

export function shiftView(shift: Shift) {
  return { role: shift.role, start: formatInstant(shift.start), end: formatInstant(shift.end) };
}
