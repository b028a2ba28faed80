import { describe, expect, it } from 'vitest';
import { nextInRotation, whoIsOnCall } from '#shared/oncall/rotation.ts';
import { type RoleSchedule, roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';

const at = (iso: string) => Date.parse(iso);

/** A schedule as an administrator writes it, through the same schema the API uses. */
function schedule(input: { rotation?: object; layers?: object[]; overrides?: object[] }): RoleSchedule {
  return roleScheduleSchema().parse({ role: 'manager', ...input });
}

const berlinDaily = {
  participants: ['ana', 'ben', 'cy'],
  shift: { length: 1, unit: 'days' },
  handoff: '2026-03-26T09:00:00+01:00',
  zone: 'Europe/Berlin',
};

describe('whoIsOnCall', () => {
  describe('a daily rotation handing off at 09:00 Berlin', () => {
    const daily = schedule({ rotation: berlinDaily });

    it('has nobody on call before the first handoff', () => {
      expect(whoIsOnCall(daily, at('2026-03-26T07:59:59.999Z'))).toEqual([]);
      expect(whoIsOnCall(daily, at('2026-03-26T08:00:00Z'))).toEqual(['ana']);
    });

    it('keeps the handoff at 09:00 local over the March change (08:00Z before, 07:00Z after)', () => {
      expect(whoIsOnCall(daily, at('2026-03-28T07:59:59Z'))).toEqual(['ben']);
      expect(whoIsOnCall(daily, at('2026-03-28T08:00:00Z'))).toEqual(['cy']);
      // Sunday 29 March: 02:00 became 03:00, so 09:00 CEST is 07:00Z.
      expect(whoIsOnCall(daily, at('2026-03-29T06:59:59Z'))).toEqual(['cy']);
      expect(whoIsOnCall(daily, at('2026-03-29T07:00:00Z'))).toEqual(['ana']);
      expect(whoIsOnCall(daily, at('2026-03-30T07:00:00Z'))).toEqual(['ben']);
    });

    it('keeps the handoff at 09:00 local over the October change (07:00Z before, 08:00Z after)', () => {
      // Saturday 24 October is 212 days after 26 March (212 mod 3 = 2): cy's day, from 09:00 CEST.
      expect(whoIsOnCall(daily, at('2026-10-24T06:59:59Z'))).toEqual(['ben']);
      expect(whoIsOnCall(daily, at('2026-10-24T07:00:00Z'))).toEqual(['cy']);
      // Sunday 25 October: 03:00 became 02:00, so 09:00 CET is 08:00Z.
      expect(whoIsOnCall(daily, at('2026-10-25T07:59:59Z'))).toEqual(['cy']);
      expect(whoIsOnCall(daily, at('2026-10-25T08:00:00Z'))).toEqual(['ana']);
      expect(whoIsOnCall(daily, at('2026-10-26T08:00:00Z'))).toEqual(['ben']);
    });
  });

  it('hands off at the first 02:30 of the night the clocks go back, and not again in the repeated hour', () => {
    const smallHours = schedule({
      rotation: {
        participants: ['ana', 'ben'],
        shift: { length: 1, unit: 'days' },
        handoff: '2026-10-22T02:30:00+02:00',
        zone: 'Europe/Berlin',
      },
    });
    // 25 October: 02:30 CEST is 00:30Z; at 01:00Z the clocks read 02:00 again (CET), and 02:30 CET is 01:30Z.
    expect(whoIsOnCall(smallHours, at('2026-10-25T00:29:59Z'))).toEqual(['ana']);
    expect(whoIsOnCall(smallHours, at('2026-10-25T00:30:00Z'))).toEqual(['ben']);
    expect(whoIsOnCall(smallHours, at('2026-10-25T01:10:00Z'))).toEqual(['ben']);
    expect(whoIsOnCall(smallHours, at('2026-10-25T01:30:00Z'))).toEqual(['ben']);
    expect(whoIsOnCall(smallHours, at('2026-10-26T01:30:00Z'))).toEqual(['ana']);
  });

  it('hands off when the clocks skip past 02:30 on the night they go forward', () => {
    const smallHours = schedule({
      rotation: {
        participants: ['ana', 'ben'],
        shift: { length: 1, unit: 'days' },
        handoff: '2026-03-27T02:30:00+01:00',
        zone: 'Europe/Berlin',
      },
    });
    // 29 March: 02:00 CET (01:00Z) becomes 03:00 CEST; 02:30 never happens, so the shift changes at 01:00Z.
    expect(whoIsOnCall(smallHours, at('2026-03-29T00:59:59.999Z'))).toEqual(['ben']);
    expect(whoIsOnCall(smallHours, at('2026-03-29T01:00:00Z'))).toEqual(['ana']);
    // And back to 02:30 the next night (00:30Z in summer time).
    expect(whoIsOnCall(smallHours, at('2026-03-30T00:29:59Z'))).toEqual(['ana']);
    expect(whoIsOnCall(smallHours, at('2026-03-30T00:30:00Z'))).toEqual(['ben']);
  });

  it('hands a weekly rotation over every Monday at 09:00 New York time', () => {
    const weekly = schedule({
      rotation: {
        participants: ['ana', 'ben'],
        shift: { length: 1, unit: 'weeks' },
        handoff: '2026-03-02T09:00:00-05:00',
        zone: 'America/New_York',
      },
    });
    expect(whoIsOnCall(weekly, at('2026-03-02T14:00:00Z'))).toEqual(['ana']);
    // Daylight time from 8 March: 09:00 EDT is 13:00Z.
    expect(whoIsOnCall(weekly, at('2026-03-09T12:59:59Z'))).toEqual(['ana']);
    expect(whoIsOnCall(weekly, at('2026-03-09T13:00:00Z'))).toEqual(['ben']);
    expect(whoIsOnCall(weekly, at('2026-03-16T13:00:00Z'))).toEqual(['ana']);
  });

  it('advances hours shifts in real time across a DST change', () => {
    const twelveHours = schedule({
      rotation: {
        participants: ['ana', 'ben'],
        shift: { length: 12, unit: 'hours' },
        handoff: '2026-03-28T20:00:00+01:00',
        zone: 'Europe/Berlin',
      },
    });
    // 12 real hours after 20:00 CET is 09:00 CEST on the change day, not 08:00.
    expect(whoIsOnCall(twelveHours, at('2026-03-29T06:59:59Z'))).toEqual(['ana']);
    expect(whoIsOnCall(twelveHours, at('2026-03-29T07:00:00Z'))).toEqual(['ben']);
  });

  it('replaces the person on call for a night', () => {
    const night = schedule({
      rotation: berlinDaily,
      overrides: [
        { id: 'ana-night', start: '2026-03-26T22:00:00+01:00', end: '2026-03-27T07:00:00+01:00', kind: 'replace', from: 'ana', to: 'dan' },
      ],
    });
    expect(whoIsOnCall(night, at('2026-03-26T20:59:59Z'))).toEqual(['ana']);
    expect(whoIsOnCall(night, at('2026-03-26T21:00:00Z'))).toEqual(['dan']);
    expect(whoIsOnCall(night, at('2026-03-27T05:59:59Z'))).toEqual(['dan']);
    expect(whoIsOnCall(night, at('2026-03-27T06:00:00Z'))).toEqual(['ana']);
  });

  it('replaces a person only while they are on call', () => {
    const notHers = schedule({
      rotation: berlinDaily,
      overrides: [{ id: 'ben-off', start: '2026-03-26T08:00:00Z', end: '2026-03-27T12:00:00Z', kind: 'replace', from: 'ben', to: 'dan' }],
    });
    expect(whoIsOnCall(notHers, at('2026-03-26T12:00:00Z'))).toEqual(['ana']);
    expect(whoIsOnCall(notHers, at('2026-03-27T08:00:00Z'))).toEqual(['dan']);
    expect(whoIsOnCall(notHers, at('2026-03-27T12:00:00Z'))).toEqual(['ben']);
  });

  it('adds a person beside the rotation, after it, and alone where the rotation has nobody', () => {
    const added = schedule({
      rotation: berlinDaily,
      overrides: [{ id: 'eve-launch', start: '2026-03-25T00:00:00Z', end: '2026-03-27T00:00:00Z', kind: 'add', person: 'eve' }],
    });
    expect(whoIsOnCall(added, at('2026-03-25T12:00:00Z'))).toEqual(['eve']);
    expect(whoIsOnCall(added, at('2026-03-26T12:00:00Z'))).toEqual(['ana', 'eve']);
    expect(whoIsOnCall(added, at('2026-03-27T00:00:00Z'))).toEqual(['ana']);
  });

  it('replaces an added person too, and does not chain replacements', () => {
    const both = schedule({
      rotation: berlinDaily,
      overrides: [
        { id: 'eve-in', start: '2026-03-26T10:00:00Z', end: '2026-03-26T20:00:00Z', kind: 'add', person: 'eve' },
        { id: 'eve-out', start: '2026-03-26T12:00:00Z', end: '2026-03-26T14:00:00Z', kind: 'replace', from: 'eve', to: 'fay' },
        { id: 'ana-out', start: '2026-03-26T12:00:00Z', end: '2026-03-26T14:00:00Z', kind: 'replace', from: 'ana', to: 'eve' },
      ],
    });
    expect(whoIsOnCall(both, at('2026-03-26T11:00:00Z'))).toEqual(['ana', 'eve']);
    expect(whoIsOnCall(both, at('2026-03-26T13:00:00Z'))).toEqual(['eve', 'fay']);
  });

  it('has nobody on call outside active hours, and keeps the shifts turning meanwhile', () => {
    const officeHours = schedule({
      rotation: {
        ...berlinDaily,
        activeHours: { mon: ['08:00-18:00'], tue: ['08:00-18:00'], wed: ['08:00-18:00'], thu: ['08:00-18:00'], fri: ['08:00-18:00'] },
      },
    });
    expect(whoIsOnCall(officeHours, at('2026-03-26T16:59:59Z'))).toEqual(['ana']);
    expect(whoIsOnCall(officeHours, at('2026-03-26T17:00:00Z'))).toEqual([]);
    expect(whoIsOnCall(officeHours, at('2026-03-28T12:00:00Z'))).toEqual([]);
    // Monday 30 March: the office opens at 08:00 CEST in ana's shift (from Sunday 09:00), ben's starts at 09:00.
    expect(whoIsOnCall(officeHours, at('2026-03-30T05:59:59Z'))).toEqual([]);
    expect(whoIsOnCall(officeHours, at('2026-03-30T06:00:00Z'))).toEqual(['ana']);
    expect(whoIsOnCall(officeHours, at('2026-03-30T07:00:00Z'))).toEqual(['ben']);
  });

  it('answers overrides alone for a role without a rotation', () => {
    const overridesOnly = schedule({
      overrides: [{ id: 'cover', start: '2026-03-26T00:00:00Z', end: '2026-03-27T00:00:00Z', kind: 'add', person: 'eve' }],
    });
    expect(whoIsOnCall(overridesOnly, at('2026-03-26T12:00:00Z'))).toEqual(['eve']);
    expect(whoIsOnCall(overridesOnly, at('2026-03-27T12:00:00Z'))).toEqual([]);
  });
});

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

  it('follows the layer naming someone now: the night layer at night, the day rotation by day', () => {
    const nights = {
      participants: ['nia', 'ned'],
      shift: { length: 1, unit: 'days' },
      handoff: '2026-03-26T20:00:00+01:00',
      zone: 'Europe/Berlin',
      activeHours: {
        mon: ['20:00-08:00'],
        tue: ['20:00-08:00'],
        wed: ['20:00-08:00'],
        thu: ['20:00-08:00'],
        fri: ['20:00-08:00'],
        sat: ['20:00-08:00'],
        sun: ['20:00-08:00'],
      },
    };
    const layered = schedule({ rotation: berlinDaily, layers: [nights] });
    expect(whoIsOnCall(layered, at('2026-03-26T22:00:00Z'))).toEqual(['nia']);
    expect(nextInRotation(layered, at('2026-03-26T22:00:00Z'))).toBe('ned');
    expect(nextInRotation(layered, at('2026-03-27T12:00:00Z'))).toBe('cy'); // ben's day
  });

  it('is nobody without a rotation (overrides alone)', () => {
    const overridesOnly = schedule({
      overrides: [{ id: 'x', start: '2026-03-26T00:00:00Z', end: '2026-03-27T00:00:00Z', kind: 'add', person: 'eve' }],
    });
    expect(nextInRotation(overridesOnly, at('2026-03-26T12:00:00Z'))).toBeUndefined();
  });
});
