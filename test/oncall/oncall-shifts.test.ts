import { describe, expect, it } from 'vitest';
import { type RoleSchedule, roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { MAX_SHIFTS_RANGE_MS, shiftsOf } from '#shared/oncall/shifts.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const manager: RoleSchedule = roleScheduleSchema().parse({
  role: 'manager',
  rotation: {
    participants: ['ana', 'ben'],
    shift: { length: 1, unit: 'days' },
    handoff: '2026-03-26T09:00:00+01:00',
    zone: 'Europe/Berlin',
  },
  overrides: [
    { id: 'ana-night', start: '2026-03-26T21:00:00Z', end: '2026-03-27T05:00:00Z', kind: 'replace', from: 'ana', to: 'ben' },
    { id: 'ben-extra', start: '2026-03-29T10:00:00Z', end: '2026-03-29T12:00:00Z', kind: 'add', person: 'ben' },
  ],
});

describe('shiftsOf', () => {
  it("gives a person's rotation shifts across the March change, less the night they were replaced", () => {
    const shifts = shiftsOf(manager, 'ana', at('2026-03-26T00:00:00Z'), at('2026-03-31T00:00:00Z'));
    expect(shifts.map((s) => [iso(s.start), iso(s.end), s.reason])).toEqual([
      ['2026-03-26T08:00:00.000Z', '2026-03-26T21:00:00.000Z', 'rotation'],
      ['2026-03-27T05:00:00.000Z', '2026-03-27T08:00:00.000Z', 'rotation'],
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', 'rotation'],
      ['2026-03-30T07:00:00.000Z', '2026-03-31T00:00:00.000Z', 'rotation'],
    ]);
    expect(shifts.every((s) => s.role === 'manager')).toBe(true);
  });

  it('gives the replacement and the added person their overrides, merged with touching shifts of the same reason', () => {
    const shifts = shiftsOf(manager, 'ben', at('2026-03-26T00:00:00Z'), at('2026-03-30T00:00:00Z'));
    expect(shifts.map((s) => [iso(s.start), iso(s.end), s.reason])).toEqual([
      ['2026-03-26T21:00:00.000Z', '2026-03-27T05:00:00.000Z', 'override'],
      ['2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', 'rotation'],
      ['2026-03-29T07:00:00.000Z', '2026-03-30T00:00:00.000Z', 'rotation'],
    ]);
  });

  it('merges the consecutive shifts of a one-person rotation into one', () => {
    const alone: RoleSchedule = {
      ...manager,
      rotation: { ...(manager.rotation as NonNullable<RoleSchedule['rotation']>), participants: ['cy'] },
      overrides: [],
    };
    expect(shiftsOf(alone, 'cy', at('2026-03-20T00:00:00Z'), at('2026-04-20T00:00:00Z')).map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ['2026-03-26T08:00:00.000Z', '2026-04-20T00:00:00.000Z'],
    ]);
  });

  it('refuses a range longer than a year, and answers nothing for an empty one', () => {
    expect(() => shiftsOf(manager, 'ana', 0, MAX_SHIFTS_RANGE_MS + 1)).toThrow(RangeError);
    expect(shiftsOf(manager, 'ana', at('2026-03-27T00:00:00Z'), at('2026-03-26T00:00:00Z'))).toEqual([]);
  });
});
