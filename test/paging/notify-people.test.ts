import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAckLink } from '#shared/oncall/ack-link.ts';
import type { Notice } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { isSafeSms } from '#shared/sla/sms-text.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { DeliveryHeld, type NotifyDeps, performDeadline } from '../../functions/notify/notify.ts';
import { peopleOnCall } from '../../functions/notify/page-people.ts';
import { storeCorruptSchedule } from '../support/corrupt-schedule.ts';
import { ACK_KEY, dailyRotation, type PeopleFixture, person, withPeople } from '../support/people-paging.ts';
import type { TestTable } from '../support/test-table.ts';
import { storeUrgentTicket, urgentPaging } from '../support/urgent-ticket.ts';

class RecordingPager implements Pager {
  readonly sent: Notice[] = [];
  async publish(notice: Notice) {
    this.sent.push(notice);
  }
}

const ANA = '+4915112345678';
const ANA_2 = '+4915112345679';

describe('notify pages the people on call', () => {
  let table: TestTable, pager: RecordingPager, deps: NotifyDeps, ticket: Ticket, f: PeopleFixture;
  beforeEach(async () => {
    let base: NotifyDeps;
    ({ table, pager, deps: base, ticket } = await urgentPaging(new RecordingPager(), 'move-clock'));
    f = withPeople(table, base);
    deps = f.deps;
  });

  const run = (deadlineId = 'escalation.urgent.1', using = deps) =>
    performDeadline({ caseId: ticket.caseId, deadlineId, due: table.clock.now(), version: ticket.version }, using);
  const notifiedDetails = async () =>
    (await table.store.getTicketWithTimeline(ticket.caseId))?.timeline.filter((e) => e.type === 'notified').map((e) => e.detail) ?? [];
  const onCall = async (role: string, ...people: ReturnType<typeof person>[]) => {
    for (const p of people) await f.directory.putPerson(p, { mustBeNew: true }, table.clock.now());
    await f.directory.putSchedule(
      dailyRotation(
        role,
        people.map((p) => p.id),
      ),
      { mustBeNew: true },
      table.clock.now(),
    );
  };

  it('texts the manager on call with a reply code and e-mails them the signed ack link; the others on call get e-mail only', async () => {
    await onCall('manager', person('ana', [ANA]));
    await onCall('director', person('dan', ['+4915112345670']));
    expect(await run()).toBe('delivered');
    expect(f.sms.sent).toEqual([{ number: ANA, text: expect.stringMatching(/ Reply 1a to ack, 1c to resolve$/), at: table.clock.now() }]);
    expect(isSafeSms(f.sms.sent[0]?.text ?? '')).toBe(true);
    expect(f.mail.sent.map((m) => m.to)).toEqual(['ana@kore.example', 'dan@kore.example']);
    const link = /https:\/\/console\.example\/ack\/(\S+)/.exec(f.mail.sent[0]?.text ?? '')?.[1] ?? '';
    expect(verifyAckLink(link, [ACK_KEY], table.clock.now())).toMatchObject({
      ok: true,
      link: { caseId: ticket.caseId, deadlineId: 'escalation.urgent.1', personId: 'ana' },
    });
    expect(f.mail.sent[0]?.text).toContain('reply 1a');
    // The vp has no schedule: the vp's topic, as before, and the timeline says nobody was on call.
    expect(pager.sent.map((n) => n.role)).toEqual(['vp']);
    expect(await notifiedDetails()).toEqual([
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'sms', to: ANA },
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'email', to: 'ana@kore.example' },
      { deadline: 'escalation.urgent.1', role: 'director', person: 'dan', channel: 'email', to: 'dan@kore.example' },
      { deadline: 'escalation.urgent.1', role: 'vp', nobody: 'true', channels: 'email' },
    ]);
  });

  it('names skipped numbers on the timeline and falls through to the other methods', async () => {
    await onCall(
      'manager',
      person('ana', [], {
        sms: [
          { number: ANA, state: 'opted-out', verifiedAt: 1, optedOutAt: 2 },
          { number: ANA_2, state: 'unverified' },
        ],
      }),
    );
    expect(await run()).toBe('delivered');
    expect(f.sms.sent).toEqual([]);
    expect(f.mail.sent.map((m) => m.to)).toEqual(['ana@kore.example']);
    expect((await notifiedDetails()).filter((d) => d?.role === 'manager')).toEqual([
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'sms', to: ANA, skipped: 'opted out' },
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'sms', to: ANA_2, skipped: 'unverified' },
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'email', to: 'ana@kore.example' },
    ]);
  });

  it('sends each (person, channel) once when a run fails half way and Lambda retries it', async () => {
    await onCall('manager', person('ana', [ANA]));
    const failingMail: NotifyDeps = {
      ...deps,
      people: {
        ...(deps.people as NonNullable<NotifyDeps['people']>),
        mailer: {
          send: async () => {
            throw new Error('SES throttled');
          },
        },
      },
    };
    await expect(run('escalation.urgent.1', failingMail)).rejects.toThrow('SES throttled');
    expect(f.sms.sent).toHaveLength(1);
    expect(await run()).toBe('delivered');
    expect(f.sms.sent).toHaveLength(1); // the SMS is not sent again; its reply code is the same
    expect(f.mail.sent.map((m) => m.to)).toEqual(['ana@kore.example']);
    expect(await run()).toBe('not-pending');
  });

  it('lets only one of two concurrent runs send to a person', async () => {
    await onCall('manager', person('ana', [ANA]));
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let arrived: () => void = () => {};
    const atGate = new Promise<void>((resolve) => (arrived = resolve));
    const slowSms: NotifyDeps = {
      ...deps,
      people: {
        ...(deps.people as NonNullable<NotifyDeps['people']>),
        sms: {
          send: async (number, text) => {
            arrived();
            await gate;
            await f.sms.send(number, text);
          },
        },
      },
    };
    const first = run('escalation.urgent.1', slowSms);
    await atGate;
    await expect(run()).rejects.toBeInstanceOf(DeliveryHeld);
    open();
    expect(await first).toBe('delivered');
    expect(f.sms.sent).toHaveLength(1);
    expect(f.mail.sent.filter((m) => m.to === 'ana@kore.example')).toHaveLength(1);
  });

  it('does not page people for a role whose topic got the deadline before the upgrade (a record of the old shape)', async () => {
    await onCall('manager', person('ana', [ANA]));
    await table.documents.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...keys.delivery(ticket.caseId, 'escalation.urgent.1', 'manager'),
          itemType: 'delivery',
          state: 'sent',
          claimedAt: 1,
          sentAt: 2,
        },
      }),
    );
    expect(await run()).toBe('delivered');
    expect(f.sms.sent).toEqual([]);
    expect(f.mail.sent.filter((m) => m.to === 'ana@kore.example')).toEqual([]);
    expect(pager.sent.map((n) => n.role)).toEqual(['director', 'vp']);
    expect((await notifiedDetails())[0]).toEqual({ deadline: 'escalation.urgent.1', role: 'manager', channels: 'sms,email' });
  });

  it('carries the ack link in the SMS too with SMS_ACK_LINKS', async () => {
    const withLinks = withPeople(table, { ...deps, people: undefined }, { smsAckLinks: true });
    await withLinks.directory.putPerson(person('ana', [ANA]), { mustBeNew: true }, table.clock.now());
    await withLinks.directory.putSchedule(dailyRotation('manager', ['ana']), { mustBeNew: true }, table.clock.now());
    expect(await run('escalation.urgent.1', withLinks.deps)).toBe('delivered');
    expect(withLinks.sms.sent[0]?.text).toMatch(/Reply 1a to ack, 1c to resolve https:\/\/console\.example\/ack\/\S+$/);
  });

  it('tries every channel, person and role when one SMS fails, then fails the run; the retry sends only that SMS', async () => {
    await onCall('manager', person('ana', [ANA]));
    await onCall('director', person('dan', []));
    f.sms.failNext = 1;
    await expect(run()).rejects.toThrow('SNS throttled');
    expect(f.mail.sent.map((m) => m.to)).toEqual(['ana@kore.example', 'dan@kore.example']);
    expect(pager.sent.map((n) => n.role)).toEqual(['vp']);
    expect(await notifiedDetails()).toEqual([]);

    expect(await run()).toBe('delivered'); // Lambda's retry
    expect(f.sms.sent.map((sms) => sms.number)).toEqual([ANA]);
    expect(f.mail.sent).toHaveLength(2);
    expect(pager.sent).toHaveLength(1);
    expect((await notifiedDetails()).map((d) => `${d?.role} ${d?.channel ?? d?.channels}`)).toEqual([
      'manager sms',
      'manager email',
      'director email',
      'vp email',
    ]);
  });

  it('does not text a number whose reply code could not be allocated; the retry texts it with its code', async () => {
    await onCall('manager', person('ana', [ANA]));
    let fail = true;
    const real = f.people.replyCodes;
    // The store's other methods as they are (a class: its methods live on the prototype), allocate failing first.
    const replyCodes: typeof real = Object.assign(Object.create(real), {
      allocate: (...args: Parameters<typeof real.allocate>) => {
        if (fail) return Promise.reject(new Error('reply-code item conflict'));
        return real.allocate(...args);
      },
    });
    const flaky = { ...deps, people: { ...f.people, replyCodes } };
    await expect(run('escalation.urgent.1', flaky)).rejects.toThrow('reply-code item conflict');
    expect(f.mail.sent.map((m) => m.to)).toEqual(['ana@kore.example']);
    expect(f.sms.sent).toEqual([]);
    fail = false;
    expect(await run('escalation.urgent.1', flaky)).toBe('delivered');
    expect(f.sms.sent.map((sms) => sms.text)).toEqual([expect.stringMatching(/ Reply 1a to ack, 1c to resolve$/)]);
    expect(f.mail.sent).toHaveLength(1);
  });

  it('reads the ack-link keys only for a page that signs a link; unreadable, the e-mail goes out without it', async () => {
    const warnings: string[] = [];
    let reads = 0;
    const broken = {
      ...f.people,
      ackLinkKeys: async () => {
        reads++;
        throw new Error('secrets extension unreachable');
      },
      warn: (message: string) => warnings.push(message),
    };
    // Nobody on call anywhere: topic pages only, the secret is never read.
    expect(await run('escalation.urgent.1', { ...deps, people: broken })).toBe('delivered');
    expect(reads).toBe(0);

    await onCall('manager', person('dan', [ANA]));
    const second = await storeUrgentTicket(table);
    const invocation = { caseId: second.caseId, deadlineId: 'escalation.urgent.1', due: table.clock.now(), version: second.version };
    expect(await performDeadline(invocation, { ...deps, people: broken })).toBe('delivered');
    expect(f.sms.sent.map((sms) => sms.number)).toEqual([ANA]);
    const mail = f.mail.sent.find((m) => m.to === 'dan@kore.example')?.text ?? '';
    expect(mail).toContain('Acknowledge by SMS reply or in the console.');
    expect(mail).not.toContain('/ack/');
    expect(reads).toBe(1);
    expect(warnings).toEqual(['ack-link keys unreadable: the page goes out without its link']);
  });

  it("pages a role's topic when its stored schedule fails the schema, and says so; the other roles still reach their people", async () => {
    await onCall('director', person('dan', []));
    await f.directory.putPerson(person('ana', []), { mustBeNew: true }, table.clock.now());
    await storeCorruptSchedule(table, 'manager', { from: 'ana', to: 'dan', day: Date.parse('2026-03-02T00:00:00Z') });
    const warnings: string[] = [];
    expect(await run('escalation.urgent.1', { ...deps, people: { ...f.people, warn: (message) => warnings.push(message) } })).toBe(
      'delivered',
    );
    expect(pager.sent.map((n) => n.role)).toEqual(['manager', 'vp']);
    expect(f.mail.sent.map((m) => m.to)).toEqual(['dan@kore.example']);
    expect(await notifiedDetails()).toContainEqual({
      deadline: 'escalation.urgent.1',
      role: 'manager',
      nobody: 'true',
      schedule: 'unreadable',
      channels: 'sms,email',
    });
    expect(warnings).toEqual(['stored schedule fails its schema: the role is paged on its topic']);
  });

  it('pages the next person in the rotation for the page after the last unacknowledged re-page', async () => {
    // Daily shifts from 1 March: on Monday 2 March (shift 1) ben is on call, cy takes over next.
    await onCall('manager', person('ana', []), person('ben', []), person('cy', []));
    const now = table.clock.now();
    const ids = (found: { onCall: Map<string, { id: string }[]> }) => found.onCall.get('manager')?.map((p) => p.id);
    expect(ids(await peopleOnCall(f.people, ['manager'], {}, now))).toEqual(['ben']);
    expect(ids(await peopleOnCall(f.people, ['manager'], { escalateTo: 'next-in-rotation' }, now))).toEqual(['cy']);
    expect((await peopleOnCall(f.people, ['vp'], { escalateTo: 'next-in-rotation' }, now)).onCall.has('vp')).toBe(false);
  });
});
