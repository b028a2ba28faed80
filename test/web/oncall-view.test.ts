import { describe, expect, it } from 'vitest';
import { WEEKDAYS } from '#shared/calendar/calendar-spec.ts';
import { DomainError } from '#shared/domain-error.ts';
import * as serverSchemas from '../../functions/api/oncall-schemas.ts';
import { validate } from '../../functions/api/operation.ts';
import {
  activeHoursText,
  addParticipant,
  currentAndUpcoming,
  draftOfRotation,
  fromZonedInput,
  moveParticipant,
  nameOf,
  nextHandoff,
  OVERRIDE_PATHS,
  type OverrideDraft,
  type OverrideView,
  overrideBody,
  overrideText,
  ROTATION_PATHS,
  type RotationView,
  removeParticipant,
  rotationBody,
  shiftText,
  sortRoles,
  toZonedInput,
} from '../../web/src/lib/oncall-view.ts';

const PEOPLE = [
  { id: 'ana-lima', name: 'Ana Lima' },
  { id: 'ben-ode', name: 'Ben Ode' },
  { id: 'cy-ng', name: 'Cy Ng' },
];

const WEEKLY: RotationView = {
  participants: ['ana-lima', 'ben-ode', 'cy-ng'],
  shift: { length: 1, unit: 'weeks' },
  handoff: '2026-03-02T08:00:00.000Z', // 09:00 in Berlin
  zone: 'Europe/Berlin',
};

/** Ben takes Ana's night, typed in Berlin time. */
const NIGHT_SWAP: OverrideDraft = {
  kind: 'replace',
  from: 'ana-lima',
  to: 'ben-ode',
  person: '',
  start: '2026-03-04T22:00',
  end: '2026-03-05T07:00',
  zone: 'Europe/Berlin',
};

