/** The API handler with the staff directory on a fresh test table, a manual clock and a phone that keeps every SMS. */

import type { SmsSender } from '#shared/oncall/ports.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { createApiHandler } from '../../functions/api/handler.ts';
import { as, caller } from '../support/api-events.ts';
import { testTable } from '../support/test-table.ts';

/** Keeps each text the API sends, so a test can read a code back as the phone's owner would. */
export class RecordedSms implements SmsSender {
  readonly sent: Array<{ number: string; text: string }> = [];
  async send(number: string, text: string): Promise<void> {
    this.sent.push({ number, text });
  }
  /** The code in the last text to `number`. */
  lastCode(number: string): string {
    const text = this.sent.filter((sms) => sms.number === number).at(-1)?.text;
    const code = text === undefined ? undefined : /\b(\d{6})\b/.exec(text)?.[1];
    if (code === undefined) throw new Error(`no code was texted to ${number}`);
    return code;
  }
}

export async function onCallHarness(startAt?: string) {
  const table = await testTable(startAt);
  const directory = new DynamoDirectory({ client: table.documents, table: table.name, clock: table.clock.now });
  const sms = new RecordedSms();
  const handler = createApiHandler(() => ({
    policies: PRESET_CATALOG,
    store: table.store,
    now: table.clock.now,
    directory,
    sms,
    oncallKeys: async () => ({ ackLinkKeys: [new Uint8Array(32).fill(8)], verificationKey: new Uint8Array(32).fill(7) }),
  }));
  const call = caller(handler);
  /** Adds people as an admin would (each a mobile number of its own unless given). */
  const addPeople = async (...people: Array<Record<string, unknown>>) => {
    for (const person of people) {
      const response = await call('POST', '/people', { claims: as.admin(), body: person });
      if (response.status !== 201) throw new Error(`could not add ${String(person.id)}: ${JSON.stringify(response.body)}`);
    }
  };
  return { ...table, directory, sms, handler, call, addPeople };
}

/** A person as an administrator sends them: `+49151000000<n>` is a German mobile number. */
export const staff = (id: string, n: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: id
    .split('-')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' '),
  zone: 'Europe/Berlin',
  email: `${id}@staff.example`,
  sms: [{ number: `+49151000000${String(n).padStart(2, '0')}` }],
  ...extra,
});
