import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '#shared/domain-error.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Org } from '#shared/tickets/org.ts';
import { openTicket, postMessage, updateTicket } from '#shared/tickets/ticket.ts';
import { IdempotencyRace } from '#shared/tickets/ticket-store.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { tableWithAcme } from '../support/acme-table.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const kore = loadPreset('kore');
const staff = { kind: 'staff' as const, id: 'agent-1' };
const customer = { kind: 'customer' as const, id: 'c-1' };
const input = { subject: 'API down', description: 'All calls fail', severity: 'urgent' };

describe('DynamoTicketStore', () => {
  let table: TestTable;
  let org: Org;
  beforeAll(async () => {
    ({ table, org } = await tableWithAcme());
  });

  const create = async () => {
    const change = openTicket(await table.store.nextCaseId(), org, kore, input, customer, table.clock.now());
    await table.store.createTicket(change);
    return change.ticket;
  };

  it('starts case ids at 10001 and reads back exactly what it wrote', async () => {
    const ticket = await create();
    expect(ticket.caseId).toBe(10_001);
    const read = await table.store.getTicketWithTimeline(ticket.caseId);
    expect(read?.ticket).toEqual(ticket);
    expect(read?.timeline.map((e) => e.type)).toEqual(['created']);
  });

  it('refuses a save from a stale version and keeps the winner', async () => {
    const ticket = await create();
    const first = postMessage(ticket, kore, { body: 'on it', public: true }, staff, table.clock.now());
    const second = postMessage(ticket, kore, { body: 'me too', public: true }, staff, table.clock.now());
    await table.store.saveTicket(first, ticket.version);
    await expect(table.store.saveTicket(second, ticket.version)).rejects.toMatchObject({ code: 'version_conflict' });
    const read = await table.store.getTicketWithTimeline(ticket.caseId);
    expect(read?.timeline.map((e) => e.body)).toEqual([undefined, 'on it']);
  });

  it('takes a resolved ticket out of the work queue and puts a reopened one back', async () => {
    const ticket = await create();
    const inQueue = async () => (await table.store.queue('kore', { limit: 100 })).items.some((t) => t.caseId === ticket.caseId);
    expect(await inQueue()).toBe(true);
    const resolved = updateTicket(ticket, kore, { status: 'resolved' }, staff, table.clock.now());
    await table.store.saveTicket(resolved, ticket.version);
    expect(await inQueue()).toBe(false);
    const reopened = updateTicket(resolved.ticket, kore, { status: 'open' }, staff, table.clock.now());
    await table.store.saveTicket(reopened, resolved.ticket.version);
    expect(await inQueue()).toBe(true);
  });

  it('stores an idempotent response with the ticket and reports a second writer as a race', async () => {
    const scope = { principal: 'c-1', route: 'POST /tickets', key: 'k-1' };
    const a = openTicket(await table.store.nextCaseId(), org, kore, input, customer, table.clock.now());
    await table.store.createTicket(a, { scope, requestHash: 'h', status: 201, body: { caseId: a.ticket.caseId } });
    const b = openTicket(await table.store.nextCaseId(), org, kore, input, customer, table.clock.now());
    await expect(
      table.store.createTicket(b, { scope, requestHash: 'h', status: 201, body: { caseId: b.ticket.caseId } }),
    ).rejects.toBeInstanceOf(IdempotencyRace);
    expect(await table.store.getTicket(b.ticket.caseId)).toBeUndefined();
    expect(await table.store.getIdempotentResponse(scope)).toMatchObject({ status: 201, body: { caseId: a.ticket.caseId } });
  });

  it('remembers a response on its own once: the second of two writers learns it came second', async () => {
    const record = { scope: { principal: 'mail', route: 'inbound', key: '<m-1@example.org>' }, requestHash: 'h', status: 200, body: {} };
    expect(await table.store.rememberResponse(record)).toBe(true);
    expect(await table.store.rememberResponse(record)).toBe(false);
  });

  it('refuses a second organisation with the same id', async () => {
    await expect(table.store.putOrg(org, { mustBeNew: true })).rejects.toEqual(
      new DomainError('conflict', 'organisation "acme" already exists', [{ path: 'id', message: 'organisation "acme" already exists' }]),
    );
  });

  it('serves a recently read organisation from memory only when the caller allows it', async () => {
    await table.store.getOrg('acme');
    await table.documents.send(
      new (await import('@aws-sdk/lib-dynamodb')).UpdateCommand({
        TableName: table.name,
        Key: keys.org('acme'),
        UpdateExpression: 'SET tiers = :t',
        ExpressionAttributeValues: { ':t': [{ tier: 'basic', from: 0, source: 'admin' }] },
      }),
    );
    expect((await table.store.getOrg('acme', { maxAgeMs: 30_000 }))?.tiers.at(-1)?.tier).toBe('premium');
    expect((await table.store.getOrg('acme'))?.tiers.at(-1)?.tier).toBe('basic');
  });
});

describe('case ids', () => {
  /** A store on a fresh table whose counter writes are counted, and the n-th of which can be made to fail. */
  const countingStore = async () => {
    const fresh = await testTable();
    const writes = { count: 0, failing: 0 };
    fresh.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand') {
          writes.count++;
          if (writes.count === writes.failing) throw new Error('injected: counter unavailable');
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    return { store: fresh.store, writes };
  };

  it('hands callers who ask at the same time consecutive ids, in the order they asked, from shared counter writes', async () => {
    const { store, writes } = await countingStore();
    const ids = await Promise.all(Array.from({ length: 20 }, () => store.nextCaseId()));
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => 10_001 + i));
    // The first caller's ADD goes out alone; everyone who asked while it was on its way shares the next.
    expect(writes.count).toBe(2);
    expect(await store.nextCaseId()).toBe(10_021);
    expect(writes.count).toBe(3);
  });

  it('fails every caller of a failed counter write, and serves the next caller', async () => {
    const { store, writes } = await countingStore();
    writes.failing = 2;
    const settled = await Promise.allSettled([store.nextCaseId(), store.nextCaseId(), store.nextCaseId()]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await store.nextCaseId()).toBe(10_002);
  });
});
