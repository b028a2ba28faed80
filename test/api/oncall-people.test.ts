import { describe, expect, it } from 'vitest';
import { as } from '../support/api-events.ts';
import { onCallHarness, staff } from './oncall-harness.ts';

type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };
interface PersonView {
  id: string;
  name: string;
  agent: boolean;
  sms: Array<{ number: string; state: string; verifiedAt?: string; optedOutAt?: string }>;
  version: number;
  updatedAt: string;
}

const ANA = '+4915100000001';
const ANA_PATH = '/people/ana-lima/sms/%2B4915100000001';
/** Ana, signed in: her token's e-mail is the one on file. */
const asAna = () => ({ ...as.agent('ana-sub'), email: 'Ana-Lima@staff.example' });

describe('the people routes', () => {
  describe('admins write, staff read, customers are refused', () => {
    it('adds a person whose numbers start unverified, and lets agents read and list them by id', async () => {
      const api = await onCallHarness();
      const created = await api.call<PersonView>('POST', '/people', { claims: as.admin(), body: staff('ana-lima', 1, { agent: true }) });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: 'ana-lima',
        name: 'Ana Lima',
        zone: 'Europe/Berlin',
        email: 'ana-lima@staff.example',
        agent: true,
        sms: [{ number: ANA, state: 'unverified' }],
        version: 1,
        updatedAt: '2026-03-02T14:00:00.000Z',
      });
      await api.addPeople(staff('ben-ode', 2), staff('cy-ng', 3));

      const read = await api.call<PersonView>('GET', '/people/ben-ode', { claims: as.agent() });
      expect(read.status).toBe(200);
      expect(read.body.agent).toBe(false);

      const first = await api.call<{ items: PersonView[]; cursor?: string }>('GET', '/people', {
        claims: as.agent(),
        query: { limit: '2' },
      });
      expect(first.body.items.map((p) => p.id)).toEqual(['ana-lima', 'ben-ode']);
      const rest = await api.call<{ items: PersonView[]; cursor?: string }>('GET', '/people', {
        claims: as.agent(),
        query: { limit: '2', cursor: first.body.cursor as string },
      });
      expect(rest.body.items.map((p) => p.id)).toEqual(['cy-ng']);
    });

    it('refuses customers every people and role route, and agents the writes', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      const customer = as.customer('acme-kore');
      for (const [method, path] of [
        ['GET', '/people'],
        ['GET', '/people/ana-lima'],
        ['GET', '/people/ana-lima/shifts'],
        ['POST', `${ANA_PATH}/verification`],
        ['POST', `${ANA_PATH}/verify`],
        ['GET', '/roles'],
        ['GET', '/roles/manager/rotation'],
        ['PUT', '/roles/manager/rotation'],
        ['POST', '/roles/manager/overrides'],
        ['DELETE', '/roles/manager/overrides/x'],
        ['GET', '/roles/manager/oncall'],
      ] as const) {
        expect((await api.call(method, path, { claims: customer })).status, `${method} ${path}`).toBe(403);
      }
      expect((await api.call('POST', '/people', { claims: as.agent(), body: staff('ben-ode', 2) })).status).toBe(403);
      expect(
        (await api.call('PUT', '/people/ana-lima', { claims: as.agent(), body: { ...staff('ana-lima', 1), version: 1 } })).status,
      ).toBe(403);
      expect((await api.call('DELETE', '/people/ana-lima', { claims: as.agent() })).status).toBe(403);
      expect((await api.call('GET', '/people/ana-lima', { claims: as.agent() })).status).toBe(200);
    });
  });

  describe('bad input names its path', () => {
    it('refuses an id that is not a slug, a landline, a bad zone and unknown fields, each at its path', async () => {
      const api = await onCallHarness();
      const bad = await api.call<Problem>('POST', '/people', {
        claims: as.admin(),
        body: { ...staff('ana-lima', 1), id: 'Ana Lima', zone: 'Mars/Base', sms: [{ number: '+49 30 1234567' }], pager: true },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['id', 'pager', 'sms[0].number', 'zone']);
      expect(bad.body.errors?.find((e) => e.path === 'sms[0].number')?.message).toMatch(/mobile/);

      const tooMany = await api.call<Problem>('POST', '/people', {
        claims: as.admin(),
        body: staff('ana-lima', 1, { sms: Array.from({ length: 4 }, (_, i) => ({ number: `+49151000000${i}` })) }),
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual([{ path: 'sms', message: 'at most 3 numbers' }]);
    });

    it('answers a path id that is not a slug with 400 naming `id`, and an unknown person with 404', async () => {
      const api = await onCallHarness();
      const bad = await api.call<Problem>('GET', '/people/..%2Fadmin', { claims: as.agent() });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path)).toEqual(['id']);
      expect((await api.call('GET', '/people/nobody', { claims: as.agent() })).status).toBe(404);
    });

    it('refuses a second person with the same id or number (409, naming the number)', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      expect((await api.call('POST', '/people', { claims: as.admin(), body: staff('ana-lima', 2) })).status).toBe(409);
      const taken = await api.call<Problem>('POST', '/people', { claims: as.admin(), body: staff('ben-ode', 1) });
      expect(taken.status).toBe(409);
      expect(taken.body.errors?.map((e) => e.path)).toEqual(['sms[0].number']);
    });
  });

  describe('PUT /people/{id}', () => {
    it('keeps the state of numbers on file, starts new ones unverified, and refuses a stale version or another id', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      await api.call('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: api.sms.lastCode(ANA) } });
      api.clock.advance(60_000);

      const body = { ...staff('ana-lima', 1), name: 'Ana M. Lima', sms: [{ number: ANA }, { number: '+4917612345601' }] };
      const stale = await api.call<Problem>('PUT', '/people/ana-lima', { claims: as.admin(), body: { ...body, version: 1 } });
      expect(stale.status).toBe(409);

      const renamed = await api.call<Problem>('PUT', '/people/ana-lima', {
        claims: as.admin(),
        body: { ...body, id: 'ana-m', version: 2 },
      });
      expect(renamed.status).toBe(422);
      expect(renamed.body.errors?.map((e) => e.path)).toEqual(['id']);

      const put = await api.call<PersonView>('PUT', '/people/ana-lima', { claims: as.admin(), body: { ...body, version: 2 } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        name: 'Ana M. Lima',
        version: 3,
        sms: [
          { number: ANA, state: 'verified', verifiedAt: '2026-03-02T14:00:00.000Z' },
          { number: '+4917612345601', state: 'unverified' },
        ],
      });
      expect((await api.call('PUT', '/people/nobody', { claims: as.admin(), body: { ...body, id: 'nobody', version: 1 } })).status).toBe(
        404,
      );
    });

    it('removes a person (204), then answers 404', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      expect((await api.call('DELETE', '/people/ana-lima', { claims: as.admin() })).status).toBe(204);
      expect((await api.call('GET', '/people/ana-lima', { claims: as.agent() })).status).toBe(404);
      expect((await api.call('DELETE', '/people/ana-lima', { claims: as.admin() })).status).toBe(404);
      // The number is free again.
      await api.addPeople(staff('ben-ode', 1));
    });
  });

  describe('verifying a number', () => {
    it('texts a six-digit code; the right code verifies the number, and the code is used up', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      const sent = await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      expect(sent.status).toBe(202);
      expect(sent.body).toEqual({ number: ANA, expiresAt: '2026-03-02T14:10:00.000Z' });
      expect(api.sms.sent).toEqual([{ number: ANA, text: expect.stringMatching(/^Your sla-escalator code is \d{6}$/) }]);

      api.clock.advance(30_000);
      const verified = await api.call<PersonView>('POST', `${ANA_PATH}/verify`, {
        claims: asAna(),
        body: { code: api.sms.lastCode(ANA) },
      });
      expect(verified.status).toBe(200);
      expect(verified.body.sms).toEqual([{ number: ANA, state: 'verified', verifiedAt: '2026-03-02T14:00:30.000Z' }]);
      expect(await api.directory.getVerification('ana-lima', ANA)).toBeUndefined();

      const again = await api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: api.sms.lastCode(ANA) } });
      expect(again.status).toBe(422);
      expect(again.body.errors).toEqual([{ path: 'code', message: `no code is waiting for ${ANA}: ask for one first` }]);
    });

    it('counts wrong codes down, then locks the code until a new one is asked for', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      const right = api.sms.lastCode(ANA);
      const wrong = right === '000000' ? '111111' : '000000';
      const messages: string[] = [];
      for (let i = 0; i < 5; i++) {
        const answer = await api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: wrong } });
        expect(answer.status).toBe(422);
        messages.push(answer.body.errors?.[0]?.message ?? '');
      }
      expect(messages).toEqual([
        'wrong code: 4 attempts left',
        'wrong code: 3 attempts left',
        'wrong code: 2 attempts left',
        'wrong code: 1 attempts left',
        'wrong code, and that was the last attempt: ask for a new code',
      ]);
      const locked = await api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: right } });
      expect(locked.status).toBe(422);
      expect(locked.body.errors?.[0]).toEqual({ path: 'code', message: 'too many wrong codes: ask for a new one' });
      expect((await api.call<PersonView>('GET', '/people/ana-lima', { claims: as.agent() })).body.sms[0]?.state).toBe('unverified');

      api.clock.advance(60_000);
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      const fresh = await api.call('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: api.sms.lastCode(ANA) } });
      expect(fresh.status).toBe(200);
    });

    it('lets only the person (by the e-mail in their token) or an admin text a code to a number or enter one', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1), staff('ben-ode', 2));
      const strangers = [{ ...as.agent('ben-sub'), email: 'ben-ode@staff.example' }, as.agent()];
      for (const claims of strangers) {
        for (const route of ['verification', 'verify']) {
          const refused = await api.call<Problem>('POST', `${ANA_PATH}/${route}`, { claims, body: { code: '123456' } });
          expect(refused.status, route).toBe(403);
          expect(refused.body.detail).toMatch(/only ana-lima .* or an admin/);
        }
      }
      expect(api.sms.sent).toEqual([]);

      expect((await api.call('POST', `${ANA_PATH}/verification`, { claims: as.admin() })).status).toBe(202);
      const verified = await api.call('POST', `${ANA_PATH}/verify`, { claims: as.admin(), body: { code: api.sms.lastCode(ANA) } });
      expect(verified.status).toBe(200);
    });

    it('texts at most five codes a day to a number, answering 429 with Retry-After until a day after the first', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      for (let i = 0; i < 5; i++) {
        expect((await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() })).status).toBe(202);
        api.clock.advance(60_000);
      }
      const sixth = await api.call<Problem>('POST', `${ANA_PATH}/verification`, { claims: as.admin() });
      expect(sixth.status).toBe(429);
      expect(sixth.body.detail).toBe(`5 codes were texted to ${ANA} in the last day: try again later`);
      expect(sixth.headers['retry-after']).toBe(String(24 * 3600 - 5 * 60));
      expect(api.sms.sent).toHaveLength(5);
      // Wrong guesses, or the code expiring, do not give the day's codes back.
      await api.call('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: 'nope' } });
      api.clock.advance(24 * 3600_000 - 5 * 60_000 - 1);
      expect((await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() })).status).toBe(429);
      api.clock.advance(1);
      expect((await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() })).status).toBe(202);
      expect(api.sms.sent).toHaveLength(6);
    });

    it('texts one code when two requests come at once', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      const answers = await Promise.all([1, 2, 3].map(() => api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() })));
      expect(answers.map((a) => a.status).sort()).toEqual([202, 429, 429]);
      expect(api.sms.sent).toHaveLength(1);
    });

    it('counts parallel wrong guesses one try each: of 12 at most 5 are wrong tries, the rest and the right code after them are locked', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      const right = api.sms.lastCode(ANA);
      const wrong = right === '000000' ? '111111' : '000000';
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: wrong } })),
      );
      const messages = answers.map((a) => a.body.errors?.[0]?.message ?? '');
      expect(answers.every((a) => a.status === 422)).toBe(true);
      expect(messages.filter((m) => m.startsWith('wrong code')).sort()).toEqual([
        'wrong code, and that was the last attempt: ask for a new code',
        'wrong code: 1 attempts left',
        'wrong code: 2 attempts left',
        'wrong code: 3 attempts left',
        'wrong code: 4 attempts left',
      ]);
      expect(messages.filter((m) => m === 'too many wrong codes: ask for a new one')).toHaveLength(7);
      const late = await api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: right } });
      expect(late.body.errors?.[0]?.message).toBe('too many wrong codes: ask for a new one');
      expect((await api.call<PersonView>('GET', '/people/ana-lima', { claims: as.agent() })).body.sms[0]?.state).toBe('unverified');
    });

    it('refuses an expired code', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      api.clock.advance(10 * 60_000);
      const expired = await api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: { code: api.sms.lastCode(ANA) } });
      expect(expired.status).toBe(422);
      expect(expired.body.errors?.[0]).toEqual({ path: 'code', message: 'the code expired: ask for a new one' });
    });

    it('texts one code per number per minute, answering 429 with Retry-After meanwhile', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      api.clock.advance(20_000);
      const early = await api.call<Problem>('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      expect(early.status).toBe(429);
      expect(early.headers['retry-after']).toBe('40');
      expect(api.sms.sent).toHaveLength(1);
      api.clock.advance(40_000);
      expect((await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna() })).status).toBe(202);
      expect(api.sms.sent).toHaveLength(2);
    });

    it('answers a retry with the same Idempotency-Key as the first time, without a second person or text', async () => {
      const api = await onCallHarness();
      const headers = { 'idempotency-key': 'add-ana-1' };
      const first = await api.call('POST', '/people', { claims: as.admin(), body: staff('ana-lima', 1), headers });
      const retry = await api.call('POST', '/people', { claims: as.admin(), body: staff('ana-lima', 1), headers });
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);

      const text = { 'idempotency-key': 'code-ana-1' };
      await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna(), headers: text });
      const again = await api.call('POST', `${ANA_PATH}/verification`, { claims: asAna(), headers: text });
      expect(again.status).toBe(202);
      expect(api.sms.sent).toHaveLength(1);
    });

    it('answers a number the person does not have with 404, and one that is no number with 400 naming `number`', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1), staff('ben-ode', 2));
      expect((await api.call('POST', '/people/ana-lima/sms/%2B4915100000002/verification', { claims: asAna() })).status).toBe(404);
      const bad = await api.call<Problem>('POST', '/people/ana-lima/sms/12ab/verification', { claims: asAna() });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path)).toEqual(['number']);
      const noCode = await api.call<Problem>('POST', `${ANA_PATH}/verify`, { claims: asAna(), body: {} });
      expect(noCode.status).toBe(400);
      expect(noCode.body.errors).toEqual([{ path: 'code', message: 'required' }]);
      expect(api.sms.sent).toEqual([]);
    });

    it('refuses to text a number that opted out', async () => {
      const api = await onCallHarness();
      await api.addPeople(staff('ana-lima', 1));
      await api.directory.recordSmsEvent(ANA, 'opted-out', api.clock.now());
      const refused = await api.call<Problem>('POST', `${ANA_PATH}/verification`, { claims: asAna() });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/START/);
      expect(api.sms.sent).toEqual([]);
    });
  });
});
