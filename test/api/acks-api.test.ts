import { beforeEach, describe, expect, it } from 'vitest';
import { signAckLink } from '#shared/oncall/ack-link.ts';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { recordNotified, type Ticket } from '#shared/tickets/ticket.ts';
import { createApiHandler } from '../../functions/api/handler.ts';
import { as, caller } from '../support/api-events.ts';
import { ANA, BO, pagedTicket, STEP } from '../support/paged-ticket.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const KEY = new Uint8Array(32).fill(7);
const OLD_KEY = new Uint8Array(32).fill(9);
const OTHER_KEY = new Uint8Array(32).fill(1);
const HOUR = 60 * 60_000;

describe('ack links', () => {
  let table: TestTable, ticket: Ticket, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    table = await testTable('2026-03-02T14:00:00Z');
    const paged = await pagedTicket(table);
    ticket = paged.ticket;
    call = caller(
      createApiHandler(() => ({
        policies: PRESET_CATALOG,
        store: table.store,
        now: table.clock.now,
        directory: paged.directory,
        oncallKeys: async () => ({ ackLinkKeys: [KEY, OLD_KEY], verificationKey: new Uint8Array(32) }),
      })),
    );
  });

  const token = (fields: { personId?: string; deadlineId?: string; expiresAt?: number } = {}, key = KEY) =>
    signAckLink({ caseId: ticket.caseId, deadlineId: STEP, personId: ANA.id, expiresAt: table.clock.now() + 24 * HOUR, ...fields }, key);
  const reread = async () => (await table.store.getTicket(ticket.caseId)) as Ticket;

  it('shows what the link asks without a sign-in, and a GET never acknowledges', async () => {
    const link = token();
    const shown = await call('GET', `/acks/${link}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({
      caseId: ticket.caseId,
      subject: 'API down',
      severity: 'urgent',
      deadline: STEP,
      person: { id: ANA.id, name: ANA.name },
      expiresAt: '2026-03-03T14:00:00.000Z',
    });
    await call('GET', `/acks/${link}`);
    expect((await reread()).version).toBe(ticket.version);
  });

  it('acknowledges on POST as the link’s person, once: a second POST answers with the first', async () => {
    const link = token();
    table.clock.advance(5 * 60_000);
    const first = await call('POST', `/acks/${link}`);
    expect(first.status).toBe(200);
    expect(first.body.acknowledged).toEqual({ by: ANA.id, at: '2026-03-02T14:05:00.000Z', via: 'link' });
    const version = (await reread()).version;
    table.clock.advance(60_000);
    // Bo's link to the same page, later: the page was taken, by Ana.
    const again = await call('POST', `/acks/${token({ personId: BO.id })}`);
    expect(again.status).toBe(200);
    expect(again.body.acknowledged).toEqual(first.body.acknowledged);
    expect((await reread()).version).toBe(version);
    expect((await call('GET', `/acks/${link}`)).body.acknowledged).toEqual(first.body.acknowledged);
  });

  it('takes links signed with an older key still listed', async () => {
    expect((await call('POST', `/acks/${token({}, OLD_KEY)}`)).status).toBe(200);
  });

  it('answers 404 to a forged, altered or malformed token, and 410 to an expired one', async () => {
    const link = token();
    const [payload, mac] = link.split('.') as [string, string];
    const otherCase = token({ deadlineId: 'response' }).split('.')[0];
    for (const bad of [token({}, OTHER_KEY), `${otherCase}.${mac}`, `${payload}.${mac.slice(0, -1)}`, 'x', `${link}.x`, 'a'.repeat(600)]) {
      for (const method of ['GET', 'POST']) {
        const response = await call(method, `/acks/${bad}`);
        expect(response.status, `${method} ${bad}`).toBe(404);
        expect(response.headers['content-type']).toBe('application/problem+json');
      }
    }
    const expired = token({ expiresAt: table.clock.now() + HOUR });
    table.clock.advance(HOUR);
    for (const method of ['GET', 'POST']) {
      const response = await call(method, `/acks/${expired}`);
      expect(response.status).toBe(410);
      expect(response.body.detail).toMatch(/expired/);
    }
    expect((await reread()).version).toBe(ticket.version);
  });

  const resolve = async () =>
    (await call('PATCH', `/tickets/${ticket.caseId}`, { claims: as.agent(), body: { status: 'resolved' } })).status;

  it('refuses a link to a resolved ticket nobody acknowledged (409), but still shows it', async () => {
    expect(await resolve()).toBe(200);
    const refused = await call('POST', `/acks/${token()}`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/resolved/);
    expect((await call('GET', `/acks/${token()}`)).status).toBe(200);
  });

  it('keeps answering a page acknowledged before its ticket was resolved with that acknowledgement', async () => {
    const first = await call('POST', `/acks/${token()}`);
    expect(await resolve()).toBe(200);
    const again = await call('POST', `/acks/${token()}`);
    expect(again.status).toBe(200);
    expect(again.body.acknowledged).toEqual(first.body.acknowledged);
  });

  it('answers a link to a deadline the ticket does not have with 404', async () => {
    expect((await call('POST', `/acks/${token({ deadlineId: 'escalation.urgent.9' })}`)).status).toBe(404);
  });

  describe('from the console', () => {
    it('acknowledges as the person whose e-mail the caller has', async () => {
      const response = await call('POST', `/tickets/${ticket.caseId}/acknowledgements`, {
        claims: { ...as.agent(), email: ANA.email.toUpperCase() },
        body: { deadline: STEP },
      });
      expect(response.status).toBe(200);
      expect((await reread()).events.filter((e) => e.type === 'acknowledged')).toMatchObject([{ by: ANA.id, via: 'console' }]);
    });

    it('refuses an agent a page that did not go to them (403), and lets an admin acknowledge any', async () => {
      const path = `/tickets/${ticket.caseId}/acknowledgements`;
      const bo = await call('POST', path, { claims: { ...as.agent(), email: BO.email }, body: { deadline: STEP } });
      expect(bo.status).toBe(403);
      expect(bo.headers['content-type']).toBe('application/problem+json');
      expect(bo.body.detail).toBe(
        `${STEP} of case ${ticket.caseId} did not page you (${BO.id}): only the people it paged, or an admin, may acknowledge it`,
      );
      expect((await reread()).version).toBe(ticket.version);
      const admin = await call('POST', path, { claims: { ...as.admin(), email: BO.email }, body: { deadline: STEP } });
      expect(admin.status).toBe(200);
      expect((await reread()).events.filter((e) => e.type === 'acknowledged')).toMatchObject([{ by: BO.id, via: 'console' }]);
    });

    it('lets an agent acknowledge a step whose re-page went to them', async () => {
      const repage = ticket.deadlines.find((d) => d.repageOf === STEP && d.state === 'pending');
      if (repage?.due == null) throw new Error(`no pending re-page of ${STEP}`);
      table.clock.moveTo(repage.due);
      const delivery = { role: 'manager', person: BO.id, channel: 'email' as const, to: BO.email };
      await table.store.saveTicket(recordNotified(ticket, loadPreset('kore'), repage, [delivery], table.clock.now()), ticket.version);
      const path = `/tickets/${ticket.caseId}/acknowledgements`;
      const bo = await call('POST', path, { claims: { ...as.agent(), email: BO.email }, body: { deadline: STEP } });
      expect(bo.status).toBe(200);
      expect((await reread()).events.filter((e) => e.type === 'acknowledged')).toMatchObject([{ by: BO.id, deadline: STEP }]);
    });

    it('answers 422 when no person has the caller’s e-mail, 400 for a bad body, 403 for customers', async () => {
      const path = `/tickets/${ticket.caseId}/acknowledgements`;
      const stranger = await call('POST', path, { claims: { ...as.agent(), email: 'who@else.test' }, body: { deadline: STEP } });
      expect(stranger.status).toBe(422);
      expect((await call('POST', path, { claims: as.agent(), body: { deadline: STEP } })).status).toBe(422);
      const bad = await call('POST', path, { claims: { ...as.agent(), email: ANA.email }, body: { deadline: 7, extra: 1 } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        { path: 'deadline', message: expect.any(String) },
        { path: 'extra', message: 'unknown field' },
      ]);
      expect((await call('POST', path, { claims: as.customer('acme'), body: { deadline: STEP } })).status).toBe(403);
      expect(
        (await call('POST', '/tickets/abc/acknowledgements', { claims: { ...as.agent(), email: ANA.email }, body: { deadline: STEP } }))
          .status,
      ).toBe(404);
      expect((await reread()).version).toBe(ticket.version);
    });
  });
});
