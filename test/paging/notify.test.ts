import { beforeEach, describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { type Notice, noticesFor } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { snsSubject } from '../../functions/adapters/sns-pager.ts';
import { type NotifyDeps, performDeadline } from '../../functions/notify/notify.ts';
import type { TestTable } from '../support/test-table.ts';
import { urgentPaging } from '../support/urgent-ticket.ts';

const kore = loadPreset('kore');
const staff = { kind: 'staff' as const, id: 'a' };

class RecordingPager implements Pager {
  readonly sent: Notice[] = [];
  failNext = 0;
  async publish(notice: Notice) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('SNS throttled');
    }
    this.sent.push(notice);
  }
}

describe('notify', () => {
  let table: TestTable, pager: RecordingPager, deps: NotifyDeps, ticket: Ticket;
  beforeEach(async () => {
    ({ table, pager, deps, ticket } = await urgentPaging(new RecordingPager(), 'move-clock'));
  });

  const invocation = (deadlineId: string) => {
    const due = ticket.deadlines.find((d) => d.id === deadlineId)?.due as number;
    return { caseId: ticket.caseId, deadlineId, due, version: ticket.version };
  };

  it('pages once per deadline and role, however often it is invoked', async () => {
    expect(await performDeadline(invocation('escalation.urgent.1'), deps)).toBe('delivered');
    expect(await performDeadline(invocation('escalation.urgent.1'), deps)).toBe('not-pending');
    expect(pager.sent.map((n) => `${n.role} ${n.delivery}`)).toEqual(['manager page', 'director notice', 'vp notice']);
  });

  it('never pages a resolved ticket', async () => {
    const resolved = updateTicket(ticket, kore, { status: 'resolved' }, staff, table.clock.now());
    await table.store.saveTicket(resolved, ticket.version);
    table.clock.advance(15 * 60_000);
    expect(await performDeadline(invocation('response'), deps)).toBe('not-pending');
    expect(pager.sent).toEqual([]);
  });

  it('ignores a schedule whose deadline has moved later', async () => {
    const early = { ...invocation('escalation.urgent.2') };
    expect(await performDeadline(early, deps)).toBe('not-due'); // fired two hours early: the deadline is not due
    expect(pager.sent).toEqual([]);
  });

  it('does not page twice when an earlier attempt failed half way', async () => {
    pager.failNext = 0;
    const store = table.store;
    let failSave = true;
    const flaky: NotifyDeps = {
      ...deps,
      store: Object.assign(Object.create(store), {
        saveTicket: async (...args: Parameters<typeof store.saveTicket>) => {
          if (failSave) {
            failSave = false;
            throw new Error('lost connection after the pages went out');
          }
          return store.saveTicket(...args);
        },
      }),
    };
    await expect(performDeadline(invocation('escalation.urgent.1'), flaky)).rejects.toThrow('lost connection');
    expect(await performDeadline(invocation('escalation.urgent.1'), flaky)).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toEqual(['manager', 'director', 'vp']);
    const read = await table.store.getTicket(ticket.caseId);
    expect(read?.deadlines.find((d) => d.id === 'escalation.urgent.1')?.state).toBe('breached');
  });

  it('pages the other roles when one publish fails, then fails; the retry pages only that role', async () => {
    pager.failNext = 1;
    await expect(performDeadline(invocation('escalation.urgent.1'), deps)).rejects.toThrow('SNS throttled');
    expect(pager.sent.map((n) => n.role)).toEqual(['director', 'vp']);
    expect(await performDeadline(invocation('escalation.urgent.1'), deps)).toBe('delivered');
    expect(pager.sent.map((n) => n.role)).toEqual(['director', 'vp', 'manager']);
  });

  it('makes a valid SNS subject of any ticket subject: no control characters, at most 100 characters, whole characters', () => {
    expect(snsSubject('[#1] URGENT response overdue: API down\nsince 10:00\t!')).toBe(
      '[#1] URGENT response overdue: API down since 10:00 !',
    );
    const long = snsSubject(`[#1] ${'😀'.repeat(200)}`);
    expect([...long]).toHaveLength(100);
    expect(long.endsWith('😀…')).toBe(true);
    expect(snsSubject('\n\t')).toBe('sla-escalator');
  });

  it('keeps every SMS within 140 characters, even for long subjects and org names', () => {
    const long = { ...ticket, subject: 'x'.repeat(500), org: 'a-very-long-organisation-name-'.repeat(3) };
    for (const deadline of ticket.deadlines) {
      for (const notice of noticesFor(long, deadline, kore)) {
        expect(notice.sms.length).toBeLessThanOrEqual(140);
        expect(notice.sms).toContain(`#${ticket.caseId}`);
      }
    }
  });
});
