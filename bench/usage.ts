/**
 * Usage statements: what a statement costs as an organisation's time ledger grows. One `tiered`
 * gold organisation (4 h included a month) with a year of work: entries of 15–240 minutes on ~800
 * tickets, 10 % corrected once, 2 % deleted, 3 % recorded after their month closed (so
 * adjustments exist). Measured: the pure fold, and on DynamoDB Local the ledger read behind
 * `GET /orgs/{id}/usage` and behind `POST /tickets/{caseId}/time` (which folds the open period
 * again for the 80 %/100 % alerts), both through the API handler.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { TimeEntryRevision } from '#shared/billing/time-entry.ts';
import { usageStatement } from '#shared/billing/usage-statement.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg, type Org, tierAt } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';
import { timeEntryId } from '#shared/tickets/time-log.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { DynamoMailOutbox } from '../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoTicketStore } from '../functions/adapters/dynamo/ticket-store.ts';
import { DynamoTimeLedger } from '../functions/adapters/dynamo/time-entries.ts';
import { createApiHandler } from '../functions/api/handler.ts';
import { apiGatewayEvent, type Claims } from '../infra/local/lib/api-gateway-event.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig } from '../infra/local/lib/dynamodb-local.ts';
import { LocalClock } from '../infra/local/lib/local-clock.ts';
import { itemSize } from '../test/support/item-size.ts';
import { median } from './cold-import.ts';
import { mulberry32 } from './seeded-random.ts';

const ORG_ID = 'bench-gold';
const CREATED = Date.parse('2026-01-01T00:00:00Z');
/** Late December: the ledger's twelfth month is the open one. */
const NOW = Date.parse('2026-12-28T12:00:00Z');
const ROUNDS = 7;
const agent: Claims = { sub: 'agent-1', 'cognito:groups': '[agent]' };

export interface UsageBenchmark {
  readonly name: 'usage.statements';
  /** The pure fold of the last month, per ledger size: median ms per statement. */
  readonly fold: ReadonlyArray<{ readonly revisions: number; readonly ms: number }>;
  /** Through the API handler on DynamoDB Local, with the full ledger. */
  readonly routes: ReadonlyArray<RouteCost>;
}

export interface RouteCost {
  readonly route: string;
  readonly revisions: number;
  /** Calls per API (the first request). */
  readonly calls: Record<string, number>;
  readonly items_read: number;
  /** ConsumedCapacity (TOTAL) summed over the request's calls, reads and writes. */
  readonly capacity_units: number;
  /** The items read, sized by DynamoDB's rules, and the response bodies as they came over the wire. */
  readonly item_bytes: number;
  readonly response_bytes: number;
  /** Median wall time of `ROUNDS` requests. */
  readonly ms: number;
}

/**
 * `total` revisions over 2026 up to `NOW`: entries (revision 1) of 15–240 minutes on
 * `total / 12.5` tickets, each ticket's work within a few days; 10 % corrected once, 2 % deleted,
 * 3 % recorded 1–5 days after the end of the month their work falls in.
 */
