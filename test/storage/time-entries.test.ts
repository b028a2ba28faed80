/**
 * The time ledger in the table: revisions are immutable items written with their ticket, read back
 * per ticket and per organisation by recording time; tickets stored before time
 * entries existed still read, and take time.
 */

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimeEntryRevision } from '#shared/billing/time-entry.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, type Ticket } from '#shared/tickets/ticket.ts';
import { correctTime, logTime } from '#shared/tickets/time-log.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { DynamoTimeLedger } from '../../functions/adapters/dynamo/time-entries.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const tiered = loadPreset('tiered');
const OPENED = Date.parse('2027-01-04T09:00:00Z');
const H = 3_600_000;
const agent = { kind: 'staff', id: 'agent-1' } as const;

describe('the time ledger in DynamoDB', () => {
  let table: TestTable;
  let ledger: DynamoTimeLedger;
  let ticket: Ticket;

  beforeAll(async () => {
    table = await testTable('2027-01-04T09:00:00Z');
    ledger = new DynamoTimeLedger({ client: table.documents, table: table.name, clock: table.clock.now });
    const org = defineOrg('gold-org', { name: 'Gold', policy: 'tiered', tier: 'gold' }, tiered, OPENED);
    const opened = openTicket(10_001, org, tiered, { subject: 'Export', description: 'fails', severity: 'normal' }, agent, OPENED);
    await table.store.createTicket(opened);
    ticket = opened.ticket;
  });

  /** Logs (or corrects) on the stored ticket, as the API does: read, change, save on the version read. */
  async function write(change: (t: Ticket, revisions: readonly TimeEntryRevision[]) => ReturnType<typeof logTime>) {
    const current = (await table.store.getTicket(ticket.caseId)) as Ticket;
    const changed = change(current, await ledger.ofTicket(ticket.caseId));
    await ledger.save(changed, current.version);
    return changed;
  }

  it('writes a revision with its ticket and timeline entry, in one transaction', async () => {
    const changed = await write((t, r) => logTime(t, tiered, r, { minutes: 90, at: OPENED + H }, agent, OPENED + 2 * H));
    const stored = await table.store.getTicketWithTimeline(ticket.caseId);
    expect(stored?.ticket).toMatchObject({ version: changed.ticket.version, timeMinutes: 90 });
    expect(stored?.timeline.at(-1)).toMatchObject({ type: 'time_logged', detail: { entry: '10001-001', minutes: '90' } });
    expect(await ledger.ofTicket(ticket.caseId)).toEqual(changed.revisions);
  });

  it('writes nothing when the ticket moved on since it was read (a version conflict)', async () => {
    const stale = (await table.store.getTicket(ticket.caseId)) as Ticket;
    await write((t, r) => logTime(t, tiered, r, { minutes: 15 }, agent, OPENED + 3 * H));
    const late = logTime(stale, tiered, await ledger.ofTicket(ticket.caseId), { minutes: 20 }, agent, OPENED + 3 * H);
    await expect(ledger.save(late, stale.version)).rejects.toMatchObject({ code: 'version_conflict' });
    expect((await ledger.ofTicket(ticket.caseId)).map((r) => r.minutes)).toEqual([90, 15]);
  });

  it('never overwrites a revision: the same key again fails the whole write', async () => {
    const current = (await table.store.getTicket(ticket.caseId)) as Ticket;
    const revisions = await ledger.ofTicket(ticket.caseId);
    const replay = {
      ...logTime(current, tiered, revisions, { minutes: 5 }, agent, OPENED + 4 * H),
      revisions: [revisions[0] as TimeEntryRevision],
    };
    await expect(ledger.save(replay, current.version)).rejects.toMatchObject({ code: 'version_conflict' });
    expect((await table.store.getTicket(ticket.caseId))?.version).toBe(current.version);
  });

  it('reads an organisation’s revisions by recording time, half-open', async () => {
    // A correction recorded a day later of the work done at OPENED + 1 h.
    await write((t, r) => correctTime(t, tiered, r, '10001-001', { minutes: 100 }, agent, OPENED + 26 * H));
    const all = await ledger.recordedIn('gold-org', OPENED, OPENED + 26 * H + 1);
    expect(all.map((r) => [r.entry, r.rev])).toEqual([
      ['10001-001', 1],
      ['10001-002', 1],
      ['10001-001', 2],
    ]);
    expect(await ledger.recordedIn('gold-org', OPENED, OPENED + 2 * H)).toEqual([]);
    const recordedLater = await ledger.recordedIn('gold-org', OPENED + 24 * H, OPENED + 48 * H);
    expect(recordedLater.map((r) => [r.entry, r.rev, r.minutes])).toEqual([['10001-001', 2, 100]]);
    expect(await ledger.recordedIn('gold-org', OPENED + 26 * H + 1, OPENED + 48 * H)).toEqual([]);
    expect(await ledger.recordedIn('other-org', 0, OPENED + 48 * H)).toEqual([]);
  });

  it('reads a ticket stored before time entries (no total) as having none, and it takes time', async () => {
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.ticket(ticket.caseId) }));
    const { timeMinutes: _, ...old } = Item as Record<string, unknown>;
    const caseId = 10_002;
    await table.documents.send(
      new PutCommand({ TableName: table.name, Item: { ...old, ...keys.ticket(caseId), caseId, version: 0, seq: 1 } }),
    );
    const read = (await table.store.getTicket(caseId)) as Ticket;
    expect(read.timeMinutes).toBeUndefined();
    const changed = logTime(read, tiered, [], { minutes: 10 }, agent, OPENED + 30 * H);
    await ledger.save(changed, read.version);
    expect((await table.store.getTicket(caseId))?.timeMinutes).toBe(10);
  });
});
