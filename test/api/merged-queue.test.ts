import { beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS } from './api-harness.ts';

type Queue = { items: Array<{ caseId: number; policy: { id: string } }>; cursor?: string };

describe('GET /queue across every policy', () => {
  let api: Awaited<ReturnType<typeof apiHarness>>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z'); // a Monday, 16:00 in Kolmisoft's office (+02:00)
    for (const org of [
      { id: 'kol-bronze', tier: 'bronze' },
      { id: 'kol-platinum', tier: 'platinum' },
    ]) {
      await api.call('POST', '/orgs', { claims: as.admin(), body: { ...org, name: org.id, policy: 'kolmisoft' } });
    }
    const open = async (name: string, org: string, severity: string) => {
      const created = await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer(org),
        body: { subject: name, description: 'd', severity, fields: { softwareVersion: '5.2', systemDetails: 'cluster' } },
      });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      ids[name] = created.body.caseId;
    };
    await open('bronzeHigh', 'kol-bronze', 'high'); // due in 12 business hours
    await open('platinumLow', 'kol-platinum', 'low'); // due 15:00Z
    api.clock.advance(10 * 60_000);
    await open('platinumHigh', 'kol-platinum', 'high'); // due 15:10Z: later, yet first in Kolmisoft's order
    await open('koreUrgent', ORGS.kore.id, 'urgent'); // response due 14:25Z
    await open('netcorLow', ORGS.netcor.id, 'low');
  });

  const mine = (queue: Queue['items']) => queue.map((t) => t.caseId).filter((id) => Object.values(ids).includes(id));
  const name = (caseId: number) => Object.entries(ids).find(([, id]) => id === caseId)?.[0];

  it("keeps Kolmisoft's own order (plan, then priority) among the other policies' tickets", async () => {
    const own = await api.call<Queue>('GET', '/queue', { claims: as.agent(), query: { policy: 'kolmisoft' } });
    expect(mine(own.body.items).map(name)).toEqual(['platinumHigh', 'platinumLow', 'bronzeHigh']);
    const merged = await api.call<Queue>('GET', '/queue', { claims: as.agent() });
    expect(merged.status).toBe(200);
    const order = mine(merged.body.items).map(name);
    expect(order.filter((n) => n?.startsWith('p') || n?.startsWith('b'))).toEqual(['platinumHigh', 'platinumLow', 'bronzeHigh']);
    // Heads compete on their next due: KORE's urgent response (14:25Z) before Kolmisoft's head (15:10Z).
    expect(order.indexOf('koreUrgent')).toBeLessThan(order.indexOf('platinumHigh'));
    expect(order.at(-1)).toBe('netcorLow');
    expect(merged.body.cursor).toBeUndefined();
  });

  it('pages with a cursor carrying each policy’s position, and ends when every list is done', async () => {
    const whole = await api.call<Queue>('GET', '/queue', { claims: as.agent(), query: { limit: '100' } });
    for (const limit of ['1', '2', '3']) {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await api.call<Queue>('GET', '/queue', { claims: as.agent(), query: { limit, ...(cursor && { cursor }) } });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(Number(limit));
        seen.push(...page.body.items.map((t) => t.caseId));
        cursor = page.body.cursor;
        pages++;
      } while (cursor !== undefined && pages < 50);
      expect(seen, `limit ${limit}`).toEqual(whole.body.items.map((t) => t.caseId));
    }
  });

  it('refuses a cursor it did not hand out with 400', async () => {
    const forged = [
      'abc',
      Buffer.from(JSON.stringify({ zendesk: null })).toString('base64url'),
      Buffer.from(JSON.stringify({ kore: 'not-a-key' })).toString('base64url'),
      Buffer.from(JSON.stringify({ kore: 5 })).toString('base64url'),
      Buffer.from(JSON.stringify([null])).toString('base64url'),
    ];
    for (const cursor of forged) {
      const response = await api.call('GET', '/queue', { claims: as.agent(), query: { cursor } });
      expect(response.status, cursor).toBe(400);
    }
  });

  it('is for agents only', async () => {
    expect((await api.call('GET', '/queue', { claims: as.customer(ORGS.kore.id), query: { limit: '1' } })).status).toBe(403);
  });
});
