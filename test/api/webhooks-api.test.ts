import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import type { StoredDelivery } from '#shared/webhooks/ports.ts';
import { DynamoWebhookStore } from '../../functions/adapters/dynamo/webhooks.ts';
import { SqsWakeups } from '../../functions/adapters/sqs-wakeups.ts';
import { createApiHandler, productionDeps } from '../../functions/api/handler.ts';
import { MAX_ENDPOINTS_PER_SCOPE } from '../../functions/api/webhook-operations.ts';
import { as, type Claims, caller } from '../support/api-events.ts';
import { apiHarness, ORGS } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };
interface Endpoint {
  id: string;
  scope: 'staff' | 'org';
  org?: string;
  url: string;
  events: string[];
  state: 'active' | 'paused';
  pausedBecause?: string;
  contact: string;
  secrets: Array<{ createdAt: string; expiresAt?: string }>;
  health: Record<string, unknown>;
  createdBy: string;
  updatedAt: string;
  secret?: string;
}
interface DeliveryView {
  eventId: string;
  state: string;
  attempts: Array<Record<string, unknown>>;
  nextAttemptAt: string | null;
  skipped?: string;
}

const kore = (email = true): Claims => ({ ...as.customer(ORGS.kore.id), ...(email && { email: 'ops@acme.example' }) });
/** Customers of their own organisations, so each part stays under the limit per organisation. */
const netcor: Claims = { ...as.customer(ORGS.netcor.id), email: 'ops@netcor.example' };
const kidzonet: Claims = { ...as.customer(ORGS.kidzonet.id), email: 'ops@kidzonet.example' };
const other: Claims = { ...as.customer(ORGS.other.id), email: 'it@other.example' };
const agent: Claims = { ...as.agent(), email: 'agent@support.example' };
const hook = (path = 'hook') => ({ url: `https://hooks.acme.example/${path}`, events: ['ticket.created', 'deadline.breached'] });

