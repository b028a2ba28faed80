/**
 * The monthly SLA report e-mail on DynamoDB Local: on the 1st, each organisation that opted in and
 * has contacts gets last month's report in its own zone, once (a second run sends nothing); one
 * that did not opt in, or an org item from before the setting, gets nothing.
 */

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { monthlyReportId } from '#shared/reports/report-mail.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage } from '#shared/tickets/ticket.ts';
import { DynamoMailOutbox, markedIds, queueOnceForGood } from '../../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoOutcomes } from '../../functions/adapters/dynamo/outcomes.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { mailMonthlyReports } from '../../functions/contracts/monthly-report.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const netcor = loadPreset('netcor');
const staff = { kind: 'staff', id: 'agent' } as const;
const fields = { softwareVersion: '1', systemDetails: 'x' };
const MARCH_2 = Date.parse('2026-03-02T08:00:00Z');

describe('the monthly SLA report e-mail', () => {
  let table: TestTable;
  let outbox: DynamoMailOutbox;
  const reads: string[] = [];
  const run = () => {
    const at = { client: table.documents, table: table.name, clock: table.clock.now };
    const outcomes = new DynamoOutcomes(at);
    return mailMonthlyReports({
      store: table.store,
      outcomes: {
        readBetween: (org, start, end, visit) => {
          reads.push(org);
          return outcomes.readBetween(org, start, end, visit);
        },
        recordMissing: (missing) => outcomes.recordMissing(missing),
      },
      queueOnce: (mails) => queueOnceForGood(at, mails),
      queued: (ids) => markedIds(at, ids),
      now: table.clock.now,
      policies: PRESET_CATALOG,
    });
  };

  beforeAll(async () => {
    table = await testTable('2026-03-01T00:00:00Z');
    outbox = new DynamoMailOutbox({ client: table.documents, table: table.name, clock: table.clock.now });
    const settings = { name: 'Acme\nGmbH', policy: 'netcor', tier: 'standard', contacts: ['cto@acme.example'] };
    const acme = defineOrg('acme', { ...settings, monthlyReport: true }, netcor, MARCH_2);
    await table.store.putOrg(acme, { mustBeNew: true });
    await table.store.putOrg(defineOrg('quiet', settings, netcor, MARCH_2), { mustBeNew: true });
    await table.store.putOrg(defineOrg('alone', { ...settings, contacts: [], monthlyReport: true }, netcor, MARCH_2), { mustBeNew: true });
    // An org item written before the setting existed.
    const { monthlyReport: _off, ...old } = defineOrg('old', settings, netcor, MARCH_2);
    await table.documents.send(
      new PutCommand({ TableName: table.name, Item: { ...keys.org('old'), ...keys.orgListed('old'), itemType: 'org', ...old } }),
    );
    for (const [i, answeredAfter] of [2, 6].entries()) {
      const opened = openTicket(10001 + i, acme, netcor, { subject: 's', description: 'd', severity: 'critical', fields }, staff, MARCH_2);
      await table.store.createTicket(opened);
      const answered = postMessage(opened.ticket, netcor, { body: 'b', public: true }, staff, MARCH_2 + answeredAfter * 3_600_000);
      await table.store.saveTicket(answered, opened.ticket.version);
    }
    table.clock.moveTo(Date.parse('2026-04-01T12:00:00Z'));
  });

  it("mails March's report to the contacts of the org that opted in, once", async () => {
    expect(await run()).toEqual({ mailed: 1, nobodyToTell: 1 });
    const queued = await outbox.queued(monthlyReportId('acme', '2026-03'));
    expect(queued?.mail).toMatchObject({ to: ['cto@acme.example'], subject: 'SLA report for 2026-03', kind: 'sla-report' });
    expect(queued?.mail.text).toContain('SLA report of Acme GmbH for 2026-03, counted in Europe/Berlin time');
    expect(queued?.mail.text).toContain('- First responses: 1 of 2 on time (50 %), 1 late');
    expect(queued?.mail.text).toContain('- case 10002: first responses 2h late');
    expect(await outbox.queued(monthlyReportId('quiet', '2026-03'))).toBeUndefined();
    expect(await outbox.queued(monthlyReportId('old', '2026-03'))).toBeUndefined();
    // A second run (Scheduler's retry), even after the outbox item expired, queues nothing: the mark stays.
    await table.documents.send(new DeleteCommand({ TableName: table.name, Key: keys.mailOutbox(monthlyReportId('acme', '2026-03')) }));
    reads.length = 0;
    await run();
    expect(await outbox.queued(monthlyReportId('acme', '2026-03'))).toBeUndefined();
    // The org mailed already is not read again (a timed-out run goes on past it); 'alone' has no contacts.
    expect(reads).toEqual(['alone']);
  });
});
