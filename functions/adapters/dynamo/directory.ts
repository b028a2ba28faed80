/**
 * The staff directory and the roles' schedules on the single table. A person's item and the
 * `PHONE#<number>` items naming them are written in one transaction, so a number belongs to one
 * person at most and an inbound reply finds its sender with one read. Both kinds of item carry a
 * `version` that every write checks (optimistic concurrency, like tickets). Pending verification
 * codes are in verification-items.ts.
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import { type SmsContact, withSmsEvent } from '#shared/oncall/contact-methods.ts';
import { type Person, personSchema } from '#shared/oncall/people.ts';
import type { Directory, StoredPerson, StoredSchedule, WriteCondition } from '#shared/oncall/ports.ts';
import { type RoleSchedule, roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import type { PendingVerification } from '#shared/oncall/verification-codes.ts';
import type { Page } from '#shared/tickets/ticket-store.ts';
import { once } from '../../lib/once.ts';
import { batchGetItems, conditionHeld, listedPage, queryItems, type TableContext } from './table.ts';
import { keyParts, keys, TABLE_DESIGN } from './table-design.ts';
import { type TaggedWrite, transactWrite } from './transaction-cancellation.ts';
import * as verification from './verification-items.ts';

/** How often `recordSmsEvent` re-reads and retries when an administrator's edit lands in between. */
const EVENT_ATTEMPTS = 5;

const storedPersonItem = once(() => z.object({ ...personSchema.def.shape, version: z.number().check(z.int()), updatedAt: z.number() }));
/** A stored schedule keeps the instants as epoch ms: it is read back with the same shape, not the input schema. */
const scheduleItem = once(() => z.object({ schedule: z.unknown(), version: z.number().check(z.int()), updatedAt: z.number() }));

export class DynamoDirectory implements Directory {
  constructor(private readonly at: TableContext) {}

