import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Org } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';
import { tableWithAcme } from '../support/acme-table.ts';
import type { TestTable } from '../support/test-table.ts';

const kore = loadPreset('kore');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('DynamoTicketStore cursors', () => {
  let table: TestTable;
  let org: Org;
  beforeAll(async () => {
    ({ table, org } = await tableWithAcme());
    for (const severity of ['low', 'urgent', 'high', 'normal']) {
      const input = { subject: severity, description: 'd', severity };
      await table.store.createTicket(
        openTicket(await table.store.nextCaseId(), org, kore, input, { kind: 'customer', id: 'c' }, table.clock.now()),
      );
    }
  });

  it.each([
    [
      'empty key values',
      () => table.store.listOrgTickets('acme', { limit: 5, cursor: b64({ PK: '', SK: '', GSI1PK: 'ORG#acme', GSI1SK: '' }) }),
    ],
    [
      'a key of another item kind',
      () => table.store.listOrgTickets('acme', { limit: 5, cursor: b64({ PK: 'ORG#acme', SK: 'ORG', GSI1PK: 'ORG#acme', GSI1SK: 'x' }) }),
    ],
    [
      'an empty queue sort key',
      () => table.store.queue('kore', { limit: 5, cursor: b64({ PK: 'TICKET#10001', SK: 'TICKET', QPK: 'QUEUE#kore', QSK: '' }) }),
    ],
    ['1e300 for the all-tickets walk', () => table.store.listAllTickets({ limit: 5, cursor: '1e300' })],
    ['a negative case id', () => table.store.listAllTickets({ limit: 5, cursor: '-1' })],
  ])('refuses %s as a bad request, before DynamoDB sees it', async (_, list) => {
    await expect(list()).rejects.toMatchObject({ code: 'bad_request', errors: [{ path: 'cursor' }] });
  });

  it('hands out, for each queue item, the cursor that resumes right after it', async () => {
    const whole = await table.store.queue('kore', { limit: 10 });
    expect(whole.items).toHaveLength(4);
    for (const [i, after] of (whole.after ?? []).entries()) {
      const rest = await table.store.queue('kore', { limit: 10, cursor: after });
      expect(rest.items.map((t) => t.caseId)).toEqual(whole.items.slice(i + 1).map((t) => t.caseId));
    }
  });
});
