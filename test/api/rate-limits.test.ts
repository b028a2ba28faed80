import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admit, type RateLimit } from '#shared/rate/token-bucket.ts';
import { DEFAULT_RATE_LIMITS, DynamoRateLimiter, NO_RATE_LIMITS, parseRateLimits } from '../../functions/adapters/dynamo/rate-limiter.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { freshTable, type TestTable, testTable } from '../support/test-table.ts';
import { apiHarness, ORGS, urgentOutage } from './api-harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-03-02T14:00:00Z');
const threePerHour: RateLimit = { requests: 3, perMs: HOUR };

describe('token bucket (pure)', () => {
  it('admits a full bucket’s burst, then one request per refilled token, and refills completely when idle', () => {
    let tat: number | undefined;
    const take = (now: number) => {
      const admission = admit(tat, threePerHour, now);
      if (admission.admitted) tat = admission.tat;
      return admission;
    };
    expect([take(T0), take(T0), take(T0)].map((a) => a.admitted)).toEqual([true, true, true]);
    expect(take(T0 + MINUTE)).toEqual({ admitted: false, retryAfterMs: 19 * MINUTE });
    expect(take(T0 + 20 * MINUTE).admitted).toBe(true);
    expect(take(T0 + 21 * MINUTE).admitted).toBe(false);
    const later = T0 + 3 * HOUR;
    expect([take(later), take(later), take(later), take(later)].map((a) => a.admitted)).toEqual([true, true, true, false]);
  });
  it('admits n requests at once exactly when it would admit them one after another, ending at the same tat', () => {
    fc.assert(
      fc.property(
        // Whole-millisecond tokens keep every sum exact; with fractional ones, a bucket's very last
        // token is decided by float rounding, one at a time as much as n at once.
        fc
          .record({ requests: fc.integer({ min: 1, max: 20 }), token: fc.integer({ min: 1, max: HOUR }) })
          .map(({ requests, token }) => ({ requests, perMs: requests * token })),
        fc.option(fc.integer({ min: -HOUR, max: 12 * HOUR }), { nil: undefined }),
        fc.integer({ min: 1, max: 25 }),
        (limit, offset, count) => {
          const stored = offset === undefined ? undefined : T0 + offset;
          let tat = stored;
          let all = true;
          for (let i = 0; i < count && all; i++) {
            const one = admit(tat, limit, T0);
            if (one.admitted) tat = one.tat;
            else all = false;
          }
          const many = admit(stored, limit, T0, count);
          expect(many.admitted).toBe(all);
          if (many.admitted && tat !== undefined) expect(many.tat).toBe(tat);
        },
      ),
    );
  });
});

/** The table's document client, counting the calls made through it. */
function countingCalls(table: TestTable): { documents: TestTable['documents']; readonly calls: number } {
  let calls = 0;
  const documents = {
    send: (command: never) => {
      calls++;
      return table.documents.send(command);
    },
  } as unknown as TestTable['documents'];
  return {
    documents,
    get calls() {
      return calls;
    },
  };
}