async function register(api: Api, claims: Claims, body: object = hook()) {
  const response = await api.call<Endpoint>('POST', '/webhooks', { claims, body });
  if (response.status !== 201) throw new Error(`could not register: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A delivery as the sender leaves it in the store (the log and replay read these). */
function delivery(endpointId: string, n: number, state: StoredDelivery['state'], createdAt: number): StoredDelivery {
  const at = createdAt + 1000;
  return {
    endpointId,
    eventId: `evt_${10000 + n}_v1_created`,
    eventType: 'ticket.created',
    caseId: 10000 + n,
    order: { seq: 1, rank: 0 },
    state,
    attempts:
      state === 'pending' ? [] : [{ at, outcome: state === 'delivered' ? { status: 204, ms: 40 } : { error: 'timed out', ms: 10_000 } }],
    nextAttemptAt: state === 'pending' ? createdAt : null,
    body: '{"type":"ticket.created"}',
    createdAt,
    ...(state === 'failed' && { skipped: 'the endpoint was paused' }),
  };
}

describe('webhook routes', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness();
  });

  describe('registering', () => {
    it('answers 201 with the endpoint, its organisation from the token and its secret, which no read shows again', async () => {
      const created = await api.call<Endpoint>('POST', '/webhooks', { claims: kore(), body: { ...hook(), description: 'incident bot' } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        scope: 'org',
        org: ORGS.kore.id,
        url: 'https://hooks.acme.example/hook',
        events: ['ticket.created', 'deadline.breached'],
        state: 'active',
        contact: 'ops@acme.example',
        createdBy: `customer@${ORGS.kore.id}`,
        health: {},
      });
      expect(created.body.id).toMatch(/^wh_[A-Za-z0-9_-]{22}$/);
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const read = await api.call('GET', `/webhooks/${created.body.id}`, { claims: kore() });
      const listed = await api.call('GET', '/webhooks', { claims: kore() });
      for (const response of [read, listed]) {
        expect(response.status).toBe(200);
        expect(JSON.stringify(response.body)).not.toContain('whsec_');
      }
      expect(read.body).toEqual({ ...created.body, secret: undefined });
    });

    it('gives each endpoint its own id and secret', async () => {
      const [a, b] = [await register(api, kore(), hook('a')), await register(api, kore(), hook('b'))];
      expect(a.id).not.toBe(b.id);
      expect(a.secret).not.toBe(b.secret);
    });

    it("tells the body's contact, else the token's e-mail, and with neither answers 422 on contact", async () => {
      expect((await register(api, kore(), { ...hook(), contact: 'OPS@acme.example' })).contact).toBe('OPS@acme.example');
      for (const claims of [kore(false), { ...kore(false), email: 'not an address' }]) {
        const none = await api.call<Problem>('POST', '/webhooks', { claims, body: hook() });
        expect(none.status).toBe(422);
        expect(none.body.errors).toEqual([{ path: 'contact', message: 'required: the token carries no e-mail address' }]);
      }
      const bad = await api.call<Problem>('POST', '/webhooks', { claims: kore(), body: { ...hook(), contact: 'not an address' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ path: 'contact', message: 'expected an e-mail address' }]);
    });

    it("takes a customer's contact only at their own address or their organisation's e-mail domains: the notice is no way to mail anyone", async () => {
      const elsewhere = await api.call<Problem>('POST', '/webhooks', {
        claims: kore(),
        body: { ...hook(), contact: 'victim@elsewhere.example' },
      });
      expect(elsewhere.status).toBe(422);
      expect(elsewhere.body.errors).toEqual([
        { path: 'contact', message: "must be your own address or one at your organisation's e-mail domains (none set)" },
      ]);
      const { id, ...settings } = ORGS.kore;
      const domains = await api.call('PUT', `/orgs/${id}`, { claims: as.admin(), body: { ...settings, emailDomains: ['acme.example'] } });
      expect(domains.status).toBe(200);
      expect((await register(api, kore(), { ...hook('domain'), contact: 'oncall@acme.example' })).contact).toBe('oncall@acme.example');
      // A change of contact is held to the same rule.
      const { id: hookId } = await register(api, kore(), hook('contact'));
      const moved = await api.call<Problem>('PATCH', `/webhooks/${hookId}`, {
        claims: kore(),
        body: { contact: 'victim@elsewhere.example' },
      });
      expect([moved.status, moved.body.errors?.[0]?.path]).toEqual([422, 'contact']);
      const changed = await api.call<{ contact: string }>('PATCH', `/webhooks/${hookId}`, {
        claims: kore(),
        body: { contact: 'noc@acme.example' },
      });
      expect([changed.status, changed.body.contact]).toEqual([200, 'noc@acme.example']);
      expect((await api.webhooks.store.getEndpoint(hookId))?.contact).toBe('noc@acme.example');
      // Staff may name anyone: they answer for their own endpoints.
      expect((await register(api, agent, { ...hook('staff'), contact: 'partner@elsewhere.example' })).contact).toBe(
        'partner@elsewhere.example',
      );
    });

    it('makes a staff endpoint for agents, and never takes an organisation from the body', async () => {
      expect(await register(api, agent)).toMatchObject({ scope: 'staff', contact: 'agent@support.example' });
      const named = await api.call<Problem>('POST', '/webhooks', { claims: kore(), body: { ...hook(), org: ORGS.other.id } });
      expect(named.status).toBe(400);
      expect(named.body.errors).toEqual([{ path: 'org', message: 'unknown field' }]);
      const scoped = await api.call<Problem>('POST', '/webhooks', { claims: kore(), body: { ...hook(), scope: 'staff' } });
      expect(scoped.status).toBe(400);
    });

    it('names every bad field by its path', async () => {
      const response = await api.call<Problem>('POST', '/webhooks', {
        claims: kore(),
        body: { url: 'ftp://hooks.acme.example/x', events: ['ticket.created', 'ticket.exploded'], description: 'bell\u0007' },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.path).sort()).toEqual(['description', 'events[1]', 'url']);
      const missing = await api.call<Problem>('POST', '/webhooks', { claims: kore(), body: {} });
      expect(missing.body.errors).toEqual([
        { path: 'url', message: 'required' },
        { path: 'events', message: 'required' },
      ]);
      for (const events of [[], ['page.sent', 'page.sent'], 'ticket.created']) {
        const refused = await api.call<Problem>('POST', '/webhooks', { claims: kore(), body: { ...hook(), events } });
        expect(refused.status).toBe(400);
        expect(refused.body.errors?.map((e) => e.path)).toEqual(['events']);
      }
    });

    it.each([
      ['a private address', 'https://10.0.0.7/hook'],
      ['loopback over https', 'https://127.0.0.1:8443/hook'],
      ['the metadata service', 'http://169.254.169.254/latest/meta-data/'],
      ['the metadata service over https', 'https://169.254.169.254/latest/meta-data/'],
      ['localhost by name', 'http://localhost:8080/hook'],
      ['an IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
      ['loopback spelled as a number', 'https://2130706433/hook'],
      ['a name inside the network', 'https://billing.internal/hook'],
      ['credentials in the URL', 'https://user:pw@hooks.acme.example/hook'],
      ['the SSH port', 'https://hooks.acme.example:22/hook'],
    ])('refuses %s with a 400 on url', async (_, url) => {
      const response = await api.call<Problem>('POST', '/webhooks', { claims: kore(), body: { ...hook(), url } });
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.path)).toEqual(['url']);
    });

    it('takes http://127.0.0.1 where the rules allow a receiver on this machine', async () => {
      expect((await register(api, kore(), { ...hook(), url: 'http://127.0.0.1:9999/hook' })).url).toBe('http://127.0.0.1:9999/hook');
    });

    it('answers a repeated Idempotency-Key with the first endpoint, and makes no second one', async () => {
      const key = { 'idempotency-key': 'register-once' };
      const first = await api.call<Endpoint>('POST', '/webhooks', { claims: other, body: hook('once'), headers: key });
      const again = await api.call<Endpoint>('POST', '/webhooks', { claims: other, body: hook('once'), headers: key });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const listed = await api.call<{ items: Endpoint[] }>('GET', '/webhooks', { claims: other });
      expect(listed.body.items.filter((e) => e.url.endsWith('/once'))).toHaveLength(1);
    });
  });

  describe('the limit per organisation', () => {
    it(`refuses an organisation's ${MAX_ENDPOINTS_PER_SCOPE + 1}th endpoint with 409, until one is deleted`, async () => {
      const own = await apiHarness();
      const ids: string[] = [];
      for (let i = 0; i < MAX_ENDPOINTS_PER_SCOPE; i++) ids.push((await register(own, kore(), hook(`n${i}`))).id);
      const over = await own.call<Problem>('POST', '/webhooks', { claims: kore(), body: hook('over') });
      expect(over.status).toBe(409);
      expect(over.body.detail).toContain(`at most ${MAX_ENDPOINTS_PER_SCOPE} webhook endpoints per organisation`);
      // Concurrent registrations cannot slip past it either.
      const racing = await Promise.all([1, 2, 3].map((i) => own.call('POST', '/webhooks', { claims: kore(), body: hook(`r${i}`) })));
      expect(racing.map((r) => r.status).every((s) => s === 409)).toBe(true);
      // Another organisation and the staff count on their own.
      expect((await own.call('POST', '/webhooks', { claims: other, body: hook() })).status).toBe(201);
      expect((await own.call('POST', '/webhooks', { claims: agent, body: hook() })).status).toBe(201);
      expect((await own.call('DELETE', `/webhooks/${ids[0]}`, { claims: kore() })).status).toBe(204);
      expect((await own.call('DELETE', `/webhooks/${ids[0]}`, { claims: kore() })).status).toBe(404);
      expect((await own.call('POST', '/webhooks', { claims: kore(), body: hook('again') })).status).toBe(201);
      expect((await own.call('POST', '/webhooks', { claims: kore(), body: hook('over') })).status).toBe(409);
    });

    it('lets no concurrent burst past the limit', async () => {
      const own = await apiHarness();
      const burst = await Promise.all(
        Array.from({ length: MAX_ENDPOINTS_PER_SCOPE + 5 }, (_, i) =>
          own.call('POST', '/webhooks', { claims: other, body: hook(`b${i}`) }),
        ),
      );
      expect(burst.filter((r) => r.status === 201).length).toBeLessThanOrEqual(MAX_ENDPOINTS_PER_SCOPE);
      expect(burst.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const listed = await own.call<{ items: Endpoint[] }>('GET', '/webhooks', { claims: other, query: { limit: '100' } });
      expect(listed.body.items.length).toBe(burst.filter((r) => r.status === 201).length);
    });

    it('pages the endpoints, newest first, with the cursors it hands out', async () => {
      const own = await apiHarness();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await register(own, kore(), hook(`p${i}`))).id);
        own.clock.advance(1000);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await own.call<{ items: Endpoint[]; cursor?: string }>('GET', '/webhooks', {
          claims: kore(),
          query: { limit: '2', ...(cursor !== undefined && { cursor }) },
        });
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((e) => e.id));
        cursor = page.body.cursor;
      } while (cursor !== undefined);
      expect(seen).toEqual(ids.reverse());
    });

    it('keeps the count right when deletions and registrations race', async () => {
      const own = await apiHarness();
      const first = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => register(own, kore(), hook(`d${i}`))));
      const raced = await Promise.all([
        ...first.map((e) => own.call('DELETE', `/webhooks/${e.id}`, { claims: kore() })),
        ...first.map((e) => own.call('DELETE', `/webhooks/${e.id}`, { claims: as.admin() })),
        ...[0, 1, 2, 3].map((i) => own.call('POST', '/webhooks', { claims: kore(), body: hook(`c${i}`) })),
      ]);
      expect(raced.map((r) => r.status).filter((s) => ![201, 204, 404, 409].includes(s))).toEqual([]);
      expect(raced.slice(0, 12).every((r) => r.status === 204 || r.status === 404)).toBe(true);
      const kept = (await own.call<{ items: Endpoint[] }>('GET', '/webhooks', { claims: kore() })).body.items.length;
      // Exactly as many more as the limit leaves: the count moved with every create and delete.
      for (let i = kept; i < MAX_ENDPOINTS_PER_SCOPE; i++) await register(own, kore(), hook(`f${i}`));
      expect((await own.call('POST', '/webhooks', { claims: kore(), body: hook('over') })).status).toBe(409);
    });
  });

  describe('who sees what', () => {
    let mine: Endpoint;
    let staff: Endpoint;
    beforeAll(async () => {
      mine = await register(api, kore(), hook('isolated'));
      staff = await register(api, agent, hook('staff'));
      await api.webhooks.store.addDeliveries([delivery(mine.id, 1, 'failed', api.clock.now())]);
    });

    it('answers 404 to another organisation for everything about an endpoint, and changes nothing', async () => {
      const id = mine.id;
      const attempts: Array<[string, string, object?]> = [
        ['GET', `/webhooks/${id}`],
        ['PATCH', `/webhooks/${id}`, { state: 'paused' }],
        ['DELETE', `/webhooks/${id}`],
        ['POST', `/webhooks/${id}/secret`],
        ['GET', `/webhooks/${id}/deliveries`],
        ['POST', `/webhooks/${id}/deliveries/evt_10001_v1_created/replay`],
      ];
      for (const [method, path, body] of attempts) {
        const response = await api.call<Problem>(method, path, { claims: other, ...(body && { body }) });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
      const still = await api.call<Endpoint>('GET', `/webhooks/${id}`, { claims: kore() });
      expect(still.body).toMatchObject({ state: 'active', secrets: [{ createdAt: mine.secrets[0]?.createdAt }] });
      expect(
        (await api.call<{ items: DeliveryView[] }>('GET', `/webhooks/${id}/deliveries`, { claims: kore() })).body.items[0]?.state,
      ).toBe('failed');
      expect(api.webhooks.wakeups.woken).toEqual([]);
    });

    it("lists only the caller's organisation, and nothing of an organisation a customer names", async () => {
      const listed = await api.call<{ items: Endpoint[] }>('GET', '/webhooks', { claims: other });
      expect(listed.body.items.every((e) => e.org === ORGS.other.id)).toBe(true);
      expect((await api.call('GET', '/webhooks', { claims: other, query: { org: ORGS.kore.id } })).body).toEqual({ items: [] });
    });

    it('hides staff endpoints from customers, and shows staff every endpoint', async () => {
      expect((await api.call('GET', `/webhooks/${staff.id}`, { claims: kore() })).status).toBe(404);
      expect((await api.call('DELETE', `/webhooks/${staff.id}`, { claims: kore() })).status).toBe(404);
      expect((await api.call('GET', `/webhooks/${mine.id}`, { claims: as.admin() })).status).toBe(200);
      const staffList = await api.call<{ items: Endpoint[] }>('GET', '/webhooks', { claims: as.agent('agent-2') });
      expect(staffList.body.items.map((e) => e.id)).toContain(staff.id);
      expect(staffList.body.items.every((e) => e.scope === 'staff')).toBe(true);
      const orgList = await api.call<{ items: Endpoint[] }>('GET', '/webhooks', { claims: agent, query: { org: ORGS.kore.id } });
      expect(orgList.body.items.map((e) => e.id)).toContain(mine.id);
    });

    it.each([
      ['not an endpoint id', '/webhooks/nope'],
      ['an id of the right shape that does not exist', '/webhooks/wh_AAAAAAAAAAAAAAAAAAAAAA'],
      ['an organisation id', `/webhooks/${ORGS.kore.id}`],
      ['a malformed escape', '/webhooks/wh_%zz'],
      ['a NUL', '/webhooks/wh_%00AAAAAAAAAAAAAAAAAAAA'],
      ['a very long id', `/webhooks/wh_${'A'.repeat(2000)}`],
      ['a bad event id', '/webhooks/{id}/deliveries/nope/replay'],
      ['an event id that was never delivered', '/webhooks/{id}/deliveries/evt_99_v1_created/replay'],
      ['an event id past the safe integers', `/webhooks/{id}/deliveries/evt_${'9'.repeat(16)}_v1_created/replay`],
    ])('answers 404 to %s', async (_, path) => {
      const method = path.endsWith('/replay') ? 'POST' : 'GET';
      const response = await api.call<Problem>(method, path.replace('{id}', mine.id), { claims: agent });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('application/problem+json');
    });
  });

  describe('changing an endpoint', () => {
    it('rotates the secret: a new one shown once, the old one signing for 24 hours more', async () => {
      const endpoint = await register(api, kidzonet, hook('rotating'));
      api.clock.advance(60_000);
      const rotated = await api.call<Endpoint>('POST', `/webhooks/${endpoint.id}/secret`, { claims: kidzonet });
      expect(rotated.status).toBe(201);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      const now = api.clock.now();
      expect(rotated.body.secrets).toEqual([
        { createdAt: new Date(now).toISOString() },
        { createdAt: endpoint.secrets[0]?.createdAt, expiresAt: new Date(now + 24 * 3_600_000).toISOString() },
      ]);
      const stored = await api.webhooks.store.getEndpoint(endpoint.id);
      expect(stored?.secrets.map((s) => s.secret)).toEqual([rotated.body.secret, endpoint.secret]);
      expect(JSON.stringify((await api.call('GET', `/webhooks/${endpoint.id}`, { claims: kidzonet })).body)).not.toContain('whsec_');
    });

    it('answers a repeated rotation with the same Idempotency-Key with the first answer, rotating once', async () => {
      const endpoint = await register(api, kidzonet, hook('rotating-once'));
      const key = { 'idempotency-key': `rotate-${endpoint.id}` };
      const first = await api.call<Endpoint>('POST', `/webhooks/${endpoint.id}/secret`, { claims: kidzonet, headers: key });
      const again = await api.call<Endpoint>('POST', `/webhooks/${endpoint.id}/secret`, { claims: kidzonet, headers: key });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.secret).toBe(first.body.secret);
      expect((await api.webhooks.store.getEndpoint(endpoint.id))?.secrets).toHaveLength(2);
    });

    it('pauses by the owner, and resumes with its health started afresh', async () => {
      const endpoint = await register(api, kidzonet, hook('pausing'));
      const paused = await api.call<Endpoint>('PATCH', `/webhooks/${endpoint.id}`, { claims: kidzonet, body: { state: 'paused' } });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ state: 'paused', pausedBecause: 'owner' });
      await api.webhooks.store.recordHealth(endpoint.id, { at: api.clock.now(), outcome: { status: 500, ms: 12 } });
      const failing = await api.call<Endpoint>('GET', `/webhooks/${endpoint.id}`, { claims: kidzonet });
      expect(failing.body.health).toEqual({
        failingSince: new Date(api.clock.now()).toISOString(),
        lastFailure: { at: new Date(api.clock.now()).toISOString(), ms: 12, status: 500 },
      });
      const resumed = await api.call<Endpoint>('PATCH', `/webhooks/${endpoint.id}`, { claims: kidzonet, body: { state: 'active' } });
      expect(resumed.body.state).toBe('active');
      expect(resumed.body.pausedBecause).toBeUndefined();
      expect(resumed.body.health).toEqual({});
      expect((await api.call<Endpoint>('GET', `/webhooks/${endpoint.id}`, { claims: kidzonet })).body).toEqual(resumed.body);
    });

    it('changes events, description and url, checking them as a registration does', async () => {
      const endpoint = await register(api, kidzonet, hook('editing'));
      const changed = await api.call<Endpoint>('PATCH', `/webhooks/${endpoint.id}`, {
        claims: kidzonet,
        body: { events: ['ticket.resolved'], description: 'resolved only', url: 'https://HOOKS.acme.example:443/new' },
      });
      expect(changed.body).toMatchObject({
        events: ['ticket.resolved'],
        description: 'resolved only',
        url: 'https://hooks.acme.example/new',
      });
      expect(Date.parse(changed.body.updatedAt)).toBeGreaterThan(Date.parse(endpoint.updatedAt));
      for (const [body, path] of [
        [{ url: 'https://192.168.1.1/hook' }, 'url'],
        [{ events: [] }, 'events'],
        [{ state: 'deleted' }, 'state'],
        [{ secrets: [] }, 'secrets'],
        [{}, ''],
      ] as const) {
        const refused = await api.call<Problem>('PATCH', `/webhooks/${endpoint.id}`, { claims: kidzonet, body });
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body.errors?.[0]?.path).toBe(path);
      }
    });
  });

  describe('the delivery log and replay', () => {
    let endpoint: Endpoint;
    beforeAll(async () => {
      endpoint = await register(api, netcor, hook('log'));
      const t = api.clock.now();
      await api.webhooks.store.addDeliveries([
        delivery(endpoint.id, 1, 'delivered', t),
        delivery(endpoint.id, 2, 'failed', t + 1000),
        delivery(endpoint.id, 3, 'pending', t + 2000),
      ]);
    });

    it('lists deliveries newest first, with attempts and without bodies, a page at a time', async () => {
      const first = await api.call<{ items: DeliveryView[]; cursor?: string }>('GET', `/webhooks/${endpoint.id}/deliveries`, {
        claims: netcor,
        query: { limit: '2' },
      });
      expect(first.body.items.map((d) => [d.eventId, d.state])).toEqual([
        ['evt_10003_v1_created', 'pending'],
        ['evt_10002_v1_created', 'failed'],
      ]);
      expect(first.body.items[1]).toMatchObject({
        attempts: [{ error: 'timed out', ms: 10_000 }],
        nextAttemptAt: null,
        skipped: 'the endpoint was paused',
      });
      expect(JSON.stringify(first.body)).not.toContain('"body"');
      const rest = await api.call<{ items: DeliveryView[]; cursor?: string }>('GET', `/webhooks/${endpoint.id}/deliveries`, {
        claims: netcor,
        query: { limit: '2', cursor: first.body.cursor as string },
      });
      expect(rest.body.items.map((d) => d.eventId)).toEqual(['evt_10001_v1_created']);
      expect(rest.body.items[0]?.attempts).toEqual([{ at: expect.any(String), ms: 40, status: 204 }]);
    });

    it.each([
      ['garbage', 'not-a-cursor', ['deliveries', 'endpoints']],
      ['another shape', Buffer.from('{"PK":"WEBHOOK#x"}').toString('base64url'), ['deliveries', 'endpoints']],
      ['an event id without a case', Buffer.from('1772460000000#evt_x').toString('base64url'), ['deliveries', 'endpoints']],
      ['an endpoint cursor on the log', Buffer.from('1772460000000#wh_AAAAAAAAAAAAAAAAAAAAAA').toString('base64url'), ['deliveries']],
      ['a log cursor on the endpoints', Buffer.from('1772460000000#evt_10001_v1_created').toString('base64url'), ['endpoints']],
    ])('answers a tampered cursor (%s) with 400 on cursor', async (_, cursor, lists) => {
      for (const list of lists) {
        const path = list === 'deliveries' ? `/webhooks/${endpoint.id}/deliveries` : '/webhooks';
        const response = await api.call<Problem>('GET', path, { claims: netcor, query: { cursor } });
        expect(response.status, path).toBe(400);
        expect(response.body.errors).toEqual([{ path: 'cursor', message: 'not a cursor from this API' }]);
      }
    });

    it('replays a failed delivery: pending again with a fresh start, and its queue woken', async () => {
      const replayed = await api.call<DeliveryView>('POST', `/webhooks/${endpoint.id}/deliveries/evt_10002_v1_created/replay`, {
        claims: netcor,
      });
      expect(replayed.status).toBe(202);
      expect(replayed.body).toMatchObject({ state: 'pending', attempts: [], nextAttemptAt: new Date(api.clock.now()).toISOString() });
      expect(replayed.body.skipped).toBeUndefined();
      expect(api.webhooks.wakeups.woken).toEqual([{ wakeUps: [{ endpointId: endpoint.id, caseId: 10002 }], delayMs: 0 }]);
      const stored = await api.webhooks.store.getDelivery(endpoint.id, 'evt_10002_v1_created');
      expect(stored).toMatchObject({ state: 'pending', attempts: [], body: '{"type":"ticket.created"}' });
    });

    it('replays a delivered one too; a pending one keeps its attempts and only has its queue woken again', async () => {
      const woken = api.webhooks.wakeups.woken.length;
      expect((await api.call('POST', `/webhooks/${endpoint.id}/deliveries/evt_10001_v1_created/replay`, { claims: agent })).status).toBe(
        202,
      );
      const before = await api.webhooks.store.getDelivery(endpoint.id, 'evt_10003_v1_created');
      const pending = await api.call<{ state: string }>('POST', `/webhooks/${endpoint.id}/deliveries/evt_10003_v1_created/replay`, {
        claims: netcor,
      });
      expect(pending.status).toBe(202);
      expect(pending.body.state).toBe('pending');
      expect(await api.webhooks.store.getDelivery(endpoint.id, 'evt_10003_v1_created')).toEqual(before);
      expect(api.webhooks.wakeups.woken.slice(woken).map((w) => w.wakeUps)).toEqual([
        [{ endpointId: endpoint.id, caseId: 10001 }],
        [{ endpointId: endpoint.id, caseId: 10003 }],
      ]);
    });

    it('answers a repeated replay with the same Idempotency-Key with the first answer, not a 409', async () => {
      const own = await register(api, netcor, hook('replay-once'));
      await api.webhooks.store.addDeliveries([delivery(own.id, 8, 'failed', api.clock.now())]);
      const path = `/webhooks/${own.id}/deliveries/evt_10008_v1_created/replay`;
      const key = { 'idempotency-key': 'replay-once' };
      const first = await api.call('POST', path, { claims: netcor, headers: key });
      const again = await api.call('POST', path, { claims: netcor, headers: key });
      expect([first.status, again.status]).toEqual([202, 202]);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    });

    it('refuses to replay to a paused endpoint until it is resumed', async () => {
      const paused = await register(api, netcor, hook('paused-log'));
      await api.webhooks.store.addDeliveries([delivery(paused.id, 7, 'failed', api.clock.now())]);
      await api.call('PATCH', `/webhooks/${paused.id}`, { claims: netcor, body: { state: 'paused' } });
      const path = `/webhooks/${paused.id}/deliveries/evt_10007_v1_created/replay`;
      expect((await api.call('POST', path, { claims: netcor })).status).toBe(409);
      await api.call('PATCH', `/webhooks/${paused.id}`, { claims: netcor, body: { state: 'active' } });
      expect((await api.call('POST', path, { claims: netcor })).status).toBe(202);
    });
  });

  it("runs in production on the table's store, SQS wake-ups on WEBHOOK_QUEUE_URL, https only and fresh random bytes", async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { TABLE_NAME: 'sla-test', AWS_REGION: 'eu-central-1', WEBHOOK_QUEUE_URL: 'https://sqs.test/1/wake' });
      const webhooks = productionDeps().webhooks;
      expect(webhooks?.store).toBeInstanceOf(DynamoWebhookStore);
      expect(webhooks?.wakeups).toBeInstanceOf(SqsWakeups);
      expect(webhooks?.urlRules).toEqual({ allowLoopbackHttp: false });
      expect(webhooks?.randomBytes(32)).toHaveLength(32);
      expect(Buffer.from(webhooks?.randomBytes(16) ?? []).equals(Buffer.from(webhooks?.randomBytes(16) ?? []))).toBe(false);
    } finally {
      process.env = saved;
    }
  });

  it('answers a problem 500 when the API runs without webhook dependencies', async () => {
    const bare = caller(createApiHandler(() => ({ policies: PRESET_CATALOG, store: api.store, now: api.clock.now })));
    const response = await bare<Problem>('POST', '/webhooks', { claims: kore(), body: hook() });
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });
});
