import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Deadline, PlanningTicket } from '#shared/sla/deadline.ts';
import { noticesFor } from '#shared/sla/notices.ts';
import { planDeadlines, planWithClocks } from '#shared/sla/plan-deadlines.ts';
import { isSafeSms } from '#shared/sla/sms-text.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';
import { MINUTE_MS } from '#shared/time/duration.ts';
import { ACME, OPENED, openUrgent } from './repeating-policy.ts';

const M = MINUTE_MS;
const H = 60 * M;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : ms);

const planningOf = (events: TicketEvent[], severity = 'urgent'): PlanningTicket => ({
  createdAt: OPENED,
  sla: { policyId: 'acme', policyVersion: 1, severity, tier: 'gold' },
  events: [{ type: 'created', at: OPENED }, ...events],
});
const fired = (deadline: string, when: number): TicketEvent => ({ type: 'notified', at: when, deadline });
const acked = (deadline: string, when: number): TicketEvent => ({ type: 'acknowledged', at: when, deadline, by: 'ana-lima', via: 'sms' });
const summary = (plan: readonly Deadline[], prefix: string) =>
  plan.filter((d) => d.id.startsWith(prefix)).map((d) => `${d.id} ${d.state} ${iso(d.due)}`);

describe('re-pages', () => {
  describe('a step that repeats, carried out two minutes late', () => {
    const firedAt = OPENED + 2 * M;
    const { deadlines, clocks } = planWithClocks(planningOf([fired('escalation.urgent.1', firedAt)]), ACME);

    it('re-pages the step’s roles every 5 minutes from when it fired, on calendar time past the office’s closing', () => {
      expect(summary(deadlines, 'escalation.urgent.1.')).toEqual([
        'escalation.urgent.1.r1 pending 2026-03-06T16:05:00.000Z',
        'escalation.urgent.1.r2 pending 2026-03-06T16:10:00.000Z',
        'escalation.urgent.1.r3 pending 2026-03-06T16:15:00.000Z',
        'escalation.urgent.1.backup pending 2026-03-06T16:20:00.000Z',
      ]);
    });

    it('pages the step’s roles at its level, assigning and telling nobody, and names the step it repeats', () => {
      const r1 = deadlines.find((d) => d.id === 'escalation.urgent.1.r1');
      expect(r1).toEqual({
        id: 'escalation.urgent.1.r1',
        kind: 'escalation',
        due: firedAt + 5 * M,
        state: 'pending',
        severity: 'urgent',
        level: 1,
        page: ['manager'],
        notify: [],
        repageOf: 'escalation.urgent.1',
      });
    });

    it('pages the next person on call for the step’s roles after the last re-page when the step names no backup', () => {
      expect(deadlines.find((d) => d.id === 'escalation.urgent.1.backup')).toMatchObject({
        page: ['manager'],
        escalateTo: 'next-in-rotation',
        repageOf: 'escalation.urgent.1',
      });
    });

    it('gives each re-page a calendar-time clock from the instant the step fired', () => {
      const clock = clocks.get('escalation.urgent.1.r3');
      expect(clock).toMatchObject({ start: firedAt, target: 15 * M, alwaysOpen: true, stopped: [] });
      for (const d of deadlines) expect({ id: d.id, clock: clocks.has(d.id) }).toEqual({ id: d.id, clock: true });
    });
  });

  it('plans no re-pages for a step that has not fired', () => {
    expect(planDeadlines(planningOf([]), ACME).filter((d) => d.repageOf !== undefined)).toEqual([]);
  });

  it('stops at the acknowledgement: re-pages sent stay sent, the rest are cancelled', () => {
    const events = [
      fired('escalation.urgent.1', OPENED),
      fired('escalation.urgent.1.r1', OPENED + 5 * M),
      acked('escalation.urgent.1', OPENED + 7 * M),
    ];
    expect(summary(planDeadlines(planningOf(events), ACME), 'escalation.urgent.1.')).toEqual([
      'escalation.urgent.1.r1 breached 2026-03-06T16:03:00.000Z',
      'escalation.urgent.1.r2 cancelled 2026-03-06T16:08:00.000Z',
      'escalation.urgent.1.r3 cancelled 2026-03-06T16:13:00.000Z',
      'escalation.urgent.1.backup cancelled 2026-03-06T16:18:00.000Z',
    ]);
  });

  it('cancels a re-page that fell due but was not sent when the page was acknowledged', () => {
    const events = [fired('escalation.urgent.1', OPENED), acked('escalation.urgent.1', OPENED + 6 * M)];
    expect(planDeadlines(planningOf(events), ACME).find((d) => d.id === 'escalation.urgent.1.r1')?.state).toBe('cancelled');
  });

  it('pages the step’s backup role after its last re-page', () => {
    const events = [
      fired('escalation.urgent.1', OPENED),
      acked('escalation.urgent.1', OPENED + M),
      fired('escalation.urgent.2', OPENED + H),
    ];
    const backup = planDeadlines(planningOf(events), ACME).find((d) => d.id === 'escalation.urgent.2.backup');
    expect(backup).toMatchObject({ due: OPENED + H + 30 * M, page: ['duty'], state: 'pending', level: 2 });
    expect(backup?.escalateTo).toBeUndefined();
  });

  it('plans nothing more for a resolved ticket, and a reopen does not bring the re-pages back', () => {
    const resolved: TicketEvent[] = [fired('escalation.urgent.1', OPENED), { type: 'resolved', at: OPENED + 6 * M }];
    const states = (events: TicketEvent[]) =>
      planDeadlines(planningOf(events), ACME).flatMap((d) => (d.repageOf === undefined ? [] : [d.state]));
    expect(states(resolved)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(states([...resolved, { type: 'reopened', at: OPENED + 8 * M }])).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('keeps re-paging a fired step after a severity change, under the severity it fired with', () => {
    const events = [fired('escalation.urgent.1', OPENED), { type: 'severity_changed', at: OPENED + M, severity: 'low' } as const];
    const plan = planDeadlines(planningOf(events), ACME);
    expect(summary(plan, 'escalation.urgent.1.')).toHaveLength(4);
    expect(plan.find((d) => d.id === 'escalation.urgent.1.r1')).toMatchObject({ severity: 'urgent', state: 'pending' });
  });
});

describe('the words of a re-page', () => {
  it('says the level was not acknowledged, in the SMS and the e-mail, and stays one safe SMS part', () => {
    const { ticket } = openUrgent();
    const repage = planDeadlines(planningOf([fired('escalation.urgent.1', OPENED)]), ACME).find((d) => d.id === 'escalation.urgent.1.r2');
    if (repage === undefined) throw new Error('no re-page');
    const [notice] = noticesFor(ticket, repage, ACME);
    expect(notice?.sms).toContain('escalation level 1 not acknowledged');
    expect(notice?.email).toContain('deadline escalation.urgent.1.r2');
    expect(isSafeSms(notice?.sms ?? '')).toBe(true);
  });
});

describe('untilAcknowledged', () => {
  const step2 = (events: TicketEvent[]) => planDeadlines(planningOf(events), ACME).find((d) => d.id === 'escalation.urgent.2');
  const step3 = (events: TicketEvent[]) => planDeadlines(planningOf(events), ACME).find((d) => d.id === 'escalation.urgent.3');

  it('cancels a step that waits for an acknowledgement when an earlier page was taken before it fell due', () => {
    const events = [fired('escalation.urgent.1', OPENED), acked('escalation.urgent.1', OPENED + 10 * M)];
    expect(step2(events)).toMatchObject({ state: 'cancelled', due: OPENED + H });
  });

  it('keeps the step when the acknowledgement came after its due, or there was none', () => {
    expect(step2([fired('escalation.urgent.1', OPENED)])?.state).toBe('pending');
    expect(step2([fired('escalation.urgent.1', OPENED), acked('escalation.urgent.1', OPENED + H + M)])?.state).toBe('pending');
  });

  it('fires the steps that do not wait at their contract offset, acknowledged or not', () => {
    const events = [fired('escalation.urgent.1', OPENED), acked('escalation.urgent.1', OPENED + M)];
    expect(step3(events)).toMatchObject({ state: 'pending', due: OPENED + 2 * H });
    expect(step3(events)).toEqual(step3([fired('escalation.urgent.1', OPENED)]));
  });
});

describe('KORE after an acknowledgement', () => {
  const kore = loadPreset('kore');
  /** Mon 2 Mar 2026 14:00 UTC. */
  const START = at('2026-03-02T14:00:00Z');
  const koreTicket = (events: TicketEvent[]): PlanningTicket => ({
    createdAt: START,
    sla: { policyId: 'kore', policyVersion: kore.version, severity: 'urgent', tier: 'diamond', region: 'us' },
    events: [{ type: 'created', at: START }, ...events],
  });
  const managerTook = [fired('escalation.urgent.1', START), acked('escalation.urgent.1', START + 3 * M)];

  it('still engages the director at 2 h and the VP at 4 h (the contract ladder runs on time)', () => {
    const plan = planDeadlines(koreTicket(managerTook), kore);
    expect(summary(plan, 'escalation.urgent.')).toEqual([
      'escalation.urgent.1 breached 2026-03-02T14:00:00.000Z',
      'escalation.urgent.1.r1 cancelled 2026-03-02T14:05:00.000Z',
      'escalation.urgent.1.r2 cancelled 2026-03-02T14:10:00.000Z',
      'escalation.urgent.1.backup cancelled 2026-03-02T14:15:00.000Z',
      'escalation.urgent.2 pending 2026-03-02T16:00:00.000Z',
      'escalation.urgent.3 pending 2026-03-02T18:00:00.000Z',
    ]);
  });

  it('re-pages the manager 5 and 10 minutes on, then the next manager on call, until someone acknowledges', () => {
    expect(summary(planDeadlines(koreTicket([fired('escalation.urgent.1', START)]), kore), 'escalation.urgent.1')).toEqual([
      'escalation.urgent.1 breached 2026-03-02T14:00:00.000Z',
      'escalation.urgent.1.r1 pending 2026-03-02T14:05:00.000Z',
      'escalation.urgent.1.r2 pending 2026-03-02T14:10:00.000Z',
      'escalation.urgent.1.backup pending 2026-03-02T14:15:00.000Z',
    ]);
    const plan = planDeadlines(
      koreTicket([...managerTook.slice(0, 1), fired('escalation.urgent.1.r1', START + 5 * M), acked('escalation.urgent.1', START + 6 * M)]),
      kore,
    );
    expect(summary(plan, 'escalation.urgent.')).toEqual([
      'escalation.urgent.1 breached 2026-03-02T14:00:00.000Z',
      'escalation.urgent.1.r1 breached 2026-03-02T14:05:00.000Z',
      'escalation.urgent.1.r2 cancelled 2026-03-02T14:10:00.000Z',
      'escalation.urgent.1.backup cancelled 2026-03-02T14:15:00.000Z',
      'escalation.urgent.2 pending 2026-03-02T16:00:00.000Z',
      'escalation.urgent.3 pending 2026-03-02T18:00:00.000Z',
    ]);
    expect(plan.find((d) => d.id === 'escalation.urgent.1.backup')).toMatchObject({ page: ['manager'], escalateTo: 'next-in-rotation' });
  });
});