describe('DynamoRateLimiter', () => {
  const limits = { ...NO_RATE_LIMITS, tickets: threePerHour };

  it('keeps one bucket per organisation and action across processes, in the table', async () => {
    const table = await testTable();
    const lambdaA = new DynamoRateLimiter(table.documents, table.name, limits);
    const lambdaB = new DynamoRateLimiter(table.documents, table.name, limits);
    expect((await lambdaA.take('acme', 'tickets', T0)).admitted).toBe(true);
    expect((await lambdaB.take('acme', 'tickets', T0)).admitted).toBe(true);
    expect((await lambdaA.take('acme', 'tickets', T0 + 1)).admitted).toBe(true);
    expect(await lambdaB.take('acme', 'tickets', T0 + 2)).toEqual({ admitted: false, retryAfterMs: 20 * MINUTE - 2 });
    expect((await lambdaB.take('other', 'tickets', T0 + 2)).admitted).toBe(true);
    expect((await lambdaB.take('acme', 'messages', T0 + 2)).admitted).toBe(true);
    expect((await lambdaA.take('acme', 'tickets', T0 + 20 * MINUTE)).admitted).toBe(true);
    expect((await lambdaB.take('acme', 'tickets', T0 + 20 * MINUTE)).admitted).toBe(false);
  });

  it('admits exactly a bucket’s worth of concurrent requests', async () => {
    const table = await testTable();
    const processes = Array.from({ length: 4 }, () => new DynamoRateLimiter(table.documents, table.name, limits));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (processes[i % 4] as DynamoRateLimiter).take('acme', 'tickets', T0)),
    );
    expect(results.filter((r) => r.admitted)).toHaveLength(3);
  });

  it('shares one write among the requests that arrive while the bucket’s write is on its way', async () => {
    const table = await testTable();
    const counting = countingCalls(table);
    const roomy = new DynamoRateLimiter(counting.documents, table.name, { ...NO_RATE_LIMITS, tickets: { requests: 100, perMs: HOUR } });
    const results = await Promise.all(Array.from({ length: 10 }, () => roomy.take('acme', 'tickets', T0)));
    expect(results.every((r) => r.admitted)).toBe(true);
    expect(counting.calls).toBe(2);
    // Ten tokens, each its own: the tats are the bucket's after each request in turn.
    expect(results.map((r) => (r.admitted ? (r.tat - T0) / (HOUR / 100) : 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    const tight = new DynamoRateLimiter(counting.documents, table.name, limits);
    const five = await Promise.all(Array.from({ length: 5 }, () => tight.take('other', 'tickets', T0)));
    expect(five.map((r) => r.admitted)).toEqual([true, true, true, false, false]);
  });

  it('spends one UpdateItem per admitted request when its guess holds, and none on a bucket it saw empty', async () => {
    const table = await testTable();
    const counting = countingCalls(table);
    const limiter = new DynamoRateLimiter(counting.documents, table.name, limits);
    for (let i = 0; i < 3; i++) await limiter.take('acme', 'tickets', T0);
    expect(counting.calls).toBe(3);
    for (let i = 0; i < 5; i++) expect((await limiter.take('acme', 'tickets', T0 + MINUTE)).admitted).toBe(false);
    expect(counting.calls).toBe(3);
  });
});

describe('RATE_LIMITS', () => {
  it('defaults per organisation, overrides one kind at a time, and lifts limits with off', () => {
    expect(parseRateLimits(undefined)).toEqual(DEFAULT_RATE_LIMITS);
    expect(parseRateLimits('tickets=5/10m,escalations=off')).toEqual({
      ...DEFAULT_RATE_LIMITS,
      tickets: { requests: 5, perMs: 10 * MINUTE },
      escalations: null,
    });
    expect(parseRateLimits('off')).toEqual(NO_RATE_LIMITS);
  });

  it('reaches the Lambda: its dependencies carry the limiter, and a bad setting fails the cold start', async () => {
    const { productionDeps } = await import('../../functions/api/handler.ts');
    const { apiEnvironment } = await import('../../functions/api/environment.ts');
    const { parseEnvironment } = await import('../../functions/lib/config.ts');
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        TABLE_NAME: 'sla-test',
        AWS_REGION: 'eu-central-1',
        RATE_LIMITS: 'tickets=5/1h',
        WEBHOOK_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/1/wake',
      });
      expect(parseEnvironment(apiEnvironment).RATE_LIMITS).toBe('tickets=5/1h');
      expect(productionDeps().limiter).toBeInstanceOf(DynamoRateLimiter);
      expect(() => parseRateLimits('tickets=lots')).toThrow('RATE_LIMITS.tickets');
    } finally {
      process.env = saved;
    }
  });

  it('reaches the local stack when given (npm start passes RATE_LIMITS), and leaves it unlimited otherwise', async () => {
    const statuses = async (rateLimits?: ReturnType<typeof parseRateLimits>) => {
      const { name: table } = await freshTable('rate');
      const clock = new LocalClock('manual', T0);
      const runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table, clock, ...(rateLimits && { rateLimits }) });
      const call = caller(runtime.api);
      await call('POST', '/orgs', { claims: as.admin(), body: ORGS.kore });
      const result = [];
      for (let i = 0; i < 3; i++)
        result.push((await call('POST', '/tickets', { claims: as.customer(ORGS.kore.id), body: urgentOutage })).status);
      await runtime.stop();
      return result;
    };
    expect(await statuses(parseRateLimits('tickets=2/1h'))).toEqual([201, 201, 429]);
    expect(await statuses()).toEqual([201, 201, 201]);
  });

  it.each(['tickets=5', 'tickets=0/1h', 'tickets=5/0m', 'tickets=5/1s', 'calls=5/1h', 'tickets=-1/1h'])('refuses %s by name', (text) => {
    expect(() => parseRateLimits(text)).toThrow(/invalid environment: RATE_LIMITS/);
  });
});

