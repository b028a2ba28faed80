import { describe, expect, it } from 'vitest';
import { as } from '../support/api-events.ts';
import { storeCorruptSchedule } from '../support/corrupt-schedule.ts';
import { onCallHarness, staff } from './oncall-harness.ts';

type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };
type Api = Awaited<ReturnType<typeof onCallHarness>>;
interface RoleScheduleView {
  role: string;
  rotation?: Record<string, unknown>;
  layers?: Array<Record<string, unknown>>;
  overrides: Array<Record<string, unknown>>;
  version: number;
}
interface OnCallView {
  role: string;
  at: string;
  people: Array<{ id: string; name: string }>;
}

/** Weekly, handing off on Mondays at 09:00 Berlin time; the first shift starts on 2026-03-23 (CET). */
const weekly = (participants: string[]) => ({
  participants,
  shift: { length: 1, unit: 'weeks' },
  handoff: '2026-03-23T09:00:00+01:00',
  zone: 'Europe/Berlin',
});

async function withManagers(startAt?: string): Promise<Api> {
  const api = await onCallHarness(startAt);
  await api.addPeople(staff('ana-lima', 1), staff('ben-ode', 2), staff('cy-ng', 3));
  const put = await api.call('PUT', '/roles/manager/rotation', {
    claims: as.admin(),
    body: { rotation: weekly(['ana-lima', 'ben-ode']), version: 0 },
  });
  if (put.status !== 200) throw new Error(JSON.stringify(put.body));
  return api;
}

const onCallAt = async (api: Api, at: string) =>
  (await api.call<OnCallView>('GET', '/roles/manager/oncall', { claims: as.agent(), query: { at } })).body.people.map((p) => p.id);

