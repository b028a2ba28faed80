/**
 * The chaos run: hundreds of tickets with random lifecycles over a simulated week on the local
 * stack, with AWS calls failing at a given rate. The judge (`test/support/chaos-oracle.ts`)
 * compares the pages the pure engine expects with those the outbox recorded.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadPreset, policyOf } from '#shared/policies/presets.ts';
import { eventsOfTimeline } from '#shared/tickets/timeline-events.ts';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { DynamoTicketStore } from '../functions/adapters/dynamo/ticket-store.ts';
import { apiGatewayEvent, type Claims } from '../infra/local/lib/api-gateway-event.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig } from '../infra/local/lib/dynamodb-local.ts';
import { FaultInjector, quickRetries, xorshift32 } from '../infra/local/lib/faults.ts';
import { CallCounter } from '../infra/local/lib/intercept.ts';
import { LocalClock } from '../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../infra/local/lib/local-runtime.ts';
import { type JudgedTicket, judge } from '../test/support/chaos-oracle.ts';

export interface ChaosOptions {
  readonly tickets: number;
  readonly faults: number;
  readonly seed: number;
  readonly days: number;
  readonly dynamoEndpoint: string;
  /** Share of the table's stream records that never reach schedule-sync (default 0). */
  readonly lostRecords?: number;
  /** Share of due schedules that vanish instead of firing, as if deleted (default 0). */
  readonly deletedSchedules?: number;
}

export interface ChaosResult {
  tickets: number;
  expected: number;
  delivered: number;
  lost: number;
  unexpected: number;
  duplicated: number;
  faults: number;
  /** Deliveries that went out although SNS's answer was lost: each explains one duplicate. */
  duplicates_explained: number;
  aws_calls_per_ticket: Record<string, number>;
  api_failures: number;
  /** Pages acknowledged in the lifecycles (each cancels its step's re-pages still to come). */
  acknowledged: number;
  records_dropped: number;
  schedules_deleted: number;
  /**
   * Deadlines that were late (a lost record or schedule, notify's retries) and met or cancelled by
   * the ticket's next event within the oracle's `LATE_TOLERANCE_MS` of falling due, so rightly never paged.
   */
  late_suppressed: number;
  /**
   * Notices not sent because the ticket's next event met or cancelled their step while it was
   * being carried out (notify re-reads the ticket before each role), after earlier roles of the
   * same step had been paged.
   */
  interrupted: number;
  /**
   * Notices not yet sent when the run ended, of steps that fell due within the oracle's
   * `LATE_TOLERANCE_MS` of its end and that notify had not finished (its async retries, the
   * sweeper's hand-off were still to come).
   */
  unfinished: number;
  /** The latest a delivery went out after its deadline fell due, in minutes. */
  max_delay_min: number;
  /** Up to ten keys (`case|deadline|role|channel`) of each kind, when any was lost or unexpected. */
  samples?: { lost: string[]; unexpected: string[] };
}

const START = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const MINUTE = 60_000;

const ORGS = [
  { id: 'kore-diamond-us', policy: 'kore', tier: 'diamond', region: 'us' },
  { id: 'kore-premium-nl', policy: 'kore', tier: 'premium', region: 'nl' },
  { id: 'kore-basic-apac', policy: 'kore', tier: 'basic', region: 'apac' },
  { id: 'kore-select-uk', policy: 'kore', tier: 'select', region: 'uk' },
  { id: 'kidz-standard', policy: 'kidzonet', tier: 'standard' },
  { id: 'kidz-premium', policy: 'kidzonet', tier: 'premium' },
  { id: 'netcor', policy: 'netcor', tier: 'standard' },
  { id: 'tiered-gold', policy: 'tiered', tier: 'gold' },
  { id: 'tiered-basic', policy: 'tiered', tier: 'basic' },
  { id: 'kol-platinum', policy: 'kolmisoft', tier: 'platinum' },
  { id: 'kol-bronze', policy: 'kolmisoft', tier: 'bronze' },
  { id: 'kol-free', policy: 'kolmisoft', tier: 'free' },
] as const;