export function benchLedger(total: number, seed = 16): TimeEntryRevision[] {
  const random = mulberry32(seed);
  const tickets = Math.max(1, Math.round(total / 12.5));
  // Tickets opened evenly over the year (each in its own slot), so every month has its share of work.
  const span = NOW - 6 * DAY_MS - CREATED;
  const opened = Array.from({ length: tickets }, (_, t) => CREATED + Math.floor(((t + random()) * span) / tickets));
  const counts = new Array<number>(tickets).fill(0);
  const revisions: TimeEntryRevision[] = [];
  for (let i = 0; revisions.length < total; i++) {
    const ticket = i % tickets;
    const caseId = 10_001 + ticket;
    counts[ticket] = (counts[ticket] ?? 0) + 1;
    const at = (opened[ticket] as number) + Math.floor(random() * 5 * DAY_MS);
    const roll = random();
    const late = roll < 0.03;
    const monthEnd = Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth() + 1, 1);
    const recordedAt = Math.min(
      NOW - HOUR_MS,
      late ? monthEnd + Math.floor((1 + random() * 4) * DAY_MS) : at + Math.floor(random() * 8 * HOUR_MS),
    );
    const first: TimeEntryRevision = {
      entry: timeEntryId(caseId, counts[ticket] as number),
      rev: 1,
      caseId,
      org: ORG_ID,
      tier: 'gold',
      minutes: 15 + Math.floor(random() * 226),
      billable: true,
      at,
      recordedAt,
      by: 'agent-1',
      note: 'Worked on the customer’s gateway configuration',
    };
    revisions.push(first);
    const later = recordedAt + Math.floor(random() * 2 * DAY_MS);
    if (roll >= 0.03 && roll < 0.13)
      revisions.push({ ...first, rev: 2, minutes: 15 + Math.floor(random() * 226), recordedAt: Math.min(later, NOW - 1) });
    else if (roll >= 0.13 && roll < 0.15) revisions.push({ ...first, rev: 2, deleted: true, recordedAt: Math.min(later, NOW - 1) });
  }
  return revisions.slice(0, total);
}

function goldOrg(): Org {
  const policy = loadPreset('tiered');
  return defineOrg(ORG_ID, { name: 'Bench Gold', policy: 'tiered', tier: 'gold', contacts: ['it@bench-gold.example'] }, policy, CREATED);
}

/** The fold of the org's statement for December (the open month) over `revisions`: median ms per statement. */
export function benchFold(revisions: readonly TimeEntryRevision[]): number {
  const policy = loadPreset('tiered');
  const org = goldOrg();
  const input = {
    policy,
    org: { id: org.id, since: org.createdAt, tierAt: (instant: number) => tierAt(org, instant) },
    zone: policy.zone(org.region),
    revisions,
    period: '2026-12',
    now: NOW,
  };
  const lines = usageStatement(input).lines.length; // warm-up, and a check that it folds
  if (lines === 0) throw new Error('the bench ledger produced an empty statement');
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    usageStatement(input);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return round2(median(times));
}

/**
 * Each revision's item exactly as the ledger writes it: the adapter's own `save`, sent to a client
 * that keeps the transaction's time puts instead of sending them (the ticket update beside them is
 * dropped).
 */
async function itemsOf(revisions: readonly TimeEntryRevision[], ticket: ReturnType<typeof openTicket>['ticket']) {
  const puts: Array<Record<string, unknown>> = [];
  const keeping = {
    send: async (command: { input: { TransactItems?: Array<{ Put?: { Item: Record<string, unknown> } }> } }) => {
      for (const write of command.input.TransactItems ?? []) if (write.Put?.Item.itemType === 'time') puts.push(write.Put.Item);
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  const ledger = new DynamoTimeLedger({ client: keeping, table: 'kept', clock: () => NOW });
  for (let i = 0; i < revisions.length; i += 25) await ledger.save({ ticket, entries: [], revisions: revisions.slice(i, i + 25) }, 1);
  return puts;
}

/** Writes the ledger with BatchWriteItem, 25 items a call, 4 calls at once, retrying what is left unprocessed. */
async function writeLedger(documents: DynamoDBDocumentClient, table: string, items: ReadonlyArray<Record<string, unknown>>) {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25) as Array<Record<string, unknown>>);
  const write = async (batch: Array<Record<string, unknown>>) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  };
  for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map(write));
}

