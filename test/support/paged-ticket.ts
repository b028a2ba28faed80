/**
 * A ticket whose first escalation step has paged the KORE manager on call, with the people
 * involved in the directory: what a reply or an ack link answers. Ana is an agent; Bo is not.
 */

import type { Person } from '#shared/oncall/people.ts';
import type { SmsSender } from '#shared/oncall/ports.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { DynamoReplyCodes } from '../../functions/adapters/dynamo/reply-codes.ts';
import type { TestTable } from './test-table.ts';
import { storeUrgentTicket } from './urgent-ticket.ts';

export const ANA = { id: 'ana-lima', name: 'Ana Lima', number: '+4915112345678', email: 'ana@acme.test' } as const;
export const BO = { id: 'bo-berg', name: 'Bo Berg', number: '+4915198765432', email: 'bo@acme.test' } as const;
export const STEP = 'escalation.urgent.1';
/** How long a page's reply code stays live in these tests. */
export const CODE_LIFE_MS = 24 * 60 * 60_000;

/** The texts sent, by number. */
export class RecordedSms implements SmsSender {
  readonly sent: Array<{ number: string; text: string }> = [];
  failNext = 0;
  async send(number: string, text: string): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('SNS throttled');
    }
    this.sent.push({ number, text });
  }
}

function person(who: typeof ANA | typeof BO, agent: boolean): Person {
  return {
    id: who.id,
    name: who.name,
    zone: 'Europe/Berlin',
    email: who.email,
    agent,
    sms: [{ number: who.number, state: 'verified', verifiedAt: 0 }],
  };
}

/** Stores Ana (agent) and Bo, an urgent ticket, and the page of its first step to `paged` by SMS with a reply code. */
export async function pagedTicket(table: TestTable, paged: typeof ANA | typeof BO = ANA) {
  const tableContext = { client: table.documents, table: table.name, clock: table.clock.now };
  const directory = new DynamoDirectory(tableContext);
  const replyCodes = new DynamoReplyCodes(tableContext);
  const now = table.clock.now();
  await directory.putPerson(person(ANA, true), { mustBeNew: true }, now);
  await directory.putPerson(person(BO, false), { mustBeNew: true }, now);
  const opened = await storeUrgentTicket(table);
  const step = opened.deadlines.find((d) => d.id === STEP);
  if (step === undefined) throw new Error(`no ${STEP}`);
  const notified = recordNotified(
    opened,
    loadPreset('kore'),
    step,
    [{ role: 'manager', person: paged.id, channel: 'sms', to: paged.number }],
    now,
  );
  await table.store.saveTicket(notified, opened.version);
  const code = await replyCodes.allocate(
    {
      number: paged.number,
      caseId: opened.caseId,
      deadline: STEP,
      person: paged.id,
      sentAt: now,
      textedAt: now,
      expiresAt: now + CODE_LIFE_MS,
    },
    now,
  );
  if (code === undefined) throw new Error('no reply code');
  const ticket = (await table.store.getTicket(opened.caseId)) as Ticket;
  return { tableContext, directory, replyCodes, ticket, code: code.code };
}
