import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { DeadlineScheduler } from '#shared/sla/ports.ts';
import { desiredSchedules, RUN_NOW_WITHIN_MS, type ScheduledDeadline, scheduleName } from '#shared/sla/schedules.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { escalateTicket, openTicket, postMessage, recordNotified, type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { syncRecord } from '../../functions/schedule-sync/schedule-sync.ts';

const START = Date.parse('2026-03-02T14:00:00Z');
const staff = { kind: 'staff' as const, id: 'agent' };
const customer = { kind: 'customer' as const, id: 'customer' };

/** A scheduler that keeps names in a set and answers like EventBridge (create twice or delete a missing one: fine). */
class FakeScheduler implements DeadlineScheduler {
  readonly names = new Set<string>();
  async create(schedule: ScheduledDeadline) {
    this.names.add(schedule.name);
  }
  async remove(name: string) {
    this.names.delete(name);
  }
}

const record = (before: Ticket | undefined, after: Ticket | undefined): DynamoDBRecord => {
  const image = (t: Ticket) => marshall({ ...keys.ticket(t.caseId), ...t }, { removeUndefinedValues: true }) as never;
  return {
    eventName: before === undefined ? 'INSERT' : 'MODIFY',
    dynamodb: {
      Keys: marshall(keys.ticket(1)) as never,
      ...(before && { OldImage: image(before) }),
      ...(after && { NewImage: image(after) }),
      SequenceNumber: '1',
    },
  } as DynamoDBRecord;
};

type Step =
  | { kind: 'wait'; minutes: number }
  | { kind: 'reply' | 'note' | 'customer' | 'pause' | 'resume' | 'resolve' | 'reopen' | 'escalate' | 'fire' }
  | { kind: 'severity'; severity: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
  fc
    .constantFrom(...(['reply', 'note', 'customer', 'pause', 'resume', 'resolve', 'reopen', 'escalate', 'fire'] as const))
    .map((kind) => ({ kind })),
  fc.record({ kind: fc.constant('severity' as const), severity: fc.constantFrom('critical', 'major', 'minor', 'question') }),
);

