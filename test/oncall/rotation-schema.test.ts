import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { roleScheduleSchema, SCHEDULE_LIMITS } from '#shared/oncall/schedule-schema.ts';
import { validate } from '../../functions/api/operation.ts';

const rotation = {
  participants: ['ana-lima', 'ben-ode'],
  shift: { length: 1, unit: 'weeks' },
  handoff: '2026-03-02T09:00:00+01:00',
  zone: 'Europe/Berlin',
};
const replace = (id: string, start: string, end: string, from = 'ana-lima') => ({ id, start, end, kind: 'replace', from, to: 'cy-ng' });

/** The field errors the API answers for a schedule body (the routes validate with this schema). */
function problems(body: unknown) {
  try {
    validate(roleScheduleSchema(), body);
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  return [];
}

describe('a role schedule', () => {
  it('turns instants into epoch ms and defaults the overrides to none', () => {
    expect(validate(roleScheduleSchema(), { role: 'manager', rotation })).toEqual({
      role: 'manager',
      rotation: { ...rotation, handoff: Date.parse('2026-03-02T08:00:00Z') },
      overrides: [],
    });
  });

  it('takes layers above the rotation, at most five, each checked like the rotation', () => {
    const night = { ...rotation, participants: ['cy-ng'], activeHours: { mon: ['18:00-08:00'] } };
    expect(validate(roleScheduleSchema(), { role: 'tier2', rotation, layers: [night] }).layers).toEqual([
      { ...night, handoff: Date.parse('2026-03-02T08:00:00Z') },
    ]);
    expect(problems({ role: 'tier2', rotation, layers: [night, { ...night, participants: [] }] })).toEqual([
      { path: 'layers[1].participants', message: 'give at least one participant' },
    ]);
    expect(problems({ role: 'tier2', rotation, layers: Array(SCHEDULE_LIMITS.layers + 1).fill(night) })).toEqual([
      { path: 'layers', message: `at most ${SCHEDULE_LIMITS.layers} layers` },
    ]);
  });

  it('takes active hours written like a calendar’s, overnight intervals included', () => {
    const hours = { mon: ['08:00-18:00'], fri: ['22:00-06:00'] };
    expect(validate(roleScheduleSchema(), { role: 'tier2', rotation: { ...rotation, activeHours: hours } }).rotation?.activeHours).toEqual(
      hours,
    );
  });

  it.each<[string, object, Array<{ path: string; message: string | unknown }>]>([
    [
      'no participants',
      { rotation: { ...rotation, participants: [] } },
      [{ path: 'rotation.participants', message: 'give at least one participant' }],
    ],
    [
      'a participant twice',
      { rotation: { ...rotation, participants: ['ana-lima', 'ana-lima'] } },
      [{ path: 'rotation.participants', message: 'lists a participant twice' }],
    ],
    [
      'too many participants',
      { rotation: { ...rotation, participants: Array.from({ length: 101 }, (_, i) => `p${i}`) } },
      [{ path: 'rotation.participants', message: 'at most 100 participants' }],
    ],
    [
      'a participant that is not a person id',
      { rotation: { ...rotation, participants: ['ana-lima', 'Robert; DROP'] } },
      [{ path: 'rotation.participants[1]', message: expect.stringContaining('person id') }],
    ],
    [
      'a shift of no length',
      { rotation: { ...rotation, shift: { length: 0, unit: 'days' } } },
      [{ path: 'rotation.shift.length', message: 'at least 1' }],
    ],
    [
      'a shift of half a day',
      { rotation: { ...rotation, shift: { length: 0.5, unit: 'days' } } },
      [{ path: 'rotation.shift.length', message: 'expected a whole number' }],
    ],
    [
      'a shift in months',
      { rotation: { ...rotation, shift: { length: 1, unit: 'months' } } },
      [{ path: 'rotation.shift.unit', message: expect.any(String) }],
    ],
    [
      'a handoff without a zone',
      { rotation: { ...rotation, handoff: '2026-03-02T09:00:00' } },
      [{ path: 'rotation.handoff', message: expect.stringContaining('expected an ISO-8601 instant') }],
    ],
    [
      'an unknown zone',
      { rotation: { ...rotation, zone: 'Mars/Olympus' } },
      [{ path: 'rotation.zone', message: expect.stringContaining('IANA') }],
    ],
    [
      'a fixed offset for a zone',
      { rotation: { ...rotation, zone: '+01:00' } },
      [{ path: 'rotation.zone', message: expect.stringContaining('IANA') }],
    ],
    [
      'a bad active interval',
      { rotation: { ...rotation, activeHours: { tue: ['08:00-25:00'] } } },
      [{ path: 'rotation.activeHours.tue[0]', message: expect.stringContaining('not a time of day') }],
    ],
    [
      'active hours that are never active',
      { rotation: { ...rotation, activeHours: { mon: [] } } },
      [{ path: 'rotation.activeHours', message: expect.stringContaining('never active') }],
    ],
    [
      'an unknown weekday',
      { rotation: { ...rotation, activeHours: { mon: ['08:00-18:00'], funday: [] } } },
      [{ path: 'rotation.activeHours.funday', message: 'unknown field' }],
    ],
    [
      'an override ending at its start',
      { overrides: [replace('x', '2026-03-03T20:00:00Z', '2026-03-03T20:00:00Z')] },
      [{ path: 'overrides[0].end', message: 'must be after start' }],
    ],
    [
      'an override replacing a person with themselves',
      { overrides: [{ ...replace('x', '2026-03-03T20:00:00Z', '2026-03-04T06:00:00Z'), to: 'ana-lima' }] },
      [{ path: 'overrides[0].to', message: 'replaces a person with themselves' }],
    ],
    [
      'an override of an unknown kind',
      { overrides: [{ id: 'x', start: '2026-03-03T20:00:00Z', end: '2026-03-04T06:00:00Z', kind: 'remove', person: 'ana-lima' }] },
      [{ path: 'overrides[0].kind', message: expect.any(String) }],
    ],
    [
      'two replace overrides of one person that overlap',
      {
        overrides: [
          replace('week', '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z'),
          replace('other-person', '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z', 'ben-ode'),
          replace('night', '2026-03-05T20:00:00Z', '2026-03-06T06:00:00Z'),
          replace('after', '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z'),
        ],
      },
      [{ path: 'overrides[2].start', message: 'overlaps overrides[0], which also replaces "ana-lima"' }],
    ],
    [
      'two overrides with one id',
      {
        overrides: [
          replace('night', '2026-03-02T20:00:00Z', '2026-03-03T06:00:00Z'),
          replace('night', '2026-03-03T20:00:00Z', '2026-03-04T06:00:00Z'),
        ],
      },
      [{ path: 'overrides[1].id', message: 'the id "night" is taken by overrides[0]' }],
    ],
    [
      'too many overrides',
      {
        overrides: Array.from({ length: SCHEDULE_LIMITS.overrides + 1 }, (_, i) => ({
          id: `o${i}`,
          start: '2026-03-02T00:00:00Z',
          end: '2026-03-03T00:00:00Z',
          kind: 'add',
          person: 'cy-ng',
        })),
      },
      [{ path: 'overrides', message: 'at most 200 overrides' }],
    ],
  ])('refuses %s, naming the field', (_, change, expected) => {
    expect(problems({ role: 'manager', rotation, ...change })).toEqual(expected);
  });

  it('refuses a body that is not an object, and a role that is not an id', () => {
    expect(problems(null)).toEqual([{ path: '', message: expect.any(String) }]);
    expect(problems({ role: 'Manager!' })).toEqual([{ path: 'role', message: expect.stringContaining('role id') }]);
  });

  it('accepts replace overrides of one person that only touch, and overlapping adds', () => {
    const overrides = [
      replace('first', '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'),
      replace('second', '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z'),
      { id: 'a1', start: '2026-03-02T00:00:00Z', end: '2026-03-05T00:00:00Z', kind: 'add', person: 'cy-ng' },
      { id: 'a2', start: '2026-03-02T00:00:00Z', end: '2026-03-05T00:00:00Z', kind: 'add', person: 'cy-ng' },
    ];
    expect(problems({ role: 'manager', rotation, overrides })).toEqual([]);
  });
});
