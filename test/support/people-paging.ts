/** Notify's dependencies for pages to people, over the test table: the real directory, reply codes and throttle; SMS, mail and flush schedules recorded. */

import type { OutboundMail } from '#shared/email/ports.ts';
import type { Person } from '#shared/oncall/people.ts';
import type { SmsSender } from '#shared/oncall/ports.ts';
import { roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { DynamoReplyCodes } from '../../functions/adapters/dynamo/reply-codes.ts';
import { DynamoSmsThrottle } from '../../functions/adapters/dynamo/sms-throttle.ts';
import type { NotifyDeps } from '../../functions/notify/notify.ts';
import type { PeoplePaging } from '../../functions/notify/page-people.ts';
import type { SmsFlushScheduler } from '../../functions/notify/sms-pages.ts';
import type { TestTable } from './test-table.ts';

export class RecordingSms implements SmsSender {
  readonly sent: { number: string; text: string; at: number }[] = [];
  failNext = 0;
  constructor(private readonly now: () => number) {}
  async send(number: string, text: string) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('SNS throttled');
    }
    this.sent.push({ number, text, at: this.now() });
  }
}

export class RecordingMailer {
  readonly sent: OutboundMail[] = [];
  async send(mail: OutboundMail) {
    this.sent.push(mail);
  }
}

export class RecordingFlushes implements SmsFlushScheduler {
  readonly scheduled: { number: string; at: number }[] = [];
  async scheduleSmsFlush(number: string, at: number) {
    if (!this.scheduled.some((s) => s.number === number && s.at === at)) this.scheduled.push({ number, at });
  }
}

export const ACK_KEY = new Uint8Array(32).fill(7);

export interface PeopleFixture {
  readonly deps: NotifyDeps;
  readonly people: PeoplePaging;
  readonly directory: DynamoDirectory;
  readonly sms: RecordingSms;
  readonly mail: RecordingMailer;
  readonly flushes: RecordingFlushes;
}

/** `deps` with pages to people, the directory empty until the test adds people and schedules. */
export function withPeople(table: TestTable, deps: NotifyDeps, options: { smsAckLinks?: boolean } = {}): PeopleFixture {
  const at = { client: table.documents, table: table.name, clock: table.clock.now };
  const directory = new DynamoDirectory(at);
  const sms = new RecordingSms(table.clock.now);
  const mail = new RecordingMailer();
  const flushes = new RecordingFlushes();
  const people: PeoplePaging = {
    directory,
    replyCodes: new DynamoReplyCodes(at),
    throttle: new DynamoSmsThrottle(at),
    flushes,
    sms,
    mailer: mail,
    ackLinkKeys: async () => [ACK_KEY],
    consoleUrl: 'https://console.example',
    smsAckLinks: options.smsAckLinks ?? false,
  };
  return { deps: { ...deps, people }, people, directory, sms, mail, flushes };
}

/** A person with verified numbers (or as given). */
export function person(id: string, numbers: readonly string[], overrides: Partial<Person> = {}): Person {
  return {
    id,
    name: id,
    zone: 'Europe/Berlin',
    email: `${id}@kore.example`,
    agent: false,
    sms: numbers.map((number) => ({ number, state: 'verified', verifiedAt: 1 })),
    ...overrides,
  };
}

/** A role whose rotation has these participants, one-day shifts from 2026-03-01 00:00 UTC. */
export function dailyRotation(role: string, participants: readonly string[]) {
  return roleScheduleSchema().parse({
    role,
    rotation: { participants, shift: { length: 1, unit: 'days' }, handoff: '2026-03-01T00:00:00Z', zone: 'UTC' },
  });
}