describe('schedule-sync', () => {
  it('leaves exactly the pending deadlines scheduled (or carried out at once) after any sequence of changes', async () => {
    const policy = loadPreset('kidzonet');
    const kore = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kidzonet', tier: 'premium' }, policy, START);
    const koreOrg = defineOrg('corp', { name: 'Corp', policy: 'kore', tier: 'basic', region: 'nl' }, kore, START);
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(step, { maxLength: 25 }), async (useKore, steps) => {
        const p = useKore ? kore : policy;
        let now = START;
        const scheduler = new FakeScheduler();
        const ranNow = new Set<string>();
        const deps = {
          scheduler,
          now: () => now,
          notify: {
            handOff: async (i: { caseId: number; deadlineId: string; due: number }) => {
              ranNow.add(scheduleName(i.caseId, i.deadlineId, i.due));
            },
          },
        };
        let ticket = openTicket(
          1,
          useKore ? koreOrg : org,
          p,
          { subject: 's', description: 'd', severity: useKore ? 'high' : 'minor' },
          customer,
          now,
        ).ticket;
        await syncRecord(record(undefined, ticket), deps);
        for (const s of steps) {
          const before = ticket;
          try {
            if (s.kind === 'wait') now += s.minutes * 60_000;
            else if (s.kind === 'reply') ticket = postMessage(ticket, p, { body: 'b', public: true }, staff, now).ticket;
            else if (s.kind === 'note') ticket = postMessage(ticket, p, { body: 'b', public: false }, staff, now).ticket;
            else if (s.kind === 'customer') ticket = postMessage(ticket, p, { body: 'b', public: true }, customer, now).ticket;
            else if (s.kind === 'pause') ticket = updateTicket(ticket, p, { status: 'pending_customer' }, staff, now).ticket;
            else if (s.kind === 'resume') ticket = updateTicket(ticket, p, { status: 'open' }, staff, now).ticket;
            else if (s.kind === 'resolve') ticket = updateTicket(ticket, p, { status: 'resolved' }, staff, now).ticket;
            else if (s.kind === 'reopen') ticket = updateTicket(ticket, p, { status: 'open' }, staff, now).ticket;
            else if (s.kind === 'escalate') ticket = escalateTicket(ticket, p, 'r', customer, now).ticket;
            else if (s.kind === 'severity')
              ticket = updateTicket(ticket, p, { severity: useKore ? 'urgent' : s.severity }, staff, now).ticket;
            else if (s.kind === 'fire') {
              const due = ticket.deadlines.find((d) => d.state === 'pending' && d.due !== null && d.due <= now);
              if (due !== undefined) ticket = recordNotified(ticket, p, due, [{ role: 'tier1', channels: ['email'] }], now).ticket;
            }
          } catch (error) {
            // A change the domain refuses (e.g. reopening an open ticket) changes nothing; any other error fails the property.
            if (error instanceof DomainError) continue;
            throw error;
          }
          if (ticket !== before) await syncRecord(record(before, ticket), deps);
        }
        const desired = desiredSchedules(ticket).map((s) => s.name);
        for (const name of scheduler.names) expect(desired).toContain(name);
        for (const name of desired) expect(scheduler.names.has(name) || ranNow.has(name)).toBe(true);
        for (const name of ranNow) expect(scheduler.names.has(name)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('hands a deadline due within a minute to notify instead of scheduling it', async () => {
    const policy = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'basic', region: 'us' }, policy, START);
    const ticket = openTicket(7, org, policy, { subject: 's', description: 'd', severity: 'urgent' }, customer, START).ticket;
    const scheduler = new FakeScheduler();
    const handedOff: string[] = [];
    const notify = { handOff: async (i: { deadlineId: string }) => void handedOff.push(i.deadlineId) };
    await syncRecord(record(undefined, ticket), { scheduler, now: () => START, notify });
    expect(handedOff).toEqual(['escalation.urgent.1']);
    expect(scheduler.names.size).toBe(desiredSchedules(ticket).length - 1);
    expect([...scheduler.names].every((name) => /^[0-9a-zA-Z._-]{1,64}$/.test(name))).toBe(true);
    expect(RUN_NOW_WITHIN_MS).toBe(60_000);
  });

  it('ensures every wanted schedule on every record, so a lost record is made good by the next one', async () => {
    const policy = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'basic', region: 'us' }, policy, START);
    const opened = openTicket(9, org, policy, { subject: 's', description: 'd', severity: 'high' }, customer, START).ticket;
    // The INSERT record was lost; the next change (an internal note) leaves the deadlines as they were.
    const noted = postMessage(opened, policy, { body: 'n', public: false }, staff, START + 60_000).ticket;
    const scheduler = new FakeScheduler();
    const notify = { handOff: async () => {} };
    await syncRecord(record(opened, noted), { scheduler, now: () => START + 60_000, notify });
    const later = desiredSchedules(noted).filter((s) => s.due > START + 60_000 + RUN_NOW_WITHIN_MS);
    expect(later.length).toBeGreaterThan(2);
    expect([...scheduler.names].sort()).toEqual(later.map((s) => s.name).sort());
  });
});

describe('schedule-sync round trips', () => {
  it("sends a record's schedule calls together: one round trip per record, not one per deadline", async () => {
    const policy = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'basic', region: 'us' }, policy, START);
    const ticket = openTicket(9, org, policy, { subject: 's', description: 'd', severity: 'high' }, customer, START).ticket;
    let inFlight = 0;
    let most = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduler = new FakeScheduler();
    const create = scheduler.create.bind(scheduler);
    scheduler.create = async (schedule) => {
      most = Math.max(most, ++inFlight);
      await gate;
      inFlight--;
      return create(schedule);
    };
    const synced = syncRecord(record(undefined, ticket), { scheduler, now: () => START, notify: { handOff: async () => {} } });
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await synced;
    const wanted = desiredSchedules(ticket).filter((s) => s.due > START + RUN_NOW_WITHIN_MS);
    expect(wanted.length).toBeGreaterThan(2);
    expect(most).toBe(wanted.length);
    expect(scheduler.names.size).toBe(wanted.length);
  });
});

describe('schedule-sync when the hand-off to notify fails', () => {
  it('fails the record, so the stream retries it (nothing is carried out in the stream consumer)', async () => {
    const policy = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'basic', region: 'us' }, policy, START);
    const ticket = openTicket(8, org, policy, { subject: 's', description: 'd', severity: 'urgent' }, customer, START).ticket;
    const notify = {
      handOff: async () => {
        throw new Error('Lambda throttled');
      },
    };
    await expect(syncRecord(record(undefined, ticket), { scheduler: new FakeScheduler(), now: () => START, notify })).rejects.toThrow(
      'Lambda throttled',
    );
  });
});
