import { beforeAll, describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type TicketBody = { caseId: number; status: string; deadlines: Array<Record<string, unknown>>; timeline?: Array<Record<string, unknown>> };

describe('ticket API', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z');
  });

  describe('opening a ticket', () => {
    it('gives a customer a numbered case whose deadlines match the dry-run plan', async () => {
      const created = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        org: 'acme-kore',
        status: 'open',
        severity: 'urgent',
        tier: 'diamond',
        region: 'us',
        policy: { id: 'kore', version: 2 },
        createdAt: '2026-03-02T14:00:00.000Z',
      });
      expect(created.body.caseId).toBeGreaterThanOrEqual(10_001);
      const plan = previewPlan(loadPreset('kore'), {
        severity: 'urgent',
        tier: 'diamond',
        region: 'us',
        at: Date.parse('2026-03-02T14:00:00.000Z'),
      });
      const strip = ({ kind, due, level, assign, page, notify }: Record<string, unknown>) => ({ kind, due, level, assign, page, notify });
      // Staff see the routing; the customer sees the same deadlines without it (see customer-isolation.test.ts).
      const staffView = await api.call<TicketBody>('GET', `/tickets/${created.body.caseId}`, { claims: as.agent() });
      expect(staffView.body.deadlines.map(strip)).toEqual(plan.deadlines.map((d) => strip(d as unknown as Record<string, unknown>)));
      const timing = ({ kind, due, level }: Record<string, unknown>) => ({ kind, due, level });
      expect(created.body.deadlines.map(timing)).toEqual(plan.deadlines.map((d) => timing(d as unknown as Record<string, unknown>)));
      expect(created.body.deadlines.every((d) => d.state === 'pending')).toBe(true);
    });

    it('returns the ticket with its timeline', async () => {
      const created = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const read = await api.call<TicketBody>('GET', `/tickets/${created.body.caseId}`, { claims: as.customer(ORGS.kore.id) });
      expect(read.status).toBe(200);
      expect(read.body.caseId).toBe(created.body.caseId);
      expect(read.body.timeline).toEqual([
        { seq: 1, at: '2026-03-02T14:00:00.000Z', type: 'created', actor: { kind: 'customer', id: 'customer@acme-kore' } },
      ]);
    });

    it('lets an agent open a ticket for an organisation, and requires the organisation', async () => {
      const created = await api.call('POST', '/tickets', { claims: as.agent(), body: { ...urgentOutage, org: ORGS.other.id } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ org: 'other-kore', tier: 'basic', region: 'nl' });
      const missing = await api.call('POST', '/tickets', { claims: as.agent(), body: urgentOutage });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([{ path: 'org', message: 'required for agents' }]);
    });

    it('hands out distinct, increasing case ids to 50 concurrent requests', async () => {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api.call<TicketBody>('POST', '/tickets', {
            claims: as.customer(ORGS.kore.id),
            body: { ...urgentOutage, subject: `outage ${i}` },
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const ids = responses.map((r) => r.body.caseId).sort((a, b) => a - b);
      expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => (ids[0] as number) + i));
      for (const id of ids) expect((await api.call('GET', `/tickets/${id}`, { claims: as.agent() })).status).toBe(200);
    });
  });

  describe('the lifecycle', () => {
    it('meets the response with an agent reply and keeps internal notes from the customer', async () => {
      const { body: ticket } = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      api.clock.advance(10 * 60_000);
      const replied = await api.call<TicketBody>('POST', `/tickets/${ticket.caseId}/messages`, {
        claims: as.agent(),
        body: { body: 'Looking into it.', public: true },
      });
      expect(replied.status).toBe(201);
      expect(replied.body.deadlines.find((d) => d.id === 'response')).toMatchObject({ state: 'met' });
      await api.call('POST', `/tickets/${ticket.caseId}/messages`, {
        claims: as.agent(),
        body: { body: 'Customer sounds upset.', public: false },
      });
      const seen = await api.call<TicketBody>('GET', `/tickets/${ticket.caseId}`, { claims: as.customer(ORGS.kore.id) });
      expect(seen.body.timeline?.map((e) => e.type)).toEqual(['created', 'responded']);
      const staff = await api.call<TicketBody>('GET', `/tickets/${ticket.caseId}`, { claims: as.agent() });
      expect(staff.body.timeline?.map((e) => e.type)).toEqual(['created', 'responded', 'note']);
    });

    it('pauses updates while waiting on the customer and resumes on their reply', async () => {
      const { body: ticket } = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const waiting = await api.call<TicketBody>('PATCH', `/tickets/${ticket.caseId}`, {
        claims: as.agent(),
        body: { status: 'pending_customer' },
      });
      expect(waiting.body.status).toBe('pending_customer');
      expect(waiting.body.deadlines.find((d) => d.kind === 'update')).toMatchObject({ due: null });
      const reply = await api.call<TicketBody>('POST', `/tickets/${ticket.caseId}/messages`, {
        claims: as.customer(ORGS.kore.id),
        body: { body: 'Logs attached.', public: true },
      });
      expect(reply.body.status).toBe('open');
      expect(reply.body.deadlines.find((d) => d.kind === 'update')?.due).not.toBeNull();
    });

    it('cancels every deadline on resolve, lets the customer close, and refuses messages on a closed case', async () => {
      const { body: ticket } = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const resolved = await api.call<TicketBody>('PATCH', `/tickets/${ticket.caseId}`, {
        claims: as.agent(),
        body: { status: 'resolved' },
      });
      expect(resolved.body.deadlines.filter((d) => d.state === 'pending')).toEqual([]);
      expect(
        (await api.call('PATCH', `/tickets/${ticket.caseId}`, { claims: as.customer(ORGS.kore.id), body: { status: 'closed' } })).status,
      ).toBe(200);
      const late = await api.call('POST', `/tickets/${ticket.caseId}/messages`, {
        claims: as.customer(ORGS.kore.id),
        body: { body: 'One more thing', public: true },
      });
      expect(late.status).toBe(409);
      expect(
        (await api.call('PATCH', `/tickets/${ticket.caseId}`, { claims: as.customer(ORGS.kore.id), body: { status: 'open' } })).status,
      ).toBe(200);
    });

    it('re-plans on a severity change and lets only staff change severity', async () => {
      const { body: ticket } = await api.call<TicketBody>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: { ...urgentOutage, severity: 'low' },
      });
      expect(
        (await api.call('PATCH', `/tickets/${ticket.caseId}`, { claims: as.customer(ORGS.kore.id), body: { severity: 'urgent' } })).status,
      ).toBe(403);
      const raised = await api.call<TicketBody>('PATCH', `/tickets/${ticket.caseId}`, { claims: as.agent(), body: { severity: 'urgent' } });
      expect(raised.body).toMatchObject({ severity: 'urgent' });
      expect(raised.body.deadlines.some((d) => d.id === 'escalation.urgent.1')).toBe(true);
    });

    it('pages the manager when a Kidzonet customer escalates, and refuses where the policy offers no escalation', async () => {
      const { body: ticket } = await api.call<TicketBody>('POST', '/tickets', {
        claims: as.customer(ORGS.kidzonet.id),
        body: { subject: 'Slow', description: 'Filtering is slow', severity: 'minor' },
      });
      const escalated = await api.call<TicketBody>('POST', `/tickets/${ticket.caseId}/escalate`, {
        claims: as.customer(ORGS.kidzonet.id),
        body: { reason: 'No answer for two days' },
      });
      expect(escalated.status).toBe(201);
      expect(escalated.body.deadlines.find((d) => d.id === 'escalated.1')).toMatchObject({
        kind: 'escalation',
        trigger: 'customer',
        state: 'pending',
      });
      const staffView = await api.call<TicketBody>('GET', `/tickets/${ticket.caseId}`, { claims: as.agent() });
      expect(staffView.body.deadlines.find((d) => d.id === 'escalated.1')).toMatchObject({ page: ['manager'] });
      const { body: kore } = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      expect(
        (await api.call('POST', `/tickets/${kore.caseId}/escalate`, { claims: as.customer(ORGS.kore.id), body: { reason: 'hurry' } }))
          .status,
      ).toBe(409);
    });
  });

  describe('lists and the work queue', () => {
    it("lists a customer's own tickets newest first, page by page", async () => {
      const first = await api.call<{ items: TicketBody[]; cursor?: string }>('GET', '/tickets', {
        claims: as.customer(ORGS.other.id),
        query: { limit: '1' },
      });
      expect(first.status).toBe(200);
      const all = await api.call<{ items: Array<{ org: string }> }>('GET', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        query: { limit: '100' },
      });
      expect(all.body.items.length).toBeGreaterThan(50);
      expect(all.body.items.every((t) => t.org === 'acme-kore')).toBe(true);
      const open = await api.call<{ items: Array<{ status: string }> }>('GET', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        query: { status: 'closed' },
      });
      expect(open.body.items.every((t) => t.status === 'closed')).toBe(true);
    });

    it('lets agents page through all tickets by case id', async () => {
      const page1 = await api.call<{ items: TicketBody[]; cursor: string }>('GET', '/tickets', {
        claims: as.agent(),
        query: { limit: '5' },
      });
      const page2 = await api.call<{ items: TicketBody[]; cursor: string }>('GET', '/tickets', {
        claims: as.agent(),
        query: { limit: '5', cursor: page1.body.cursor },
      });
      const ids = [...page1.body.items, ...page2.body.items].map((t) => t.caseId);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(10);
    });

    it('orders the Kolmisoft queue by plan, then priority', async () => {
      const orgs = [
        { id: 'kol-bronze', tier: 'bronze' },
        { id: 'kol-platinum', tier: 'platinum' },
      ];
      for (const org of orgs) await api.call('POST', '/orgs', { claims: as.admin(), body: { ...org, name: org.id, policy: 'kolmisoft' } });
      const open = async (org: string, severity: string) =>
        (
          await api.call<TicketBody>('POST', '/tickets', {
            claims: as.customer(org),
            body: { subject: `${org} ${severity}`, description: 'd', severity },
          })
        ).body.caseId;
      const bronzeHigh = await open('kol-bronze', 'high');
      const platinumLow = await open('kol-platinum', 'low');
      const platinumHigh = await open('kol-platinum', 'high');
      const queue = await api.call<{ items: TicketBody[] }>('GET', '/queue', { claims: as.agent(), query: { policy: 'kolmisoft' } });
      const order = queue.body.items.map((t) => t.caseId).filter((id) => [bronzeHigh, platinumLow, platinumHigh].includes(id));
      expect(order).toEqual([platinumHigh, platinumLow, bronzeHigh]);
    });
  });

  describe('policies', () => {
    it('dry-runs a policy exactly like the CLI', async () => {
      const plan = await api.call('POST', '/policies/netcor/plan', {
        claims: as.customer(ORGS.netcor.id),
        body: { severity: 'critical', tier: 'standard', at: '2026-04-02T13:00:00Z' },
      });
      expect(plan.body).toEqual({
        policy: { id: 'netcor', version: 1 },
        zone: 'Europe/Berlin',
        deadlines: [
          { kind: 'response', due: '2026-04-07T08:30:00.000Z', page: ['tier1'] },
          { kind: 'update', due: '2026-04-07T13:00:00.000Z', page: ['tier1'] },
        ],
      });
    });

    it("names the calendar's zone and the pages a step makes only after hours", async () => {
      // Mon 2 Mar 2026 08:00Z is 03:00 in New York: the US desk is closed, so KORE pages on-call too.
      const plan = await api.call<{ zone: string; deadlines: Array<{ kind: string; page?: string[]; afterHours?: string[] }> }>(
        'POST',
        '/policies/kore/plan',
        { claims: as.agent(), body: { severity: 'urgent', tier: 'diamond', region: 'us', at: '2026-03-02T08:00:00Z' } },
      );
      expect(plan.body.zone).toBe('UTC');
      expect(plan.body.deadlines[0]).toMatchObject({ kind: 'escalation', page: ['manager', 'oncall'], afterHours: ['oncall'] });
    });

    it('refuses a dry run beyond the years the holidays were compiled for, as a problem, not a 500', async () => {
      const plan = await api.call<{ status: number; detail: string }>('POST', '/policies/netcor/plan', {
        claims: as.agent(),
        body: { severity: 'critical', tier: 'standard', at: '2061-01-05T10:00:00Z' },
      });
      expect(plan.status).toBe(422);
      expect(plan.body.detail).toMatch(/no holidays for 2061: .* compiled for 2000–2060 only/);
    });

    it('lists the presets by id and serves an OpenAPI document built from the routes', async () => {
      const list = await api.call<{ items: Array<{ id: string }> }>('GET', '/policies', { claims: as.agent() });
      expect(list.body.items.map((p) => p.id)).toEqual(['kidzonet', 'kolmisoft', 'kore', 'netcor', 'tiered']);
      const doc = await api.call<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>(
        'GET',
        '/openapi.json',
      );
      expect(doc.body.openapi).toBe('3.1.0');
      expect(doc.body.paths['/tickets']?.post?.requestBody).toMatchObject({
        content: {
          'application/json': { schema: { type: 'object', required: expect.arrayContaining(['subject', 'description', 'severity']) } },
        },
      });
    });
  });
});
