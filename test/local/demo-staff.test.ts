import { describe, expect, it } from 'vitest';
import { parseMobileNumber } from '#shared/oncall/mobile-numbers.ts';
import { whoIsOnCall } from '#shared/oncall/rotation.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { demoStaff, seedDemoStaff } from '../../infra/local/demo-staff.ts';
import { testTable } from '../support/test-table.ts';

const ROLES = ['tier1', 'tier2', 'manager', 'director', 'vp', 'oncall'];

async function directory() {
  const table = await testTable('2026-03-24T12:00:00Z');
  return { table, directory: new DynamoDirectory({ client: table.documents, table: table.name, clock: table.clock.now }) };
}

describe('the demo staff npm start seeds', () => {
  it('gives every role the presets name two people with a verified mobile number, one agent per tier role', () => {
    const roles = demoStaff(0);
    expect(roles.map((r) => r.role)).toEqual(ROLES);
    const people = roles.flatMap((r) => r.people);
    expect(new Set(people.map((p) => p.id)).size).toBe(12);
    for (const person of people) {
      expect(person.email).toMatch(/^[a-z-]+@staff\.sla-escalator\.local$/);
      expect(person.sms).toHaveLength(1);
      expect(person.sms[0]?.state).toBe('verified');
      expect(parseMobileNumber(person.sms[0]?.number ?? '')).toEqual({ number: person.sms[0]?.number });
    }
    expect(new Set(people.map((p) => p.sms[0]?.number)).size).toBe(12);
    expect(roles.map((r) => r.people.filter((p) => p.agent).length)).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('puts each role on a weekly rotation handing off on Mondays at 09:00 Berlin time', async () => {
    const { directory: staff, table } = await directory();
    expect(await seedDemoStaff(staff, table.clock.now())).toEqual(ROLES);
    const manager = await staff.getSchedule('manager');
    const { schedule } = manager ?? { schedule: undefined };
    if (schedule === undefined) throw new Error('no manager schedule');
    // Monday 2026-03-30 is the first after the change to summer time: 09:00 CEST is 07:00Z.
    const before = whoIsOnCall(schedule, Date.parse('2026-03-30T06:59:59Z'));
    const after = whoIsOnCall(schedule, Date.parse('2026-03-30T07:00:00Z'));
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(whoIsOnCall(schedule, Date.parse('2026-04-06T07:00:00Z'))).toEqual(before);
    const people = await staff.getPeople(schedule.rotation?.participants ?? []);
    expect(people.map((p) => p.sms[0]?.state)).toEqual(['verified', 'verified']);
  });

  it('leaves a role an administrator changed as it is on the next start', async () => {
    const { directory: staff, table } = await directory();
    await seedDemoStaff(staff, table.clock.now());
    const stored = await staff.getSchedule('vp');
    if (stored?.schedule.rotation === undefined) throw new Error('no vp rotation');
    const vp = stored.schedule.rotation.participants[0] as string;
    await staff.putSchedule(
      { ...stored.schedule, rotation: { ...stored.schedule.rotation, participants: [vp] } },
      { expectedVersion: stored.version },
      table.clock.now(),
    );
    const emil = await staff.getPerson('emil-larsen');
    if (emil === undefined) throw new Error('no emil-larsen');
    await staff.putPerson({ ...emil, name: 'Emil R. Larsen' }, { expectedVersion: emil.version }, table.clock.now());

    expect(await seedDemoStaff(staff, table.clock.now())).toEqual([]);
    expect((await staff.getSchedule('vp'))?.schedule.rotation?.participants).toEqual([vp]);
    expect((await staff.getPerson('emil-larsen'))?.name).toBe('Emil R. Larsen');
  });
});
