import { beforeAll, describe, expect, inject, it } from 'vitest';
import { CallCounter } from '../../infra/local/lib/intercept.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { freshTable } from '../support/test-table.ts';

const H = 3_600_000;

async function runtimeAt(start: string) {
  const { name: table } = await freshTable('paging');
  const clock = new LocalClock('manual', Date.parse(start));
  const counter = new CallCounter();
  const runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table, clock, wrap: counter.wrap });
  const call = caller(runtime.api);
  const admin = as.admin();
  const advance = (ms: number) => runtime.advanceTo(clock.now() + ms);
  const outbox = (caseId: number) =>
    runtime.outbox.items
      .filter((i) => i.caseId === caseId)
      .map((i) => `${i.at.slice(11, 16)} ${i.channel} ${i.role} ${i.kind}${i.level ? ` ${i.level}` : ''}`);
  const org = async (id: string, policy: string, tier: string, region?: string) =>
    expect((await call('POST', '/orgs', { claims: admin, body: { id, name: id, policy, tier, ...(region && { region }) } })).status).toBe(
      201,
    );
  const open = async (orgId: string, body: Record<string, unknown>) => {
    const response = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer(orgId),
      body: { subject: 'Outage', description: 'Down', ...body },
    });
    expect(response.status).toBe(201);
    await runtime.settle();
    return response.body.caseId;
  };
  return { runtime, clock, call, advance, outbox, org, open, counter };
}

