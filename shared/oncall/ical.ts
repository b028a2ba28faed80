/**
 * A person's on-call shifts as an iCalendar feed (RFC 5545) made with `ical-generator`: one VEVENT
 * per shift, times in UTC, an optional reminder (VALARM, like GoAlert's calendar subscriptions).
 * A shift's UID is made of its person, role and start, so a calendar that subscribes to the feed
 * keeps the event when the shift's end moves, and sees a new one only when a new shift appears.
 */

import ical, { ICalAlarmType } from 'ical-generator';
import type { Shift } from './shifts.ts';

export interface IcalOptions {
  /** DTSTAMP of every event: when the feed was made (the caller's clock; the domain has none). */
  readonly stamp: number;
  /** Remind this many minutes before each shift starts. */
  readonly alarmMinutesBefore?: number | undefined;
  /** The right-hand side of each UID, like a host name (default `sla-escalator`). */
  readonly uidDomain?: string | undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * ical-generator 11 escapes event texts but writes the calendar's NAME and each UID as given, so a
 * line break there would start properties or components of its own: control characters go first.
 */
export const oneLine = (text: string) => text.replace(CONTROL, ' ');

export function icalOf(person: { readonly id: string; readonly name: string }, shifts: readonly Shift[], options: IcalOptions): string {
  const calendar = ical({
    name: oneLine(`On call: ${person.name}`),
    prodId: { company: 'sla-escalator', product: 'on-call', language: 'EN' },
  });
  const domain = options.uidDomain ?? 'sla-escalator';
  for (const shift of shifts) {
    calendar.createEvent({
      id: oneLine(`${person.id}.${shift.role}.${new Date(shift.start).toISOString()}@${domain}`),
      start: new Date(shift.start),
      end: new Date(shift.end),
      stamp: new Date(options.stamp),
      summary: `On call: ${shift.role}`,
      description: shift.reason === 'override' ? `${person.name}, by an override` : `${person.name}, on the rotation`,
      alarms: options.alarmMinutesBefore === undefined ? [] : [{ type: ICalAlarmType.display, trigger: options.alarmMinutesBefore * 60 }],
    });
  }
  return calendar.toString();
}
