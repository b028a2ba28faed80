import { describe, expect, it } from 'vitest';
import { icalOf } from '#shared/oncall/ical.ts';
import type { Shift } from '#shared/oncall/shifts.ts';
import { parseEvents } from '../support/ical-events.ts';

const SHIFTS: Shift[] = [
  { role: 'manager', start: Date.parse('2026-03-26T08:00:00Z'), end: Date.parse('2026-03-26T21:00:00Z'), reason: 'rotation' },
  { role: 'manager', start: Date.parse('2026-03-27T05:00:00Z'), end: Date.parse('2026-03-27T08:00:00Z'), reason: 'rotation' },
  { role: 'director', start: Date.parse('2026-03-29T10:00:00Z'), end: Date.parse('2026-03-29T12:30:00Z'), reason: 'override' },
];
const STAMP = Date.parse('2026-03-20T12:00:00Z');

describe('icalOf', () => {
  it('writes one VEVENT per shift with its UTC start and end, the role in the summary, and a reminder', () => {
    const text = icalOf({ id: 'ana', name: 'Ana Lima' }, SHIFTS, { stamp: STAMP, alarmMinutesBefore: 15 });
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const events = parseEvents(text);
    expect(events).toHaveLength(3);
    expect(events.map((e) => [e.DTSTART, e.DTEND, e.SUMMARY, e.DTSTAMP, e['VALARM.TRIGGER']])).toEqual([
      ['20260326T080000Z', '20260326T210000Z', 'On call: manager', '20260320T120000Z', '-PT15M'],
      ['20260327T050000Z', '20260327T080000Z', 'On call: manager', '20260320T120000Z', '-PT15M'],
      ['20260329T100000Z', '20260329T123000Z', 'On call: director', '20260320T120000Z', '-PT15M'],
    ]);
  });

  it('keeps a shift’s UID when the feed is made again or the shift’s end moves, and makes UIDs unique', () => {
    const first = parseEvents(icalOf({ id: 'ana', name: 'Ana Lima' }, SHIFTS, { stamp: STAMP }));
    const moved = SHIFTS.map((s, i) => (i === 0 ? { ...s, end: s.end + 3_600_000 } : s));
    const again = parseEvents(icalOf({ id: 'ana', name: 'Ana Lima' }, moved, { stamp: STAMP + 86_400_000 }));
    expect(again.map((e) => e.UID)).toEqual(first.map((e) => e.UID));
    expect(new Set(first.map((e) => e.UID)).size).toBe(3);
    expect(first[0]?.UID).toBe('ana.manager.2026-03-26T08:00:00.000Z@sla-escalator');
  });

  it('writes no reminder unless asked, and an empty calendar for no shifts', () => {
    const text = icalOf({ id: 'ana', name: 'Ana Lima' }, SHIFTS, { stamp: STAMP });
    expect(text).not.toContain('BEGIN:VALARM');
    const empty = icalOf({ id: 'ana', name: 'Ana Lima' }, [], { stamp: STAMP });
    expect(parseEvents(empty)).toEqual([]);
    expect(empty).toContain('END:VCALENDAR');
  });

  it('escapes a name that tries to start a component of its own', () => {
    const text = icalOf({ id: 'ana', name: 'Ana\r\nEND:VEVENT\r\nBEGIN:VEVENT' }, SHIFTS.slice(0, 1), { stamp: STAMP });
    expect(parseEvents(text)).toHaveLength(1);
    expect(text.split('\r\n').filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});
