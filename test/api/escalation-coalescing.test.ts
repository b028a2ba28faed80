import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset, presetFile } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { escalateTicket, openTicket } from '#shared/tickets/ticket.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS } from './api-harness.ts';

const MINUTE = 60_000;
/** The documented default window (`coalesceWithin`, docs/api.md): Kidzonet's policy sets none. */
const DEFAULT_WINDOW = 30 * MINUTE;
const kidzonet = loadPreset('kidzonet');
const customer = { kind: 'customer' as const, id: 'c-1' };
const T0 = Date.parse('2026-03-02T14:00:00Z');
const onDemand = (deadlines: ReadonlyArray<{ id: string }>) => deadlines.filter((d) => d.id.startsWith('escalated.')).map((d) => d.id);

function kidzonetTicket() {
  const org = defineOrg('kz', { name: 'KZ', policy: 'kidzonet', tier: 'premium' }, kidzonet, T0);
  return openTicket(10_001, org, kidzonet, { subject: 'Slow', description: 'd', severity: 'minor' }, customer, T0).ticket;
}

describe('on-demand escalations coalesce (domain)', () => {
  it('lets a repeat inside the window join the first: its reason is kept, nothing more is planned to page', () => {
    const first = escalateTicket(kidzonetTicket(), kidzonet, 'no answer', customer, T0 + MINUTE);
    expect(first.joined).toBeUndefined();
    const again = escalateTicket(first.ticket, kidzonet, 'still nothing!', customer, T0 + 20 * MINUTE);
    expect(again.joined).toMatchObject({ deadline: { id: 'escalated.1' }, until: T0 + MINUTE + DEFAULT_WINDOW });
    expect(again.entries).toEqual([
      expect.objectContaining({ type: 'escalated', body: 'still nothing!', detail: { joined: 'escalated.1' } }),
    ]);
    expect(again.ticket.events.filter((e) => e.type === 'escalated')).toHaveLength(1);
    expect(onDemand(again.ticket.deadlines)).toEqual(['escalated.1']);
  });

  it('escalates again once the window has passed, staff included', () => {
    const first = escalateTicket(kidzonetTicket(), kidzonet, 'no answer', customer, T0);
    const staff = escalateTicket(first.ticket, kidzonet, 'agent', { kind: 'staff', id: 'a-1' }, T0 + DEFAULT_WINDOW - 1);
    expect(staff.joined?.deadline.id).toBe('escalated.1');
    const later = escalateTicket(staff.ticket, kidzonet, 'again', customer, T0 + DEFAULT_WINDOW);
    expect(later.joined).toBeUndefined();
    expect(onDemand(later.ticket.deadlines)).toEqual(['escalated.1', 'escalated.2']);
  });

  it('uses the window the policy sets, and refuses a window of zero', () => {
    const yaml = readFileSync(presetFile('kidzonet'), 'utf8').replace(
      'onDemandEscalation: { by: [customer, staff], page: [manager] }',
      'onDemandEscalation: { by: [customer, staff], page: [manager], coalesceWithin: 5m }',
    );
    const policy = parsePolicy(yaml, 'kidzonet.yaml');
    const org = defineOrg('kz', { name: 'KZ', policy: 'kidzonet', tier: 'premium' }, policy, T0);
    const ticket = openTicket(1, org, policy, { subject: 's', description: 'd', severity: 'minor' }, customer, T0).ticket;
    const first = escalateTicket(ticket, policy, 'a', customer, T0);
    expect(escalateTicket(first.ticket, policy, 'b', customer, T0 + 4 * MINUTE).joined).toBeDefined();
    expect(escalateTicket(first.ticket, policy, 'b', customer, T0 + 5 * MINUTE).joined).toBeUndefined();
    expect(() => parsePolicy(yaml.replace('coalesceWithin: 5m', 'coalesceWithin: 0m'), 'kidzonet.yaml')).toThrow(
      'onDemandEscalation.coalesceWithin',
    );
  });
});

describe('POST /tickets/{caseId}/escalate, hammered', () => {
  let api: Awaited<ReturnType<typeof apiHarness>>;
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z');
  });

  it('answers one 201 and then 202 with the pending escalation, and plans one page per window', async () => {
    const claims = as.customer(ORGS.kidzonet.id);
    const { body: ticket } = await api.call<{ caseId: number }>('POST', '/tickets', {
      claims,
      body: { subject: 'Slow', description: 'Filtering is slow', severity: 'minor' },
    });
    const path = `/tickets/${ticket.caseId}/escalate`;
    const responses = [];
    for (let i = 0; i < 40; i++) {
      responses.push(await api.call<{ joined?: Record<string, string> }>('POST', path, { claims, body: { reason: `hurry ${i}` } }));
      api.clock.advance(10_000);
    }
    expect(responses.map((r) => r.status)).toEqual([201, ...Array(39).fill(202)]);
    expect(responses[1]?.body.joined).toEqual({
      deadline: 'escalated.1',
      escalatedAt: '2026-03-02T14:00:00.000Z',
      state: 'pending',
      until: '2026-03-02T14:30:00.000Z',
    });
    const read = await api.call<{ deadlines: Array<{ id: string }> }>('GET', `/tickets/${ticket.caseId}`, { claims: as.agent() });
    expect(onDemand(read.body.deadlines)).toEqual(['escalated.1']);
    const timeline = await api.call<{ items: Array<{ type: string; body?: string }> }>('GET', `/tickets/${ticket.caseId}/timeline`, {
      claims: as.agent(),
      query: { limit: '100' },
    });
    expect(timeline.body.items.filter((e) => e.type === 'escalated')).toHaveLength(40);
    api.clock.moveTo(Date.parse('2026-03-02T14:30:00.000Z'));
    const next = await api.call<{ deadlines: Array<{ id: string }> }>('POST', path, { claims, body: { reason: 'a new day' } });
    expect(next.status).toBe(201);
    expect(onDemand(next.body.deadlines)).toEqual(['escalated.1', 'escalated.2']);
  });
});
