import { beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '#shared/oncall/people.ts';
import { answerText } from '#shared/oncall/reply-codes.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { DynamoInboundSmsLog } from '../../functions/adapters/dynamo/inbound-sms.ts';
import type { DynamoReplyCodes } from '../../functions/adapters/dynamo/reply-codes.ts';
import type { TableContext } from '../../functions/adapters/dynamo/table.ts';
import { createSmsInboundHandler } from '../../functions/sms-inbound/handler.ts';
import { type InboundSms, receiveSms, type SmsInboundDeps } from '../../functions/sms-inbound/sms-inbound.ts';
import { ANA, BO, CODE_LIFE_MS, pagedTicket, RecordedSms, STEP } from '../support/paged-ticket.ts';
import { type TestTable, testTable } from '../support/test-table.ts';
import { storeUrgentTicket } from '../support/urgent-ticket.ts';

const STRANGER = '+4917011112222';
const OUR_NUMBER = '+4915550000000';

describe('sms-inbound', () => {
  let table: TestTable, directory: DynamoDirectory, ticket: Ticket, code: number, sms: RecordedSms, optedIn: string[];
  let optInAnswer: 'opted-in' | 'too-soon';
  let deps: SmsInboundDeps & { replyCodes: DynamoReplyCodes };
  let seq = 0;

  beforeEach(async () => {
    table = await testTable('2026-03-02T14:00:00Z');
    let replyCodes: DynamoReplyCodes, tableContext: TableContext;
    ({ directory, replyCodes, ticket, code, tableContext } = await pagedTicket(table));
    sms = new RecordedSms();
    optedIn = [];
    optInAnswer = 'opted-in';
    deps = {
      policies: PRESET_CATALOG,
      store: table.store,
      directory,
      replyCodes,
      sms,
      handled: new DynamoInboundSmsLog(tableContext),
      optIn: async (number) => {
        optedIn.push(number);
        return optInAnswer;
      },
      selfManagedOptOuts: false,
      originationNumber: OUR_NUMBER,
      now: table.clock.now,
    };
  });

  const text = (from: string, body: string, id = `in-${++seq}`): InboundSms => ({ inboundMessageId: id, from, text: body });
  const reread = async () => (await table.store.getTicket(ticket.caseId)) as Ticket;
  const acks = (t: Ticket) => t.events.filter((e) => e.type === 'acknowledged');

  it('acknowledges the page its code stands for, as the person paged, and says so', async () => {
    table.clock.advance(60_000);
    const outcome = await receiveSms(text(ANA.number, `${code}A.`), deps);
    expect(outcome).toEqual({
      kind: 'handled',
      outcome: { kind: 'acknowledged', caseId: ticket.caseId },
      answer: answerText({ kind: 'acknowledged', caseId: ticket.caseId }),
    });
    expect(sms.sent).toEqual([{ number: ANA.number, text: answerText({ kind: 'acknowledged', caseId: ticket.caseId }) }]);
    const after = await reread();
    expect(acks(after)).toEqual([{ type: 'acknowledged', at: table.clock.now(), deadline: STEP, by: ANA.id, via: 'sms' }]);
  });

  it('takes a bare "a" as the latest page to the number', async () => {
    const outcome = await receiveSms(text(ANA.number, 'a'), deps);
    expect(outcome).toMatchObject({ outcome: { kind: 'acknowledged', caseId: ticket.caseId } });
    expect(acks(await reread())).toHaveLength(1);
  });

  it('answers a second ack with who acknowledged first, and changes nothing', async () => {
    await receiveSms(text(ANA.number, `${code}a`), deps);
    const version = (await reread()).version;
    const outcome = await receiveSms(text(ANA.number, `${code}a`), deps);
    expect(outcome).toMatchObject({ outcome: { kind: 'already-acknowledged', caseId: ticket.caseId, by: ANA.name } });
    expect((await reread()).version).toBe(version);
  });

  it('resolves the ticket for an agent', async () => {
    const outcome = await receiveSms(text(ANA.number, `${code}c`), deps);
    expect(outcome).toMatchObject({ outcome: { kind: 'resolved', caseId: ticket.caseId } });
    const after = await reread();
    expect(after.status).toBe('resolved');
    expect(await receiveSms(text(ANA.number, `${code}c`), deps)).toMatchObject({ outcome: { kind: 'already-resolved' } });
    expect(await receiveSms(text(ANA.number, `${code}a`), deps)).toMatchObject({ outcome: { kind: 'already-resolved' } });
    expect((await reread()).version).toBe(after.version);
  });

  it('does not let someone who is not an agent resolve; they may acknowledge', async () => {
    const now = table.clock.now();
    const page = { number: BO.number, caseId: ticket.caseId, deadline: STEP, person: BO.id, sentAt: now, expiresAt: now + CODE_LIFE_MS };
    const boCode = (await deps.replyCodes.allocate(page, now))?.code as number;
    expect(await receiveSms(text(BO.number, `${boCode}c`), deps)).toMatchObject({
      outcome: { kind: 'resolve-not-allowed', caseId: ticket.caseId },
      answer: answerText({ kind: 'resolve-not-allowed', caseId: ticket.caseId }),
    });
    expect((await reread()).version).toBe(ticket.version);
    expect(await receiveSms(text(BO.number, `${boCode}a`), deps)).toMatchObject({ outcome: { kind: 'acknowledged' } });
    expect(acks(await reread())).toMatchObject([{ by: BO.id, via: 'sms' }]);
  });

  it('changes nothing for a code that no open page to the sending number has', async () => {
    // Bo sends Ana's code: it is not his page.
    const wrongSender = await receiveSms(text(BO.number, `${code}a`), deps);
    expect(wrongSender).toEqual({
      kind: 'handled',
      outcome: { kind: 'unknown-code' },
      answer: answerText({ kind: 'unknown-code' }),
    });
    expect(await receiveSms(text(ANA.number, `${code + 1}a`), deps)).toMatchObject({ outcome: { kind: 'unknown-code' } });
    expect(await receiveSms(text(BO.number, 'a'), deps)).toMatchObject({ outcome: { kind: 'unknown-code' } });
    expect(acks(await reread())).toEqual([]);
    expect((await reread()).version).toBe(ticket.version);
  });

  it("does not let a number act for its previous holder: a reassigned number's codes are not the new holder's", async () => {
    const ana = await directory.getPerson(ANA.id);
    const bo = await directory.getPerson(BO.id);
    if (ana === undefined || bo === undefined) throw new Error('no people');
    const now = table.clock.now();
    await directory.putPerson({ ...personOf(ana), sms: [] }, { expectedVersion: ana.version }, now);
    await directory.putPerson(
      { ...personOf(bo), sms: [{ number: ANA.number, state: 'verified', verifiedAt: now }] },
      { expectedVersion: bo.version },
      now,
    );
    for (const body of [`${code}a`, 'a', `${code}c`]) {
      expect(await receiveSms(text(ANA.number, body), deps)).toMatchObject({ outcome: { kind: 'unknown-code' } });
    }
    expect(acks(await reread())).toEqual([]);
    expect((await reread()).status).not.toBe('resolved');
  });

  it('answers errors to a number once per 10 minutes, so an auto-responder cannot trade texts with us; acks still get answers', async () => {
    const outcomes = [];
    for (let i = 0; i < 20; i++) {
      outcomes.push(await receiveSms(text(ANA.number, i % 2 === 0 ? 'I am out of the office until Monday.' : '77a'), deps));
      table.clock.advance(20_000);
    }
    expect(outcomes.filter((o) => o.kind === 'handled' && o.answer !== undefined)).toHaveLength(1);
    expect(sms.sent).toEqual([{ number: ANA.number, text: answerText({ kind: 'not-understood' }) }]);
    expect(await receiveSms(text(ANA.number, 'help'), deps)).toMatchObject({ outcome: { kind: 'help' } });
    expect(await receiveSms(text(ANA.number, `${code}a`), deps)).toMatchObject({
      answer: answerText({ kind: 'acknowledged', caseId: ticket.caseId }),
    });
    // Bo's numbers have their own allowance.
    expect(await receiveSms(text(BO.number, 'ok'), deps)).toMatchObject({ answer: answerText({ kind: 'not-understood' }) });
    table.clock.moveTo(Date.parse('2026-03-02T14:00:00Z') + 20 * 20_000 + 10 * 60_000);
    expect(await receiveSms(text(ANA.number, 'still out'), deps)).toMatchObject({ answer: answerText({ kind: 'not-understood' }) });
  });

  it('answers "again in a minute" to a reply that beats its page onto the ticket, and is done with the message', async () => {
    const unrecorded = await storeUrgentTicket(table);
    const now = table.clock.now();
    const early = await deps.replyCodes.allocate(
      {
        number: ANA.number,
        caseId: unrecorded.caseId,
        deadline: STEP,
        person: ANA.id,
        sentAt: now,
        textedAt: now,
        expiresAt: now + CODE_LIFE_MS,
      },
      now,
    );
    if (early === undefined) throw new Error('no code');
    const message = text(ANA.number, `${early.code}a`, 'early');
    const outcome = await receiveSms(message, deps);
    const tryAgain = answerText({ kind: 'try-again', caseId: unrecorded.caseId });
    expect(outcome).toEqual({ kind: 'handled', outcome: { kind: 'try-again', caseId: unrecorded.caseId }, answer: tryAgain });
    expect(sms.sent).toEqual([{ number: ANA.number, text: tryAgain }]);
    expect(await receiveSms(message, deps)).toEqual({ kind: 'duplicate' });
    expect(((await table.store.getTicket(unrecorded.caseId)) as Ticket).version).toBe(unrecorded.version);
  });

  it('answers nobody outside the directory, whatever they send', async () => {
    for (const body of [`${code}a`, 'a', 'hello', `${code}c`]) {
      expect(await receiveSms(text(STRANGER, body), deps)).toMatchObject({ kind: 'handled', outcome: { kind: 'unknown-code' } });
    }
    expect(sms.sent).toEqual([]);
    expect((await reread()).version).toBe(ticket.version);
  });

  it('answers what it does not understand with a pointer to HELP', async () => {
    expect(await receiveSms(text(ANA.number, 'on my way'), deps)).toMatchObject({ answer: answerText({ kind: 'not-understood' }) });
  });

  it('leaves STOP and HELP to AWS on a number whose opt-outs AWS manages, and mirrors the opt-out', async () => {
    expect(await receiveSms(text(ANA.number, 'Stop'), deps)).toEqual({ kind: 'handled', outcome: { kind: 'stopped' } });
    expect(await receiveSms(text(ANA.number, 'HELP'), deps)).toEqual({ kind: 'handled', outcome: { kind: 'help' } });
    expect(sms.sent).toEqual([]);
    expect((await directory.personByNumber(ANA.number))?.sms[0]).toMatchObject({ state: 'opted-out', optedOutAt: table.clock.now() });
  });

  it('answers STOP and HELP itself on a number with self-managed opt-outs', async () => {
    const own = { ...deps, selfManagedOptOuts: true };
    await receiveSms(text(ANA.number, 'stop'), own);
    await receiveSms(text(ANA.number, 'help'), own);
    expect(sms.sent.map((s) => s.text)).toEqual([answerText({ kind: 'stopped' }), answerText({ kind: 'help' })]);
    expect(optedIn).toEqual([]);
  });

  it('opts a number back in on START, on SNS first, then in the directory, then answers', async () => {
    await receiveSms(text(ANA.number, 'STOP'), deps);
    table.clock.advance(60_000);
    expect(await receiveSms(text(ANA.number, 'start'), deps)).toMatchObject({ outcome: { kind: 'started' } });
    expect(optedIn).toEqual([ANA.number]);
    expect((await directory.personByNumber(ANA.number))?.sms[0]?.state).toBe('verified');
    expect(sms.sent).toEqual([{ number: ANA.number, text: answerText({ kind: 'started' }) }]);
  });

  it('keeps a number opted out when SNS refuses a second opt-in within 30 days', async () => {
    await receiveSms(text(ANA.number, 'STOP'), deps);
    optInAnswer = 'too-soon';
    expect(await receiveSms(text(ANA.number, 'START'), deps)).toEqual({ kind: 'handled', outcome: { kind: 'stopped' } });
    expect((await directory.personByNumber(ANA.number))?.sms[0]?.state).toBe('opted-out');
    expect(sms.sent).toEqual([]);
  });

  it('acts and answers once for a message SNS delivers twice', async () => {
    const message = text(ANA.number, `${code}a`, 'same-id');
    expect(await receiveSms(message, deps)).toMatchObject({ kind: 'handled' });
    expect(await receiveSms(message, deps)).toEqual({ kind: 'duplicate' });
    expect(sms.sent).toHaveLength(1);
    expect(acks(await reread())).toHaveLength(1);
  });

  it('gives the message back when it fails, so the retry handles it', async () => {
    const message = text(ANA.number, 'on my way', 'retried');
    sms.failNext = 1;
    await expect(receiveSms(message, deps)).rejects.toThrow('SNS throttled');
    expect(await receiveSms(message, deps)).toMatchObject({ kind: 'handled', answer: answerText({ kind: 'not-understood' }) });
    expect(sms.sent).toHaveLength(1);
  });

  describe('the handler', () => {
    const logged: Array<{ level: string; message: string }> = [];
    const log = {
      info: (message: string) => logged.push({ level: 'info', message }),
      warn: (message: string) => logged.push({ level: 'warn', message }),
    };
    const handler = () => createSmsInboundHandler(() => deps, log);
    const snsEvent = (message: string) => ({ Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'sns-1', Message: message } }] });
    const inbound = (fields: Record<string, unknown>) =>
      JSON.stringify({
        originationNumber: ANA.number,
        destinationNumber: OUR_NUMBER,
        messageKeyword: 'KEYWORD_123456789012',
        messageBody: `${code}a`,
        inboundMessageId: 'cae173d2-66b9-564c-8309-21f858e9fb84',
        previousPublishedMessageId: 'wJalrXUtnFEMI',
        ...fields,
      });

    it('reads the inbound-SMS JSON End User Messaging publishes', async () => {
      const outcomes = await handler()(snsEvent(inbound({})), {} as never);
      expect(outcomes).toEqual([expect.objectContaining({ kind: 'handled', outcome: { kind: 'acknowledged', caseId: ticket.caseId } })]);
    });

    it('drops, and logs, a text to a number that is not our origination number', async () => {
      logged.length = 0;
      const outcomes = await handler()(snsEvent(inbound({ destinationNumber: '+15550001111' })), {} as never);
      expect(outcomes).toEqual([{ kind: 'dropped', reason: 'destinationNumber: not our origination number' }]);
      expect(logged).toEqual([{ level: 'warn', message: 'not to our number: dropped' }]);
      expect(sms.sent).toEqual([]);
      expect(acks(await reread())).toEqual([]);
    });

    it('logs and drops what is not an inbound SMS, without failing', async () => {
      logged.length = 0;
      const bad = [
        'not json',
        inbound({ originationNumber: '015112345678' }),
        inbound({ inboundMessageId: '' }),
        inbound({ messageBody: 42 }),
        inbound({ messageBody: 'x'.repeat(1601) }),
        JSON.stringify([1, 2]),
      ];
      for (const message of bad) {
        const outcomes = await handler()(snsEvent(message), {} as never);
        expect(outcomes).toEqual([expect.objectContaining({ kind: 'dropped' })]);
      }
      expect(await handler()({ Records: 'nope' }, {} as never)).toEqual([{ kind: 'dropped', reason: 'not an SNS event' }]);
      expect(await handler()(null, {} as never)).toEqual([{ kind: 'dropped', reason: 'not an SNS event' }]);
      expect(logged.filter((l) => l.level === 'warn')).toHaveLength(bad.length + 2);
      expect(sms.sent).toEqual([]);
      expect((await reread()).version).toBe(ticket.version);
    });
  });
});

function personOf(stored: Person & { version: number; updatedAt: number }): Person {
  const { version: _version, updatedAt: _updatedAt, ...person } = stored;
  return person;
}