/** A meter on the DynamoDB client: calls per API, items and bytes read, capacity consumed. */
function meter(dynamo: DynamoDBClient) {
  const state = { on: false, calls: {} as Record<string, number>, items: 0, capacity: 0, itemBytes: 0, responseBytes: 0 };
  type Args = { input: Record<string, unknown> };
  type Out = { output: Record<string, unknown>; response?: { headers?: Record<string, string> } };
  dynamo.middlewareStack.add(
    ((next: (args: Args) => Promise<Out>, context: { commandName?: string }) => async (args: Args) => {
      if (!state.on) return next(args);
      const name = `DynamoDB.${context.commandName?.replace('Command', '') ?? '?'}`;
      state.calls[name] = (state.calls[name] ?? 0) + 1;
      args.input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const out = result.output as {
        ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
        Items?: Array<Record<string, unknown>>;
        Item?: Record<string, unknown>;
      };
      for (const consumed of [out.ConsumedCapacity ?? []].flat()) state.capacity += consumed.CapacityUnits ?? 0;
      const read = out.Items ?? (out.Item === undefined ? [] : [out.Item]);
      state.items += read.length;
      for (const item of read) state.itemBytes += itemSize(item);
      return result;
    }) as never,
    { step: 'initialize', name: 'meterUsage' },
  );
  dynamo.middlewareStack.add(
    ((next: (args: unknown) => Promise<Out>) => async (args: unknown) => {
      const result = await next(args);
      if (state.on) state.responseBytes += Number(result.response?.headers?.['content-length'] ?? 0);
      return result;
    }) as never,
    { step: 'deserialize', name: 'meterResponseBytes' },
  );
  return state;
}

/** The ledger of `revisions` in a table of its own, then `GET /orgs/{id}/usage` and `POST /tickets/{caseId}/time` measured. */
export async function benchUsageRoutes(dynamoEndpoint: string, revisions: readonly TimeEntryRevision[]): Promise<RouteCost[]> {
  const dynamo = new DynamoDBClient(localDynamoConfig(dynamoEndpoint));
  const documents = documentsOf(dynamo);
  const table = `usage-${randomUUID()}`;
  await ensureTable(dynamo, table);
  const clock = new LocalClock('manual', NOW);
  const at = { client: documents, table, clock: clock.now };
  const store = new DynamoTicketStore(documents, table, clock.now);
  const org = goldOrg();
  await store.putOrg(org, { mustBeNew: true });
  const policy = loadPreset('tiered');
  const request = { subject: 'Gateway', description: 'Slow', severity: 'normal' };
  const opened = openTicket(20_001, org, policy, request, { kind: 'customer', id: 'c' }, NOW - DAY_MS);
  await store.createTicket(opened);
  await writeLedger(documents, table, await itemsOf(revisions, opened.ticket));

  const handler = createApiHandler(() => ({
    policies: PRESET_CATALOG,
    store,
    now: clock.now,
    timeLedger: new DynamoTimeLedger(at),
    mailOutbox: new DynamoMailOutbox(at),
  }));
  const call = async (method: string, path: string, body?: unknown) => {
    const event = apiGatewayEvent(
      {
        method,
        path,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        claims: agent,
      },
      clock.now(),
    );
    const result = await handler(event, { awsRequestId: 'bench' } as Context);
    if ((result.statusCode ?? 200) >= 300) throw new Error(`${method} ${path} answered ${result.statusCode}: ${result.body}`);
  };
  const state = meter(dynamo);
  const measureRoute = async (route: string, request: () => Promise<void>): Promise<RouteCost> => {
    Object.assign(state, { on: true, calls: {}, items: 0, capacity: 0, itemBytes: 0, responseBytes: 0 });
    await request();
    state.on = false;
    const first = { ...state, calls: Object.fromEntries(Object.entries(state.calls).sort()) };
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = process.hrtime.bigint();
      await request();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return {
      route,
      revisions: revisions.length,
      calls: first.calls,
      items_read: first.items,
      capacity_units: round2(first.capacity),
      item_bytes: first.itemBytes,
      response_bytes: first.responseBytes,
      ms: round2(median(times)),
    };
  };
  const usage = await measureRoute('GET /orgs/{id}/usage', () => call('GET', `/orgs/${ORG_ID}/usage`));
  const logged = await measureRoute('POST /tickets/{caseId}/time', async () => {
    clock.advance(60_000);
    await call('POST', '/tickets/20001/time', { minutes: 30, note: 'Checked the gateway' });
  });
  return [usage, logged];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