describe('the API under per-organisation limits', () => {
  let api: Awaited<ReturnType<typeof apiHarness>>;
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z', {
      rateLimits: {
        tickets: { requests: 2, perMs: HOUR },
        messages: { requests: 2, perMs: 10 * MINUTE },
        escalations: { requests: 1, perMs: HOUR },
        reports: { requests: 2, perMs: HOUR },
      },
    });
  });

  it('answers 429 with Retry-After once an organisation’s bucket is empty, writes nothing, and lets others on', async () => {
    const kore = as.customer(ORGS.kore.id);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.call('POST', '/tickets', { claims: kore, body: urgentOutage })).status);
    expect(statuses).toEqual([201, 201, 429]);
    const refused = await api.call<{ status: number; detail: string }>('POST', '/tickets', { claims: kore, body: urgentOutage });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.headers['retry-after']).toBe('1800');
    expect(refused.body.detail).toContain('too many new tickets');
    const listed = await api.call<{ items: unknown[] }>('GET', '/tickets', { claims: kore });
    expect(listed.body.items).toHaveLength(2);
    // Another organisation, and an agent acting for this one, are not held back.
    expect((await api.call('POST', '/tickets', { claims: as.customer(ORGS.other.id), body: urgentOutage })).status).toBe(201);
    expect((await api.call('POST', '/tickets', { claims: as.agent(), body: { ...urgentOutage, org: ORGS.kore.id } })).status).toBe(201);
    api.clock.advance(1800 * 1000);
    expect((await api.call('POST', '/tickets', { claims: kore, body: urgentOutage })).status).toBe(201);
  });

  it('limits messages and escalations per organisation too, never the agents answering', async () => {
    const kidz = as.customer(ORGS.kidzonet.id);
    const { body: ticket } = await api.call<{ caseId: number }>('POST', '/tickets', {
      claims: kidz,
      body: { subject: 'Slow', description: 'd', severity: 'minor' },
    });
    const message = (claims = kidz) =>
      api.call('POST', `/tickets/${ticket.caseId}/messages`, { claims, body: { body: 'news?', public: true } });
    expect([(await message()).status, (await message()).status, (await message()).status]).toEqual([201, 201, 429]);
    expect((await message(as.agent())).status).toBe(201);
    const escalate = () => api.call('POST', `/tickets/${ticket.caseId}/escalate`, { claims: kidz, body: { reason: 'hurry' } });
    expect((await escalate()).status).toBe(201);
    const second = await escalate();
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits SLA report requests per organisation (each reads every outcome of its range), never the agents', async () => {
    const report = (claims: ReturnType<typeof as.agent>) =>
      api.call<{ detail?: string }>('GET', '/reports/sla', { claims, query: { org: ORGS.kore.id, from: '2026-02' } });
    const kore = as.customer(ORGS.kore.id);
    expect([(await report(kore)).status, (await report(kore)).status]).toEqual([200, 200]);
    const refused = await report(kore);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toContain('too many SLA report requests');
    expect((await report(as.agent())).status).toBe(200);
    expect((await api.call('GET', '/reports/sla', { claims: as.customer(ORGS.other.id), query: { from: '2026-02' } })).status).toBe(200);
  });
});
