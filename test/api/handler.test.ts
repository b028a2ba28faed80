import { describe, expect, it } from 'vitest';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
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
  const call = caller(createApiHandler(() => ({ store: brokenStore, now: () => Date.parse('2026-03-02T14:00:00Z') })));

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