type Action = 'respond' | 'update' | 'note' | 'pause' | 'customer' | 'severity' | 'escalate' | 'ack' | 'resolve' | 'reopen' | 'close';
const ACTIONS: Action[] = ['respond', 'update', 'note', 'pause', 'customer', 'severity', 'escalate', 'ack', 'resolve', 'reopen', 'close'];

/** A page step that fired (not a re-page): what an on-call person acknowledges. */
const FIRED_STEP = /^escalation\.[^.]+\.\d+$/;

interface Step {
  readonly at: number;
  readonly ticket: number;
  readonly action: Action | 'create';
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const random = xorshift32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const client = new DynamoDBClient(localDynamoConfig(options.dynamoEndpoint));
  const table = `chaos-${randomUUID()}`;
  await ensureTable(client, table);
  const clock = new LocalClock('manual', START);
  const faults = new FaultInjector(options.faults, options.seed);
  const counter = new CallCounter();
  const awsRandom = xorshift32(options.seed + 1);
  let recordsDropped = 0;
  let schedulesDeleted = 0;
  const roll = (rate: number | undefined, count: () => void) => () => {
    const hit = awsRandom() < (rate ?? 0);
    if (hit) count();
    return hit;
  };
  const runtime = new LocalRuntime({
    awsFaults: {
      dropStreamRecord: roll(options.lostRecords, () => recordsDropped++),
      deleteSchedule: roll(options.deletedSchedules, () => schedulesDeleted++),
    },
    dynamoEndpoint: options.dynamoEndpoint,
    table,
    clock,
    wrap: (service, c) => faults.wrap(service, counter.wrap(service, c)),
    retryStrategy: quickRetries(),
  });
  let apiFailures = 0;
  let acknowledged = 0;

