import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { recordNotified } from '#shared/tickets/ticket.ts';
import { eventsOfTimelineEntry } from '#shared/webhooks/events.ts';
import { API_VIEWS } from '../../functions/webhook-fanout/fanout.ts';
import { openUrgentTicket } from '../support/urgent-ticket.ts';

const kore = loadPreset('kore');
const T0 = Date.parse('2026-03-02T14:00:00Z');

function paged() {
  const opened = openUrgentTicket(10_001, T0).ticket;
  const step = opened.deadlines.find((d) => d.id === 'escalation.urgent.1');
  if (step === undefined) throw new Error('no first step');
  return recordNotified(
    opened,
    kore,
    step,
    [
      { role: 'manager', person: 'ana', channel: 'sms', to: '+4915112345678', skipped: 'opted out' },
      { role: 'manager', person: 'ana', channel: 'sms', to: '+4915112345679', held: true },
      { role: 'manager', person: 'ana', channel: 'email', to: 'ana@kore.example' },
      { role: 'vp', nobody: true, channels: ['email'] },
    ],
    T0,
  );
}

describe('the timeline of pages to people', () => {
  it('has one entry per delivery, and one planner event for the deadline', () => {
    const change = paged();
    expect(change.entries.filter((e) => e.type === 'notified').map((e) => e.detail)).toEqual([
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'sms', to: '+4915112345678', skipped: 'opted out' },
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'sms', to: '+4915112345679', held: 'true' },
      { deadline: 'escalation.urgent.1', role: 'manager', person: 'ana', channel: 'email', to: 'ana@kore.example' },
      { deadline: 'escalation.urgent.1', role: 'vp', nobody: 'true', channels: 'email' },
    ]);
    expect(change.ticket.events.filter((e) => e.type === 'notified')).toEqual([
      { type: 'notified', at: T0, deadline: 'escalation.urgent.1' },
    ]);
  });

  it('sends page.sent for each delivery but not for a skipped number, and shows customers neither person nor number', () => {
    const change = paged();
    const events = change.entries.flatMap((entry) => eventsOfTimelineEntry(change.ticket, entry, API_VIEWS));
    expect(events).toHaveLength(3);
    const customer = JSON.stringify(events.map((e) => e.data.customer));
    expect(customer).toContain('escalation.urgent.1');
    expect(customer).not.toMatch(/ana|\+49/);
    expect(JSON.stringify(events.map((e) => e.data.staff))).toContain('ana@kore.example');
  });
});
