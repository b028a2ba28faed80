/**
 * The monthly SLA report on the local stack: an organisation opts in over the API, its tickets'
 * clocks stop in March, and the Scheduler stand-in fires the report schedule at 12:00 UTC on
 * 1 April on the manual clock; outbound-mail sends it into the outbox, once.
 */

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const FIRES_AT = Date.parse('2026-04-01T12:00:00Z');

describe('the monthly SLA report on the local stack', () => {
  let table: TestTable, runtime: LocalRuntime, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    table = await testTable('2026-03-02T08:00:00.000Z');
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    call = caller(runtime.api);
    const org = {
      id: 'globex',
      name: 'Globex',
      policy: 'kidzonet',
      tier: 'premium',
      contacts: ['cto@globex.example'],
      monthlyReport: true,
    };
    const created = await call('POST', '/orgs', { claims: as.admin(), body: org });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ monthlyReport: true });
    const ticket = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.agent(),
      body: { org: 'globex', subject: 'Down', description: 'd', severity: 'critical' },
    });
    await runtime.advanceTo(Date.parse('2026-03-02T08:30:00Z'));
    await call('POST', `/tickets/${ticket.body.caseId}/messages`, { claims: as.agent(), body: { body: 'On it', public: true } });
  });
  afterEach(() => runtime.stop());

  const mails = () => runtime.outbox.items.filter((item) => item.channel === 'email' && (item.subject ?? '').startsWith('SLA report'));

  it('mails March’s report at 12:00 UTC on 1 April, once', async () => {
    await runtime.advanceTo(FIRES_AT - 60_000);
    expect(mails()).toEqual([]);
    await runtime.advanceTo(FIRES_AT + 60_000);
    expect(mails().map((m) => [m.to, m.subject])).toEqual([['cto@globex.example', 'SLA report for 2026-03']]);
    expect(mails()[0]?.text).toContain('- First responses: 1 of 1 on time (100 %), 0 late');
    await runtime.advanceTo(FIRES_AT + 86_400_000);
    expect(mails()).toHaveLength(1);
  });
});
