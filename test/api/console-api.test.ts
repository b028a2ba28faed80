import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { backfillDuePage } from '../../functions/sweeper/backfill.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };
type TicketBody = { caseId: number; severity: string; deadlines: Array<{ id: string; due: string | null; state: string }> };
type OrgPage = { items: Array<{ id: string }>; cursor?: string };

const ORG_IDS = Object.values(ORGS)
  .map((o) => o.id)
  .sort();

describe('what the console asks of the API', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z');
  });

  describe('GET /me', () => {
    it("tells a customer their organisation's policy, tier and region", async () => {
      const me = await api.call('GET', '/me', { claims: as.customer(ORGS.kore.id) });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        role: 'customer',
        sub: 'customer@acme-kore',
        org: 'acme-kore',
        orgName: 'ACME (KORE)',
        policy: 'kore',
        tier: 'diamond',
        tiers: [{ tier: 'diamond', from: '2026-03-02T14:00:00.000Z', source: 'admin' }],
        region: 'us',
        emailDomains: [],
      });
    });

    it('tells staff only their role and subject', async () => {
      expect((await api.call('GET', '/me', { claims: as.agent() })).body).toEqual({ role: 'agent', sub: 'agent-1' });
      expect((await api.call('GET', '/me', { claims: as.admin() })).body).toEqual({ role: 'admin', sub: 'admin-1' });
    });

    it('names an organisation that is not set up, and nothing of it', async () => {
      const me = await api.call('GET', '/me', { claims: as.customer('gone-org') });
      expect(me.body).toEqual({ role: 'customer', sub: 'customer@gone-org', org: 'gone-org' });
    });

    it('needs a token', async () => {
      expect((await api.call('GET', '/me')).status).toBe(401);
    });
  });

  describe('GET /orgs', () => {
    it('lists every organisation by id, a page at a time', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.call<OrgPage>('GET', '/orgs', { claims: as.admin(), query: { limit: '2', ...(cursor && { cursor }) } });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((o) => o.id));
        cursor = page.body.cursor;
      } while (cursor !== undefined);
      expect(seen).toEqual(ORG_IDS);
      const all = await api.call<OrgPage>('GET', '/orgs', { claims: as.admin() });
      expect(all.body.items[0]).toMatchObject({ id: ORG_IDS[0], createdAt: '2026-03-02T14:00:00.000Z' });
    });

    it('is for admins only: agents and customers are refused', async () => {
      expect((await api.call('GET', '/orgs', { claims: as.agent() })).status).toBe(403);
      expect((await api.call('GET', '/orgs', { claims: as.customer(ORGS.kore.id) })).status).toBe(403);
    });

    it('answers a bad limit, a forged cursor or an unknown parameter with the field at fault', async () => {
      const bad = async (query: Record<string, string>) => (await api.call<Problem>('GET', '/orgs', { claims: as.admin(), query })).body;
      expect(await bad({ limit: '0' })).toMatchObject({ status: 400, errors: [{ path: 'limit' }] });
      expect(await bad({ limit: 'ten' })).toMatchObject({ status: 400, errors: [{ path: 'limit' }] });
      expect(await bad({ cursor: 'not-a-cursor' })).toMatchObject({ status: 400, errors: [{ path: 'cursor' }] });
      expect(await bad({ sort: 'name' })).toMatchObject({ status: 400, errors: [{ path: 'sort', message: 'unknown field' }] });
      // A real cursor of another list (an organisation's tickets) names a ticket, not an organisation.
      await api.call('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      await api.call('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const tickets = await api.call<{ cursor?: string }>('GET', '/tickets', { claims: as.customer(ORGS.kore.id), query: { limit: '1' } });
      expect(await bad({ cursor: tickets.body.cursor as string })).toMatchObject({ status: 400, errors: [{ path: 'cursor' }] });
      const forged = Buffer.from(JSON.stringify({ PK: 'ORG#x', SK: 'ORG', GSI1PK: 'ORG#acme-kore', GSI1SK: 'x' })).toString('base64url');
      expect(await bad({ cursor: forged })).toMatchObject({ status: 400, errors: [{ path: 'cursor' }] });
    });

    it('reads an organisation written before the list, and lists it once the backfill has run', async () => {
      // As the previous release wrote it: no list keys.
      const old = { id: 'old-shape', name: 'Old Shape', policy: 'kore', tier: 'basic', region: 'nl', emailDomains: [] };
      const instant = Date.parse('2026-01-01T00:00:00Z');
      await api.documents.send(
        new PutCommand({
          TableName: api.name,
          Item: { ...keys.org(old.id), itemType: 'org', ...old, createdAt: instant, updatedAt: instant },
        }),
      );
      // Written before contacts existed: read as having none.
      expect((await api.call('GET', `/orgs/${old.id}`, { claims: as.admin() })).body).toMatchObject({
        id: 'old-shape',
        tier: 'basic',
        contacts: [],
      });
      const before = await api.call<OrgPage>('GET', '/orgs', { claims: as.admin(), query: { limit: '100' } });
      expect(before.body.items.map((o) => o.id)).toEqual(ORG_IDS);
      let cursor: string | undefined;
      do cursor = (await backfillDuePage(api.documents, api.name, cursor)).cursor;
      while (cursor !== undefined);
      const after = await api.call<OrgPage>('GET', '/orgs', { claims: as.admin(), query: { limit: '100' } });
      expect(after.body.items.map((o) => o.id)).toEqual([...ORG_IDS, 'old-shape'].sort());
    });
  });

  describe('PATCH /tickets/{caseId}?dryRun=true', () => {
    const scan = async (api: Api) => (await api.documents.send(new ScanCommand({ TableName: api.name, ConsistentRead: true }))).Items;

    it('answers with the re-planned deadlines of a severity change and stores nothing', async () => {
      const created = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const path = `/tickets/${created.body.caseId}`;
      api.clock.advance(30 * 60_000);
      const table = await scan(api);
      const preview = await api.call<TicketBody>('PATCH', path, {
        claims: as.agent(),
        query: { dryRun: 'true' },
        body: { severity: 'high' },
      });
      expect(preview.status).toBe(200);
      expect(preview.body.severity).toBe('high');
      expect(preview.body.deadlines.map((d) => d.id)).toContain('escalation.high.2');
      expect(await scan(api)).toEqual(table);
      // The real change answers what the preview showed.
      const changed = await api.call<TicketBody>('PATCH', path, {
        claims: as.agent(),
        query: { dryRun: 'false' },
        body: { severity: 'high' },
      });
      expect(changed.body.deadlines).toEqual(preview.body.deadlines);
      expect(await scan(api)).not.toEqual(table);
    });

    it("refuses a bad dryRun, and another organisation's case is not found", async () => {
      const created = await api.call<TicketBody>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      const path = `/tickets/${created.body.caseId}`;
      const bad = await api.call<Problem>('PATCH', path, { claims: as.agent(), query: { dryRun: 'yes' }, body: { severity: 'high' } });
      expect(bad.body).toMatchObject({ status: 400, errors: [{ path: 'dryRun' }] });
      const other = await api.call<Problem>('PATCH', path, {
        claims: as.customer(ORGS.other.id),
        query: { dryRun: 'true' },
        body: { status: 'closed' },
      });
      expect(other.status).toBe(404);
    });
  });
});
