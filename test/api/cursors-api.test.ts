import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { pathParameterNames, ROUTES, type Route } from '../../functions/api/routes.ts';
import { as, type Claims } from '../support/api-events.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The parameters a route's query schema takes. */
const shapeOf = (route: Route): object => (route.query?.() as { _zod: { def: { shape?: object } } } | undefined)?._zod.def.shape ?? {};

/** Every GET route that pages (its query takes a `cursor`): the fuzzing below covers routes added later too. */
const LIST_ROUTES = (ROUTES as readonly Route[]).filter((route) => route.method === 'GET' && 'cursor' in shapeOf(route));

describe('cursors and query strings', () => {
  let api: Api;
  let caseId: number;
  const customer = as.customer(ORGS.kore.id);
  beforeAll(async () => {
    api = await apiHarness();
    caseId = (await api.call<{ caseId: number }>('POST', '/tickets', { claims: customer, body: urgentOutage })).body.caseId;
  });

  /** A concrete path for a route: `{caseId}` is a real case, `{id}` an organisation. */
  const pathOf = (route: Route) =>
    pathParameterNames(route.path).reduce(
      (path, name) => path.replace(`{${name}}`, name === 'caseId' ? String(caseId) : ORGS.kore.id),
      route.path,
    );

  it('finds the list routes to fuzz', () => {
    expect(LIST_ROUTES.map((route) => route.path)).toEqual(expect.arrayContaining(['/tickets', '/queue']));
  });

  describe('answer a malformed cursor with 400 naming the cursor', () => {
    const orgKey = { ...keys.ticket(10001), ...keys.byOrg(ORGS.kore.id, '2026-03-02T14:00:00.000Z', 10001) };
    const cases: Array<[string, Claims, Record<string, string>]> = [
      ['a customer cursor with empty key values', customer, { cursor: b64({ PK: '', SK: '', GSI1PK: `ORG#${ORGS.kore.id}`, GSI1SK: '' }) }],
      ['a customer cursor with an empty sort key', customer, { cursor: b64({ ...orgKey, GSI1SK: '' }) }],
      ['a customer cursor naming no ticket', customer, { cursor: b64({ ...orgKey, PK: 'ORG#x', SK: 'ORG' }) }],
      ['a customer cursor with a number for a key', customer, { cursor: b64({ ...orgKey, GSI1SK: 5 }) }],
      ['a customer cursor that is JSON but no object', customer, { cursor: b64('[1,2]') }],
      ['an agent cursor of 1e300', as.agent(), { cursor: '1e300' }],
      ['an agent cursor that is negative', as.agent(), { cursor: '-10002' }],
      ['an agent cursor with a fraction', as.agent(), { cursor: '10001.5' }],
      ['an agent cursor in hex', as.agent(), { cursor: '0x2711' }],
      ['an agent cursor past the safe integers', as.agent(), { cursor: '9'.repeat(17) }],
      ['an org cursor for the agent', as.agent(), { org: ORGS.kore.id, cursor: b64({ ...orgKey, PK: 'TICKET#', GSI1SK: 'x' }) }],
      ['a queue cursor with empty values', as.agent(), { policy: 'kore', cursor: b64({ PK: '', SK: '', QPK: 'QUEUE#kore', QSK: '' }) }],
    ];
    it.each(cases)('%s', async (_, claims, query) => {
      const path = 'policy' in query ? '/queue' : '/tickets';
      const response = await api.call<Problem>('GET', path, { claims, query });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    });
  });

  it('never answers 5xx to any cursor or query string on any list route, whoever asks', async () => {
    const keyValue = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('TICKET', 'TICKET#10001', `ORG#${ORGS.kore.id}`, 'QUEUE#kore'),
      fc.integer(),
      fc.constant(null),
    );
    // Keys shaped like the ones the API hands out (right attributes, right partition), with odd values.
    const shapedKey = fc
      .record({
        PK: keyValue,
        SK: keyValue,
        sort: keyValue,
        index: fc.constantFrom(['GSI1PK', `ORG#${ORGS.kore.id}`], ['QPK', 'QUEUE#kore']),
      })
      .map(({ PK, SK, sort, index: [name, partition] }) =>
        b64({ PK, SK, [name as string]: partition, [name === 'QPK' ? 'QSK' : 'GSI1SK']: sort }),
      );
    const cursor = fc.oneof(
      { arbitrary: shapedKey, weight: 4 },
      { arbitrary: fc.oneof(fc.double(), fc.bigInt(), fc.integer()).map(String), weight: 3 },
      { arbitrary: fc.constantFrom('1e300', '-1', '0', 'NaN', 'Infinity', '10001', '99999999999999999999', 'e30', '%00', ''), weight: 1 },
      { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
      {
        arbitrary: fc.dictionary(fc.constantFrom('PK', 'SK', 'GSI1PK', 'GSI1SK', 'QPK', 'QSK', 'x'), keyValue, { maxKeys: 5 }).map(b64),
        weight: 1,
      },
      { arbitrary: fc.jsonValue().map(b64), weight: 1 },
    );
    const query = fc.record(
      {
        cursor,
        limit: fc.oneof(fc.constantFrom('1', '2', '100'), fc.constantFrom('101', '0', '1e3', '-1', '2.5'), fc.string({ maxLength: 6 })),
        status: fc.oneof(fc.constantFrom('open', 'resolved'), fc.string({ maxLength: 8 })),
        org: fc.oneof(fc.constantFrom(ORGS.kore.id, ORGS.other.id), fc.string({ maxLength: 8 })),
        policy: fc.oneof(fc.constantFrom('kore', 'kolmisoft'), fc.string({ maxLength: 8 })),
      },
      { requiredKeys: ['cursor'] },
    );
    /** Mostly only the parameters a route takes (else its schema answers 400 before the cursor is read). */
    const fitted = fc
      .tuple(
        query,
        fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
        fc.string({ maxLength: 4 }),
      )
      .map(([q, strict, x]) => (route: Route) => {
        const known = Object.keys(shapeOf(route));
        return strict ? Object.fromEntries(Object.entries(q).filter(([name]) => known.includes(name))) : { ...q, x };
      });
    const claims = fc.constantFrom(customer, as.customer(ORGS.other.id), as.agent(), as.admin());
    await fc.assert(
      fc.asyncProperty(fitted, claims, async (queryFor, who) => {
        for (const route of LIST_ROUTES) {
          const q = queryFor(route);
          const response = await api.call<Problem>('GET', pathOf(route), { claims: who, query: q });
          expect(response.status, `${route.path} ${JSON.stringify(q)}`).toBeLessThan(500);
          if (response.status >= 400) expect(response.headers['content-type']).toBe('application/problem+json');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('still pages with the cursors it hands out', async () => {
    for (let i = 0; i < 3; i++) await api.call('POST', '/tickets', { claims: customer, body: urgentOutage });
    for (const [claims, extra] of [
      [customer, {}],
      [as.agent(), {}],
      [as.agent(), { org: ORGS.kore.id }],
    ] as const) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.call<{ items: Array<{ caseId: number }>; cursor?: string }>('GET', '/tickets', {
          claims,
          query: { limit: '2', ...extra, ...(cursor && { cursor }) },
        });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((t) => t.caseId));
        cursor = page.body.cursor;
      } while (cursor !== undefined);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(4);
    }
  });
});