describe('paging on the local stack with a manual clock', () => {
  describe('a KORE urgent ticket for a premium US organisation', () => {
    let env: Awaited<ReturnType<typeof runtimeAt>>;
    let caseId: number;
    beforeAll(async () => {
      env = await runtimeAt('2026-03-02T14:00:00Z'); // Monday 09:00 in New York
      await env.org('acme', 'kore', 'premium', 'us');
      caseId = await env.open('acme', { severity: 'urgent' });
    });

    it('pages the manager at once and e-mails the director and the VP', () => {
      expect(env.outbox(caseId)).toEqual([
        '14:00 sms manager escalation 1',
        '14:00 email manager escalation 1',
        '14:00 email director escalation 1',
        '14:00 email vp escalation 1',
      ]);
    });

    it('reports the response breach at 15 minutes when no agent answered', async () => {
      await env.advance(15 * 60_000);
      expect(env.outbox(caseId).slice(4)).toEqual([
        // Nobody acknowledged the manager's page: re-sent 5 and 10 minutes on, then to the next manager on call.
        '14:05 sms manager escalation 1',
        '14:05 email manager escalation 1',
        '14:10 sms manager escalation 1',
        '14:10 email manager escalation 1',
        '14:15 sms manager escalation 1',
        '14:15 email manager escalation 1',
        '14:15 sms tier2 response',
        '14:15 email tier2 response',
        '14:15 email manager response',
      ]);
    });

    it('pages the director at 2 hours and the VP at 4 hours', async () => {
      await env.advance(2 * H - 15 * 60_000);
      expect(env.outbox(caseId)).toContain('16:00 sms director escalation 2');
      await env.advance(2 * H);
      expect(env.outbox(caseId)).toContain('18:00 sms vp escalation 3');
    });

    it('adds no page in the day after the ticket is resolved', async () => {
      expect((await env.call('PATCH', `/tickets/${caseId}`, { claims: as.agent(), body: { status: 'resolved' } })).status).toBe(200);
      await env.runtime.settle();
      const before = env.outbox(caseId).length;
      await env.advance(24 * H);
      expect(env.outbox(caseId)).toHaveLength(before);
      expect(env.runtime.pendingSchedules).toBe(0);
    });

    it('records every delivery on the ticket timeline', async () => {
      const ticket = await env.call<{ assignee?: string }>('GET', `/tickets/${caseId}`, { claims: as.agent() });
      // The whole timeline (the API answers its newest page): every page and re-page, once, in order.
      const { timeline } = (await env.runtime.store.getTicketWithTimeline(caseId)) ?? { timeline: [] };
      const notified = timeline.filter((e) => e.type === 'notified').map((e) => `${e.detail?.deadline} ${e.detail?.role}`);
      expect(notified.slice(0, 8)).toEqual([
        'escalation.urgent.1 manager',
        'escalation.urgent.1 director',
        'escalation.urgent.1 vp',
        'escalation.urgent.1.r1 manager',
        'escalation.urgent.1.r2 manager',
        'escalation.urgent.1.backup manager',
        'response tier2',
        'response manager',
      ]);
      expect(ticket.body.assignee).toBe('tier2');
    });
  });

  it('stops paging the moment an agent answers and updates', async () => {
    const env = await runtimeAt('2026-03-02T14:00:00Z');
    await env.org('acme', 'kore', 'premium', 'us');
    const caseId = await env.open('acme', { severity: 'urgent' });
    await env.advance(5 * 60_000);
    await env.call('POST', `/tickets/${caseId}/messages`, { claims: as.agent(), body: { body: 'On it', public: true } });
    await env.advance(60 * 60_000);
    await env.call('POST', `/tickets/${caseId}/messages`, { claims: as.agent(), body: { body: 'Root cause found', public: true } });
    await env.advance(60 * 60_000);
    expect(env.outbox(caseId).filter((line) => line.includes('response') || line.includes('update'))).toEqual([]);
    expect(env.outbox(caseId)).toContain('16:00 sms director escalation 2');
  });

  it('pages the manager when a Kidzonet customer escalates their case', async () => {
    const env = await runtimeAt('2026-03-02T14:00:00Z');
    await env.org('kidz', 'kidzonet', 'standard');
    const caseId = await env.open('kidz', { severity: 'minor' });
    const escalated = await env.call('POST', `/tickets/${caseId}/escalate`, { claims: as.customer('kidz'), body: { reason: 'No reply' } });
    expect(escalated.status).toBe(201);
    await env.runtime.settle();
    expect(env.outbox(caseId)).toEqual(['14:00 sms manager escalation', '14:00 email manager escalation']);
  });

  it.each([
    // NETCOR critical opened Thursday before Easter 15:00 Berlin: 4 business hours end Tuesday 10:30 Berlin.
    [
      'netcor',
      'standard',
      undefined,
      { severity: 'critical', fields: { softwareVersion: '5.2', systemDetails: 'x' } },
      '2026-04-02T13:00:00Z',
      5 * 24 * H,
      '2026-04-07T08:30:00.000Z',
    ],
    // Tiered gold: 72 h counted on weekdays only, from Friday noon Berlin: Wednesday noon.
    ['tiered', 'gold', undefined, { severity: 'normal' }, '2026-03-06T11:00:00Z', 6 * 24 * H, '2026-03-11T11:00:00.000Z'],
    // Kolmisoft platinum: 1 working hour from Friday 17:30 at +02:00: Monday 09:30.
    ['kolmisoft', 'platinum', undefined, { severity: 'low' }, '2026-07-03T15:30:00Z', 4 * 24 * H, '2026-07-06T07:30:00.000Z'],
    // Kidzonet premium critical: one hour, around the clock.
    ['kidzonet', 'premium', undefined, { severity: 'critical' }, '2026-03-07T23:30:00Z', 2 * H, '2026-03-08T00:30:00.000Z'],
  ])('pages the %s response breach at the business-time due instant', async (policy, tier, region, body, start, horizon, due) => {
    const env = await runtimeAt(start);
    await env.org('org', policy, tier, region);
    const caseId = await env.open('org', body);
    await env.advance(horizon);
    const response = env.runtime.outbox.items.filter((i) => i.caseId === caseId && i.kind === 'response');
    expect(response.length).toBeGreaterThan(0);
    expect(new Set(response.map((i) => i.at))).toEqual(new Set([due]));
  });

  it('counts the AWS calls behind a created ticket and a page', async () => {
    const env = await runtimeAt('2026-03-02T14:00:00Z');
    await env.org('acme', 'kore', 'premium', 'us');
    await env.open('acme', { severity: 'low' }); // warm up: the org read is cached afterwards
    await env.runtime.settle();
    const before = env.counter.snapshot();
    await env.call('POST', '/tickets', { claims: as.customer('acme'), body: { subject: 's', description: 'd', severity: 'low' } });
    const afterCreate = env.counter.snapshot();
    expect((afterCreate.dynamodb ?? 0) - (before.dynamodb ?? 0)).toBe(2); // counter ADD + conditional PutItem
    await env.runtime.settle(); // stream → schedule-sync: one CreateSchedule for the response deadline
    const afterSync = env.counter.snapshot();
    expect((afterSync.scheduler ?? 0) - (afterCreate.scheduler ?? 0)).toBe(1);
    await env.advance(9 * H); // low: 8 working hours; one page (tier1)
    const afterPage = env.counter.snapshot();
    expect((afterPage.sns ?? 0) - (afterSync.sns ?? 0)).toBe(2); // both low tickets breach: one Publish each
  });
});
