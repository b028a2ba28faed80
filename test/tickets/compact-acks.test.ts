import { describe, expect, it } from 'vitest';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import { compactEvents } from '#shared/tickets/compact.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';
import { MINUTE_MS } from '#shared/time/duration.ts';
import { ACME, OPENED } from '../sla/repeating-policy.ts';

const M = MINUTE_MS;
const sla = { policyId: 'acme', policyVersion: 1, severity: 'urgent', tier: 'gold' };
const ack = (deadline: string, at: number, by = 'ana-lima'): TicketEvent => ({ type: 'acknowledged', at, deadline, by, via: 'sms' });
const plan = (events: TicketEvent[]) => planDeadlines({ createdAt: OPENED, sla, events }, ACME);

describe('compactEvents and acknowledgements', () => {
  const opened: TicketEvent[] = [
    { type: 'created', at: OPENED },
    { type: 'notified', at: OPENED, deadline: 'escalation.urgent.1' },
  ];

  it('keeps the first acknowledgement of a page and drops the later ones', () => {
    const events = [...opened, ack('escalation.urgent.1', OPENED + 2 * M), ack('escalation.urgent.1', OPENED + 3 * M, 'bo-chen')];
    expect(compactEvents(events).filter((e) => e.type === 'acknowledged')).toEqual([ack('escalation.urgent.1', OPENED + 2 * M)]);
  });

  it('keeps the ticket’s first acknowledgement when its page folds away, so a step waiting for it stays cancelled', () => {
    // The 30-minute update reminder pages, someone takes it, then a staff message starts a new cycle and folds the reminder.
    const events: TicketEvent[] = [
      { type: 'created', at: OPENED },
      { type: 'notified', at: OPENED + 30 * M, deadline: 'update.0.1' },
      ack('update.0.1', OPENED + 35 * M),
      { type: 'responded', at: OPENED + 40 * M },
      { type: 'updated', at: OPENED + 45 * M },
    ];
    const compacted = compactEvents(events);
    expect(compacted.some((e) => e.type === 'notified' && e.deadline === 'update.0.1')).toBe(false);
    expect(compacted).toContainEqual(ack('update.0.1', OPENED + 35 * M));
    const step2 = (from: TicketEvent[]) => plan(from).find((d) => d.id === 'escalation.urgent.2')?.state;
    expect(step2(compacted)).toBe('cancelled');
    expect(step2(compacted)).toBe(step2(events));
  });

  it('drops a later acknowledgement of a folded page: it can move nothing', () => {
    const events: TicketEvent[] = [
      ...opened,
      ack('escalation.urgent.1', OPENED + M),
      { type: 'notified', at: OPENED + 30 * M, deadline: 'update.0.1' },
      ack('update.0.1', OPENED + 35 * M),
      { type: 'responded', at: OPENED + 40 * M },
      { type: 'updated', at: OPENED + 45 * M },
    ];
    expect(compactEvents(events).filter((e) => e.type === 'acknowledged')).toEqual([ack('escalation.urgent.1', OPENED + M)]);
  });
});
