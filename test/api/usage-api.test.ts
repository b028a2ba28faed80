/**
 * Usage statements over the API, on DynamoDB Local with a manual clock: the `tiered` gold org's
 * January with 5 h logged (4 h included, 1 h overage at 75 EUR), as JSON and CSV, with the 80 %
 * and 100 % e-mails queued once each; a Kolmisoft customer without a plan paying 50 EUR/h for a
 * question and nothing for a bug; late time as an adjustment; bad periods; other organisations.
 */

import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { statementCsv } from '#shared/billing/statement-csv.ts';
import { usageStatement } from '#shared/billing/usage-statement.ts';
import { usageAlertId } from '#shared/email/usage-alert.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { createApiHandler } from '../../functions/api/handler.ts';
import { statementView } from '../../functions/api/usage-operations.ts';
import { as, caller } from '../support/api-events.ts';
import { apiHarness, ORGS } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Statement = ReturnType<typeof statementView>;
type Problem = { errors?: Array<{ path: string; message: string }> };

const H = 3_600_000;
const START = Date.parse('2027-01-04T08:00:00Z');
const agent = as.agent();
const gold = { id: 'gold-co', name: 'Gold Co', policy: 'tiered', tier: 'gold', contacts: ['billing@gold.example', 'cto@gold.example'] };
const quiet = { id: 'quiet-co', name: 'Quiet Co', policy: 'tiered', tier: 'gold' };
const paying = { id: 'paying-co', name: 'Paying Co', policy: 'kolmisoft', tier: 'none', contacts: ['it@paying.example'] };

