import { describe, expect, it } from 'vitest';
import { nextInRotation, whoIsOnCall } from '#shared/oncall/rotation.ts';
import { type RoleSchedule, roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';

const at = (iso: string) => Date.parse(iso);

function schedule(input: { rotation?: object; overrides?: object[] }): RoleSchedule {
  return roleScheduleSchema().parse({ role: 'manager', ...input });
}

const berlinDaily = {
  participants: ['ana', 'ben', 'cy'],
  shift: { length: 1, unit: 'days' },
  handoff: '2026-03-26T09:00:00+01:00',
  zone: 'Europe/Berlin',
};

describe('nextInRotation', () => {
  const daily = schedule({ rotation: berlinDaily });

  it('names the participant after the current shift, wrapping round', () => {
    expect(whoIsOnCall(daily, at('2026-03-26T12:00:00Z'))).toEqual(['ana']);
    expect(nextInRotation(daily, at('2026-03-26T12:00:00Z'))).toBe('ben');
    expect(nextInRotation(daily, at('2026-03-28T12:00:00Z'))).toBe('ana'); // cy's day: next is ana
  });

  it('follows the 09:00 local handoff across the March change (07:00Z on the Sunday)', () => {
    // Sunday 29 March, 06:59Z is still cy's shift (08:59 CEST), so ana is next; at 07:00Z ana's shift begins and ben is next.
    expect(nextInRotation(daily, at('2026-03-29T06:59:59Z'))).toBe('ana');
    expect(nextInRotation(daily, at('2026-03-29T07:00:00Z'))).toBe('ben');
  });

  it('follows the handoff across the October change (08:00Z on the Sunday)', () => {
    expect(nextInRotation(daily, at('2026-10-25T07:59:59Z'))).toBe('ana');
    expect(nextInRotation(daily, at('2026-10-25T08:00:00Z'))).toBe('ben');
  });

  it('is the first participant before the first handoff', () => {
    expect(nextInRotation(daily, at('2026-03-20T00:00:00Z'))).toBe('ana');
  });

  it('is the same person again in a rotation of one', () => {
    const alone = schedule({ rotation: { ...berlinDaily, participants: ['ana'] } });
    expect(nextInRotation(alone, at('2026-03-29T07:00:00Z'))).toBe('ana');
  });

  it('is nobody without a rotation (overrides alone)', () => {
    const overridesOnly = schedule({
      overrides: [{ id: 'x', start: '2026-03-26T00:00:00Z', end: '2026-03-27T00:00:00Z', kind: 'add', person: 'eve' }],
    });
    expect(nextInRotation(overridesOnly, at('2026-03-26T12:00:00Z'))).toBeUndefined();
  });
});
