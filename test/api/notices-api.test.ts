/**
 * Change-management notices on the local stack: the API, the reminder's one-shot schedule on the
 * Scheduler stand-in, the contracts function it fires and the mail outbox sent by outbound-mail,
 * all on one manual clock.
 */

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { parseEvents } from '../support/ical-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const NOW = Date.parse('2027-03-01T10:00:00Z');
const iso = (at: number) => new Date(at).toISOString();
const ORGS = [
  {
    id: 'acme-us',
    name: 'ACME US',
    policy: 'kore',
    tier: 'diamond',
    region: 'us',
    contacts: ['ops@acme.example'],
    emailDomains: ['acme.example'],
  },
  { id: 'acme-nl', name: 'ACME NL', policy: 'kore', tier: 'basic', region: 'nl', contacts: ['noc@acme.nl'] },
  { id: 'beta-netcor', name: 'Beta', policy: 'netcor', tier: 'standard', contacts: ['it@beta.example'] },
];
const agent = as.agent();

interface NoticeBody {
  id: string;
  state: string;
  kind: string;
  start: string;
  orgs?: string[];
  changes: Array<{ what: string; by?: string }>;
  version: number;
}

describe('notices on the local stack', () => {
  let table: TestTable, runtime: LocalRuntime, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    table = await testTable(iso(NOW));
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    call = caller(runtime.api);
    for (const org of ORGS) expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
  });
  afterEach(() => runtime.stop());

  const mails = () => runtime.outbox.items.filter((item) => item.channel === 'email');
  const publish = (body: Record<string, unknown>) =>
    call<NoticeBody>('POST', '/notices', {
      claims: agent,
      body: { title: 'Core router upgrade', body: 'SMS may pause for 10 minutes.', kind: 'planned', ...body },
    });
  const window = (start: number) => ({ start: iso(start), end: iso(start + 2 * HOUR_MS) });

  it('refuses a KORE planned notice 3 days ahead naming the earliest start; 6 days ahead mails the affected and reminds them 24 h before', async () => {
    const refused = await publish(window(NOW + 3 * DAY_MS));
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body).toMatchObject({ errors: [{ path: 'start', message: `earliest allowed start: ${iso(NOW + 5 * DAY_MS)}` }] });
    expect(runtime.pendingSchedules).toBe(0);

    const start = NOW + 6 * DAY_MS;
    const accepted = await publish(window(start));
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ state: 'published', kind: 'planned', start: iso(start) });
    await runtime.settle();
    // KORE's orgs are told, each in its own zone; NETCOR's contract has no notices.
    const told = () => mails().map((mail) => [mail.to, mail.subject]);
    expect(told().sort()).toEqual([
      ['noc@acme.nl', '[Planned maintenance] Scheduled: Core router upgrade'],
      ['ops@acme.example', '[Planned maintenance] Scheduled: Core router upgrade'],
    ]);
    expect(mails().find((mail) => mail.to === 'ops@acme.example')?.text).toContain('(America/New_York)');
    expect(mails().find((mail) => mail.to === 'noc@acme.nl')?.text).toContain('(Europe/Amsterdam)');
    expect(runtime.pendingSchedules).toBe(1);

    await runtime.advanceTo(start - DAY_MS - 1000);
    expect(mails()).toHaveLength(2);
    await runtime.advanceTo(start - DAY_MS + 1000);
    expect(told().slice(2).sort()).toEqual([
      ['noc@acme.nl', '[Planned maintenance] Reminder: Core router upgrade'],
      ['ops@acme.example', '[Planned maintenance] Reminder: Core router upgrade'],
    ]);
    expect(
      mails()
        .slice(2)
        .map((mail) => mail.at),
    ).toEqual([iso(start - DAY_MS), iso(start - DAY_MS)]);
    // Fired once, deleted after (ActionAfterCompletion DELETE).
    expect(runtime.pendingSchedules).toBe(0);
  });

  it('a reschedule re-checks the lead time and re-notifies; the reminder follows the new start, the old one is gone', async () => {
    const start = NOW + 6 * DAY_MS;
    const { body: notice } = await publish({ ...window(start), orgs: ['acme-us'] });
    await runtime.settle();
    const tooSoon = await call('PATCH', `/notices/${notice.id}`, { claims: agent, body: window(NOW + 2 * DAY_MS) });
    expect(tooSoon.status).toBe(422);
    const moved = await call<NoticeBody>('PATCH', `/notices/${notice.id}`, { claims: agent, body: window(start + 2 * DAY_MS) });
    expect(moved.status).toBe(200);
    expect(moved.body.changes.map((change) => change.what)).toEqual(['published', 'rescheduled']);
    await runtime.settle();
    expect(mails().map((mail) => mail.subject)).toEqual([
      '[Planned maintenance] Scheduled: Core router upgrade',
      '[Planned maintenance] Rescheduled: Core router upgrade',
    ]);
    expect(mails()[1]?.text).toContain('Before, it was planned for:');
    expect(runtime.pendingSchedules).toBe(1);
    await runtime.advanceTo(start + 3 * DAY_MS);
    expect(mails().map((mail) => mail.subject)).toEqual([
      '[Planned maintenance] Scheduled: Core router upgrade',
      '[Planned maintenance] Rescheduled: Core router upgrade',
      '[Planned maintenance] Reminder: Core router upgrade',
    ]);
    expect(runtime.outbox.items.at(-1)?.at).toBe(iso(start + DAY_MS));
  });

  it('a cancellation re-notifies and no reminder follows', async () => {
    const start = NOW + 6 * DAY_MS;
    const { body: notice } = await publish({ ...window(start), regions: ['nl'] });
    const cancelled = await call<NoticeBody>('PATCH', `/notices/${notice.id}`, { claims: agent, body: { state: 'cancelled' } });
    expect(cancelled.body.state).toBe('cancelled');
    await runtime.advanceTo(start + DAY_MS);
    expect(mails().map((mail) => [mail.to, mail.subject])).toEqual([
      ['noc@acme.nl', '[Planned maintenance] Scheduled: Core router upgrade'],
      ['noc@acme.nl', '[Planned maintenance] Cancelled: Core router upgrade'],
    ]);
    expect((await call('PATCH', `/notices/${notice.id}`, { claims: agent, body: { state: 'cancelled' } })).status).toBe(409);
  });

  it('accepts an emergency inside the lead time, marked, with no reminder when it starts within the day', async () => {
    const emergency = await publish({ ...window(NOW + 2 * HOUR_MS), kind: 'emergency', orgs: ['acme-us'] });
    expect(emergency.status).toBe(201);
    expect(emergency.body.kind).toBe('emergency');
    await runtime.settle();
    expect(mails().map((mail) => mail.subject)).toEqual(['[Emergency maintenance] Scheduled: Core router upgrade']);
    expect(mails()[0]?.text).toContain('emergency maintenance');
    expect(runtime.pendingSchedules).toBe(0);
  });

  it('refuses bad input with the field’s path, and writes nothing', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ ...window(NOW + 6 * DAY_MS), title: 'two\nlines' }, 400, 'title'],
      [{ ...window(NOW + 6 * DAY_MS), title: 'two\u2028lines' }, 400, 'title'],
      [{ ...window(NOW + 6 * DAY_MS), title: 'two\u2029paragraphs' }, 400, 'title'],
      [{ ...window(NOW + 6 * DAY_MS), title: 'next\u0085line' }, 400, 'title'],
      // An empty list is not "everyone" (absent is): refused, naming the field.
      [{ ...window(NOW + 6 * DAY_MS), orgs: [] }, 400, 'orgs'],
      [{ ...window(NOW + 6 * DAY_MS), regions: [] }, 400, 'regions'],
      [{ ...window(NOW + 6 * DAY_MS), title: 'x'.repeat(201) }, 400, 'title'],
      [{ ...window(NOW + 6 * DAY_MS), body: 'x'.repeat(5001) }, 400, 'body'],
      [{ ...window(NOW + 6 * DAY_MS), kind: 'sometime' }, 400, 'kind'],
      [{ start: 'next week', end: iso(NOW + 7 * DAY_MS) }, 400, 'start'],
      [{ start: iso(NOW + 6 * DAY_MS), end: iso(NOW + 6 * DAY_MS) }, 422, 'end'],
      [{ start: iso(NOW + 6 * DAY_MS), end: iso(NOW + 14 * DAY_MS) }, 422, 'end'],
      [{ ...window(NOW + 6 * DAY_MS), orgs: Array.from({ length: 101 }, (_, i) => `org-${i}`) }, 400, 'orgs'],
      [{ ...window(NOW + 6 * DAY_MS), orgs: ['acme-us', 'beta-netcor'] }, 422, 'orgs[1]'],
      [{ ...window(NOW + 6 * DAY_MS), regions: ['mars'] }, 422, 'regions'],
      [{ ...window(NOW + 6 * DAY_MS), colour: 'red' }, 400, 'colour'],
    ];
    for (const [body, status, path] of cases) {
      const response = await publish(body);
      expect([response.status, (response.body as unknown as { errors: Array<{ path: string }> }).errors[0]?.path]).toEqual([status, path]);
    }
    expect((await call<{ items: unknown[] }>('GET', '/notices', { claims: agent })).body.items).toEqual([]);
    expect((await call('POST', '/notices', { claims: as.customer('acme-us'), body: window(NOW + 6 * DAY_MS) })).status).toBe(403);
    expect((await call('PATCH', '/notices/n-00000000000000000000', { claims: agent, body: { state: 'cancelled' } })).status).toBe(404);
    await runtime.settle();
    expect(mails()).toEqual([]);
    expect(runtime.pendingSchedules).toBe(0);
  });

  it('customers see their org’s notices only (another’s is 404), without the staff’s names or the other orgs listed', async () => {
    const { body: us } = await publish({ ...window(NOW + 6 * DAY_MS), orgs: ['acme-us'] });
    const { body: nl } = await publish({ ...window(NOW + 7 * DAY_MS), orgs: ['acme-nl'] });
    const customer = as.customer('acme-us');
    const list = await call<{ items: NoticeBody[] }>('GET', '/notices', { claims: customer });
    expect(list.body.items.map((notice) => notice.id)).toEqual([us.id]);
    expect(list.body.items[0]?.orgs).toBeUndefined();
    expect(list.body.items[0]?.changes[0]?.by).toBeUndefined();
    expect((await call('GET', `/notices/${nl.id}`, { claims: customer })).status).toBe(404);
    expect((await call('GET', `/notices/${us.id}`, { claims: customer })).status).toBe(200);
    const staff = await call<{ items: NoticeBody[] }>('GET', '/notices', { claims: agent, query: { state: 'published' } });
    expect(staff.body.items.map((notice) => notice.id)).toEqual([us.id, nl.id]);
    expect(staff.body.items[0]?.orgs).toEqual(['acme-us']);
  });

  it('serves each org a signed calendar of its notices; a forged or another org’s signature is 404', async () => {
    const { body: notice } = await publish({ ...window(NOW + 6 * DAY_MS), orgs: ['acme-us'] });
    await publish({ ...window(NOW + 7 * DAY_MS), orgs: ['acme-nl'] });
    await call('PATCH', `/notices/${notice.id}`, { claims: agent, body: { state: 'cancelled' } });
    const mine = await call<{ path: string }>('GET', '/notice-calendar', { claims: as.customer('acme-us') });
    expect(mine.body.path).toMatch(/^\/notice-calendars\/acme-us\?sig=[A-Za-z0-9_-]{43}$/);
    expect((await call('GET', '/notice-calendar', { claims: as.customer('acme-us'), query: { org: 'acme-nl' } })).status).toBe(404);
    const sig = new URL(mine.body.path, 'http://x').searchParams.get('sig') as string;
    const feed = await call<string>('GET', '/notice-calendars/acme-us', { query: { sig } });
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(parseEvents(feed.body).map((event) => [event.UID, event.STATUS])).toEqual([[`${notice.id}@sla-escalator`, 'CANCELLED']]);
    expect((await call('GET', '/notice-calendars/acme-nl', { query: { sig } })).status).toBe(404);
    expect((await call('GET', '/notice-calendars/acme-us', { query: { sig: `${sig.slice(0, -2)}AA` } })).status).toBe(404);
    const staffs = await call<{ path: string }>('GET', '/notice-calendar', { claims: agent, query: { org: 'acme-nl' } });
    expect(staffs.body.path).toContain('/notice-calendars/acme-nl?sig=');
  });

  it('links a ticket opened during a window affecting its org (API and e-mail) to the maintenance; others get no link', async () => {
    const start = NOW + 6 * DAY_MS;
    const { body: notice } = await publish({ ...window(start), orgs: ['acme-us'] });
    const open = (org: string) =>
      call<{ caseId: number; maintenance?: unknown[] }>('POST', '/tickets', {
        claims: as.customer(org),
        body: { subject: 'SMS delayed', description: 'Since 10:00.', severity: 'high' },
      });
    expect((await open('acme-us')).body.maintenance).toBeUndefined();
    await runtime.advanceTo(start + HOUR_MS);
    const during = await open('acme-us');
    const link = { id: notice.id, title: 'Core router upgrade', kind: 'planned', start: iso(start), end: iso(start + 2 * HOUR_MS) };
    expect(during.body.maintenance).toEqual([link]);
    expect((await call('GET', `/tickets/${during.body.caseId}`, { claims: agent })).body).toMatchObject({ maintenance: [link] });
    expect((await open('acme-nl')).body.maintenance).toBeUndefined();
    // By e-mail, from a domain of the org.
    const raw = Buffer.from(
      'From: ops@acme.example\r\nTo: support@sla-escalator.local\r\nSubject: SMS delayed\r\nMessage-ID: <m1@acme.example>\r\nContent-Type: text/plain\r\n\r\nSince 10:00.\r\n',
    );
    const outcome = (await runtime.receiveMail(raw)) as Array<{ kind: string; caseId: number }>;
    const mailed = await table.store.getTicket(outcome[0]?.caseId as number);
    expect(mailed?.maintenance).toEqual([{ ...link, start, end: start + 2 * HOUR_MS }]);
    await runtime.advanceTo(start + 2 * HOUR_MS);
    expect((await open('acme-us')).body.maintenance).toBeUndefined();
  });
});
