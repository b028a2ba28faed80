import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Problem = { type: string; title: string; status: number; detail: string; errors?: Array<{ path: string; message: string }> };

/** How many tickets exist: agents' listing walks every case id. */
async function ticketCount(api: Api): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await api.call<{ items: unknown[]; cursor?: string }>('GET', '/tickets', {
      claims: as.agent(),
      query: { limit: '100', ...(cursor && { cursor }) },
    });
    count += page.body.items.length;
    cursor = page.body.cursor;
  } while (cursor !== undefined);
  return count;
}

describe('API errors', () => {
  let api: Api;
  let caseId: number;
  beforeAll(async () => {
    api = await apiHarness();
    caseId = (await api.call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage })).body
      .caseId;
  });

  it('tells a missing field from a field of the wrong type', async () => {
    const post = (body: unknown) => api.call('POST', `/tickets/${caseId}/messages`, { claims: as.agent(), body });
    expect((await post({ body: 'hi' })).body).toMatchObject({ errors: [{ path: 'public', message: 'required' }] });
    expect((await post({ body: 'hi', public: 'yes' })).body).toMatchObject({
      errors: [{ path: 'public', message: 'Invalid input: expected boolean, received string' }],
    });
  });

  describe('answers every bad request with problem+json and writes nothing', () => {
    const cases: Array<[string, () => Parameters<Api['call']>, number, string]> = [
      ['malformed JSON', () => ['POST', '/tickets', { claims: as.customer(ORGS.kore.id), rawBody: '{"subject":' }], 400, 'not valid JSON'],
      [
        'a body that misses required fields',
        () => ['POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: { subject: 'x' } }],
        400,
        'description',
      ],
      [
        'an unknown field',
        () => ['POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: { ...urgentOutage, priority: 1 } }],
        400,
        'priority',
      ],
      [
        'a wrong type',
        () => ['POST', `/tickets/${caseId}/messages`, { claims: as.agent(), body: { body: 'hi', public: 'yes' } }],
        400,
        'public',
      ],
      ['no token', () => ['POST', '/tickets', { body: urgentOutage }], 401, 'bearer token'],
      ['a token without org or group', () => ['POST', '/tickets', { claims: { sub: 'someone' }, body: urgentOutage }], 403, 'custom:org'],
      [
        'a customer on an admin route',
        () => ['POST', '/orgs', { claims: as.customer(ORGS.kore.id), body: ORGS.kore }],
        403,
        'administrators',
      ],
      ['a customer on the agents queue', () => ['GET', '/queue', { claims: as.customer(ORGS.kore.id) }], 403, 'agents'],
      [
        'a customer opening for another org',
        () => ['POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: { ...urgentOutage, org: ORGS.other.id } }],
        403,
        'own organisation',
      ],
      ['an unknown case', () => ['GET', '/tickets/99999999', { claims: as.agent() }], 404, 'no case 99999999'],
      ['a forged cursor', () => ['GET', '/tickets', { claims: as.customer(ORGS.kore.id), query: { cursor: 'e30' } }], 400, 'cursor'],
      [
        'a forged cursor on the all-tickets list',
        () => ['GET', '/tickets', { claims: as.agent(), query: { cursor: 'abc' } }],
        400,
        'cursor',
      ],
      [
        "a cursor for another organisation's partition",
        () => [
          'GET',
          '/tickets',
          {
            claims: as.customer(ORGS.kore.id),
            query: {
              cursor: Buffer.from(JSON.stringify({ PK: 'TICKET#1', SK: 'TICKET', GSI1PK: 'ORG#other-kore', GSI1SK: 'x' })).toString(
                'base64url',
              ),
            },
          },
        ],
        400,
        'cursor',
      ],
      [
        'a case id too long for a key, with an idempotency key',
        () => [
          'POST',
          `/tickets/${'9'.repeat(2100)}/messages`,
          { claims: as.agent(), body: { body: 'x', public: true }, headers: { 'idempotency-key': 'k1' } },
        ],
        404,
        'no case',
      ],
      ['an organisation id that cannot exist', () => ['GET', `/orgs/${'x'.repeat(3000)}`, { claims: as.admin() }], 404, 'no organisation'],
      ['a case id that is not a number', () => ['GET', '/tickets/abc', { claims: as.agent() }], 404, 'no case abc'],
      ['an unknown route', () => ['GET', '/nope', { claims: as.agent() }], 404, 'no route'],
      ['a duplicate organisation', () => ['POST', '/orgs', { claims: as.admin(), body: ORGS.kore }], 409, 'already exists'],
      [
        'an impossible status change',
        () => ['PATCH', `/tickets/${caseId}`, { claims: as.agent(), body: { status: 'pending_customer' } }],
        200,
        '',
      ],
      [
        'a body over 256 KiB',
        () => ['POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: { ...urgentOutage, description: 'x'.repeat(300_000) } }],
        413,
        'larger than',
      ],
      [
        'a body that is not JSON',
        () => [
          'POST',
          '/tickets',
          { claims: as.customer(ORGS.kore.id), rawBody: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        ],
        415,
        'application/json',
      ],
      [
        'a severity the policy does not have',
        () => ['POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: { ...urgentOutage, severity: 'critical' } }],
        422,
        'severity',
      ],
      [
        'missing fields the policy requires',
        () => ['POST', '/tickets', { claims: as.customer(ORGS.netcor.id), body: { ...urgentOutage, severity: 'critical' } }],
        422,
        'fields.softwareVersion',
      ],
      [
        'an org on an unknown policy',
        () => ['POST', '/orgs', { claims: as.admin(), body: { ...ORGS.kore, id: 'new-org', policy: 'zendesk' } }],
        422,
        'policy',
      ],
      [
        'an org on a tier its policy lacks',
        () => ['POST', '/orgs', { claims: as.admin(), body: { ...ORGS.kore, id: 'new-org', tier: 'gold' } }],
        422,
        'tier',
      ],
    ];

    it.each(cases)('%s', async (_, request, status, mention) => {
      const before = await ticketCount(api);
      const response = await api.call<Problem>(...request());
      expect(response.status).toBe(status);
      if (status >= 400) {
        expect(response.headers['content-type']).toBe('application/problem+json');
        expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.stringContaining(String(status)) });
        expect(JSON.stringify(response.body)).toContain(mention);
        expect(await ticketCount(api)).toBe(before);
      }
    });

    it('names the field of an organisation conflict: an e-mail domain another organisation owns, or an id already taken', async () => {
      const { id: otherId, ...other } = ORGS.other;
      const owner = await api.call('PUT', `/orgs/${otherId}`, { claims: as.admin(), body: { ...other, emailDomains: ['other.example'] } });
      expect(owner.status).toBe(200);
      const { id: _, ...settings } = ORGS.kore;
      const claim = await api.call<Problem>('PUT', `/orgs/${ORGS.kore.id}`, {
        claims: as.admin(),
        body: { ...settings, emailDomains: ['acme.example', 'Other.example'] },
      });
      expect(claim.status).toBe(409);
      expect(claim.body.errors).toEqual([{ path: 'emailDomains', message: 'e-mail domain other.example belongs to another organisation' }]);
      const again = await api.call<Problem>('POST', '/orgs', { claims: as.admin(), body: ORGS.kore });
      expect(again.status).toBe(409);
      expect(again.body.errors).toEqual([{ path: 'id', message: `organisation "${ORGS.kore.id}" already exists` }]);
    });

    it('keeps an organisation’s contract contacts lower-cased and once each, and names a bad one by its index', async () => {
      const { id, ...settings } = ORGS.kore;
      const saved = await api.call('PUT', `/orgs/${id}`, {
        claims: as.admin(),
        body: { ...settings, contacts: ['Billing@Acme.example', 'billing@acme.example', 'ops@acme.example'] },
      });
      expect(saved.body).toMatchObject({ contacts: ['billing@acme.example', 'ops@acme.example'] });
      const bad = await api.call<Problem>('PUT', `/orgs/${id}`, {
        claims: as.admin(),
        body: { ...settings, contacts: ['ok@acme.example', 'not an address'] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ path: 'contacts[1]', message: 'expected an e-mail address' }]);
      const many = Array.from({ length: 21 }, (_, i) => `c${i}@acme.example`);
      const tooMany = await api.call<Problem>('PUT', `/orgs/${id}`, { claims: as.admin(), body: { ...settings, contacts: many } });
      expect(tooMany.body.errors).toEqual([{ path: 'contacts', message: 'at most 20 contacts' }]);
      expect((await api.call('GET', `/orgs/${id}`, { claims: as.admin() })).body).toMatchObject({
        contacts: ['billing@acme.example', 'ops@acme.example'],
      });
    });

    it('rejects an invalid status transition with 409', async () => {
      await api.call('PATCH', `/tickets/${caseId}`, { claims: as.agent(), body: { status: 'resolved' } });
      const response = await api.call<Problem>('PATCH', `/tickets/${caseId}`, { claims: as.agent(), body: { status: 'pending_customer' } });
      expect(response.status).toBe(409);
      expect(response.body.detail).toContain('cannot go from resolved to pending_customer');
    });

    it('does not spend a case id on a rejected ticket', async () => {
      const first = await api.call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      await api.call('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: { ...urgentOutage, severity: 'nope' } });
      const second = await api.call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage });
      expect(second.body.caseId).toBe(first.body.caseId + 1);
    });
  });

  describe('organisation isolation', () => {
    it("answers 404, not 403, for another organisation's case, whatever the verb", async () => {
      const stranger = as.customer(ORGS.other.id);
      for (const [method, path, body] of [
        ['GET', `/tickets/${caseId}`, undefined],
        ['POST', `/tickets/${caseId}/messages`, { body: 'hello', public: true }],
        ['PATCH', `/tickets/${caseId}`, { status: 'closed' }],
        ['POST', `/tickets/${caseId}/escalate`, { reason: 'x' }],
      ] as const) {
        const response = await api.call<Problem>(method, path, { claims: stranger, ...(body && { body }) });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.body.detail).toBe(`no case ${caseId}`);
      }
    });

    it("never lists another organisation's tickets, even when asked by name", async () => {
      const mine = await api.call<{ items: Array<{ org: string }> }>('GET', '/tickets', {
        claims: as.customer(ORGS.other.id),
        query: { org: ORGS.kore.id },
      });
      expect(mine.body.items).toEqual([]);
    });
  });

  describe('idempotency', () => {
    it('returns the first response to a retry with the same key and creates nothing new', async () => {
      const headers = { 'idempotency-key': 'retry-1' };
      const before = await ticketCount(api);
      const first = await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: urgentOutage,
        headers,
      });
      const again = await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: urgentOutage,
        headers,
      });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await ticketCount(api)).toBe(before + 1);
    });

    it('creates one ticket when the same request races itself', async () => {
      const before = await ticketCount(api);
      const headers = { 'idempotency-key': 'race-1' };
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          api.call<{ caseId: number }>('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage, headers }),
        ),
      );
      expect(new Set(responses.map((r) => r.body.caseId)).size).toBe(1);
      expect(await ticketCount(api)).toBe(before + 1);
    });

    it('refuses to reuse a key for a different request, and scopes keys per caller', async () => {
      const headers = { 'idempotency-key': 'reuse-1' };
      await api.call('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage, headers });
      const reused = await api.call<Problem>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: { ...urgentOutage, subject: 'other' },
        headers,
      });
      expect(reused.status).toBe(422);
      const otherCaller = await api.call('POST', '/tickets', { claims: as.customer(ORGS.other.id), body: urgentOutage, headers });
      expect(otherCaller.status).toBe(201);
    });

    it('stops replaying after 24 hours', async () => {
      const headers = { 'idempotency-key': 'expiring-1' };
      const first = await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: urgentOutage,
        headers,
      });
      api.clock.advance(24 * 3_600_000 + 1_000);
      const later = await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer(ORGS.kore.id),
        body: urgentOutage,
        headers,
      });
      expect(later.body.caseId).toBeGreaterThan(first.body.caseId);
    });
  });

  describe('fuzzing', () => {
    it('never answers 5xx and never stores a ticket for a rejected body', async () => {
      const value = fc.oneof(
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
      );
      const body = fc.oneof(
        fc.record(
          {
            subject: value,
            description: value,
            severity: fc.oneof(value, fc.constantFrom('urgent', 'high', 'low')),
            category: value,
            fields: value,
            org: value,
            extra: value,
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.constantFrom(ORGS.kore.id, ORGS.netcor.id), async (input, org) => {
          const before = await ticketCount(api);
          const response = await api.call<Problem>('POST', '/tickets', { claims: as.customer(org), body: input });
          expect(response.status).toBeLessThan(500);
          expect(await ticketCount(api)).toBe(before + (response.status === 201 ? 1 : 0));
        }),
        { numRuns: 60 },
      );
    });

    it('never answers 5xx to odd paths and query strings', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 30 }),
          fc.dictionary(fc.constantFrom('status', 'cursor', 'limit', 'org', 'x'), fc.string({ maxLength: 20 })),
          async (segment, query) => {
            for (const path of [`/tickets/${segment}`, `/tickets`, `/queue`, `/orgs/${segment}`]) {
              const response = await api.call('GET', path, { claims: as.admin(), query });
              expect(response.status, `${path} ${JSON.stringify(query)}`).toBeLessThan(500);
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  });
});