describe('the rotation routes', () => {
  describe('GET /roles', () => {
    it("lists every role the presets name, with the first preset's name, and roles with a stored schedule", async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      await api.call('PUT', '/roles/night-desk/rotation', { claims: as.admin(), body: { rotation: weekly(['cy-ng']), version: 0 } });
      const roles = await api.call<{ items: Array<{ role: string; name: string; onCall: unknown[]; version?: number }> }>('GET', '/roles', {
        claims: as.agent(),
      });
      expect(roles.status).toBe(200);
      expect(roles.body.items.map((r) => r.role)).toEqual(['tier1', 'tier2', 'manager', 'director', 'vp', 'oncall', 'night-desk']);
      const byRole = new Map(roles.body.items.map((r) => [r.role, r]));
      expect(byRole.get('tier1')).toEqual({ role: 'tier1', name: 'Customer Support Tier I', onCall: [], overrides: [] });
      expect(byRole.get('manager')).toMatchObject({
        name: 'Customer Support Manager',
        onCall: [{ id: 'ana-lima', name: 'Ana Lima' }],
        version: 1,
      });
      expect(byRole.get('night-desk')).toMatchObject({ name: 'night-desk', onCall: [{ id: 'cy-ng', name: 'Cy Ng' }] });
      expect((await api.call('GET', '/roles', { claims: as.customer('acme-kore') })).status).toBe(403);
    });

    it('answers a role whose stored schedule fails its schema with `unreadable`, and the other roles as usual', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      await storeCorruptSchedule(api, 'director', { from: 'cy-ng', to: 'ben-ode', day: Date.parse('2026-03-25T00:00:00Z') });
      const roles = await api.call<{ items: Array<Record<string, unknown>> }>('GET', '/roles', { claims: as.agent() });
      expect(roles.status).toBe(200);
      const byRole = new Map(roles.body.items.map((r) => [r.role, r]));
      expect(byRole.get('director')).toEqual({
        role: 'director',
        name: 'Customer Support Director',
        onCall: [],
        overrides: [],
        unreadable: 'overrides[0].start: overlaps overrides[1], which also replaces "cy-ng"',
      });
      expect(byRole.get('manager')).toMatchObject({ onCall: [{ id: 'ana-lima', name: 'Ana Lima' }], version: 1 });
    });
  });

  describe('PUT /roles/{role}/rotation', () => {
    it('stores a rotation under version 0, then only with the version read', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1), staff('ben-ode', 2));
      const empty = await api.call<RoleScheduleView>('GET', '/roles/manager/rotation', { claims: as.agent() });
      expect(empty.body).toEqual({ role: 'manager', overrides: [], version: 0 });

      const body = { rotation: { ...weekly(['ana-lima', 'ben-ode']), activeHours: { mon: ['08:00-18:00'] } }, version: 0 };
      const put = await api.call<RoleScheduleView>('PUT', '/roles/manager/rotation', { claims: as.admin(), body });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        role: 'manager',
        // The handoff comes back in UTC.
        rotation: { ...body.rotation, handoff: '2026-03-23T08:00:00.000Z' },
        overrides: [],
        version: 1,
      });
      expect((await api.call('GET', '/roles/manager/rotation', { claims: as.agent() })).body).toEqual(put.body);
      expect((await api.call('PUT', '/roles/manager/rotation', { claims: as.admin(), body })).status).toBe(409);
      expect((await api.call('PUT', '/roles/manager/rotation', { claims: as.admin(), body: { ...body, version: 1 } })).body).toMatchObject({
        version: 2,
      });
      expect((await api.call('PUT', '/roles/manager/rotation', { claims: as.admin(), body: { ...body, version: 1 } })).status).toBe(409);
      expect((await api.call('PUT', '/roles/manager/rotation', { claims: as.agent(), body: { ...body, version: 2 } })).status).toBe(403);
    });

    it('refuses participants who are not in the directory, bad fields and a bad role id, each at its path', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      const missing = await api.call<Problem>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(['ana-lima', 'zed-x', 'yo-y']), version: 0 },
      });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([
        { path: 'rotation.participants[1]', message: 'no person zed-x' },
        { path: 'rotation.participants[2]', message: 'no person yo-y' },
      ]);

      const bad = await api.call<Problem>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: {
          rotation: { ...weekly(['ana-lima', 'Ana Lima']), shift: { length: 1, unit: 'months' }, handoff: '2026-03-23 09:00' },
          version: -1,
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path).sort()).toEqual([
        'rotation.handoff',
        'rotation.participants[1]',
        'rotation.shift.unit',
        'version',
      ]);

      const tooMany = await api.call<Problem>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(Array.from({ length: 101 }, (_, i) => `p-${i}`)), version: 0 },
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual([{ path: 'rotation.participants', message: 'at most 100 participants' }]);

      const role = await api.call<Problem>('PUT', '/roles/Manager%20X/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(['ana-lima']), version: 0 },
      });
      expect(role.status).toBe(400);
      expect(role.body.errors?.map((e) => e.path)).toEqual(['role']);
    });
  });

  describe('layers', () => {
    it('puts a night layer above the rotation, keeps it when a later PUT leaves it out, and refuses unknown people in it', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      const nights = { ...weekly(['cy-ng']), activeHours: { tue: ['20:00-06:00'] } };
      const missing = await api.call<Problem>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(['ana-lima', 'ben-ode']), layers: [nights, weekly(['nobody-here'])], version: 1 },
      });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([{ path: 'layers[1].participants[0]', message: 'no person nobody-here' }]);

      const put = await api.call<RoleScheduleView>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(['ana-lima', 'ben-ode']), layers: [nights], version: 1 },
      });
      expect(put.body).toMatchObject({ layers: [{ participants: ['cy-ng'], activeHours: { tue: ['20:00-06:00'] } }], version: 2 });
      // Tuesday 2026-03-24, 21:00 Berlin (CET): the night layer is on top.
      expect(await onCallAt(api, '2026-03-24T20:00:00Z')).toEqual(['cy-ng']);
      expect(await onCallAt(api, '2026-03-24T12:00:00Z')).toEqual(['ana-lima']);

      const later = await api.call<RoleScheduleView>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(['ben-ode', 'ana-lima']), version: 2 },
      });
      expect(later.body.layers).toHaveLength(1);
      await api.call('POST', '/roles/manager/overrides', {
        claims: as.admin(),
        body: { id: 'extra', start: '2026-03-25T08:00:00Z', end: '2026-03-25T12:00:00Z', kind: 'add', person: 'ana-lima' },
      });
      expect(await onCallAt(api, '2026-03-24T20:00:00Z')).toEqual(['cy-ng']);
      expect((await api.call('DELETE', '/people/cy-ng', { claims: as.admin() })).status).toBe(409);

      const cleared = await api.call<RoleScheduleView>('PUT', '/roles/manager/rotation', {
        claims: as.admin(),
        body: { rotation: weekly(['ben-ode', 'ana-lima']), layers: [], version: 4 },
      });
      expect(cleared.body.layers).toBeUndefined();
      expect((await api.call('DELETE', '/people/cy-ng', { claims: as.admin() })).status).toBe(204);
    });
  });

  describe('GET /roles/{role}/oncall', () => {
    it('hands off at 09:00 Berlin time on both sides of the change to summer time', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      // Winter: 09:00 CET is 08:00Z.
      expect(await onCallAt(api, '2026-03-23T07:59:59Z')).toEqual([]);
      expect(await onCallAt(api, '2026-03-23T08:00:00Z')).toEqual(['ana-lima']);
      // The clocks go forward on 2026-03-29: the next handoff, 09:00 CEST, is 07:00Z (a week less an hour).
      expect(await onCallAt(api, '2026-03-30T06:59:59Z')).toEqual(['ana-lima']);
      expect(await onCallAt(api, '2026-03-30T07:00:00Z')).toEqual(['ben-ode']);
      expect(await onCallAt(api, '2026-04-06T07:00:00Z')).toEqual(['ana-lima']);

      const now = await api.call<OnCallView>('GET', '/roles/manager/oncall', { claims: as.agent() });
      expect(now.body).toEqual({ role: 'manager', at: '2026-03-24T12:00:00.000Z', people: [{ id: 'ana-lima', name: 'Ana Lima' }] });
      const bad = await api.call<Problem>('GET', '/roles/manager/oncall', { claims: as.agent(), query: { at: 'tomorrow' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path)).toEqual(['at']);
      expect((await api.call<OnCallView>('GET', '/roles/vp/oncall', { claims: as.agent() })).body.people).toEqual([]);
    });
  });

  describe('overrides', () => {
    const replace = {
      id: 'ana-dentist',
      start: '2026-03-25T08:00:00Z',
      end: '2026-03-25T12:00:00Z',
      kind: 'replace',
      from: 'ana-lima',
      to: 'ben-ode',
    };

    it('replaces or adds people for their range, and are deleted by id', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      const added = await api.call<RoleScheduleView>('POST', '/roles/manager/overrides', { claims: as.admin(), body: replace });
      expect(added.status).toBe(201);
      expect(added.body.overrides).toEqual([{ ...replace, start: '2026-03-25T08:00:00.000Z', end: '2026-03-25T12:00:00.000Z' }]);
      expect(added.body.version).toBe(2);
      await api.call('POST', '/roles/manager/overrides', {
        claims: as.admin(),
        body: { id: 'cy-helps', start: '2026-03-25T10:00:00Z', end: '2026-03-25T14:00:00Z', kind: 'add', person: 'cy-ng' },
      });
      expect(await onCallAt(api, '2026-03-25T07:00:00Z')).toEqual(['ana-lima']);
      expect(await onCallAt(api, '2026-03-25T11:00:00Z')).toEqual(['ben-ode', 'cy-ng']);
      expect(await onCallAt(api, '2026-03-25T13:00:00Z')).toEqual(['ana-lima', 'cy-ng']);

      expect((await api.call('DELETE', '/roles/manager/overrides/ana-dentist', { claims: as.admin() })).status).toBe(204);
      expect(await onCallAt(api, '2026-03-25T11:00:00Z')).toEqual(['ana-lima', 'cy-ng']);
      expect((await api.call('DELETE', '/roles/manager/overrides/ana-dentist', { claims: as.admin() })).status).toBe(404);
      expect((await api.call('DELETE', '/roles/manager/overrides/cy-helps', { claims: as.agent() })).status).toBe(403);
    });

    it('refuses a taken id (409), an overlapping replacement, people not in the directory and an end before the start', async () => {
      const api = await withManagers();
      await api.call('POST', '/roles/manager/overrides', { claims: as.admin(), body: replace });
      expect((await api.call('POST', '/roles/manager/overrides', { claims: as.admin(), body: replace })).status).toBe(409);

      const overlap = await api.call<Problem>('POST', '/roles/manager/overrides', {
        claims: as.admin(),
        body: { ...replace, id: 'ana-again', start: '2026-03-25T11:00:00Z', end: '2026-03-25T13:00:00Z', to: 'cy-ng' },
      });
      expect(overlap.status).toBe(422);
      expect(overlap.body.errors).toEqual([{ path: 'start', message: 'overlaps overrides[0], which also replaces "ana-lima"' }]);

      const nobody = await api.call<Problem>('POST', '/roles/manager/overrides', {
        claims: as.admin(),
        body: { ...replace, id: 'ghost', from: 'ghost-a', to: 'ghost-b' },
      });
      expect(nobody.status).toBe(422);
      expect(nobody.body.errors?.map((e) => e.path)).toEqual(['from', 'to']);

      const backwards = await api.call<Problem>('POST', '/roles/manager/overrides', {
        claims: as.admin(),
        body: { ...replace, id: 'backwards', end: '2026-03-25T07:00:00Z' },
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors).toEqual([{ path: 'end', message: 'must be after start' }]);
      const badId = await api.call<Problem>('DELETE', '/roles/manager/overrides/Not%20A%20Slug', { claims: as.admin() });
      expect(badId.status).toBe(400);
      expect(badId.body.errors?.map((e) => e.path)).toEqual(['id']);
    });

    it('refuses a replacement that starts before, and runs into, a later one of the same person; nothing is stored', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      const later = { ...replace, id: 'ana-later', start: '2026-03-25T10:00:00Z', end: '2026-03-25T20:00:00Z' };
      expect((await api.call('POST', '/roles/manager/overrides', { claims: as.admin(), body: later })).status).toBe(201);
      const before = await api.call<RoleScheduleView>('GET', '/roles/manager/rotation', { claims: as.agent() });

      const earlier = { ...replace, id: 'ana-earlier', start: '2026-03-25T05:00:00Z', end: '2026-03-25T15:00:00Z', to: 'cy-ng' };
      const refused = await api.call<Problem>('POST', '/roles/manager/overrides', { claims: as.admin(), body: earlier });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: 'end', message: 'runs into overrides[0], which also replaces "ana-lima"' }]);

      expect((await api.call('GET', '/roles/manager/rotation', { claims: as.agent() })).body).toEqual(before.body);
      expect((await api.call('GET', '/roles', { claims: as.agent() })).status).toBe(200);
      expect(await onCallAt(api, '2026-03-25T06:00:00Z')).toEqual(['ana-lima']);
    });

    it('keeps a person in the directory while a rotation or a coming override names them', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      await api.addPeople(staff('dee-fox', 4));
      await api.call('POST', '/roles/tier2/overrides', {
        claims: as.admin(),
        body: { id: 'dee-helps', start: '2026-03-25T08:00:00Z', end: '2026-03-25T12:00:00Z', kind: 'add', person: 'dee-fox' },
      });
      const onRotation = await api.call<Problem>('DELETE', '/people/ana-lima', { claims: as.admin() });
      expect(onRotation.status).toBe(409);
      expect(onRotation.body.detail).toMatch(/manager/);
      expect((await api.call('DELETE', '/people/dee-fox', { claims: as.admin() })).status).toBe(409);
      api.clock.moveTo(Date.parse('2026-03-25T12:00:00Z'));
      expect((await api.call('DELETE', '/people/dee-fox', { claims: as.admin() })).status).toBe(204);
    });
  });

  describe('GET /people/{id}/shifts', () => {
    it("lists a person's shifts across roles as JSON, and as iCalendar with Accept: text/calendar", async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      await api.call('PUT', '/roles/tier2/rotation', {
        claims: as.admin(),
        body: { rotation: { ...weekly(['ben-ode', 'ana-lima']), shift: { length: 3, unit: 'days' } }, version: 0 },
      });
      const query = { from: '2026-03-23T00:00:00Z', to: '2026-04-06T00:00:00Z' };
      const shifts = await api.call<{ items: unknown[] }>('GET', '/people/ana-lima/shifts', { claims: as.agent(), query });
      expect(shifts.status).toBe(200);
      expect(shifts.body.items).toEqual([
        { role: 'manager', start: '2026-03-23T08:00:00.000Z', end: '2026-03-30T07:00:00.000Z' },
        { role: 'tier2', start: '2026-03-26T08:00:00.000Z', end: '2026-03-29T07:00:00.000Z' },
        { role: 'tier2', start: '2026-04-01T07:00:00.000Z', end: '2026-04-04T07:00:00.000Z' },
      ]);

      const ical = await api.call<string>('GET', '/people/ana-lima/shifts', {
        claims: as.agent(),
        query,
        headers: { accept: 'text/calendar' },
      });
      expect(ical.status).toBe(200);
      expect(ical.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(ical.body).toMatch(/^BEGIN:VCALENDAR/);
      expect(ical.body.match(/BEGIN:VEVENT/g)).toHaveLength(3);
      expect(ical.body).toContain('DTSTART:20260323T080000Z');

      const json = await api.call('GET', '/people/ana-lima/shifts', {
        claims: as.agent(),
        query,
        headers: { accept: 'text/calendar;q=0.5, application/json' },
      });
      expect(json.headers['content-type']).toBe('application/json');
    });

    it('shows the shift under way from its real start when no `from` is given, so its iCalendar UID stays the same', async () => {
      const api = await withManagers('2026-03-24T12:00:00Z');
      const ana = await api.call<{ items: Array<{ start: string }> }>('GET', '/people/ana-lima/shifts', { claims: as.agent() });
      expect(ana.body.items.map((shift) => shift.start)).toEqual([
        '2026-03-23T08:00:00.000Z',
        '2026-04-06T07:00:00.000Z',
        '2026-04-20T07:00:00.000Z',
      ]);
      const ben = await api.call<{ items: Array<{ start: string }> }>('GET', '/people/ben-ode/shifts', { claims: as.agent() });
      expect(ben.body.items.map((shift) => shift.start)).toEqual(['2026-03-30T07:00:00.000Z', '2026-04-13T07:00:00.000Z']);
      api.clock.advance(3_600_000);
      const ical = async () =>
        (await api.call<string>('GET', '/people/ana-lima/shifts', { claims: as.agent(), headers: { accept: 'text/calendar' } })).body;
      expect(await ical()).toContain('UID:ana-lima.manager.2026-03-23T08:00:00.000Z@sla-escalator');
    });

    it('refuses a range of more than 366 days, or one that ends before it starts, at `to`', async () => {
      const api = await withManagers();
      const long = await api.call<Problem>('GET', '/people/ana-lima/shifts', {
        claims: as.agent(),
        query: { from: '2026-01-01T00:00:00Z', to: '2027-01-03T00:00:00Z' },
      });
      expect(long.status).toBe(422);
      expect(long.body.errors).toEqual([{ path: 'to', message: 'at most 366 days after from' }]);
      const backwards = await api.call<Problem>('GET', '/people/ana-lima/shifts', {
        claims: as.agent(),
        query: { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      });
      expect(backwards.status).toBe(422);
      expect(backwards.body.errors?.map((e) => e.path)).toEqual(['to']);
      expect((await api.call('GET', '/people/nobody/shifts', { claims: as.agent() })).status).toBe(404);
      // The last days of 9999: the default range ends with the year, and every instant answered has four digits.
      const late = await api.call<{ items: Array<{ end: string }> }>('GET', '/people/ben-ode/shifts', {
        claims: as.agent(),
        query: { from: '9999-12-20T00:00:00Z' },
      });
      expect(late.status).toBe(200);
      expect(late.body.items.at(-1)?.end).toBe('9999-12-31T23:59:59.999Z');
    });
  });
});
