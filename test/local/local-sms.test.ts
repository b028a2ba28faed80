import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckIfPhoneNumberIsOptedOutCommand } from '@aws-sdk/client-sns';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { signAckLink } from '#shared/oncall/ack-link.ts';
import { answerText } from '#shared/oncall/reply-codes.ts';
import { localOncallKeys } from '../../infra/local/lib/local-oncall.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { localEndpoints } from '../../infra/local/local-endpoints.ts';
import { caller } from '../support/api-events.ts';
import { ANA, BO, pagedTicket, STEP } from '../support/paged-ticket.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

describe('the local stack’s two-way number and ack links', () => {
  let table: TestTable, runtime: LocalRuntime, dataDir: string;
  beforeEach(async () => {
    table = await testTable('2026-03-02T14:00:00Z');
    dataDir = mkdtempSync(join(tmpdir(), 'sla-oncall-'));
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock, dataDir });
  });
  afterEach(() => runtime.stop());

  const local = () => localEndpoints(runtime, table.clock);
  const body = (response: { body?: string }) => JSON.parse(response.body ?? 'null');

  it('delivers POST /_local/sms to sms-inbound as the two-way topic would, and answers what it texted back', async () => {
    const { ticket, code } = await pagedTicket(table);
    const response = await local()('POST', '/_local/sms', { from: ANA.number, text: `${code}a` });
    expect(response.statusCode).toBe(200);
    const acknowledged = { kind: 'acknowledged', caseId: ticket.caseId } as const;
    expect(body(response)).toEqual({ kind: 'handled', outcome: acknowledged, answer: answerText(acknowledged) });
    const after = await table.store.getTicket(ticket.caseId);
    expect(after?.events.filter((e) => e.type === 'acknowledged')).toMatchObject([{ by: ANA.id, via: 'sms', deadline: STEP }]);
    // Bo texting Ana's code changes nothing.
    expect(body(await local()('POST', '/_local/sms', { from: BO.number, text: `${code}c` }))).toMatchObject({
      outcome: { kind: 'unknown-code' },
    });
    expect((await table.store.getTicket(ticket.caseId))?.status).not.toBe('resolved');
  });

  it('STOP: AWS answers and lists the number (the stand-in does), sms-inbound mirrors it; START opts it back in on both', async () => {
    await pagedTicket(table);
    const isOptedOut = async () =>
      ((await runtime.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: BO.number }))) as { isOptedOut: boolean }).isOptedOut;
    expect(body(await local()('POST', '/_local/sms', { from: BO.number, text: 'STOP' }))).toEqual({
      kind: 'handled',
      outcome: { kind: 'stopped' },
    });
    expect(await isOptedOut()).toBe(true);
    expect((await runtime.directory.getPerson(BO.id))?.sms[0]?.state).toBe('opted-out');
    expect(body(await local()('POST', '/_local/sms', { from: BO.number, text: 'start' }))).toMatchObject({
      outcome: { kind: 'started' },
      answer: answerText({ kind: 'started' }),
    });
    expect(await isOptedOut()).toBe(false);
    expect((await runtime.directory.getPerson(BO.id))?.sms[0]?.state).toBe('verified');
    expect(runtime.outbox.items.filter((item) => item.channel === 'sms').map((item) => item.text)).toEqual([
      answerText({ kind: 'started' }),
    ]);
  });

  it('refuses a body that is not a text from a number, naming the fields', async () => {
    const response = await local()('POST', '/_local/sms', { from: '0151 1234', text: 7, extra: true });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(
      body(response)
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['extra', 'from', 'text']);
  });

  it('signs ack links with a key kept in the data directory, which the API verifies and a restart keeps', async () => {
    const { ticket } = await pagedTicket(table);
    expect(localOncallKeys(dataDir)).toEqual(runtime.oncallKeys);
    expect(localOncallKeys(mkdtempSync(join(tmpdir(), 'sla-oncall-'))).ackLinkKeys[0]).not.toEqual(runtime.oncallKeys.ackLinkKeys[0]);
    const key = runtime.oncallKeys.ackLinkKeys[0] as Uint8Array;
    const token = signAckLink({ caseId: ticket.caseId, deadlineId: STEP, personId: ANA.id, expiresAt: table.clock.now() + 3_600_000 }, key);
    const call = caller(runtime.api);
    const acked = await call('POST', `/acks/${token}`);
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledged).toMatchObject({ by: ANA.id, via: 'link' });
  });
});