describe('usage statements API', () => {
  let api: Api;
  const usage = (org: string, query: Record<string, string> = {}, claims = agent, headers: Record<string, string> = {}) =>
    api.call<Statement & Problem>('GET', `/orgs/${org}/usage`, { claims, query, headers });
  const open = async (org: string, body: Record<string, unknown>) =>
    (
      await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: agent,
        body: { org, subject: 'Help', description: 'Please', ...body },
      })
    ).body.caseId;
  /** The handler over the test table's ledger with some of its methods replaced. */
  const withLedger = (replaced: Partial<Api['timeLedger']>) =>
    caller(
      createApiHandler(() => ({
        policies: PRESET_CATALOG,
        store: api.store,
        now: api.clock.now,
        timeLedger: Object.assign(Object.create(api.timeLedger), replaced),
      })),
    );
  const log = (caseId: number, minutes: number) => api.call('POST', `/tickets/${caseId}/time`, { claims: agent, body: { minutes } });

  beforeAll(async () => {
    api = await apiHarness('2027-01-01T08:00:00.000Z');
    for (const org of [gold, quiet, paying]) await api.call('POST', '/orgs', { claims: as.admin(), body: org });
    api.clock.moveTo(START);
  });

  describe('a tiered gold organisation logging 5 h in January 2027', () => {
    let caseId: number;
    beforeAll(async () => {
      caseId = await open(gold.id, { severity: 'normal' });
      const quietCase = await open(quiet.id, { severity: 'normal' });
      for (let hour = 1; hour <= 5; hour++) {
        api.clock.advance(H);
        expect((await log(caseId, 60)).status).toBe(201);
        await log(quietCase, 60);
        if (hour === 3) expect(await api.mailOutbox.queued(usageAlertId(gold.id, '2027-01', 80))).toBeUndefined();
      }
    });

    it('e-mails the contacts at 80 % and at 100 %, once each, and nothing to an org without contacts', async () => {
      const at80 = await api.mailOutbox.queued(usageAlertId(gold.id, '2027-01', 80));
      const at100 = await api.mailOutbox.queued(usageAlertId(gold.id, '2027-01', 100));
      expect(at80?.mail).toMatchObject({ to: gold.contacts, subject: '80 % of your included support time for 2027-01 is used' });
      expect(at80?.mail.text).toContain('Gold Co has used 4h of the 4h of support included for 2027-01');
      // The month as the customer reads it: local dates in words, not the UTC instants of its bounds.
      expect(at80?.mail.text).toContain('The period runs from 1 January 2027 to 31 January 2027, both included (Europe/Berlin time).');
      expect(at100?.mail).toMatchObject({ to: gold.contacts, subject: 'Your included support time for 2027-01 is used up' });
      // Sent to one contact; more time and two writes at once queue nothing again (the item and its mark stay).
      await api.mailOutbox.markSent(usageAlertId(gold.id, '2027-01', 100), 'billing@gold.example');
      await Promise.all([log(caseId, 15), log(caseId, 15)]);
      const again = await api.mailOutbox.queued(usageAlertId(gold.id, '2027-01', 100));
      expect([...(again?.sentTo ?? [])]).toEqual(['billing@gold.example']);
      expect(again?.mail.text).toBe(at100?.mail.text);
      expect(await api.mailOutbox.queued(usageAlertId(quiet.id, '2027-01', 80))).toBeUndefined();
      await api.call('DELETE', `/tickets/${caseId}/time/${caseId}-006`, { claims: agent });
      await api.call('DELETE', `/tickets/${caseId}/time/${caseId}-007`, { claims: agent });
    });

    it('does not e-mail again once the outbox items have expired (their marks never do)', async () => {
      // The table's TTL removes outbox items after 30 days; a quarter or a 31-day month outlives them.
      for (const threshold of [80, 100] as const)
        await api.documents.send(
          new DeleteCommand({ TableName: api.name, Key: keys.mailOutbox(usageAlertId(gold.id, '2027-01', threshold)) }),
        );
      expect((await log(caseId, 15)).status).toBe(201);
      expect(await api.mailOutbox.queued(usageAlertId(gold.id, '2027-01', 80))).toBeUndefined();
      expect(await api.mailOutbox.queued(usageAlertId(gold.id, '2027-01', 100))).toBeUndefined();
      await api.call('DELETE', `/tickets/${caseId}/time/${caseId}-008`, { claims: agent });
    });

    it('states 4 h included and 1 h overage at 75 EUR once January closed, as the fold does', async () => {
      api.clock.moveTo(Date.parse('2027-02-03T10:00:00Z'));
      const january = await usage(gold.id, { period: '2027-01' });
      expect(january.status).toBe(200);
      expect(january.body).toMatchObject({
        org: gold.id,
        period: '2027-01',
        start: '2026-12-31T23:00:00.000Z',
        end: '2027-01-31T23:00:00.000Z',
        zone: 'Europe/Berlin',
        status: 'closed',
        tier: 'gold',
        currency: 'EUR',
        includedMinutes: 240,
        usedMinutes: 300,
        overageMinutes: 60,
        billedOverageMinutes: 60,
        total: 7500,
        alerts: { at80: true, at100: true },
      });
      expect(january.body.lines).toEqual([
        expect.objectContaining({ kind: 'overage', quantity: 1, unitPrice: 7500, amount: 7500, minutes: 60 }),
      ]);
      const fold = usageStatement({
        policy: loadPreset('tiered'),
        org: { id: gold.id, since: Date.parse('2027-01-01T08:00:00Z'), tierAt: () => 'gold' },
        zone: loadPreset('tiered').zone(),
        revisions: await api.timeLedger.recordedIn(gold.id, 0, api.clock.now() + 1),
        period: '2027-01',
        now: api.clock.now(),
      });
      expect(january.body).toEqual(statementView(fold));
      const csv = await usage(gold.id, { period: '2027-01' }, agent, { accept: 'text/csv' });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.body).toBe(statementCsv(fold));
      expect(String(csv.body)).toMatch(/^2027-01,overage,.*,1,h,60,75\.00,75\.00,EUR\r\n2027-01,total,.*,75\.00,EUR\r\n$/m);
    });

    it('serves January as issued after the organisation moved to another policy and tier', async () => {
      const issued = await usage(gold.id, { period: '2027-01' });
      const { id: _id, ...settings } = gold;
      const moved = await api.call('PUT', `/orgs/${gold.id}`, {
        claims: as.admin(),
        body: { ...settings, policy: 'kolmisoft', tier: 'none' },
      });
      expect(moved.status).toBe(200);
      const after = await usage(gold.id, { period: '2027-01' });
      expect(after.status).toBe(200);
      expect(after.body).toEqual(issued.body);
      expect(after.body).toMatchObject({ zone: 'Europe/Berlin', tier: 'gold', total: 7500 });
      expect((await api.call('PUT', `/orgs/${gold.id}`, { claims: as.admin(), body: settings })).status).toBe(200);
    });

    it('bills time logged later for January in February, as an adjustment, leaving January as issued', async () => {
      const before = await usage(gold.id, { period: '2027-01' });
      const late = await api.call('POST', `/tickets/${caseId}/time`, { claims: agent, body: { minutes: 30, at: '2027-01-20T10:00:00Z' } });
      expect(late.status).toBe(201);
      expect((await usage(gold.id, { period: '2027-01' })).body).toEqual(before.body);
      const february = await usage(gold.id);
      expect(february.body).toMatchObject({ period: '2027-02', status: 'open', usedMinutes: 0, total: 3750 });
      expect(february.body.lines).toEqual([expect.objectContaining({ kind: 'adjustment', adjusts: '2027-01', minutes: 30, amount: 3750 })]);
    });

    it('lets the organisation’s customers read it, and answers 404 to anyone else’s', async () => {
      expect((await usage(gold.id, { period: '2027-01' }, as.customer(gold.id))).status).toBe(200);
      expect((await usage(gold.id, { period: '2027-01' }, as.customer(ORGS.kore.id))).status).toBe(404);
      expect((await usage('no-such-org', {}, agent)).status).toBe(404);
      expect((await usage('no-such-org', {}, as.customer('no-such-org'))).status).toBe(404);
      expect((await usage('x'.repeat(3000))).status).toBe(404);
      expect((await usage('Not%20An%20Id')).status).toBe(404);
    });

    it.each([
      ['2027-03', 'has not begun'],
      ['2027-13', 'expected a month'],
      ['27-01', 'expected a month'],
      ['2026-11', 'before the organisation was created'],
      ['2027-Q1', 'ask for 2027-01'],
      ['x'.repeat(17), 'expected a period'],
    ])('refuses the period %s with 400 naming period (%s)', async (period, message) => {
      const response = await usage(gold.id, { period });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]).toMatchObject({ path: 'period', message: expect.stringContaining(message) });
    });
  });

  describe('Kolmisoft: paid support without a plan, bugs free', () => {
    it('bills the question ticket 50 EUR/h and the bug ticket nothing', async () => {
      api.clock.moveTo(Date.parse('2027-03-01T09:00:00Z'));
      const question = await open(paying.id, { severity: 'high', category: 'question' });
      const bug = await open(paying.id, { severity: 'high', category: 'bug' });
      api.clock.advance(2 * H);
      await log(question, 60);
      await log(bug, 90);
      const march = await usage(paying.id, {}, as.customer(paying.id));
      expect(march.body).toMatchObject({
        period: '2027-03',
        tier: 'none',
        currency: 'EUR',
        paidMinutes: 60,
        nonBillableMinutes: 90,
        total: 5000,
      });
      expect(march.body.lines).toEqual([
        expect.objectContaining({ kind: 'paid', caseId: question, quantity: 1, unitPrice: 5000, amount: 5000, minutes: 60 }),
      ]);
      expect(await api.mailOutbox.queued(usageAlertId(paying.id, '2027-03', 80))).toBeUndefined();
    });
  });

  describe('when the mail outbox fails', () => {
    it('still answers the time written (a retry would log it twice), and the next entry queues the alert', async () => {
      api.clock.moveTo(Date.parse('2027-04-01T08:00:00Z'));
      const failing = withLedger({
        // The ledger as it is, but its alerts' queue down.
        queueAlerts: async () => {
          throw new Error('outbox down');
        },
      });
      const caseId = await open(gold.id, { severity: 'normal' });
      api.clock.advance(5 * H);
      const logged = await failing('POST', `/tickets/${caseId}/time`, { claims: agent, body: { minutes: 240 } });
      expect(logged.status).toBe(201);
      expect(await api.mailOutbox.queued(usageAlertId(gold.id, '2027-04', 100))).toBeUndefined();
      expect((await log(caseId, 5)).status).toBe(201);
      expect(await api.mailOutbox.queued(usageAlertId(gold.id, '2027-04', 100))).toBeDefined();
    });
  });

  describe('when the index has not caught up with the entry just written', () => {
    it('still queues the alert that entry calls for', async () => {
      api.clock.moveTo(Date.parse('2027-05-03T08:00:00Z'));
      // The `due` index is eventually consistent: here it shows nothing recorded at this instant.
      const lagging = withLedger({
        recordedIn: async (org: string, start: number, end: number) =>
          (await api.timeLedger.recordedIn(org, start, end)).filter((r) => r.recordedAt < api.clock.now()),
      });
      const caseId = await open(gold.id, { severity: 'normal' });
      api.clock.advance(5 * H);
      expect((await lagging('POST', `/tickets/${caseId}/time`, { claims: agent, body: { minutes: 240 } })).status).toBe(201);
      expect(await api.mailOutbox.queued(usageAlertId(gold.id, '2027-05', 100))).toBeDefined();
    });
  });

  describe('an organisation with two years of history', () => {
    it('reads only the open month’s revisions for its statement, the closed months being issued', async () => {
      const history = { id: 'history-co', name: 'History Co', policy: 'tiered', tier: 'gold', contacts: ['it@history.example'] };
      api.clock.moveTo(Date.parse('2027-06-01T08:00:00Z'));
      await api.call('POST', '/orgs', { claims: as.admin(), body: history });
      const caseId = await open(history.id, { severity: 'normal' });
      for (let month = 0; month < 24; month++) {
        api.clock.moveTo(Date.UTC(2027, 5 + month, 10, 9));
        expect((await log(caseId, 60)).status).toBe(201);
      }
      let read = 0;
      const counting = withLedger({
        recordedIn: async (org: string, start: number, end: number) => {
          const revisions = await api.timeLedger.recordedIn(org, start, end);
          read += revisions.length;
          return revisions;
        },
      });
      const current = await counting<Statement>('GET', `/orgs/${history.id}/usage`, { claims: agent });
      expect(current.body).toMatchObject({ period: '2029-05', usedMinutes: 60, status: 'open' });
      expect(read).toBe(1);
      const year = await counting<Statement>('GET', `/orgs/${history.id}/usage`, { claims: agent, query: { period: '2028-05' } });
      expect(year.body).toMatchObject({ period: '2028-05', usedMinutes: 60, status: 'closed' });
      expect(read).toBe(1);
    });
  });
});
