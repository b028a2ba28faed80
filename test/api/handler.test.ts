import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { PRESET_IDS } from '#shared/policies/presets.ts';
import type { RateLimiter } from '#shared/rate/token-bucket.ts';
import { IdempotencyRace, type IdempotentResponse, type TicketStore } from '#shared/tickets/ticket-store.ts';
import { createApiHandler } from '../../functions/api/handler.ts';
import { principalOf } from '../../functions/lib/http/auth.ts';
import { apiEvent, as, caller } from '../support/api-events.ts';

/** A store whose every call fails the way a broken dependency would. */
const brokenStore = new Proxy({} as TicketStore, {
  get: () => async () => {
    throw new Error('connect ECONNREFUSED 10.0.0.7:8000 table=prod-secret-table');
  },
});

describe('API handler', () => {
  const call = caller(
    createApiHandler(() => ({ policies: PRESET_CATALOG, store: brokenStore, now: () => Date.parse('2026-03-02T14:00:00Z') })),
  );

  it('answers 500 problem+json without the internal error when a dependency fails', async () => {
    const response = await call<{ status: number; detail: string }>('GET', '/tickets/10001', { claims: as.agent() });
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|secret|10\.0\.0\.7/);
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const response = await call('DELETE', '/tickets/10001', { claims: as.agent() });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, PATCH');
  });

  it('serves public routes without a token', async () => {
    expect((await call('GET', '/health')).body).toEqual({ status: 'ok', time: '2026-03-02T14:00:00.000Z' });
  });

  it('rejects an idempotency key that is not 1 to 255 visible characters', async () => {
    const response = await call('POST', '/tickets', { claims: as.customer('acme'), body: {}, headers: { 'idempotency-key': 'has space' } });
    expect(response.status).toBe(400);
  });
});

/** A store that has only `methods`; any other call fails the test. */
function storeWith(methods: Partial<TicketStore>): TicketStore {
  return new Proxy(methods as TicketStore, {
    get: (target, name: keyof TicketStore) =>
      target[name] ??
      (() => {
        throw new Error(`unexpected store call ${String(name)}`);
      }),
  });
}

const at = () => Date.parse('2026-03-02T14:00:00Z');
const ticket = { subject: 'API down', description: 'Every call answers 503.', severity: 'urgent' };
const problemOf = (status: number, title: string, detail: string, errors?: unknown[]) => ({
  type: `https://sla-escalator.dev/problems/${status}`,
  title,
  status,
  detail,
  ...(errors !== undefined && { errors }),
});

describe('API handler: refusals', () => {
  it('looks for the route before the caller, the caller before the body, and the body before the idempotency key', async () => {
    const call = caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store: storeWith({}), now: at })));
    expect((await call('GET', '/nope')).status).toBe(404);
    expect((await call('POST', '/tickets', { rawBody: '{', headers: { 'idempotency-key': 'has space' } })).status).toBe(401);
    const both = await call('POST', '/tickets', { claims: as.agent(), rawBody: '{', headers: { 'idempotency-key': 'has space' } });
    expect(both.body).toEqual(problemOf(400, 'Bad Request', 'the body is not valid JSON'));
  });

  it('says which organisation an agent must name, and which one is unknown', async () => {
    const call = caller(
      createApiHandler(() => ({ policies: PRESET_CATALOG, store: storeWith({ getOrg: async () => undefined }), now: at })),
    );
    const unnamed = await call('POST', '/tickets', { claims: as.agent(), body: ticket });
    expect(unnamed.headers['content-type']).toBe('application/problem+json');
    expect(unnamed.body).toEqual(
      problemOf(422, 'Unprocessable Content', 'agents must say which organisation the ticket is for', [
        { path: 'org', message: 'required for agents' },
      ]),
    );
    const unknown = await call('POST', '/tickets', { claims: as.agent(), body: { ...ticket, org: 'nope' } });
    expect(unknown.body).toEqual(
      problemOf(422, 'Unprocessable Content', 'no organisation "nope"', [{ path: 'org', message: 'unknown organisation' }]),
    );
  });

  it('names the policies there are when an organisation asks for another one', async () => {
    const call = caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store: storeWith({}), now: at })));
    const org = { id: 'acme', name: 'ACME', policy: 'zendesk', tier: 'diamond', region: 'us' };
    const response = await call('POST', '/orgs', { claims: as.admin(), body: org });
    expect(response.body).toEqual(
      problemOf(422, 'Unprocessable Content', 'no policy "zendesk"', [
        { path: 'policy', message: `expected one of ${[...PRESET_IDS].sort().join(', ')}` },
      ]),
    );
  });

  it('answers 429 with Retry-After in whole seconds, rounded up', async () => {
    const limiter: RateLimiter = { take: async () => ({ admitted: false, retryAfterMs: 1_001 }) };
    const call = caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store: storeWith({}), now: at, limiter })));
    const response = await call('POST', '/tickets', { claims: as.customer('acme'), body: ticket });
    expect(response.status).toBe(429);
    expect(response.headers).toEqual({ 'content-type': 'application/problem+json', 'retry-after': '2' });
    expect(response.body).toEqual(
      problemOf(429, 'Too Many Requests', 'your organisation has sent too many new tickets for now; retry in 2 s'),
    );
  });
});

