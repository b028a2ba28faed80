/**
 * On-call end to end on the local stack (manual clock, fake phones): who gets paged, what a reply
 * does, and — checked at the end of every scenario — that nothing else was sent.
 */

import { afterEach, describe, expect, inject, it } from 'vitest';
import { roleScheduleSchema } from '#shared/oncall/schedule-schema.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type FakePerson, FakePhones } from '../support/fake-phones.ts';
import { freshTable } from '../support/test-table.ts';

const M = 60_000;
const H = 60 * M;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** A KORE premium US organisation on the local stack at `start`, with no staff yet. */
async function stackAt(start: string) {
  const { name: table } = await freshTable('oncall');
  const clock = new LocalClock('manual', Date.parse(start));
  const runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table, clock });
  stop = () => runtime.stop();
  const call = caller(runtime.api);
  await call('POST', '/orgs', { claims: as.admin(), body: { id: 'acme', name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' } });
  const phones = new FakePhones(runtime);
  let n = 0;
  const person = async (id: string, { agent = false } = {}): Promise<FakePerson> => {
    const number = `+491511234${String(5600 + n++)}`;
    const email = `${id}@staff.example`;
    const sms = [{ number, state: 'verified' as const, verifiedAt: clock.now() }];
    await runtime.directory.putPerson({ id, name: id, zone: 'America/New_York', email, agent, sms }, { mustBeNew: true }, clock.now());
    return { id, number, email };
  };
  const schedule = async (role: string, rotation: Record<string, unknown>, overrides: unknown[] = []) => {
    const parsed = roleScheduleSchema().parse({ role, rotation: { zone: 'America/New_York', ...rotation }, overrides });
    await runtime.directory.putSchedule(parsed, { mustBeNew: true }, clock.now());
  };
  const open = async (subject = 'Outage') => {
    const response = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer('acme'),
      body: { subject, description: 'Down', severity: 'urgent' },
    });
    expect(response.status).toBe(201);
    await runtime.settle();
    return response.body.caseId;
  };
  const ticket = async (caseId: number) => (await runtime.store.getTicketWithTimeline(caseId)) ?? expect.fail(`no case ${caseId}`);
  const advance = (ms: number) => runtime.advanceTo(clock.now() + ms);
  return { runtime, clock, call, phones, person, schedule, open, ticket, advance };
}

