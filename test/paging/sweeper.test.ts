import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, updateTicket } from '#shared/tickets/ticket.ts';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { DynamoDueIndex } from '../../functions/adapters/dynamo/due-index.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { DynamoTicketStore } from '../../functions/adapters/dynamo/ticket-store.ts';
import { ensureTable } from '../../infra/local/lib/create-table.ts';
import { localDynamoConfig, startDynamoDbLocal } from '../../infra/local/lib/dynamodb-local.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime, type LocalRuntimeOptions } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { freshTable, testTable } from '../support/test-table.ts';
import { webhookReceiver } from '../support/webhook-receiver.ts';

const kore = loadPreset('kore');
const START = '2026-03-02T14:00:00Z';

async function runtimeWith(awsFaults: LocalRuntimeOptions['awsFaults'] = {}, wrap?: LocalRuntimeOptions['wrap']) {
  const { name: table } = await freshTable('sweeper');
  const clock = new LocalClock('manual', Date.parse(START));
  const runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table, clock, awsFaults, ...(wrap && { wrap }) });
  const call = caller(runtime.api);
  await call('POST', '/orgs', { claims: as.admin(), body: { id: 'acme', name: 'acme', policy: 'kore', tier: 'premium', region: 'us' } });
  const open = async () => {
    const response = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer('acme'),
      body: { subject: 'Outage', description: 'Down', severity: 'urgent' },
    });
    await runtime.settle();
    return response.body.caseId;
  };
  const outbox = (caseId: number) =>
    runtime.outbox.items
      .filter((i) => i.caseId === caseId && i.channel === 'sms')
      .map((i) => `${i.at.slice(11, 16)} ${i.role} ${i.deadline}`);
  return { runtime, clock, call, open, outbox };
}

describe('the sweeper', () => {
  it('sends the page of a deleted schedule at the next sweep after its grace', async () => {
    const env = await runtimeWith();
    const caseId = await env.open();
    expect(env.outbox(caseId)).toEqual(['14:00 manager escalation.urgent.1']);
    for (let s = env.runtime.scheduler.earliest(); s !== undefined; s = env.runtime.scheduler.earliest())
      await env.runtime.scheduler.drop(s);
    await env.runtime.advanceTo(Date.parse('2026-03-02T14:30:00Z'));
    // The manager's first re-page, due 14:05, is overdue by the 2-minute grace at 14:07: the 14:10
    // sweep hands it to notify. Its write re-creates the schedules of the deadlines that changed;
    // the 14:15 sweep finds the second re-page (due 14:10) overdue, while the response and the
    // page after the re-pages go out on time at 14:15 from their new schedules.
    expect(env.outbox(caseId)).toEqual([
      '14:00 manager escalation.urgent.1',
      '14:10 manager escalation.urgent.1.r1',
      '14:15 manager escalation.urgent.1.backup',
      '14:15 tier2 response',
      '14:15 manager escalation.urgent.1.r2',
    ]);
  });

  it('sends the pages of a ticket whose stream record was lost', async () => {
    let lose = true;
    const env = await runtimeWith({ dropStreamRecord: () => lose });
    const caseId = await env.open();
    lose = false;
    expect(env.outbox(caseId)).toEqual([]);
    await env.runtime.advanceTo(Date.parse('2026-03-02T14:30:00Z'));
    // The 14:05 sweep sends the first page; notify's write is the ticket's next record, which
    // ensures every schedule, so the response breach goes out on time, and the re-pages 5 and 10
    // minutes after the page (then the next manager on call) on theirs.
    expect(env.outbox(caseId)).toEqual([
      '14:05 manager escalation.urgent.1',
      '14:10 manager escalation.urgent.1.r1',
      '14:15 manager escalation.urgent.1.r2',
      '14:15 tier2 response',
      '14:20 manager escalation.urgent.1.backup',
    ]);
  });
});

