import { beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type TicketBody = {
  caseId: number;
  assignee?: string;
  deadlines: Array<Record<string, unknown>>;
  timeline?: Array<{ type: string; actor: { kind: string; id: string }; detail?: Record<string, string> }>;
};

describe('what a customer may read of policies and of the paging', () => {
  let api: Api;
  const kore = as.customer(ORGS.kore.id);
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z');
  });

  describe('policies: their own contract only', () => {
    it('lists only their organisation’s policy; staff see every preset', async () => {
      const mine = await api.call<{ items: Array<{ id: string }> }>('GET', '/policies', { claims: kore });
      expect(mine.body.items.map((p) => p.id)).toEqual(['kore']);
      const netcor = await api.call<{ items: Array<{ id: string }> }>('GET', '/policies', { claims: as.customer(ORGS.netcor.id) });
      expect(netcor.body.items.map((p) => p.id)).toEqual(['netcor']);
      const staff = await api.call<{ items: Array<{ id: string }> }>('GET', '/policies', { claims: as.agent() });
      expect(staff.body.items).toHaveLength(5);
    });

    it('answers 404 for another policy, whether read or dry-run, without naming the others', async () => {
      expect((await api.call('GET', '/policies/kore', { claims: kore })).status).toBe(200);
      for (const [method, path, body] of [
        ['GET', '/policies/netcor', undefined],
        ['GET', '/policies/kolmisoft', undefined],
        ['GET', '/policies/zendesk', undefined],
        ['POST', '/policies/netcor/plan', { severity: 'critical', tier: 'standard', at: '2026-04-02T13:00:00Z' }],
      ] as const) {
        const response = await api.call<{ detail: string }>(method, path, { claims: kore, ...(body && { body }) });
        expect(response.status, path).toBe(404);
        expect(response.body.detail).toBe(`no policy "${path.split('/')[2]}"`);
      }
      expect((await api.call('GET', '/policies/netcor', { claims: as.agent() })).status).toBe(200);
    });

    it('gives a customer whose organisation is not set up an empty list', async () => {
      const stranger = await api.call<{ items: unknown[] }>('GET', '/policies', { claims: as.customer('not-set-up') });
      expect(stranger.body.items).toEqual([]);
      expect((await api.call('GET', '/policies/kore', { claims: as.customer('not-set-up') })).status).toBe(404);
    });
  });

  describe('paging detail: that the SLA escalated and when, not who was paged how', () => {
    it('shows customers the deadlines and the notified entries without roles, channels, assignee or staff ids', async () => {
      const { body: created } = await api.call<TicketBody>('POST', '/tickets', { claims: kore, body: urgentOutage });
      await api.call('PATCH', `/tickets/${created.caseId}`, { claims: as.agent('agent-anna'), body: { assignee: 'anna' } });
      await api.call('POST', `/tickets/${created.caseId}/messages`, {
        claims: as.agent('agent-anna'),
        body: { body: 'on it', public: true },
      });
      // What notify records when the first escalation step pages the manager.
      const { store } = api;
      const { recordNotified } = await import('#shared/tickets/ticket.ts');
      const { policyOf } = await import('#shared/policies/presets.ts');
      const ticket = await store.getTicket(created.caseId);
      if (ticket === undefined) throw new Error('no ticket');
      const step = ticket.deadlines.find((d) => d.id === 'escalation.urgent.1');
      const notified = recordNotified(
        ticket,
        policyOf(ticket.sla),
        { id: 'escalation.urgent.1', assign: step?.assign },
        [{ role: 'manager', channels: ['sms', 'email'] }],
        api.clock.now(),
      );
      await store.saveTicket(notified, ticket.version);

      const staffView = await api.call<TicketBody>('GET', `/tickets/${created.caseId}`, { claims: as.agent() });
      expect(staffView.body.assignee).toBeDefined();
      expect(staffView.body.deadlines.find((d) => d.id === 'escalation.urgent.1')).toMatchObject({ page: ['manager'] });
      expect(staffView.body.timeline?.find((e) => e.type === 'notified')?.detail).toMatchObject({ role: 'manager', channels: 'sms,email' });

      const customerView = await api.call<TicketBody>('GET', `/tickets/${created.caseId}`, { claims: kore });
      const text = JSON.stringify(customerView.body);
      expect(customerView.body.assignee).toBeUndefined();
      expect(text).not.toMatch(/manager|director|"vp"|tier2|sms|agent-anna|"anna"/);
      expect(customerView.body.deadlines.find((d) => d.id === 'escalation.urgent.1')).toMatchObject({
        kind: 'escalation',
        state: 'breached',
        due: '2026-03-02T14:00:00.000Z',
      });
      expect(customerView.body.timeline?.filter((e) => e.type === 'notified')).toEqual([
        expect.objectContaining({
          at: '2026-03-02T14:00:00.000Z',
          actor: { kind: 'system', id: 'sla-escalator' },
          detail: { deadline: 'escalation.urgent.1' },
        }),
      ]);
      expect(customerView.body.timeline?.find((e) => e.type === 'responded')?.actor).toEqual({ kind: 'staff', id: 'staff' });

      const listed = await api.call<{ items: TicketBody[] }>('GET', '/tickets', { claims: kore });
      expect(JSON.stringify(listed.body.items.find((t) => t.caseId === created.caseId))).not.toMatch(/manager|"anna"/);
      const pages = await api.call<{ items: unknown[] }>('GET', `/tickets/${created.caseId}/timeline`, { claims: kore });
      expect(pages.body.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(pages.body)).not.toMatch(/manager|director|"vp"|tier2|sms|agent-anna|"anna"/);
      const staffPages = await api.call<{ items: unknown[] }>('GET', `/tickets/${created.caseId}/timeline`, { claims: as.agent() });
      expect(JSON.stringify(staffPages.body)).toMatch(/"role":"manager"/);
    });
  });
});
