import { beforeEach, describe, expect, it } from 'vitest';
import { bundleText } from '#shared/oncall/sms-throttle.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Notice } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { createNotifyHandler } from '../../functions/notify/handler.ts';
import { flushHeldSms, type NotifyDeps, performDeadline } from '../../functions/notify/notify.ts';
import { ACK_LINK_TTL_MS } from '../../functions/notify/page-people.ts';
import { LOST_FLUSH_MS, MAX_HELD, textPage } from '../../functions/notify/sms-pages.ts';
import { dailyRotation, type PeopleFixture, person, withPeople } from '../support/people-paging.ts';
import type { TestTable } from '../support/test-table.ts';
import { storeUrgentTicket, urgentPaging } from '../support/urgent-ticket.ts';

const kore = loadPreset('kore');
const staff = { kind: 'staff' as const, id: 'a' };
const ANA = '+4915112345678';

class TopicPager implements Pager {
  async publish(_notice: Notice) {}
}

describe('SMS pages under the throttle', () => {
  let table: TestTable, deps: NotifyDeps, first: Ticket, f: PeopleFixture;
  beforeEach(async () => {
    let base: NotifyDeps;
    ({ table, deps: base, ticket: first } = await urgentPaging(new TopicPager(), 'move-clock'));
    f = withPeople(table, base);
    deps = f.deps;
    await f.directory.putPerson(person('ana', [ANA]), { mustBeNew: true }, table.clock.now());
    await f.directory.putSchedule(dailyRotation('manager', ['ana']), { mustBeNew: true }, table.clock.now());
  });

  const page = (ticket: Ticket) =>
    performDeadline({ caseId: ticket.caseId, deadlineId: 'escalation.urgent.1', due: table.clock.now(), version: ticket.version }, deps);

  /** Opens `n` more urgent tickets, `gapMs` apart, and pages each as it opens. */
  async function burst(n: number, gapMs: number): Promise<Ticket[]> {
    const tickets = [first];
    expect(await page(first)).toBe('delivered');
    for (let i = 1; i < n; i++) {
      table.clock.advance(gapMs);
      const ticket = await storeUrgentTicket(table);
      tickets.push(ticket);
      expect(await page(ticket)).toBe('delivered');
    }
    return tickets;
  }

  async function resolve(ticket: Ticket): Promise<void> {
    const stored = (await table.store.getTicket(ticket.caseId)) as Ticket;
    await table.store.saveTicket(updateTicket(stored, kore, { status: 'resolved' }, staff, table.clock.now()), stored.version);
  }

  /** Fires the flush schedules in order, as Scheduler would, until none is left. */
  async function fireFlushes(): Promise<void> {
    for (;;) {
      const next = f.flushes.scheduled.sort((a, b) => a.at - b.at).shift();
      if (next === undefined) return;
      if (next.at > table.clock.now()) table.clock.moveTo(next.at);
      await flushHeldSms(next.number, deps);
    }
  }

  it('turns a burst of 20 breaches into at most 2 SMS in the first minute, and names every case in some SMS', async () => {
    const start = table.clock.now();
    const tickets = await burst(20, 2_000);
    expect(f.sms.sent).toHaveLength(1); // the first page; the other 19 wait for the flush 30 s later
    await fireFlushes();
    expect(f.sms.sent.filter((sms) => sms.at < start + 60_000).length).toBeLessThanOrEqual(2);
    for (const [i, sms] of f.sms.sent.entries()) {
      const previous = f.sms.sent[i - 1];
      if (previous !== undefined) expect(sms.at - previous.at).toBeGreaterThanOrEqual(30_000);
    }
    const named = new Set(f.sms.sent.flatMap((sms) => [...sms.text.matchAll(/\d{5}/g)].map((m) => Number(m[0]))));
    expect(tickets.every((t) => named.has(t.caseId))).toBe(true);
    expect(f.sms.sent[1]?.text).toMatch(/^SLA pages: cases /);
    // Every page's e-mail went out at once, with its ack link.
    expect(f.mail.sent.filter((m) => m.to === 'ana@kore.example')).toHaveLength(20);
    const timeline = (await table.store.getTicketWithTimeline(tickets[5]?.caseId ?? 0))?.timeline ?? [];
    expect(timeline.find((e) => e.type === 'notified' && e.detail?.channel === 'sms')?.detail).toMatchObject({ held: 'true', to: ANA });
  });

  it('drops held pages of tickets resolved (or acknowledged) before the flush: nothing is texted for them', async () => {
    const [, second, third] = await burst(3, 1_000);
    await resolve(second as Ticket);
    await fireFlushes();
    expect(f.sms.sent).toHaveLength(2);
    // The third page went alone, so as itself: its own text and reply code, not a bundle.
    expect(f.sms.sent[1]?.text).toMatch(new RegExp(`^#${third?.caseId} URGENT .* Reply \\d+a to ack`));
    expect(f.sms.sent.some((sms) => sms.text.includes(String(second?.caseId)))).toBe(false);
  });

  it('sends nothing at a flush whose pages were all resolved, and schedules no further flush', async () => {
    const [, second] = await burst(2, 1_000);
    await resolve(second as Ticket);
    await fireFlushes();
    expect(f.sms.sent).toHaveLength(1);
    expect(await f.people.throttle.read(ANA)).toMatchObject({ held: [], sent: [first.createdAt] });
    expect((await f.people.throttle.read(ANA)).flushAt).toBeUndefined();
  });

  it('recovers held pages whose flush schedule was lost at the next page to the number', async () => {
    const [, second] = await burst(2, 1_000);
    f.flushes.scheduled.length = 0; // the schedule is lost
    table.clock.advance(30_000 + LOST_FLUSH_MS + 1);
    const third = await storeUrgentTicket(table);
    expect(await page(third)).toBe('delivered');
    // The overdue held page went first (alone, as itself); the new one waits for its own flush.
    expect(f.sms.sent.map((sms) => sms.text.slice(0, 6))).toEqual([`#${first.caseId}`, `#${second?.caseId}`]);
    await fireFlushes();
    expect(f.sms.sent.map((sms) => sms.text.slice(0, 6))).toEqual([`#${first.caseId}`, `#${second?.caseId}`, `#${third.caseId}`]);
  });

  it('gives a failed SMS back to the held pages, so the flush retried sends it', async () => {
    await burst(2, 1_000);
    const flush = f.flushes.scheduled[0] as { number: string; at: number };
    table.clock.moveTo(flush.at);
    f.sms.failNext = 1;
    await expect(flushHeldSms(ANA, deps)).rejects.toThrow('SNS throttled');
    await flushHeldSms(ANA, deps); // Scheduler's retry
    expect(f.sms.sent).toHaveLength(2);
  });

  it('drops held pages at the flush when the number replied STOP meanwhile', async () => {
    await burst(3, 1_000);
    await f.directory.recordSmsEvent(ANA, 'opted-out', table.clock.now());
    await fireFlushes();
    expect(f.sms.sent).toHaveLength(1);
    expect((await f.people.throttle.read(ANA)).held).toEqual([]);
  });

  it('drops held pages at the flush when the number went to someone else meanwhile', async () => {
    await burst(2, 1_000);
    const ana = await f.directory.getPerson('ana');
    await f.directory.putPerson(person('ana', []), { expectedVersion: ana?.version ?? 0 }, table.clock.now());
    await f.directory.putPerson(person('bo', [ANA]), { mustBeNew: true }, table.clock.now());
    await fireFlushes();
    expect(f.sms.sent).toHaveLength(1);
    expect((await f.people.throttle.read(ANA)).held).toEqual([]);
  });

  it('counts a page for a bare "a" only once its SMS (alone or in a bundle) went out', async () => {
    const [one, two, three] = await burst(3, 1_000);
    expect((await f.people.replyCodes.latest(ANA, table.clock.now()))?.caseId).toBe(one?.caseId);
    await fireFlushes();
    const latest = await f.people.replyCodes.latest(ANA, table.clock.now());
    expect([two?.caseId, three?.caseId]).toContain(latest?.caseId);
    expect(latest?.textedAt).toBe(f.sms.sent[1]?.at);
  });

  it("sends a page held past its reply code's life without the code, and does not stamp the code's new page", async () => {
    const [, second] = await burst(2, 1_000);
    const held = (await f.people.throttle.read(ANA)).held[0];
    expect(held?.code).toBeDefined();
    table.clock.advance(ACK_LINK_TTL_MS);
    const now = table.clock.now();
    // Codes free again: other pages take them, the held page's one among them.
    const page = (caseId: number) => ({
      number: ANA,
      caseId,
      deadline: 'response',
      person: 'ana',
      sentAt: now,
      expiresAt: now + ACK_LINK_TTL_MS,
    });
    const taken = [
      (await f.people.replyCodes.allocate(page(99998), now))?.code,
      (await f.people.replyCodes.allocate(page(99999), now))?.code,
    ];
    expect(taken).toContain(held?.code);
    await flushHeldSms(ANA, deps);
    expect(f.sms.sent[1]?.text).toBe(bundleText([second?.caseId ?? 0]));
    expect((await f.people.replyCodes.byCode(ANA, held?.code ?? 0, now))?.textedAt).toBeUndefined();
  });

  it(`holds at most ${MAX_HELD} pages for a number; the ones beyond are left to their e-mail`, async () => {
    const now = table.clock.now();
    const wanted = async () => true;
    const outcomes = [];
    for (let i = 0; i < MAX_HELD + 5; i++) {
      // Ten times the longest page text: the item stays within DynamoDB's 400 KB all the same.
      const page = { caseId: 70000 + i, deadline: 'escalation.urgent.1', person: 'ana', text: `#${70000 + i} ${'x'.repeat(1_600)}` };
      outcomes.push(await textPage(f.people, ANA, page, now, wanted));
    }
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'held')).toHaveLength(MAX_HELD + 4);
    const { held } = await f.people.throttle.read(ANA);
    expect(held.map((h) => h.caseId)).toEqual(Array.from({ length: MAX_HELD }, (_, i) => 70001 + i));
  });

  it('flushes through the handler when a flush schedule fires, and refuses a flush event without an E.164 number', async () => {
    await burst(2, 1_000);
    const handler = createNotifyHandler(() => deps);
    const context = { awsRequestId: 'test' } as never;
    await expect(handler({ smsFlush: '015112345678' }, context)).rejects.toThrow('E.164');
    table.clock.moveTo((f.flushes.scheduled[0] as { at: number }).at);
    expect(await handler({ smsFlush: ANA }, context)).toEqual({ flushed: 1 });
    expect(f.sms.sent).toHaveLength(2);
  });
});