describe('the due index', () => {
  const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, kore, Date.parse(START));
  const staff = { kind: 'staff' as const, id: 'a' };

  it('wakes a webhook delivery queue whose wake-up was lost, once it is 30 minutes overdue', async () => {
    let lose = true;
    // SQS takes the wake-up and loses it (as a message gone to the dead-letter queue would be).
    const wrap = <C extends { send: (...args: never[]) => unknown }>(service: string, client: C): C =>
      service !== 'sqs'
        ? client
        : ({ send: async (command: never) => (lose ? { Successful: [], Failed: [] } : client.send(command)) } as unknown as C);
    const { runtime, call, open } = await runtimeWith({}, wrap);
    const receiver = await webhookReceiver();
    onTestFinished(() => receiver.close());
    const hook = await call('POST', '/webhooks', {
      claims: { ...as.customer('acme'), email: 'ops@acme.example' },
      body: { url: receiver.url, events: ['ticket.created'] },
    });
    expect(hook.status).toBe(201);
    await open();
    lose = false;
    await runtime.advanceTo(Date.parse('2026-03-02T14:29:00Z'));
    expect(receiver.received).toEqual([]);
    await runtime.advanceTo(Date.parse('2026-03-02T14:36:00Z'));
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(['evt_10001_v1_created']);
    // Delivered: the queue's mark is gone, so later sweeps leave it alone.
    expect(await runtime.webhooks.overdueQueues(Date.parse('2026-03-09T00:00:00Z'))).toEqual([]);
  });

  it('holds a ticket while it has a pending deadline, by its earliest one', async () => {
    const table = await testTable(START);
    const change = openTicket(10_001, org, kore, { subject: 's', description: 'd', severity: 'urgent' }, staff, table.clock.now());
    await table.store.createTicket(change);
    const item = async () => (await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.ticket(10_001) }))).Item;
    expect(await item()).toMatchObject(keys.due(Date.parse(START), 10_001));
    const resolved = updateTicket(change.ticket, kore, { status: 'resolved' }, staff, table.clock.now());
    await table.store.saveTicket(resolved, change.ticket.version);
    expect(await item()).not.toHaveProperty('DPK');
    expect(await item()).not.toHaveProperty('DSK');
  });

  it('is added to a table created before it, and tickets written before it are backfilled', async () => {
    // A DynamoDB Local of its own: the shared one, busy with the rest of the suite, may not build a new index for minutes.
    const dynamo = await startDynamoDbLocal();
    onTestFinished(() => dynamo.stop());
    const client = new DynamoDBClient(localDynamoConfig(dynamo.endpoint));
    const name = `old-${randomUUID()}`;
    // The table as the previous release created it: no `due` index.
    const gsi = (index: string, pk: string, sk: string) => ({
      IndexName: index,
      KeySchema: [
        { AttributeName: pk, KeyType: 'HASH' as const },
        { AttributeName: sk, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    });
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'QPK', 'QSK'].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [gsi('byOrg', 'GSI1PK', 'GSI1SK'), gsi('queue', 'QPK', 'QSK')],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const documents = documentsOf(client);
    const store = new DynamoTicketStore(documents, name, () => Date.parse(START));
    const change = openTicket(10_001, org, kore, { subject: 's', description: 'd', severity: 'urgent' }, staff, Date.parse(START));
    await store.createTicket(change);
    // As the previous release wrote it: without the due keys.
    await documents.send(new UpdateCommand({ TableName: name, Key: keys.ticket(10_001), UpdateExpression: 'REMOVE DPK, DSK' }));

    expect(await ensureTable(client, name)).toBe('existed');
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['byOrg', 'due', 'queue']);
    const overdue = await new DynamoDueIndex(documents, name).overdue(Date.parse(START) + 3_600_000);
    expect(overdue.map((t) => t.caseId)).toEqual([10_001]);
    // Adding an index makes DynamoDB Local rebuild the table: slow on a loaded CI machine.
  }, 120_000);
});