describe('the On-call page', () => {
  describe('participants, in order', () => {
    it('adds a person at the end, once', () => {
      expect(addParticipant(['ana-lima'], 'ben-ode')).toEqual(['ana-lima', 'ben-ode']);
      expect(addParticipant(['ana-lima', 'ben-ode'], 'ana-lima')).toEqual(['ana-lima', 'ben-ode']);
      expect(addParticipant(['ana-lima'], '')).toEqual(['ana-lima']);
    });

    it('moves a participant one place up or down, and nothing past either end', () => {
      const list = ['ana-lima', 'ben-ode', 'cy-ng'];
      expect(moveParticipant(list, 2, -1)).toEqual(['ana-lima', 'cy-ng', 'ben-ode']);
      expect(moveParticipant(list, 0, 1)).toEqual(['ben-ode', 'ana-lima', 'cy-ng']);
      expect(moveParticipant(list, 0, -1)).toEqual(list);
      expect(moveParticipant(list, 2, 1)).toEqual(list);
      expect(list).toEqual(['ana-lima', 'ben-ode', 'cy-ng']);
    });

    it('removes the participant at a place', () => {
      expect(removeParticipant(['ana-lima', 'ben-ode', 'cy-ng'], 1)).toEqual(['ana-lima', 'cy-ng']);
    });
  });

  describe('roles and names', () => {
    it('lists roles by name, then id', () => {
      const roles = [
        { role: 'vp', name: 'VP' },
        { role: 'manager', name: 'Manager' },
        { role: 'manager-eu', name: 'Manager' },
      ];
      expect(sortRoles(roles).map((r) => r.role)).toEqual(['manager', 'manager-eu', 'vp']);
    });

    it('names a person the directory no longer knows by their id', () => {
      expect(nameOf(PEOPLE, 'ben-ode')).toBe('Ben Ode');
      expect(nameOf(PEOPLE, 'gone-person')).toBe('gone-person');
    });

    it('says what an override does and how long a shift is', () => {
      const replace: OverrideView = { id: 'x', start: '', end: '', kind: 'replace', from: 'ana-lima', to: 'cy-ng' };
      expect(overrideText(replace, PEOPLE)).toBe('Cy Ng instead of Ana Lima');
      expect(overrideText({ id: 'y', start: '', end: '', kind: 'add', person: 'ben-ode' }, PEOPLE)).toBe('adds Ben Ode');
      expect([shiftText({ length: 1, unit: 'weeks' }), shiftText({ length: 12, unit: 'hours' })]).toEqual(['1 week', '12 hours']);
    });
  });

  describe('active hours', () => {
    it('lists the days with hours Monday first, and none as around the clock', () => {
      expect(activeHoursText({ sun: ['10:00-14:00'], fri: ['08:00-18:00', '22:00-06:00'], mon: ['08:00-18:00'], tue: [] })).toBe(
        'mon 08:00-18:00; fri 08:00-18:00, 22:00-06:00; sun 10:00-14:00',
      );
      expect([activeHoursText(undefined), activeHoursText({ mon: [] })]).toEqual([undefined, undefined]);
    });
  });

  describe('times in a zone', () => {
    it('shows an instant as the zone’s wall clock, and reads it back', () => {
      expect(toZonedInput(Date.parse('2026-03-02T08:00:00Z'), 'Europe/Berlin')).toBe('2026-03-02T09:00');
      expect(toZonedInput(Date.parse('2026-07-02T08:00:00Z'), 'Europe/Berlin')).toBe('2026-07-02T10:00');
      expect(fromZonedInput('2026-07-02T10:00', 'Europe/Berlin')).toBe(Date.parse('2026-07-02T08:00:00Z'));
      expect(fromZonedInput('2026-03-02T09:00', 'America/New_York')).toBe(Date.parse('2026-03-02T14:00:00Z'));
    });

    it('reads a time the clocks skip as the change, and a repeated one at its first occurrence', () => {
      expect(fromZonedInput('2026-03-29T02:30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T01:00:00Z'));
      expect(fromZonedInput('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    });

    it('reads nothing from a blank time or a zone that is no zone', () => {
      expect(fromZonedInput('', 'Europe/Berlin')).toBeUndefined();
      expect(fromZonedInput('2026-03-02T09:00', 'Mars/Olympus')).toBeUndefined();
      expect(fromZonedInput('2026-03-02T09:00', '+01:00')).toBeUndefined();
    });
  });

  describe('who is next', () => {
    it('names the next participant and the next handoff, at 09:00 local across the spring change', () => {
      // Shift 3 (ana-lima) starts on 23 March at 09:00 CET; shift 4 (ben-ode) on 30 March at 09:00 CEST.
      expect(nextHandoff(WEEKLY, Date.parse('2026-03-25T12:00:00Z'))).toEqual({
        person: 'ben-ode',
        at: Date.parse('2026-03-30T07:00:00Z'),
      });
    });

    it('before the first handoff, names the first participant at the handoff', () => {
      expect(nextHandoff(WEEKLY, Date.parse('2026-02-01T00:00:00Z'))).toEqual({ person: 'ana-lima', at: Date.parse(WEEKLY.handoff) });
    });
  });

  describe('overrides', () => {
    const override = (id: string, start: string, end: string): OverrideView => ({ id, start, end, kind: 'add', person: 'cy-ng' });

    it('keeps those in force and those to come, each by start, and leaves past ones out', () => {
      const now = Date.parse('2026-03-10T12:00:00Z');
      const { current, upcoming } = currentAndUpcoming(
        [
          override('later', '2026-03-20T00:00:00Z', '2026-03-21T00:00:00Z'),
          override('past', '2026-03-01T00:00:00Z', '2026-03-10T12:00:00Z'),
          override('now', '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'),
          override('soon', '2026-03-12T00:00:00Z', '2026-03-13T00:00:00Z'),
        ],
        now,
      );
      expect([current.map((o) => o.id), upcoming.map((o) => o.id)]).toEqual([['now'], ['soon', 'later']]);
    });

    it('sends a replacement typed in a zone as UTC instants, with an id of the person and the start', () => {
      const sent = overrideBody(NIGHT_SWAP);
      const start = Date.parse('2026-03-04T21:00:00Z');
      expect(sent).toEqual({
        body: {
          id: `ben-ode-${start.toString(36)}`,
          start: '2026-03-04T21:00:00.000Z',
          end: '2026-03-05T06:00:00.000Z',
          kind: 'replace',
          from: 'ana-lima',
          to: 'ben-ode',
        },
      });
    });

    it('sends an add with only its person', () => {
      const sent = overrideBody({
        kind: 'add',
        from: 'x',
        to: 'y',
        person: 'cy-ng',
        start: '2026-03-09T00:00',
        end: '2026-03-16T00:00',
        zone: 'UTC',
      });
      expect(sent).toMatchObject({ body: { kind: 'add', person: 'cy-ng', start: '2026-03-09T00:00:00.000Z' } });
      expect('body' in sent && Object.keys(sent.body).sort()).toEqual(['end', 'id', 'kind', 'person', 'start']);
    });

    it('refuses at their fields a zone that is no zone and times left blank', () => {
      expect(overrideBody({ kind: 'add', from: '', to: '', person: 'cy-ng', start: '', end: '', zone: 'Berlin' })).toEqual({
        problems: [{ path: 'zone', message: 'expected an IANA time zone such as "Europe/Berlin"' }],
      });
      expect(overrideBody({ kind: 'add', from: '', to: '', person: 'cy-ng', start: '2026-03-09T00:00', end: '', zone: 'UTC' })).toEqual({
        problems: [{ path: 'end', message: 'give a date and time' }],
      });
    });
  });

  describe('the rotation form', () => {
    it('shows a stored rotation in its own zone, and sends it back unchanged', () => {
      const rotation: RotationView = { ...WEEKLY, activeHours: { mon: ['08:00-18:00'], fri: ['08:00-18:00', '22:00-06:00'] } };
      const draft = draftOfRotation(rotation, 'Asia/Tokyo', 0);
      expect(draft).toMatchObject({ handoff: '2026-03-02T09:00', zone: 'Europe/Berlin', length: '1', unit: 'weeks' });
      expect(draft.activeHours).toMatchObject({ mon: '08:00-18:00', fri: '08:00-18:00, 22:00-06:00', sun: '' });
      expect(rotationBody(draft, 4)).toEqual({ body: { rotation, version: 4 } });
    });

    it('starts a new rotation at the next full hour in the viewer’s zone, and leaves out active hours left blank', () => {
      const draft = draftOfRotation(undefined, 'Europe/Berlin', Date.parse('2026-03-02T08:20:00Z'));
      expect(draft).toMatchObject({ handoff: '2026-03-02T10:00', zone: 'Europe/Berlin', participants: [] });
      const sent = rotationBody({ ...draft, participants: ['ben-ode'] }, 0);
      expect(sent).toEqual({
        body: {
          rotation: {
            participants: ['ben-ode'],
            shift: { length: 1, unit: 'weeks' },
            handoff: '2026-03-02T09:00:00.000Z',
            zone: 'Europe/Berlin',
          },
          version: 0,
        },
      });
    });

    it('leaves a shift length out of range for the server to judge, but refuses one that is no number at its field', () => {
      const draft = draftOfRotation(WEEKLY, 'UTC', 0);
      expect(rotationBody({ ...draft, length: '0' }, 1)).toMatchObject({ body: { rotation: { shift: { length: 0 } } } });
      expect(rotationBody({ ...draft, length: 'two' }, 1)).toEqual({
        problems: [{ path: 'rotation.shift.length', message: 'expected a whole number' }],
      });
      expect(rotationBody({ ...draft, zone: 'CET+1' }, 1)).toMatchObject({ problems: [{ path: 'rotation.zone' }] });
      expect(rotationBody({ ...draft, handoff: '' }, 1)).toMatchObject({ problems: [{ path: 'rotation.handoff' }] });
    });
  });

  describe('against the API’s own schemas', () => {
    /** The paths of the server's problems with `body`, or none when it accepts it. */
    const refused = (schema: Parameters<typeof validate>[0], body: unknown): string[] => {
      try {
        validate(schema, body);
        return [];
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return error.errors.map((e) => e.path);
      }
    };
    /** Whether a field of the form shows the problem at `path` (its own path, or one below it, as `ApiProblem.forField` reads). */
    const shown = (fields: readonly string[], path: string) =>
      fields.some((field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
    const rotationFields = [
      ROTATION_PATHS.participants,
      ROTATION_PATHS.length,
      ROTATION_PATHS.unit,
      ROTATION_PATHS.zone,
      ROTATION_PATHS.handoff,
      ...WEEKDAYS.map(ROTATION_PATHS.activeHours),
    ];
    const sendable = <B>(checked: { body: B } | { problems: unknown }): B => {
      if (!('body' in checked)) throw new Error('the form refused the draft itself');
      return checked.body;
    };

    it('a rotation the form sends is one the API accepts, and each of its problems lands on a field', () => {
      const draft = draftOfRotation({ ...WEEKLY, activeHours: { mon: ['08:00-18:00'] } }, 'UTC', 0);
      expect(refused(serverSchemas.rotationBody(), sendable(rotationBody(draft, 0)))).toEqual([]);
      const bad = sendable(
        rotationBody(
          {
            ...draft,
            participants: ['ana-lima', 'Ben Ode', 'ana-lima'],
            length: '1.5',
            activeHours: { ...draft.activeHours, tue: '8-18' },
          },
          0,
        ),
      );
      const paths = refused(serverSchemas.rotationBody(), bad);
      expect(paths.length).toBeGreaterThanOrEqual(3);
      for (const path of paths) expect([path, shown(rotationFields, path)]).toEqual([path, true]);
    });

    it('an override the form sends is one the API accepts, and each of its problems lands on a field', () => {
      const draft = NIGHT_SWAP;
      expect(refused(serverSchemas.overrideBody(), sendable(overrideBody(draft)))).toEqual([]);
      const backwards = sendable(overrideBody({ ...draft, to: 'ana-lima', end: '2026-03-04T21:00' }));
      expect(refused(serverSchemas.overrideBody(), backwards).sort()).toEqual(['end', 'to']);
      const nobody = sendable(overrideBody({ ...draft, kind: 'add', person: '' }));
      const paths = refused(serverSchemas.overrideBody(), nobody);
      expect(paths).toEqual(['person']);
      for (const path of paths) expect(shown(OVERRIDE_PATHS, path)).toBe(true);
    });
  });
});
