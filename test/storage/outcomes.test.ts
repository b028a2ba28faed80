/**
 * Clock outcomes in the table: written in the transaction of the change that stopped the clock,
 * never doubled, read back by org and month (across the two UTC partitions a zone's month may
 * touch), and backfilled for tickets stored before outcomes were kept.
 */

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ianaZone } from '#shared/calendar/zone.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { ClockOutcome } from '#shared/reports/clock-outcome.ts';
import { monthRange } from '#shared/reports/sla-report.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage, recordNotified, type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { DynamoOutcomes, partitionsBetween, READ_SLICES, timeSlices } from '../../functions/adapters/dynamo/outcomes.ts';
import { backfillOutcomes, backfillOutcomesPage } from '../../functions/sweeper/outcome-backfill.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const netcor = loadPreset('netcor');
const staff = { kind: 'staff', id: 'agent' } as const;
const fields = { softwareVersion: '1', systemDetails: 'x' };
const berlin = ianaZone('Europe/Berlin');

async function openStored(table: TestTable, org: string, at: number): Promise<Ticket> {
  const o = defineOrg(org, { name: org, policy: 'netcor', tier: 'standard' }, netcor, at);
  const change = openTicket(
    await table.store.nextCaseId(),
    o,
    netcor,
    { subject: 's', description: 'd', severity: 'high', fields },
    staff,
    at,
  );
  await table.store.createTicket(change);
  return change.ticket;
}

async function all(log: DynamoOutcomes, org: string, start: number, end: number): Promise<ClockOutcome[]> {
  const read: ClockOutcome[] = [];
  await log.readBetween(org, start, end, (o) => read.push(o));
  return read;
}

