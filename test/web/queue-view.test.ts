import { describe, expect, it } from 'vitest';
import type { Clock } from '../../web/src/lib/countdown.ts';
import { type NextDeadline, type QueueAnswer, queueRow, readMore, readQueue, type TicketSummary } from '../../web/src/lib/queue-view.ts';

/** A KORE high response clock on the US desk's hours: 30 minutes, 10 used, the desk open until 20:00 New York time. */
const clock: Clock = {
  asOf: '2026-03-02T13:10:00.000Z',
  target: 1_800_000,
  used: 600_000,
  left: 1_200_000,
  open: true,
  closesAt: '2026-03-03T01:00:00.000Z',
  stopped: false,
  basis: 'business',
  zone: 'America/New_York',
  warning: 0.75,
  danger: 0.9,
};

const summary = (caseId: number, next?: NextDeadline): TicketSummary => ({
  caseId,
  org: 'kore-demo',
  status: 'open',
  subject: `Case ${caseId}`,
  severity: 'urgent',
  tier: 'diamond',
  region: 'us',
  policy: { id: 'kore', version: 1 },
  channel: 'api',
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
  nextDue: next?.due ?? null,
  ...(next !== undefined && { next }),
});

describe('queueRow', () => {
  it('maps a listed ticket to its row: link, facts, and the next deadline named with its clock', () => {
    const next: NextDeadline = { id: 'response', kind: 'response', state: 'pending', due: '2026-03-02T08:15:00.000Z', clock };
    expect(queueRow({ ...summary(10001, next), assignee: 'tier2' })).toEqual({
      caseId: 10001,
      href: '/case/10001',
      org: 'kore-demo',
      severity: 'urgent',
      tier: 'diamond',
      subject: 'Case 10001',
      assignee: 'tier2',
      next: { label: 'response', due: '2026-03-02T08:15:00.000Z', clock },
    });
  });

  it('names an escalation step by its level, says "unassigned", and has no countdown without a pending deadline', () => {
    const step: NextDeadline = {
      id: 'escalation.urgent.2',
      kind: 'escalation',
      level: 2,
      state: 'pending',
      due: '2026-03-02T10:00:00.000Z',
      clock,
    };
    expect(queueRow(summary(10002, step)).next?.label).toBe('escalation 2');
    const row = queueRow(summary(10003));
    expect(row.assignee).toBe('unassigned');
    expect(row).not.toHaveProperty('next');
  });
});

/** A queue of `count` tickets served `size` at a time, recording the cursors asked for. */
function pagedQueue(count: number, size: number) {
  const asked: Array<string | undefined> = [];
  const read = async (cursor: string | undefined): Promise<QueueAnswer> => {
    asked.push(cursor);
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(size, count - start) }, (_, i) => summary(10001 + start + i));
    return { items, ...(start + size < count && { cursor: String(start + size) }) };
  };
  return { asked, read };
}

describe('readQueue and readMore', () => {
  it('reads the first page, then one more page per "Load more", until the queue ends', async () => {
    const queue = pagedQueue(5, 2);
    const first = await readQueue(queue.read, 1);
    expect([first.rows.length, first.cursor, first.pages]).toEqual([2, '2', 1]);
    const second = await readMore(queue.read, first);
    const third = await readMore(queue.read, second);
    expect(third.rows.map((r) => r.caseId)).toEqual([10001, 10002, 10003, 10004, 10005]);
    expect(third.cursor).toBeUndefined();
    expect(queue.asked).toEqual([undefined, '2', '4']);
  });

  it('a refresh reads again as many pages as are shown, from the top, and stops where the queue now ends', async () => {
    const queue = pagedQueue(5, 2);
    const again = await readQueue(queue.read, 2);
    expect(again.rows.map((r) => r.caseId)).toEqual([10001, 10002, 10003, 10004]);
    expect([again.pages, again.cursor]).toEqual([2, '4']);
    const shorter = await readQueue(pagedQueue(1, 2).read, 3);
    expect([shorter.rows.length, shorter.pages, shorter.cursor]).toEqual([1, 1, undefined]);
  });

  it('shows a ticket once when it moved from one page to the next between two reads', async () => {
    const pages: QueueAnswer[] = [{ items: [summary(1), summary(2)], cursor: 'a' }, { items: [summary(2), summary(3)] }];
    const loaded = await readQueue(async (cursor) => pages[cursor === undefined ? 0 : 1] as QueueAnswer, 2);
    expect(loaded.rows.map((r) => r.caseId)).toEqual([1, 2, 3]);
  });
});