describe('on-call scenarios on the local stack', () => {
  it('KORE urgent: pages the manager on call by SMS with a code; the reply acknowledges, re-pages stop, the director is still paged at 2 h', async () => {
    const s = await stackAt('2026-03-02T14:00:00Z'); // Monday 09:00 in New York
    const [mia, max, dina] = [await s.person('mia'), await s.person('max'), await s.person('dina')];
    await s.schedule('manager', {
      participants: ['mia', 'max'],
      shift: { length: 1, unit: 'weeks' },
      handoff: '2026-03-02T09:00:00-05:00',
    });
    await s.schedule('director', { participants: ['dina'], shift: { length: 1, unit: 'weeks' }, handoff: '2026-03-02T09:00:00-05:00' });
    const caseId = await s.open();

    const page = s.phones.expectSms(
      mia,
      new RegExp(`^#${caseId} URGENT acme: escalation level 1\\. Outage Reply 1a to ack, 1c to resolve$`),
    );
    expect(page.text.length).toBeLessThanOrEqual(140);
    expect(s.phones.expectEmail(mia, /escalation level 1/).text).toMatch(/\/ack\/[\w-]+\.[\w-]+/);
    s.phones.expectEmail(dina, /escalation level 1/); // told, not paged, at step 1

    await s.advance(3 * M);
    expect(await s.phones.reply(mia, '1a')).toBe(`Acknowledged case ${caseId}; its repeat pages stop.`);
    const { ticket, timeline } = await s.ticket(caseId);
    expect(ticket.events.filter((e) => e.type === 'acknowledged')).toEqual([
      { type: 'acknowledged', at: s.clock.now(), deadline: 'escalation.urgent.1', by: 'mia', via: 'sms' },
    ]);
    expect(timeline.filter((e) => e.type === 'acknowledged').map((e) => e.detail)).toEqual([
      { deadline: 'escalation.urgent.1', by: 'mia', via: 'sms' },
    ]);

    // 14:05, 14:10, 14:15: no re-page to Mia, none to Max (the next manager on call).
    await s.advance(2 * H - 3 * M);
    s.phones.expectEmail(mia, /response overdue/); // the response breach tells the manager by e-mail
    s.phones.expectSms(dina, new RegExp(`^#${caseId} URGENT acme: escalation level 2\\.`));
    s.phones.expectEmail(dina, /escalation level 2/);
    s.phones.expectEmail(mia, /update overdue/);
    s.phones.expectEmail(dina, /update overdue/);
    s.phones.ignoreTopics('tier2', 'vp');
    s.phones.expectNothingElse();
    expect(s.runtime.outbox.items.filter((i) => i.to === max.number || i.to === max.email)).toEqual([]);
  });

  it('hands off at 09:00 New York time across the change to summer time, not at the winter instant', async () => {
    // Daily shifts from Friday 6 March, 09:00 EST (Mia, Max, Mia, Max…); the clocks go forward on Sunday 8 March.
    const s = await stackAt('2026-03-09T12:45:00Z'); // Monday 08:45 EDT: Sunday's shift (Mia) until 09:00 EDT = 13:00Z
    const [mia, max] = [await s.person('mia'), await s.person('max')];
    await s.schedule('manager', { participants: ['mia', 'max'], shift: { length: 1, unit: 'days' }, handoff: '2026-03-06T09:00:00-05:00' });
    const first = await s.open('Before the handoff');
    s.phones.expectSms(mia, new RegExp(`^#${first} .*Reply 1a`));
    s.phones.expectEmail(mia, /escalation level 1/);
    expect(await s.phones.reply(mia, 'a')).toBe(`Acknowledged case ${first}; its repeat pages stop.`);

    await s.advance(30 * M); // 13:15Z = 09:15 EDT: Max's shift (at the winter offset it would still be Mia's until 14:00Z)
    s.phones.expectEmail(max, new RegExp(`#${first}.*response overdue`)); // the response breach tells whoever is manager now
    const second = await s.open('After the handoff');
    s.phones.expectSms(max, new RegExp(`^#${second} .*Reply 1a`));
    s.phones.expectEmail(max, new RegExp(`#${second}.*escalation level 1`));
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.expectNothingElse();
  });

  it('pages the person an override puts on call instead of the rotation’s', async () => {
    const s = await stackAt('2026-03-02T15:00:00Z');
    const [mia, max] = [await s.person('mia'), await s.person('max')];
    await s.schedule('manager', { participants: ['mia'], shift: { length: 1, unit: 'weeks' }, handoff: '2026-03-02T09:00:00-05:00' }, [
      { id: 'dentist', kind: 'replace', from: 'mia', to: 'max', start: '2026-03-02T14:30:00Z', end: '2026-03-02T16:00:00Z' },
    ]);
    const caseId = await s.open();
    s.phones.expectSms(max, new RegExp(`^#${caseId} `));
    s.phones.expectEmail(max, /escalation level 1/);
    expect(await s.phones.reply(max, '1a')).toMatch(/^Acknowledged/);
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.expectNothingElse();
    expect(s.runtime.outbox.items.some((i) => i.to === mia.number || i.to === mia.email)).toBe(false);
  });

  it('re-pages until someone acknowledges, then pages the next manager in the rotation', async () => {
    const s = await stackAt('2026-03-02T14:00:00Z');
    const [mia, max] = [await s.person('mia'), await s.person('max')];
    await s.schedule('manager', {
      participants: ['mia', 'max'],
      shift: { length: 1, unit: 'weeks' },
      handoff: '2026-03-02T09:00:00-05:00',
    });
    const caseId = await s.open();
    s.phones.expectSms(mia, /escalation level 1\. Outage Reply 1a/);
    s.phones.expectEmail(mia, /escalation level 1/);
    await s.advance(5 * M);
    s.phones.expectSms(mia, /escalation level 1 not acknowledged/); // the first re-page: the throttle lets one through per 30 s
    s.phones.expectEmail(mia, /escalation level 1 not acknowledged/);
    await s.advance(5 * M);
    s.phones.expectSms(mia, /escalation level 1 not acknowledged/);
    s.phones.expectEmail(mia, /escalation level 1 not acknowledged/);
    await s.advance(5 * M); // 14:15: nobody answered — the next manager in the rotation is paged
    const next = s.phones.expectSms(max, new RegExp(`^#${caseId} .*not acknowledged.*Reply 1a`));
    s.phones.expectEmail(max, /escalation level 1 not acknowledged/);
    s.phones.expectEmail(mia, /response overdue/);
    expect(await s.phones.reply(max, '1a')).toBe(`Acknowledged case ${caseId}; its repeat pages stop.`);
    expect(next.person).toBe('max');
    await s.advance(H);
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.expectNothingElse();
  });

  it('after STOP, pages that number by e-mail only, and the timeline says why', async () => {
    const s = await stackAt('2026-03-02T14:00:00Z');
    const mia = await s.person('mia');
    await s.schedule('manager', { participants: ['mia'], shift: { length: 1, unit: 'weeks' }, handoff: '2026-03-02T09:00:00-05:00' });
    await s.phones.reply(mia, 'STOP'); // AWS answers STOP itself on a number whose opt-outs it manages
    expect((await s.runtime.directory.getPerson('mia'))?.sms[0]?.state).toBe('opted-out');
    const caseId = await s.open();
    s.phones.expectEmail(mia, /escalation level 1/);
    const { timeline } = await s.ticket(caseId);
    expect(timeline.filter((e) => e.type === 'notified' && e.detail?.person === 'mia').map((e) => e.detail)).toEqual([
      expect.objectContaining({ channel: 'sms', to: mia.number, skipped: 'opted out' }),
      expect.objectContaining({ channel: 'email', to: mia.email }),
    ]);
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.expectNothingElse();
  });

  it('bundles a burst of 20 breaches into at most 2 SMS per person in the first minute, the rest in the next', async () => {
    const s = await stackAt('2026-03-02T14:00:00Z');
    const mia = await s.person('mia');
    await s.schedule('manager', { participants: ['mia'], shift: { length: 1, unit: 'weeks' }, handoff: '2026-03-02T09:00:00-05:00' });
    const cases: number[] = [];
    for (let i = 0; i < 20; i++) cases.push(await s.open(`Outage ${i + 1}`));
    const toMia = () => s.runtime.outbox.items.filter((i) => i.channel === 'sms' && i.to === mia.number);
    await s.advance(59_000);
    expect(toMia().length).toBeLessThanOrEqual(2);
    await s.advance(60_000); // the third SMS may go at 14:01:00 (one per 30 s, ten an hour)
    const sms = toMia();
    expect(sms).toHaveLength(3);
    const named = sms.flatMap((i) => [...i.text.matchAll(/\b\d{5}\b/g)].map((m) => Number(m[0])));
    expect(named.sort()).toEqual(cases); // each case in exactly one SMS
    expect(sms[1]?.text).toMatch(/^SLA pages: cases 10002, 10003, .* and \d+ more\. Ack links are in your e-mail\.$/);
    for (const caseId of cases) s.phones.expectEmail(mia, new RegExp(`#${caseId}.*escalation level 1`));
    for (const _ of sms) s.phones.expectSms(mia, /\d{5}/);
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.expectNothingElse();
  });

  it('ignores a reply with someone else’s code from another number, and answers it politely', async () => {
    const s = await stackAt('2026-03-02T14:00:00Z');
    const [mia, max] = [await s.person('mia'), await s.person('max')];
    await s.schedule('manager', {
      participants: ['mia', 'max'],
      shift: { length: 1, unit: 'weeks' },
      handoff: '2026-03-02T09:00:00-05:00',
    });
    const caseId = await s.open();
    s.phones.expectSms(mia, /Reply 1a/);
    s.phones.expectEmail(mia, /escalation level 1/);
    expect(await s.phones.reply(max, '1a')).toBe('Sorry, that code matches no open page sent to this number. Reply HELP for the codes.');
    expect((await s.ticket(caseId)).ticket.events.some((e) => e.type === 'acknowledged')).toBe(false);
    await s.advance(5 * M);
    s.phones.expectSms(mia, /not acknowledged/); // still unacknowledged: the re-page goes out
    s.phones.expectEmail(mia, /not acknowledged/);
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.expectNothingElse();
  });

  it('resolves by SMS for an agent (and nothing more is sent), refuses it for someone who is not one', async () => {
    const s = await stackAt('2026-03-02T14:00:00Z');
    const [mia, max] = [await s.person('mia', { agent: true }), await s.person('max')];
    await s.schedule('manager', { participants: ['max'], shift: { length: 1, unit: 'weeks' }, handoff: '2026-03-02T09:00:00-05:00' });
    await s.schedule('director', { participants: ['mia'], shift: { length: 1, unit: 'weeks' }, handoff: '2026-03-02T09:00:00-05:00' });
    const caseId = await s.open();
    s.phones.expectSms(max, /Reply 1a to ack, 1c to resolve/);
    s.phones.expectEmail(max, /escalation level 1/);
    s.phones.expectEmail(mia, /escalation level 1/);
    expect(await s.phones.reply(max, '1c')).toBe(
      `Sorry, only agents can resolve case ${caseId} by SMS. Reply with its a code to ack it instead.`,
    );
    expect((await s.ticket(caseId)).ticket.status).toBe('open');
    expect(await s.phones.reply(max, '1a')).toMatch(/^Acknowledged/);
    await s.advance(2 * H); // the director (Mia, an agent) is paged at 2 h
    s.phones.expectEmail(max, /response overdue/);
    s.phones.expectSms(mia, new RegExp(`^#${caseId} .*escalation level 2.*Reply 1a to ack, 1c to resolve`));
    s.phones.expectEmail(mia, /escalation level 2/);
    s.phones.expectEmail(max, /update overdue/);
    s.phones.expectEmail(mia, /update overdue/);
    expect(await s.phones.reply(mia, '1c')).toBe(`Resolved case ${caseId}.`);
    expect((await s.ticket(caseId)).ticket.status).toBe('resolved');
    const before = s.runtime.outbox.items.length;
    await s.advance(6 * H);
    expect(s.runtime.outbox.items.slice(before).filter((i) => i.to !== undefined)).toEqual([]);
    s.phones.ignoreTopics('tier2', 'director', 'vp');
    s.phones.ignoreRequesterMail();
    s.phones.expectNothingElse();
  });
});