describe('clock outcomes in DynamoDB', () => {
  let table: TestTable;
  let log: DynamoOutcomes;
  beforeAll(async () => {
    table = await testTable();
    log = new DynamoOutcomes({ client: table.documents, table: table.name, clock: table.clock.now });
  });

  it('are written with the change that stopped the clock, and a retried write neither doubles them nor goes through', async () => {
    const ticket = await openStored(table, 'alpha', Date.parse('2026-03-02T09:00:00Z'));
    const answered = postMessage(ticket, netcor, { body: 'b', public: true }, staff, Date.parse('2026-03-02T10:00:00Z'));
    await table.store.saveTicket(answered, ticket.version);
    await expect(table.store.saveTicket(answered, ticket.version)).rejects.toMatchObject({ code: 'version_conflict' });
    const stored = await all(log, 'alpha', Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'));
    expect(stored).toEqual(answered.outcomes);
  });

  it('never make a ticket write fail when the outcome is stored already (the backfill got there first)', async () => {
    const ticket = await openStored(table, 'beta', Date.parse('2026-03-02T09:00:00Z'));
    const answered = postMessage(ticket, netcor, { body: 'b', public: true }, staff, Date.parse('2026-03-02T10:00:00Z'));
    expect(await log.recordMissing(answered.outcomes ?? [])).toBe(1);
    await table.store.saveTicket(answered, ticket.version);
    expect(await all(log, 'beta', 0, Date.parse('2027-01-01T00:00:00Z'))).toHaveLength(1);
  });

  it('that do not fit beside a change’s 99 timeline entries in one transaction are written right after it', async () => {
    const kore = loadPreset('kore');
    const at = Date.parse('2026-03-02T14:00:00Z');
    const o = defineOrg('wide', { name: 'Wide', policy: 'kore', tier: 'diamond', region: 'us' }, kore, at);
    const opened = openTicket(await table.store.nextCaseId(), o, kore, { subject: 's', description: 'd', severity: 'urgent' }, staff, at);
    await table.store.createTicket(opened);
    const step = opened.ticket.deadlines.find((d) => d.id === 'escalation.urgent.1');
    if (step === undefined) throw new Error('no first step');
    // The first step paged 99 people: 99 timeline entries, the ticket, and its outcome make 101 items.
    const deliveries = Array.from({ length: 99 }, (_, i) => ({
      role: 'manager',
      person: `p${i}`,
      channel: 'email' as const,
      to: `p${i}@x.example`,
    }));
    const paged = recordNotified(opened.ticket, kore, step, deliveries, at);
    expect(paged.entries).toHaveLength(99);
    expect(paged.outcomes?.map((x) => x.id)).toEqual(['escalation.urgent.1']);
    await table.store.saveTicket(paged, opened.ticket.version);
    expect((await all(log, 'wide', at, at + 1)).map((x) => x.id)).toEqual(['escalation.urgent.1']);
  });

  it('are each read once, however the range is cut into slices read side by side', async () => {
    // One outcome on each side of every slice boundary of a Berlin month (and on its first and last ms).
    const month = monthRange({ year: 2026, month: 5 }, { year: 2026, month: 5 }, berlin);
    const slices = timeSlices(month.start, month.end, READ_SLICES);
    const instants = [...new Set(slices.flatMap(([from, to]) => [from, to - 1]))];
    const sample: ClockOutcome = {
      id: 'response',
      caseId: 0,
      org: 'slices',
      policyId: 'netcor',
      policyVersion: 1,
      severity: 'high',
      tier: 'standard',
      metric: 'response',
      targetMs: 8 * 3_600_000,
      startedAt: month.start,
      due: month.start + 8 * 3_600_000,
      stoppedAt: month.start,
      businessMs: 0,
      calendarMs: 0,
      pausedMs: 0,
      met: true,
      overrunMs: 0,
    };
    await log.recordMissing(instants.map((stoppedAt, i) => ({ ...sample, org: 'slices', caseId: i + 1, stoppedAt })));
    const read = await all(log, 'slices', month.start, month.end);
    expect(read.map((o) => o.caseId).sort((a, b) => a - b)).toEqual(instants.map((_, i) => i + 1));
  });

  it('slices of a range are adjacent, in order, and cover it exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 42 }),
        fc.integer({ min: 1, max: 2 ** 34 }),
        fc.integer({ min: 1, max: 64 }),
        (start, length, count) => {
          const slices = timeSlices(start, start + length, count);
          expect(slices.length).toBeLessThanOrEqual(count);
          expect(slices[0]?.[0]).toBe(start);
          expect(slices.at(-1)?.[1]).toBe(start + length);
          for (const [i, [from, to]] of slices.entries()) {
            expect(to).toBeGreaterThan(from);
            if (i > 0) expect(from).toBe(slices[i - 1]?.[1]);
          }
        },
      ),
    );
  });

  it('are found for a Berlin month in the UTC month before it too', async () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin: an April outcome in March's partition.
    const ticket = await openStored(table, 'gamma', Date.parse('2026-03-31T14:00:00Z'));
    const answered = postMessage(ticket, netcor, { body: 'b', public: true }, staff, Date.parse('2026-03-31T23:30:00Z'));
    await table.store.saveTicket(answered, ticket.version);
    const april = monthRange({ year: 2026, month: 4 }, { year: 2026, month: 4 }, berlin);
    expect(partitionsBetween('gamma', april.start, april.end)).toEqual(['OUTCOMES#gamma#2026-03', 'OUTCOMES#gamma#2026-04']);
    expect((await all(log, 'gamma', april.start, april.end)).map((o) => o.caseId)).toEqual([ticket.caseId]);
    const march = monthRange({ year: 2026, month: 3 }, { year: 2026, month: 3 }, berlin);
    expect(await all(log, 'gamma', march.start, march.end)).toEqual([]);
  });

  it('are backfilled for tickets stored before outcomes were kept, once, resumably', async () => {
    const ticket = await openStored(table, 'delta', Date.parse('2026-03-02T09:00:00Z'));
    const answered = postMessage(ticket, netcor, { body: 'b', public: true }, staff, Date.parse('2026-03-03T15:00:00Z'));
    const resolved = updateTicket(answered.ticket, netcor, { status: 'resolved' }, staff, Date.parse('2026-03-04T09:00:00Z'));
    // The old code wrote the same tickets without outcomes.
    await table.store.saveTicket({ ...answered, outcomes: [] }, ticket.version);
    await table.store.saveTicket({ ...resolved, outcomes: [] }, answered.ticket.version);
    expect(await all(log, 'delta', 0, Date.parse('2027-01-01T00:00:00Z'))).toEqual([]);

    const first = await backfillOutcomesPage(table.documents, table.name);
    const rest = await backfillOutcomes(table.documents, table.name, { cursor: first.cursor });
    expect(first.added + rest.added).toBeGreaterThanOrEqual(1);
    const stored = await all(log, 'delta', 0, Date.parse('2027-01-01T00:00:00Z'));
    expect(stored).toEqual(answered.outcomes);
    expect(stored[0]).toMatchObject({ metric: 'response', met: false });
    expect((await backfillOutcomes(table.documents, table.name)).added).toBe(0);
  });
});