  /** A client that retries 5xx answers with the same Idempotency-Key, as a careful integrator would. */
  const call = async (
    method: string,
    path: string,
    claims: Claims,
    body?: unknown,
  ): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    const key = randomUUID();
    for (let attempt = 0; attempt < 8; attempt++) {
      const event = apiGatewayEvent(
        {
          method,
          path,
          claims,
          headers: { 'content-type': 'application/json', ...(method === 'POST' && { 'idempotency-key': key }) },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        },
        clock.now(),
      );
      const result = await runtime.api(event, { awsRequestId: 'chaos' } as Context);
      if ((result.statusCode ?? 500) < 500) return result;
    }
    apiFailures++;
    return undefined;
  };
  const admin: Claims = { sub: 'admin', 'cognito:groups': '[admin]' };
  // The lead is in the staff directory (on no rotation: pages still go to the role topics), so
  // they can acknowledge a page from the console, which stops its re-pages.
  const agent: Claims = { sub: 'agent', 'cognito:groups': '[agent]' };
  // An agent may acknowledge only the pages sent to them; pages here go to the role topics, so the
  // lead (an admin, who may acknowledge any page) does, as the person of the same e-mail.
  const lead: Claims = { sub: 'lead', 'cognito:groups': '[admin]', email: 'lead@chaos.example' };
  for (const org of ORGS) await call('POST', '/orgs', admin, { ...org, name: org.id });
  await call('POST', '/people', admin, { id: 'chaos-lead', name: 'Chaos Lead', zone: 'UTC', email: 'lead@chaos.example' });

  // Random lifecycles: creation in the first days of the week, then up to seven actions.
  const steps: Step[] = [];
  const ticketOrgs: Array<(typeof ORGS)[number]> = [];
  const horizon = START + options.days * 24 * 60 * MINUTE;
  for (let t = 0; t < options.tickets; t++) {
    const org = pick(ORGS);
    ticketOrgs.push(org);
    let at = START + Math.floor(random() * (options.days - 2) * 24 * 60) * MINUTE;
    steps.push({ at, ticket: t, action: 'create' });
    const count = Math.floor(random() * 8);
    for (let a = 0; a < count; a++) {
      at += Math.floor(1 + random() * 12 * 60) * MINUTE;
      if (at >= horizon) break;
      steps.push({ at, ticket: t, action: pick(ACTIONS) });
    }
  }
  steps.sort((a, b) => a.at - b.at || a.ticket - b.ticket);

  const caseIds: Array<number | undefined> = [];
  for (const step of steps) {
    await runtime.advanceTo(step.at);
    const org = ticketOrgs[step.ticket] as (typeof ORGS)[number];
    const policy = loadPreset(org.policy);
    const customer: Claims = { sub: `customer-${step.ticket}`, 'custom:org': org.id };
    if (step.action === 'create') {
      const fields = org.policy === 'netcor' ? { softwareVersion: '5.2', systemDetails: 'cluster' } : undefined;
      const created = await call('POST', '/tickets', customer, {
        subject: `chaos ${step.ticket}`,
        description: 'random lifecycle',
        severity: pick(policy.severities),
        ...(fields && { fields }),
      });
      caseIds[step.ticket] = created?.statusCode === 201 ? (JSON.parse(created.body as string) as { caseId: number }).caseId : undefined;
      continue;
    }
    const caseId = caseIds[step.ticket];
    if (caseId === undefined) continue;
    const path = `/tickets/${caseId}`;
    switch (step.action) {
      case 'respond':
      case 'update':
        await call('POST', `${path}/messages`, agent, { body: 'working on it', public: true });
        break;
      case 'note':
        await call('POST', `${path}/messages`, agent, { body: 'internal', public: false });
        break;
      case 'customer':
        await call('POST', `${path}/messages`, customer, { body: 'any news?', public: true });
        break;
      case 'pause':
        await call('PATCH', path, agent, { status: 'pending_customer' });
        break;
      case 'severity':
        await call('PATCH', path, agent, { severity: pick(policy.severities) });
        break;
      case 'escalate':
        await call('POST', `${path}/escalate`, customer, { reason: 'too slow' });
        break;
      case 'ack': {
        const read = await call('GET', path, agent);
        const deadlines =
          read?.statusCode === 200 ? (JSON.parse(read.body as string) as { deadlines: { id: string; state: string }[] }).deadlines : [];
        const fired = deadlines.filter((d) => d.state === 'breached' && FIRED_STEP.test(d.id)).at(-1);
        if (fired === undefined) break;
        const acked = await call('POST', `${path}/acknowledgements`, lead, { deadline: fired.id });
        if (acked?.statusCode === 200) acknowledged++;
        break;
      }
      case 'resolve':
        await call('PATCH', path, agent, { status: 'resolved' });
        break;
      case 'reopen':
        await call('PATCH', path, customer, { status: 'open' });
        break;
      case 'close':
        await call('PATCH', path, customer, { status: 'closed' });
        break;
    }
  }
  await runtime.advanceTo(horizon);
  await runtime.stop();

  // What should have gone out: the pure engine replaying each ticket's own events, read back
  // through a client without injected faults (the check must not be part of the experiment).
  const verifier = new DynamoTicketStore(documentsOf(client), table);
  const judged: JudgedTicket[] = [];
  for (const caseId of caseIds) {
    if (caseId === undefined) continue;
    const found = await verifier.getTicketWithTimeline(caseId);
    if (found === undefined) continue;
    // The ticket item keeps only compacted events; the timeline has them all.
    const ticket = { ...found.ticket, events: eventsOfTimeline(found.timeline) };
    judged.push({ ticket, policy: policyOf(ticket.sla) });
  }
  const verdict = judge(judged, runtime.outbox.items, horizon);
  const { expected, lost, unexpected, duplicated, interrupted, unfinished, samples } = verdict;
  const created = caseIds.filter((id) => id !== undefined).length;
  return {
    tickets: created,
    expected,
    delivered: verdict.delivered,
    lost,
    unexpected,
    duplicated,
    faults: faults.injected,
    duplicates_explained: faults.deliveriesWithLostResponse,
    aws_calls_per_ticket: Object.fromEntries(
      Object.entries(counter.calls).map(([service, n]) => [service, Math.round((n / Math.max(1, created)) * 10) / 10]),
    ),
    api_failures: apiFailures,
    acknowledged,
    records_dropped: recordsDropped,
    schedules_deleted: schedulesDeleted,
    late_suppressed: verdict.lateSuppressed,
    interrupted,
    unfinished,
    max_delay_min: Math.round(verdict.maxDelay / MINUTE),
    ...((lost > 0 || unexpected > 0) && { samples }),
  };
}