  async getPerson(id: string): Promise<StoredPerson | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.person(id), ConsistentRead: true }));
    return Item === undefined ? undefined : personOf(Item);
  }

  async getPeople(ids: readonly string[]): Promise<StoredPerson[]> {
    const found = await batchGetItems(
      this.at,
      [...new Set(ids)].map((id) => keys.person(id)),
      { consistent: true },
    );
    const byId = new Map(found.map((item) => personOf(item)).map((person) => [person.id, person]));
    return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
  }

  async listPeople(options: { readonly cursor?: string | undefined; readonly limit: number }): Promise<Page<StoredPerson>> {
    return listedPage(this.at, keys.peoplePartition(), keyParts.isPersonKey, options, personOf);
  }

  async putPerson(person: Person, condition: WriteCondition, now: number): Promise<StoredPerson> {
    const previous = 'mustBeNew' in condition ? undefined : await this.getPerson(person.id);
    if ('expectedVersion' in condition && previous?.version !== condition.expectedVersion) throw personChanged(person.id);
    const stored: StoredPerson = { ...person, version: (previous?.version ?? 0) + 1, updatedAt: now };
    const held = new Set(person.sms.map((contact) => contact.number));
    const released = (previous?.sms ?? []).filter((contact) => !held.has(contact.number));
    await transactWrite(this.at.client, [
      this.personWrite(stored, previous?.version),
      ...person.sms.map((contact, i) => this.phoneWrite(contact.number, person.id, i)),
      ...released.map((contact) => this.phoneRelease(contact.number, person.id)),
    ]);
    return stored;
  }

  async deletePerson(id: string, expectedVersion: number): Promise<boolean> {
    const previous = await this.getPerson(id);
    if (previous === undefined) return false;
    if (previous.version !== expectedVersion) throw personChanged(id);
    const { table } = this.at;
    await transactWrite(this.at.client, [
      {
        role: 'guarded',
        refusal: personChanged(id),
        write: {
          Delete: {
            TableName: table,
            Key: keys.person(id),
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': expectedVersion },
          },
        },
      },
      ...previous.sms.map((contact) => this.phoneRelease(contact.number, id)),
    ]);
    return true;
  }

  async personByNumber(number: string): Promise<StoredPerson | undefined> {
    const { Item } = await this.at.client.send(new GetCommand({ TableName: this.at.table, Key: keys.phone(number), ConsistentRead: true }));
    if (typeof Item?.person !== 'string') return undefined;
    const person = await this.getPerson(Item.person);
    // The phone item and the person are written together; a reader between a release and a reuse sees neither.
    return person?.sms.some((contact) => contact.number === number) ? person : undefined;
  }

  async recordSmsEvent(number: string, event: 'verified' | 'opted-out' | 'opted-in', at: number): Promise<SmsContact | undefined> {
    for (let attempt = 1; ; attempt++) {
      const person = await this.personByNumber(number);
      const contact = person?.sms.find((c) => c.number === number);
      if (person === undefined || contact === undefined) return undefined;
      const changed = withSmsEvent(contact, event, at);
      if (changed === contact) return contact;
      const sms = person.sms.map((c) => (c.number === number ? changed : c));
      try {
        await this.putPerson({ ...personFields(person), sms }, { expectedVersion: person.version }, at);
        return changed;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= EVENT_ATTEMPTS) throw error;
      }
    }
  }

  getVerification(personId: string, number: string): Promise<PendingVerification | undefined> {
    return verification.getVerification(this.at, personId, number);
  }

  replaceVerification(personId: string, pending: PendingVerification, replacing: PendingVerification | undefined): Promise<boolean> {
    return verification.replaceVerification(this.at, personId, pending, replacing);
  }

  takeVerificationTry(personId: string, number: string, now: number): Promise<PendingVerification | undefined> {
    return verification.takeVerificationTry(this.at, personId, number, now);
  }

  deleteVerification(personId: string, number: string, hash: string): Promise<void> {
    return verification.deleteVerification(this.at, personId, number, hash);
  }

  async getSchedule(role: string): Promise<StoredSchedule | undefined> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.schedule(role), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : scheduleOf(Item);
  }

  async getSchedules(roles: readonly string[]): Promise<Map<string, StoredSchedule>> {
    const found = await batchGetItems(
      this.at,
      [...new Set(roles)].map((role) => keys.schedule(role)),
      { consistent: true },
    );
    return new Map(found.map(scheduleOf).map((stored) => [stored.schedule.role, stored]));
  }

  async listSchedules(): Promise<StoredSchedule[]> {
    const index = TABLE_DESIGN.indexes.byOrg;
    const items = await queryItems(this.at.client, {
      TableName: this.at.table,
      IndexName: 'byOrg',
      KeyConditionExpression: `${index.partitionKey} = :pk`,
      ExpressionAttributeValues: { ':pk': keys.schedulesPartition() },
    });
    return items.map(scheduleOf);
  }

  async putSchedule(schedule: RoleSchedule, condition: WriteCondition, now: number): Promise<StoredSchedule> {
    const version = 'mustBeNew' in condition ? 1 : condition.expectedVersion + 1;
    const stored: StoredSchedule = { schedule, version, updatedAt: now };
    const written = await conditionHeld(
      this.at.client.send(
        new PutCommand({
          TableName: this.at.table,
          Item: { ...keys.schedule(schedule.role), ...keys.scheduleListed(schedule.role), itemType: 'schedule', ...stored },
          ...versionCondition(condition),
        }),
      ),
    );
    if (!written) {
      if ('mustBeNew' in condition) throw new DomainError('conflict', `role "${schedule.role}" has a schedule already`);
      throw new DomainError('version_conflict', `the schedule of role "${schedule.role}" was changed by someone else; read it again`);
    }
    return stored;
  }

  private personWrite(person: StoredPerson, previousVersion: number | undefined): TaggedWrite {
    const condition: WriteCondition = previousVersion === undefined ? { mustBeNew: true } : { expectedVersion: previousVersion };
    return {
      role: 'guarded',
      refusal:
        previousVersion === undefined
          ? new DomainError('conflict', `person "${person.id}" exists already`, [{ path: 'id', message: 'is taken' }])
          : personChanged(person.id),
      write: {
        Put: {
          TableName: this.at.table,
          Item: { ...keys.person(person.id), ...keys.personListed(person.id), itemType: 'person', ...person },
          ...versionCondition(condition),
        },
      },
    };
  }

  private phoneWrite(number: string, personId: string, i: number): TaggedWrite {
    const message = `${number} belongs to another person`;
    return {
      role: 'guarded',
      refusal: new DomainError('conflict', message, [{ path: `sms[${i}].number`, message }]),
      write: {
        Put: {
          TableName: this.at.table,
          Item: { ...keys.phone(number), itemType: 'phone', person: personId },
          ConditionExpression: 'attribute_not_exists(PK) OR person = :person',
          ExpressionAttributeValues: { ':person': personId },
        },
      },
    };
  }

  /** Gives a number up (only if this person holds it: a number already taken over stays with its new holder). */
  private phoneRelease(number: string, personId: string): TaggedWrite {
    return {
      role: 'guarded',
      refusal: personChanged(personId),
      write: {
        Delete: {
          TableName: this.at.table,
          Key: keys.phone(number),
          ConditionExpression: 'attribute_not_exists(PK) OR person = :person',
          ExpressionAttributeValues: { ':person': personId },
        },
      },
    };
  }
}

function personOf(item: Record<string, unknown>): StoredPerson {
  const { version, updatedAt, ...person } = storedPersonItem().parse(item);
  return { ...personSchema.parse(person), version, updatedAt };
}

function personFields(person: StoredPerson): Person {
  const { version: _, updatedAt: __, ...fields } = person;
  return fields;
}

function scheduleOf(item: Record<string, unknown>): StoredSchedule {
  const { schedule, version, updatedAt } = scheduleItem().parse(item);
  return { schedule: roleScheduleSchema({ stored: true }).parse(schedule), version, updatedAt };
}

function versionCondition(condition: WriteCondition) {
  return 'mustBeNew' in condition
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': condition.expectedVersion } };
}

function personChanged(id: string): DomainError {
  return new DomainError('version_conflict', `person "${id}" was changed by someone else; read them again`);
}
