import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import type { Person } from '#shared/oncall/people.ts';
import { roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const NOW = Date.parse('2026-03-02T14:00:00Z');
const ANA = '+4915112345678';
const BEN = '+4915112345679';

const person = (id: string, sms: Person['sms'] = []): Person => ({
  id,
  name: id.toUpperCase(),
  zone: 'Europe/Berlin',
  email: `${id}@staff.example`,
  agent: false,
  sms,
});

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('the directory on DynamoDB', () => {
  let table: TestTable;
  let directory: DynamoDirectory;
  beforeEach(async () => {
    table = await testTable();
    directory = new DynamoDirectory({ client: table.documents, table: table.name, clock: table.clock.now });
  });

  describe('people', () => {
    it('creates, reads and versions a person', async () => {
      const created = await directory.putPerson(person('ana', [{ number: ANA, state: 'unverified' }]), { mustBeNew: true }, NOW);
      expect(created).toMatchObject({ id: 'ana', version: 1, updatedAt: NOW });
      expect(await directory.getPerson('ana')).toEqual(created);
      const renamed = await directory.putPerson({ ...person('ana'), name: 'Ana Lima' }, { expectedVersion: 1 }, NOW + 1);
      expect(renamed).toMatchObject({ name: 'Ana Lima', version: 2, sms: [] });
      expect(await directory.getPerson('nobody')).toBeUndefined();
    });

    it('refuses a second create and a write over a version it did not read', async () => {
      await directory.putPerson(person('ana'), { mustBeNew: true }, NOW);
      expect((await failure(directory.putPerson(person('ana'), { mustBeNew: true }, NOW))).code).toBe('conflict');
      expect((await failure(directory.putPerson(person('ana'), { expectedVersion: 7 }, NOW))).code).toBe('version_conflict');
      expect((await failure(directory.putPerson(person('cy'), { expectedVersion: 1 }, NOW))).code).toBe('version_conflict');
    });

    it('gives a number to one person at most, and frees it when they give it up', async () => {
      await directory.putPerson(person('ana', [{ number: ANA, state: 'verified', verifiedAt: NOW }]), { mustBeNew: true }, NOW);
      const taken = await failure(
        directory.putPerson(
          person('ben', [
            { number: BEN, state: 'unverified' },
            { number: ANA, state: 'unverified' },
          ]),
          { mustBeNew: true },
          NOW,
        ),
      );
      expect(taken.code).toBe('conflict');
      expect(taken.errors).toEqual([{ path: 'sms[1].number', message: `${ANA} belongs to another person` }]);
      expect(await directory.getPerson('ben')).toBeUndefined(); // all or nothing: BEN's number is not held either
      expect(await directory.personByNumber(BEN)).toBeUndefined();
      expect((await directory.personByNumber(ANA))?.id).toBe('ana');

      await directory.putPerson(person('ana'), { expectedVersion: 1 }, NOW);
      expect(await directory.personByNumber(ANA)).toBeUndefined();
      await directory.putPerson(person('ben', [{ number: ANA, state: 'unverified' }]), { mustBeNew: true }, NOW);
      expect((await directory.personByNumber(ANA))?.id).toBe('ben');
    });

    it('deletes a person with their numbers, only at the version read', async () => {
      await directory.putPerson(person('ana', [{ number: ANA, state: 'unverified' }]), { mustBeNew: true }, NOW);
      expect((await failure(directory.deletePerson('ana', 3))).code).toBe('version_conflict');
      expect(await directory.deletePerson('ana', 1)).toBe(true);
      expect(await directory.getPerson('ana')).toBeUndefined();
      expect(await directory.personByNumber(ANA)).toBeUndefined();
      expect(await directory.deletePerson('ana', 1)).toBe(false);
      await directory.putPerson(person('ben', [{ number: ANA, state: 'unverified' }]), { mustBeNew: true }, NOW);
    });

    it('lists everyone by id a page at a time, and reads several at once in the order asked', async () => {
      for (const id of ['cy', 'ana', 'ben']) await directory.putPerson(person(id), { mustBeNew: true }, NOW);
      const first = await directory.listPeople({ limit: 2 });
      expect(first.items.map((p) => p.id)).toEqual(['ana', 'ben']);
      const second = await directory.listPeople({ limit: 2, cursor: first.cursor });
      expect(second.items.map((p) => p.id)).toEqual(['cy']);
      expect((await directory.getPeople(['cy', 'nobody', 'ana', 'cy'])).map((p) => p.id)).toEqual(['cy', 'ana']);
    });

    it('reads a stored number as E.164 without parsing it as a mobile number again', async () => {
      // A Berlin landline: the input schema refuses it, but a number stored before a library update
      // reclassified its range must still read, or the person (and every page naming them) breaks.
      const stored = { ...person('ana', [{ number: '+493012345678', state: 'verified', verifiedAt: NOW }]), version: 1, updatedAt: NOW };
      await table.documents.send(new PutCommand({ TableName: table.name, Item: { ...keys.person('ana'), itemType: 'person', ...stored } }));
      expect(await directory.getPerson('ana')).toEqual(stored);
    });

    it('records what happens to a number on whoever holds it', async () => {
      await directory.putPerson(person('ana', [{ number: ANA, state: 'unverified' }]), { mustBeNew: true }, NOW);
      expect(await directory.recordSmsEvent(ANA, 'verified', NOW + 1)).toEqual({ number: ANA, state: 'verified', verifiedAt: NOW + 1 });
      expect(await directory.recordSmsEvent(ANA, 'opted-out', NOW + 2)).toMatchObject({ state: 'opted-out', optedOutAt: NOW + 2 });
      expect((await directory.getPerson('ana'))?.sms).toEqual([
        { number: ANA, state: 'opted-out', verifiedAt: NOW + 1, optedOutAt: NOW + 2 },
      ]);
      expect(await directory.recordSmsEvent(ANA, 'opted-in', NOW + 3)).toEqual({ number: ANA, state: 'verified', verifiedAt: NOW + 1 });
      expect(await directory.recordSmsEvent(BEN, 'opted-out', NOW)).toBeUndefined();
    });
  });

  describe('verification codes', () => {
    const pending = { number: ANA, hash: 'h', expiresAt: NOW + 600_000, attemptsLeft: 5, sentToday: 1, countedSince: NOW };

    it('keeps a pending code until it is deleted by its hash, and lets TTL remove it a day after it expires', async () => {
      expect(await directory.replaceVerification('ana', pending, undefined)).toBe(true);
      expect(await directory.getVerification('ana', ANA)).toEqual(pending);
      const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.verification('ana', ANA) }));
      expect(Item?.expiresAt).toBe(Math.floor((NOW + 600_000) / 1000) + 86_400); // seconds, as DynamoDB's TTL reads it
      await directory.deleteVerification('ana', ANA, 'another code');
      expect(await directory.getVerification('ana', ANA)).toEqual(pending);
      await directory.deleteVerification('ana', ANA, 'h');
      expect(await directory.getVerification('ana', ANA)).toBeUndefined();
    });

    it('replaces a code only if it is still the one read', async () => {
      await directory.replaceVerification('ana', pending, undefined);
      const second = { ...pending, hash: 'h2', sentToday: 2 };
      const third = { ...pending, hash: 'h3', sentToday: 2 };
      expect(await directory.replaceVerification('ana', second, undefined)).toBe(false);
      expect(await directory.replaceVerification('ana', second, pending)).toBe(true);
      expect(await directory.replaceVerification('ana', third, pending)).toBe(false);
      expect(await directory.getVerification('ana', ANA)).toEqual(second);
    });

    it('reads an item kept before codes were counted as the only code of its day', async () => {
      const { sentToday: _, countedSince: __, expiresAt, ...old } = pending;
      await table.documents.send(
        new PutCommand({ TableName: table.name, Item: { ...keys.verification('ana', ANA), ...old, validUntil: expiresAt } }),
      );
      expect(await directory.getVerification('ana', ANA)).toEqual({ ...pending, countedSince: expiresAt - 600_000 });
    });

    it('takes a try atomically: of 12 parallel tries 5 are taken, the rest find none left, and a later one too', async () => {
      await directory.replaceVerification('ana', pending, undefined);
      const tries = await Promise.all(Array.from({ length: 12 }, () => directory.takeVerificationTry('ana', ANA, NOW)));
      // Each try hands back the code as it was before it: 5, 4, 3, 2, 1 once each, then 0 for everyone else.
      expect(tries.map((t) => t?.attemptsLeft).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
      expect((await directory.takeVerificationTry('ana', ANA, NOW))?.attemptsLeft).toBe(0);
      expect((await directory.getVerification('ana', ANA))?.attemptsLeft).toBe(0);
    });

    it('takes no try of an expired code, and finds none where no code waits', async () => {
      await directory.replaceVerification('ana', pending, undefined);
      expect(await directory.takeVerificationTry('ana', ANA, pending.expiresAt)).toEqual(pending);
      expect(await directory.getVerification('ana', ANA)).toEqual(pending);
      expect(await directory.takeVerificationTry('ana', BEN, NOW)).toBeUndefined();
    });
  });

  describe('schedules', () => {
    const schedule = roleScheduleSchema().parse({
      role: 'manager',
      rotation: {
        participants: ['ana', 'ben'],
        shift: { length: 1, unit: 'weeks' },
        handoff: '2026-03-02T09:00:00+01:00',
        zone: 'Europe/Berlin',
      },
      overrides: [{ id: 'night', start: '2026-03-03T20:00:00Z', end: '2026-03-04T06:00:00Z', kind: 'add', person: 'cy' }],
    });

    it('stores a role schedule as written and reads it back alike', async () => {
      expect(await directory.putSchedule(schedule, { mustBeNew: true }, NOW)).toEqual({ schedule, version: 1, updatedAt: NOW });
      expect(await directory.getSchedule('manager')).toEqual({ schedule, version: 1, updatedAt: NOW });
      const again = await directory.putSchedule({ ...schedule, overrides: [] }, { expectedVersion: 1 }, NOW + 1);
      expect(again.version).toBe(2);
      expect((await failure(directory.putSchedule(schedule, { expectedVersion: 1 }, NOW))).code).toBe('version_conflict');
      expect((await failure(directory.putSchedule(schedule, { mustBeNew: true }, NOW))).code).toBe('conflict');
    });

    it('reads several roles at once and lists them all', async () => {
      await directory.putSchedule(schedule, { mustBeNew: true }, NOW);
      await directory.putSchedule({ role: 'vp', overrides: [] }, { mustBeNew: true }, NOW);
      const found = await directory.getSchedules(['manager', 'vp', 'director']);
      expect([...found.keys()].sort()).toEqual(['manager', 'vp']);
      expect((await directory.listSchedules()).map((s) => s.schedule.role)).toEqual(['manager', 'vp']);
      expect(await directory.getSchedule('director')).toBeUndefined();
    });
  });
});
