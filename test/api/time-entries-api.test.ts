import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Entry = { entry: string; minutes: number; billable: boolean; at: string; note?: string; rev?: number; by?: string };
type EntryList = { caseId: number; entries: Entry[]; totalMinutes: number; billableMinutes: number };
type Timeline = { items: Array<{ type: string; actor: { kind: string; id: string }; body?: string; detail?: Record<string, string> }> };
type Problem = { errors?: Array<{ path: string; message: string }> };

const keyOf = ({ PK, SK }: { PK: string; SK: string }) => ({ PK, SK });
const OPENED = '2026-03-02T14:00:00.000Z';
const agent = as.agent();
const kolmisoft = { id: 'kolmi-paid', name: 'Paid support customer', policy: 'kolmisoft', tier: 'none', contacts: ['it@kolmi.example'] };

describe('time entries API', () => {
  let api: Api;
  /** A KORE ticket opened at OPENED, the clock then an hour later. */
  let caseId: number;
  const time = (id = caseId) => `/tickets/${id}/time`;

  beforeAll(async () => {
    api = await apiHarness(OPENED);
    await api.call('POST', '/orgs', { claims: as.admin(), body: kolmisoft });
    const created = await api.call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
    caseId = created.body.caseId;
    api.clock.advance(60 * 60_000);
  });

  const list = async (id = caseId, claims = agent) => (await api.call<EntryList>('GET', time(id), { claims })).body;
  const timeline = async (id = caseId) => (await api.call<Timeline>('GET', `/tickets/${id}/timeline`, { claims: agent })).body.items;

  describe('logging', () => {
    it('records an entry (billable by default, at now) on the ticket, its total and its timeline', async () => {
      const logged = await api.call<Entry & { ticketMinutes: number }>('POST', time(), {
        claims: agent,
        body: { minutes: 45, note: 'Restarted the gateway' },
      });
      expect(logged.status).toBe(201);
      expect(logged.body).toMatchObject({
        entry: `${caseId}-001`,
        minutes: 45,
        billable: true,
        at: '2026-03-02T15:00:00.000Z',
        note: 'Restarted the gateway',
        rev: 1,
        by: 'agent-1',
        ticketMinutes: 45,
      });
      const ticket = await api.call<{ timeMinutes: number }>('GET', `/tickets/${caseId}`, { claims: as.customer(ORGS.kore.id) });
      expect(ticket.body.timeMinutes).toBe(45);
      expect((await timeline()).at(-1)).toMatchObject({
        type: 'time_logged',
        body: 'Restarted the gateway',
        detail: { entry: `${caseId}-001`, minutes: '45', billable: 'true', at: '2026-03-02T15:00:00.000Z' },
      });
    });

    it('takes when the work was done, and a non-billable entry', async () => {
      const logged = await api.call<Entry>('POST', time(), {
        claims: agent,
        body: { minutes: 30, billable: false, at: '2026-03-02T15:30:00+01:00' },
      });
      expect(logged.status).toBe(201);
      expect(logged.body).toMatchObject({ minutes: 30, billable: false, at: '2026-03-02T14:30:00.000Z' });
    });

    it.each([
      [{ minutes: -5 }, 'minutes'],
      [{ minutes: 0 }, 'minutes'],
      [{ minutes: 1441 }, 'minutes'],
      [{ minutes: 1.5 }, 'minutes'],
      [{}, 'minutes'],
      [{ minutes: 10, at: 'yesterday' }, 'at'],
      [{ minutes: 10, note: 'x'.repeat(1001) }, 'note'],
      [{ minutes: 10, by: 'someone-else' }, 'by'],
    ])('refuses %j with 400 naming %s, writing nothing', async (body, path) => {
      const before = await list();
      const response = await api.call<Problem>('POST', time(), { claims: agent, body });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.path)).toContain(path);
      expect(await list()).toEqual(before);
    });

    it('refuses work in the future or before the ticket was opened (422 naming at)', async () => {
      const before = await list();
      for (const at of ['2026-03-02T15:00:01Z', '2026-03-02T13:59:59Z']) {
        const response = await api.call<Problem>('POST', time(), { claims: agent, body: { minutes: 10, at } });
        expect(response.status, at).toBe(422);
        expect(response.body.errors?.[0]?.path).toBe('at');
      }
      expect(await list()).toEqual(before);
    });
  });

  describe('who may see and write', () => {
    it('lets the ticket’s customers read the entries without who logged them', async () => {
      const mine = await list(caseId, as.customer(ORGS.kore.id));
      expect(mine.entries.length).toBeGreaterThan(0);
      for (const entry of mine.entries) expect(Object.keys(entry).sort()).toEqual(expect.not.arrayContaining(['by', 'rev', 'recordedAt']));
      const customerTimeline = await api.call<Timeline>('GET', `/tickets/${caseId}/timeline`, { claims: as.customer(ORGS.kore.id) });
      const logged = customerTimeline.body.items.find((e) => e.type === 'time_logged');
      expect(logged?.actor).toEqual({ kind: 'staff', id: 'staff' });
      expect(logged?.detail?.minutes).toBe('45');
    });

    it('answers another organisation’s customer 404, and customers may not log, correct or delete time', async () => {
      const other = as.customer(ORGS.other.id);
      expect((await api.call('GET', time(), { claims: other })).status).toBe(404);
      const customer = as.customer(ORGS.kore.id);
      expect((await api.call('POST', time(), { claims: customer, body: { minutes: 10 } })).status).toBe(403);
      expect((await api.call('PATCH', `${time()}/${caseId}-001`, { claims: customer, body: { minutes: 10 } })).status).toBe(403);
      expect((await api.call('DELETE', `${time()}/${caseId}-001`, { claims: customer })).status).toBe(403);
    });

    it('answers 404 for an unknown ticket or entry, 400 for what cannot be an entry id', async () => {
      expect((await api.call('GET', time(99_999), { claims: agent })).status).toBe(404);
      expect((await api.call('POST', time(99_999), { claims: agent, body: { minutes: 10 } })).status).toBe(404);
      expect((await api.call('PATCH', `${time()}/${caseId}-099`, { claims: agent, body: { minutes: 10 } })).status).toBe(404);
      expect((await api.call('DELETE', `${time()}/${caseId}-099`, { claims: agent })).status).toBe(404);
      const bad = await api.call<Problem>('PATCH', `${time()}/nope`, { claims: agent, body: { minutes: 10 } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0]?.path).toBe('entry');
    });
  });

  describe('corrections and deletions', () => {
    it('corrects an entry as a new revision and says on the timeline what changed from what', async () => {
      const entry = `${caseId}-001`;
      const corrected = await api.call<Entry>('PATCH', `${time()}/${entry}`, { claims: agent, body: { minutes: 60, billable: false } });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({ entry, minutes: 60, billable: false, rev: 2, note: 'Restarted the gateway' });
      expect((await timeline()).at(-1)).toMatchObject({
        type: 'time_corrected',
        detail: { entry, rev: '2', 'from.minutes': '45', 'to.minutes': '60', 'from.billable': 'true', 'to.billable': 'false' },
      });
      const revisions = await api.timeLedger.ofTicket(caseId);
      expect(revisions.filter((r) => r.entry === entry).map((r) => [r.rev, r.minutes])).toEqual([
        [1, 45],
        [2, 60],
      ]);
      expect((await list()).entries.find((e) => e.entry === entry)).toMatchObject({ minutes: 60, billable: false });
    });

    it('refuses a correction that changes nothing, and one into the future', async () => {
      const same = await api.call('PATCH', `${time()}/${caseId}-001`, { claims: agent, body: { minutes: 60 } });
      expect(same.status).toBe(409);
      const ahead = await api.call<Problem>('PATCH', `${time()}/${caseId}-001`, { claims: agent, body: { at: '2027-01-01T00:00:00Z' } });
      expect(ahead.status).toBe(422);
      expect(ahead.body.errors?.[0]?.path).toBe('at');
      expect((await api.call<Problem>('PATCH', `${time()}/${caseId}-001`, { claims: agent, body: {} })).status).toBe(400);
    });

    it('deletes an entry with a deletion revision; the total drops and the timeline keeps it', async () => {
      const before = await list();
      const deleted = await api.call('DELETE', `${time()}/${caseId}-002`, { claims: agent });
      expect(deleted.status).toBe(204);
      const after = await list();
      expect(after.entries.map((e) => e.entry)).not.toContain(`${caseId}-002`);
      expect(after.totalMinutes).toBe(before.totalMinutes - 30);
      expect((await timeline()).at(-1)).toMatchObject({ type: 'time_deleted', detail: { entry: `${caseId}-002`, minutes: '30' } });
      expect((await api.call('DELETE', `${time()}/${caseId}-002`, { claims: agent })).status).toBe(404);
      const ticket = await api.call<{ timeMinutes: number }>('GET', `/tickets/${caseId}`, { claims: agent });
      expect(ticket.body.timeMinutes).toBe(after.totalMinutes);
    });
  });

  describe('free categories (Kolmisoft: bugs are fixed for free)', () => {
    const open = async (category: string) =>
      (
        await api.call<{ caseId: number }>('POST', '/tickets', {
          claims: as.customer(kolmisoft.id),
          body: { subject: 'Calls drop', description: 'After 60 s', severity: 'high', category },
        })
      ).body.caseId;

    it('records time on a bug ticket as not billable, and says why', async () => {
      const bug = await open('bug');
      const logged = await api.call<Entry & { notBillable?: string }>('POST', time(bug), { claims: agent, body: { minutes: 90 } });
      expect(logged.status).toBe(201);
      expect(logged.body).toMatchObject({ billable: false, notBillable: 'the kolmisoft policy does not bill tickets of category "bug"' });
      const corrected = await api.call<Entry & { notBillable?: string }>('PATCH', `${time(bug)}/${bug}-001`, {
        claims: agent,
        body: { billable: true, minutes: 80 },
      });
      expect(corrected.body).toMatchObject({ billable: false, minutes: 80, notBillable: expect.stringContaining('"bug"') });
    });

    it('turns a ticket’s billable entries non-billable when staff make it a bug, each on the timeline', async () => {
      const question = await open('question');
      await api.call('POST', time(question), { claims: agent, body: { minutes: 30 } });
      await api.call('POST', time(question), { claims: agent, body: { minutes: 20, billable: false } });
      const changed = await api.call<{ category: string }>('PATCH', `/tickets/${question}`, { claims: agent, body: { category: 'bug' } });
      expect(changed.status).toBe(200);
      expect(changed.body.category).toBe('bug');
      expect((await list(question)).entries.map((e) => e.billable)).toEqual([false, false]);
      const entries = await timeline(question);
      expect(entries.filter((e) => e.type === 'category_changed').map((e) => e.detail)).toEqual([{ from: 'question', to: 'bug' }]);
      expect(entries.filter((e) => e.type === 'time_corrected').map((e) => e.detail)).toEqual([
        expect.objectContaining({ entry: `${question}-001`, 'from.billable': 'true', 'to.billable': 'false' }),
      ]);
      // Back to a billed category: nothing turns billable by itself.
      await api.call('PATCH', `/tickets/${question}`, { claims: agent, body: { category: 'question' } });
      expect((await list(question)).entries.map((e) => e.billable)).toEqual([false, false]);
    });

    it('makes a ticket with 200 billable entries a bug in one timeline entry, and completes a write cut short', async () => {
      const question = await open('question');
      for (let i = 0; i < 200; i++)
        expect((await api.call('POST', time(question), { claims: agent, body: { minutes: 1 } })).status).toBe(201);
      const changed = await api.call('PATCH', `/tickets/${question}`, { claims: agent, body: { category: 'bug' } });
      expect(changed.status).toBe(200);
      const after = await list(question);
      expect(after.entries.filter((e) => e.billable)).toEqual([]);
      expect(after.totalMinutes).toBe(200);
      const corrected = (await timeline(question)).filter((e) => e.type === 'time_corrected');
      expect(corrected).toHaveLength(1);
      expect(corrected[0]?.detail?.entry?.split(', ')).toHaveLength(200);
      // The corrections beyond the ticket's transaction lost (the process stopped after it): setting the category again writes them.
      const lost = after.entries.slice(150).map((e) => e.entry);
      for (const entry of lost) {
        const [revision] = (await api.timeLedger.ofTicket(question)).filter((r) => r.entry === entry && r.rev === 2);
        if (revision === undefined) throw new Error(`no correction of ${entry}`);
        await api.documents.send(new DeleteCommand({ TableName: api.name, Key: keyOf(keys.timeRevision(revision)) }));
      }
      expect((await list(question)).billableMinutes).toBe(50);
      expect((await api.call('PATCH', `/tickets/${question}`, { claims: agent, body: { category: 'bug' } })).status).toBe(200);
      expect((await list(question)).billableMinutes).toBe(0);
    });

    it('refuses a category the policy does not list, and customers changing it', async () => {
      const ticket = await open('question');
      const unknown = await api.call<Problem>('PATCH', `/tickets/${ticket}`, { claims: agent, body: { category: 'billing' } });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors?.[0]?.path).toBe('category');
      expect((await api.call('PATCH', `/tickets/${ticket}`, { claims: as.customer(kolmisoft.id), body: { category: 'bug' } })).status).toBe(
        403,
      );
    });
  });
});
