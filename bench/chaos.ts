/**
 * The chaos run: hundreds of tickets with random lifecycles over a simulated week on the local
 * stack, with AWS calls failing at a given rate. The pages that should have gone out come from
 * the pure engine, replaying each ticket's own events; the pages that did go out come from the
 * outbox. Lost, unexpected (after resolve or not due) and duplicated deliveries are counted.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { loadPreset, policyOf } from '#shared/policies/presets.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { noticesFor } from '#shared/sla/notices.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';
import { eventsOfTimeline } from '#shared/tickets/timeline-events.ts';
import { documentsOf } from '../functions/lib/dynamo-client.ts';
import { DynamoTicketStore } from '../functions/lib/dynamo-ticket-store.ts';
import { apiGatewayEvent, type Claims } from '../infra/local/api-gateway-event.ts';
import { ensureTable } from '../infra/local/create-table.ts';
import { localDynamoConfig } from '../infra/local/dynamodb-local.ts';
import { FaultInjector, quickRetries, xorshift32 } from '../infra/local/faults.ts';
import { CallCounter } from '../infra/local/intercept.ts';
import { LocalClock } from '../infra/local/local-clock.ts';
import { LocalRuntime } from '../infra/local/local-runtime.ts';

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
  records_dropped: number;
  schedules_deleted: number;
  /**
   * Deadlines that were late (a lost record or schedule, notify's retries) and met or cancelled by
   * the ticket's next event within `LATE_TOLERANCE_MS` of falling due, so rightly never paged.
   */
  late_suppressed: number;
  /**
   * Notices not sent because the ticket's next event met or cancelled their step while it was
   * being carried out (notify re-reads the ticket before each role), after earlier roles of the
   * same step had been paged.
   */
  interrupted: number;
  /** The latest a delivery went out after its deadline fell due, in minutes. */
  max_delay_min: number;
  /** Up to ten keys (`case|deadline|role|channel`) of each kind, when any was lost or unexpected. */
  samples?: { lost: string[]; unexpected: string[] };
}

/** How late a page may legitimately go out: the sweep interval and its grace, plus notify's async retries. */
export const LATE_TOLERANCE_MS = 15 * 60_000;

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

type Action = 'respond' | 'update' | 'note' | 'pause' | 'customer' | 'severity' | 'escalate' | 'resolve' | 'reopen' | 'close';
const ACTIONS: Action[] = ['respond', 'update', 'note', 'pause', 'customer', 'severity', 'escalate', 'resolve', 'reopen', 'close'];

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
  const agent: Claims = { sub: 'agent', 'cognito:groups': '[agent]' };
  for (const org of ORGS) await call('POST', '/orgs', admin, { ...org, name: org.id });

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
  const replays: Replay[] = [];
  let lateSuppressed = 0;
  let maxDelay = 0;
  for (const caseId of caseIds) {
    if (caseId === undefined) continue;
    const found = await verifier.getTicketWithTimeline(caseId);
    if (found === undefined) continue;
    // The ticket item keeps only compacted events; the timeline has them all.
    const ticket = { ...found.ticket, events: eventsOfTimeline(found.timeline) };
    const policy = policyOf(ticket.sla);
    const replay = expectedDeliveries(ticket, policy, horizon);
    replays.push(replay);
    lateSuppressed += replay.lateSuppressed;
    maxDelay = Math.max(maxDelay, latestDelivery(ticket, policy));
  }
  const delivered = new Map<string, number>();
  for (const item of runtime.outbox.items) {
    const key = `${item.caseId}|${item.deadline}|${item.role}|${item.channel}`;
    delivered.set(key, (delivered.get(key) ?? 0) + 1);
  }
  const { expected, lost, unexpected, duplicated, interrupted, samples } = compare(replays, delivered);
  const created = caseIds.filter((id) => id !== undefined).length;
  return {
    tickets: created,
    expected,
    delivered: [...delivered.values()].reduce((a, b) => a + b, 0),
    lost,
    unexpected,
    duplicated,
    faults: faults.injected,
    duplicates_explained: faults.deliveriesWithLostResponse,
    aws_calls_per_ticket: Object.fromEntries(
      Object.entries(counter.calls).map(([service, n]) => [service, Math.round((n / Math.max(1, created)) * 10) / 10]),
    ),
    api_failures: apiFailures,
    records_dropped: recordsDropped,
    schedules_deleted: schedulesDeleted,
    late_suppressed: lateSuppressed,
    interrupted,
    max_delay_min: Math.round(maxDelay / MINUTE),
    ...((lost > 0 || unexpected > 0) && { samples }),
  };
}

/**
 * Compares what went out (key → how many times) with what the replays expect. Of a step the
 * ticket's next event overtook, the notices up to the last one sent were due; the rest were
 * rightly held back (`interrupted`), so a gap before a sent notice is still lost.
 */
export function compare(replays: readonly Replay[], delivered: ReadonlyMap<string, number>) {
  const expected = new Set(replays.flatMap((r) => r.keys));
  let interrupted = 0;
  for (const notices of replays.flatMap((r) => r.interruptible)) {
    const last = notices.findLastIndex((keys) => keys.some((key) => delivered.has(key)));
    for (const keys of notices.slice(0, last + 1)) for (const key of keys) expected.add(key);
    if (last >= 0) interrupted += notices.length - 1 - last;
  }
  const lost = [...expected].filter((key) => !delivered.has(key));
  const unexpected = [...delivered.keys()].filter((key) => !expected.has(key));
  const duplicated = [...delivered.values()].reduce((sum, count) => sum + count - 1, 0);
  return {
    expected: expected.size,
    lost: lost.length,
    unexpected: unexpected.length,
    duplicated,
    interrupted,
    samples: { lost: lost.slice(0, 10), unexpected: unexpected.slice(0, 10) },
  };
}

