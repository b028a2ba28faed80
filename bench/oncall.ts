/**
 * The on-call benchmarks' inputs: a role as a busy support organisation runs it — a weekly day
 * rotation, a night layer and a weekend layer above it (three layers, each with its own active
 * hours) and 20 overrides spread over the year (replacements for holidays, extra people for
 * launches) — asked who is on call at random instants of 2026.
 */

import { roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';

const PEOPLE = Array.from({ length: 12 }, (_, i) => `person-${i + 1}`);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** 20 overrides 18 days apart, each 1–72 hours long, so no two replacements of one person overlap. */
export function threeLayerSchedule() {
  const yearStart = Date.UTC(2026, 0, 1);
  const overrides = Array.from({ length: 20 }, (_, i) => {
    const start = yearStart + i * 18 * DAY_MS + ((i * 7) % 24) * HOUR_MS;
    const end = start + (1 + ((i * 13) % 72)) * HOUR_MS;
    return i % 2 === 0
      ? { id: `o${i}`, kind: 'replace', from: PEOPLE[i % 4], to: PEOPLE[8 + (i % 4)], start: iso(start), end: iso(end) }
      : { id: `o${i}`, kind: 'add', person: PEOPLE[(i * 5) % 12], start: iso(start), end: iso(end) };
  });
  return roleScheduleSchema().parse({
    role: 'tier2',
    rotation: {
      participants: PEOPLE.slice(0, 4),
      shift: { length: 1, unit: 'weeks' },
      handoff: '2026-01-05T09:00:00+01:00',
      zone: 'Europe/Berlin',
      activeHours: Object.fromEntries(WEEKDAYS.map((day) => [day, ['08:00-18:00']])),
    },
    layers: [
      {
        participants: PEOPLE.slice(4, 8),
        shift: { length: 1, unit: 'days' },
        handoff: '2026-01-05T18:00:00+01:00',
        zone: 'Europe/Berlin',
        activeHours: Object.fromEntries(WEEKDAYS.map((day) => [day, ['18:00-08:00']])),
      },
      {
        participants: PEOPLE.slice(8, 12),
        shift: { length: 12, unit: 'hours' },
        handoff: '2026-01-03T08:00:00-05:00',
        zone: 'America/New_York',
        activeHours: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] },
      },
    ],
    overrides: overrides.filter(
      // Replace overrides of one person may not overlap (the schema refuses it): keep the first.
      (o, i, all) =>
        o.kind === 'add' || !all.slice(0, i).some((p) => p.kind === 'replace' && p.from === o.from && p.start < o.end && o.start < p.end),
    ),
  });
}

const iso = (t: number) => new Date(t).toISOString();