describe('API handler: a request that lost the race to store its Idempotency-Key', () => {
  const body = JSON.stringify({ id: 'acme', name: 'ACME', policy: 'kore', tier: 'diamond', region: 'us' });
  const request = { claims: as.admin(), rawBody: body, headers: { 'idempotency-key': 'k1' } };
  /** The winner is not there when the request starts, and is `winner` when it is read again after the race. */
  const racedStore = (winner: () => IdempotentResponse | undefined) => {
    let reads = 0;
    return storeWith({
      getIdempotentResponse: async () => (reads++ === 0 ? undefined : winner()),
      putOrg: async () => {
        throw new IdempotencyRace();
      },
    });
  };

  it("answers with the winner's response", async () => {
    const stored = '2026-03-02T13:59:59.000Z';
    const winnerOrg = {
      ...JSON.parse(body),
      tiers: [{ tier: 'diamond', from: stored, source: 'admin' }],
      emailDomains: [],
      contacts: [],
      monthlyReport: false,
      createdAt: stored,
      updatedAt: stored,
    };
    const winner: IdempotentResponse = {
      scope: { principal: 'admin-1', route: 'POST /orgs', key: 'k1' },
      requestHash: createHash('sha256').update(body).digest('base64url'),
      status: 201,
      body: winnerOrg,
    };
    const store = racedStore(() => winner);
    const response = await caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store, now: at })))('POST', '/orgs', request);
    expect(response.status).toBe(201);
    expect(response.headers['idempotent-replayed']).toBe('true');
    expect(response.body).toEqual(winnerOrg);
  });

  it('answers 409 while the winner is still being processed', async () => {
    const store = racedStore(() => undefined);
    const response = await caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store, now: at })))('POST', '/orgs', request);
    expect(response.body).toEqual(problemOf(409, 'Conflict', 'a request with this Idempotency-Key is still being processed'));
  });

  it('answers 500 problem+json when reading the winner fails', async () => {
    const store = racedStore(() => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:8000 table=prod-secret-table');
    });
    const response = await caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store, now: at })))('POST', '/orgs', request);
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|secret/);
  });
});

describe('principalOf', () => {
  it.each([
    [
      { sub: 'a', 'cognito:groups': '[agent admin]' },
      { sub: 'a', role: 'admin' },
    ],
    [
      { sub: 'a', 'cognito:groups': ['agent'] },
      { sub: 'a', role: 'agent' },
    ],
    [
      { sub: 'c', 'custom:org': 'acme' },
      { sub: 'c', role: 'customer', org: 'acme' },
    ],
  ])('reads %j as API Gateway passes it', (claims, principal) => {
    expect(principalOf(apiEvent('GET', '/tickets', { claims }))).toEqual(principal);
  });

  it('refuses a request without claims', () => {
    expect(() => principalOf(apiEvent('GET', '/tickets'))).toThrow('bearer token');
  });
});
