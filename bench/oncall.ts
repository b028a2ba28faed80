/**
 * The on-call benchmarks' inputs: a role as a busy support organisation runs it — a weekly day
 * rotation, a night layer and a weekend layer above it (three layers, each with its own active
 * hours) and 20 overrides spread over the year (replacements for holidays, extra people for
 * launches) — asked who is on call at random instants of 2026.
 */

import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import { roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { DynamoDirectory } from '../functions/adapters/dynamo/directory.ts';
import { DynamoReplyCodes } from '../functions/adapters/dynamo/reply-codes.ts';
import { DynamoSmsThrottle } from '../functions/adapters/dynamo/sms-throttle.ts';
import { DynamoTicketStore } from '../functions/adapters/dynamo/ticket-store.ts';
import { SesMailer } from '../functions/adapters/ses-mailer.ts';
import { SnsPager } from '../functions/adapters/sns-pager.ts';
import { SnsSmsSender } from '../functions/adapters/sns-sms.ts';
import { type NotifyDeps, performDeadline } from '../functions/notify/notify.ts';
import { ensureTable } from '../infra/local/lib/create-table.ts';
import { localDynamoConfig } from '../infra/local/lib/dynamodb-local.ts';
import { intercept } from '../infra/local/lib/intercept.ts';
import { LocalClock } from '../infra/local/lib/local-clock.ts';
import { LocalSes } from '../infra/local/lib/local-mail.ts';
import { LocalSns } from '../infra/local/lib/local-sns.ts';
import { Outbox } from '../infra/local/lib/outbox.ts';

const PEOPLE = Array.from({ length: 12 }, (_, i) => `person-${i + 1}`);
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** 20 overrides 18 days apart, each 1–72 hours long, so no two replacements of one person overlap. */
export function threeLayerSchedule() {
  const yearStart = Date.UTC(2026, 0, 1);
  const overrides = Array.from({ length: 20 }, (_, i) => {
    const start = yearStart + i * 18 * DAY_MS + ((i * 7) % 24) * HOUR_MS;
    const end = start + (1 + ((i * 13) % 72)) * HOUR_MS;
    return i % 2 === 0
      ? { id: `o${i}`, kind: 'replace', from: PEOPLE[i % 4], to: PEOPLE[8 + (i % 4)], start: iso(start), end: iso(end) }
      : { id: `o${i}`, kind: 'add', person: PEOPLE[(i * 5) % 12], start: iso(start), end: iso(end) };
  });
  return roleScheduleSchema().parse({
    role: 'tier2',
    rotation: {
      participants: PEOPLE.slice(0, 4),
      shift: { length: 1, unit: 'weeks' },
      handoff: '2026-01-05T09:00:00+01:00',
      zone: 'Europe/Berlin',
      activeHours: Object.fromEntries(WEEKDAYS.map((day) => [day, ['08:00-18:00']])),
    },
    layers: [
      {
        participants: PEOPLE.slice(4, 8),
        shift: { length: 1, unit: 'days' },
        handoff: '2026-01-05T18:00:00+01:00',
        zone: 'Europe/Berlin',
        activeHours: Object.fromEntries(WEEKDAYS.map((day) => [day, ['18:00-08:00']])),
      },
      {
        participants: PEOPLE.slice(8, 12),
        shift: { length: 12, unit: 'hours' },
        handoff: '2026-01-03T08:00:00-05:00',
        zone: 'America/New_York',
        activeHours: { sat: ['00:00-24:00'], sun: ['00:00-24:00'] },
      },
    ],
    overrides: overrides.filter(
      // Replace overrides of one person may not overlap (the schema refuses it): keep the first.
      (o, i, all) =>
        o.kind === 'add' || !all.slice(0, i).some((p) => p.kind === 'replace' && p.from === o.from && p.start < o.end && o.start < p.end),
    ),
  });
}

const iso = (t: number) => new Date(t).toISOString();

/** What notify calls on AWS to carry out one page step, per recipient shape (see `benchPagingCalls`). */
export interface PagingCalls {
  readonly name: 'oncall.notifyCallsPerPage';
  readonly cases: ReadonlyArray<{ readonly case: string; readonly calls: Record<string, number> }>;
}

/**
 * notify's AWS calls for one KORE urgent ticket's first step (page the manager, tell the director
 * and the VP), counted per API at the SDK boundary of the production adapters on DynamoDB Local:
 * with one manager on call with one number, with two managers on call, and with nobody on call
 * (the role's topic). The director and the VP have nobody on call in every case (two topic e-mails).
 */
export async function benchPagingCalls(dynamoEndpoint: string): Promise<PagingCalls> {
  const cases: Array<{ case: string; calls: Record<string, number> }> = [];
  for (const shape of ['one manager, one number', 'two managers on call', 'nobody on call'] as const) {
    const counts: Record<string, number> = {};
    const count =
      (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) => (args: unknown) => {
        const name = `${context.clientName?.replace('Client', '') ?? '?'}.${context.commandName?.replace('Command', '') ?? '?'}`;
        counts[name] = (counts[name] ?? 0) + 1;
        return next(args);
      };
    const dynamo = new DynamoDBClient(localDynamoConfig(dynamoEndpoint));
    const table = `calls-${randomUUID()}`;
    await ensureTable(dynamo, table);
    const clock = new LocalClock('manual', Date.parse('2026-03-02T14:00:00Z'));
    const documents = documentsOf(dynamo);
    const at = { client: documents, table, clock: clock.now };
    const store = new DynamoTicketStore(documents, table, clock.now);
    const directory = new DynamoDirectory(at);
    const kore = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, kore, clock.now());
    const opened = openTicket(
      10_001,
      org,
      kore,
      { subject: 'Outage', description: 'Down', severity: 'urgent' },
      { kind: 'customer', id: 'c' },
      clock.now(),
    );
    await store.createTicket(opened);
    const managers = shape === 'nobody on call' ? [] : shape === 'two managers on call' ? ['ana', 'ben'] : ['ana'];
    for (const [i, id] of managers.entries()) {
      const sms = [{ number: `+4915112345${600 + i}`, state: 'verified' as const, verifiedAt: 1 }];
      await directory.putPerson(
        { id, name: id, zone: 'UTC', email: `${id}@staff.example`, agent: false, sms },
        { mustBeNew: true },
        clock.now(),
      );
    }
    if (managers.length > 0) {
      const [first, ...added] = managers;
      const until = '2026-03-03T00:00:00Z';
      await directory.putSchedule(
        roleScheduleSchema().parse({
          role: 'manager',
          rotation: { participants: [first], shift: { length: 1, unit: 'days' }, handoff: '2026-03-01T00:00:00Z', zone: 'UTC' },
          overrides: added.map((person) => ({ id: `add-${person}`, kind: 'add', person, start: '2026-03-02T00:00:00Z', end: until })),
        }),
        { mustBeNew: true },
        clock.now(),
      );
    }
    // Count from here on: only notify's own calls.
    dynamo.middlewareStack.add(count as never, { step: 'initialize', name: 'countCalls' });
    const outbox = new Outbox(undefined);
    const sns = intercept(new LocalSns(outbox, clock.now) as unknown as SNSClient, 'initialize', 'count', (command, call) => {
      const name = `SNS.${(command as object).constructor.name.replace('Command', '')}`;
      counts[name] = (counts[name] ?? 0) + 1;
      return call();
    });
    const ses = intercept(new LocalSes(outbox, clock.now) as unknown as SESv2Client, 'initialize', 'count', (command, call) => {
      const name = `SESv2.${(command as object).constructor.name.replace('Command', '')}`;
      counts[name] = (counts[name] ?? 0) + 1;
      return call();
    });
    const deps: NotifyDeps = {
      policies: PRESET_CATALOG,
      store,
      pager: new SnsPager(sns, 'arn:aws:sns:us-east-1:000000000000:sla-escalator-'),
      now: clock.now,
      waitUntil: async () => {},
      people: {
        directory,
        replyCodes: new DynamoReplyCodes(at),
        throttle: new DynamoSmsThrottle(at),
        flushes: { scheduleSmsFlush: async () => {} },
        sms: new SnsSmsSender(sns, '+12025550100'),
        mailer: new SesMailer(ses, 'support@sla-escalator.local'),
        ackLinkKeys: async () => [new Uint8Array(32).fill(1)],
        consoleUrl: 'https://console.example',
        smsAckLinks: false,
      },
    };
    const step = opened.ticket.deadlines.find((d) => d.id === 'escalation.urgent.1');
    if (step?.due == null) throw new Error('KORE urgent has no first step');
    const outcome = await performDeadline({ caseId: 10_001, deadlineId: step.id, due: step.due, version: opened.ticket.version }, deps);
    if (outcome !== 'delivered') throw new Error(`notify answered ${outcome}`);
    cases.push({ case: shape, calls: Object.fromEntries(Object.entries(counts).sort()) });
  }
  return { name: 'oncall.notifyCallsPerPage', cases };
}