/** What a ticket's replay expects: see `expectedDeliveries`. */
export interface Replay {
  /** One key (`case|deadline|role|channel`) per delivery that must have gone out. */
  readonly keys: string[];
  /**
   * Steps that fell due when the ticket's next event was at most `LATE_TOLERANCE_MS` away and that
   * the ticket never recorded as carried out: the event met or cancelled them while (or before)
   * they were paged, so any first part of their notices may have gone out. One list per step, in
   * the order notify sends them, each notice with its keys.
   */
  readonly interruptible: string[][][];
  /** Such steps of which no notice was due (the deadline stayed met or cancelled). */
  readonly lateSuppressed: number;
}

/**
 * Replays a ticket's events (without its `notified` ones) through the planner. A deadline fires
 * when it was actually carried out (its `notified` event), else at its due time (or when it
 * becomes due), before any event at the same instant; deadlines fire in that order. One that was
 * never carried out, and that an event within `LATE_TOLERANCE_MS` after it fell due met or
 * cancelled, was late or interrupted rather than lost (see `Replay.interruptible`).
 */
export function expectedDeliveries(ticket: Ticket, policy: Policy, horizon: number): Replay {
  // Positions in the ticket's own event list: a delivery recorded before a user event happened before it.
  const userEvents = ticket.events.flatMap((e, index) => (e.type === 'notified' ? [] : [{ ...e, index }]));
  const carriedOut = new Map<string, { at: number; index: number }>();
  for (const [index, e] of ticket.events.entries())
    if (e.type === 'notified' && !carriedOut.has(e.deadline)) carriedOut.set(e.deadline, { at: e.at, index });
  const fired: TicketEvent[] = [];
  const keys: string[] = [];
  const interruptible: string[][][] = [];
  const waived = new Set<string>();
  let applied = 0;
  let cursor = ticket.createdAt;
  for (let guard = 0; guard < 10_000; guard++) {
    const events = [...userEvents.slice(0, applied).map(({ index: _, ...e }) => e as TicketEvent), ...fired];
    const plan = planDeadlines({ createdAt: ticket.createdAt, sla: ticket.sla, events }, policy);
    const pending = plan.filter((d) => d.state === 'pending' && d.due !== null);
    // The next to fire is the one carried out first (a late one may go after a later one on time).
    const firesAt = (d: (typeof pending)[number]) => carriedOut.get(d.id)?.at ?? Math.max(d.due as number, cursor);
    const next = pending.sort((a, b) => firesAt(a) - firesAt(b) || (a.due as number) - (b.due as number))[0];
    const nextEvent = userEvents[applied]?.at ?? Number.POSITIVE_INFINITY;
    const onTime = next === undefined ? Number.POSITIVE_INFINITY : Math.max(next.due as number, cursor);
    const record = next === undefined ? undefined : carriedOut.get(next.id);
    const fireAt = record?.at ?? onTime;
    // Carried out at the same instant as the next user event: the event list says which came first.
    const afterEvent =
      record !== undefined && record.at === nextEvent && record.index > (userEvents[applied]?.index ?? Number.POSITIVE_INFINITY);
    const overtaken = record === undefined && nextEvent >= onTime && nextEvent <= onTime + LATE_TOLERANCE_MS;
    const notices = next === undefined ? [] : noticesFor({ ...ticket, severity: next.severity }, next, policy);
    const keysOf = (notice: (typeof notices)[number]) => [
      ...(notice.delivery === 'page' ? [`${ticket.caseId}|${next?.id}|${notice.role}|sms`] : []),
      `${ticket.caseId}|${next?.id}|${notice.role}|email`,
    ];
    if (next !== undefined && fireAt <= horizon && fireAt <= nextEvent && !overtaken && !afterEvent) {
      for (const notice of notices) {
        keys.push(...keysOf(notice));
        fired.push({ type: 'notified', at: fireAt, deadline: next.id, role: notice.role });
      }
      if (notices.length === 0) fired.push({ type: 'notified', at: fireAt, deadline: next.id });
      waived.delete(next.id);
      cursor = fireAt;
    } else if (nextEvent <= horizon) {
      if (next !== undefined && overtaken && fireAt <= horizon) {
        waived.add(next.id);
        interruptible.push(notices.map(keysOf));
      }
      while (userEvents[applied]?.at === nextEvent) applied++;
      cursor = nextEvent;
    } else {
      const stillPending = new Set(pending.map((d) => d.id));
      return {
        keys,
        interruptible,
        lateSuppressed: [...waived].filter((id) => !stillPending.has(id) && !carriedOut.has(id)).length,
      };
    }
  }
  throw new Error(`case ${ticket.caseId}: the replay did not settle`);
}

/**
 * How late the ticket's latest delivery went out, in ms: after its deadline fell due in the plan
 * as it stood just before the delivery (a later severity change re-plans deadlines already
 * fired), or after the event that made it due at once.
 */
export function latestDelivery(ticket: Ticket, policy: Policy): number {
  let latest = 0;
  let lastChange = ticket.createdAt;
  const seen = new Set<string>();
  for (const [index, event] of ticket.events.entries()) {
    if (event.type !== 'notified') {
      lastChange = event.at;
      continue;
    }
    if (seen.has(event.deadline)) continue;
    seen.add(event.deadline);
    const before = planDeadlines({ createdAt: ticket.createdAt, sla: ticket.sla, events: ticket.events.slice(0, index) }, policy);
    const due = before.find((d) => d.id === event.deadline)?.due;
    if (typeof due === 'number') latest = Math.max(latest, event.at - Math.max(due, lastChange));
  }
  return latest;
}
