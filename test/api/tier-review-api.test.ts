import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import type { TierReviewStore } from '#shared/tier-review/tier-review.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { DynamoTierReviews } from '../../functions/adapters/dynamo/tier-reviews.ts';
import { createApiHandler } from '../../functions/api/handler.ts';
import { as, caller } from '../support/api-events.ts';
import { apiHarness } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;

/** The previous release's org reader (git show 0ffaa0c:functions/adapters/dynamo/stored-items.ts): it requires `tier`. */
const previousReleaseOrgItem = z.object({
  id: z.string(),
  name: z.string(),
  policy: z.string(),
  tier: z.string(),
  region: z.optional(z.string()),
  emailDomains: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };
type Move = { org: string; from: string; to: string; moved: boolean; turnover: number; reason: string; start: string };
type Review = {
  dryRun: boolean;
  moves: Move[];
  missing: Array<{ org: string; tier: string }>;
  revision?: number;
  state?: string;
  appliedAt?: string;
  replaces?: number;
  replaced?: Array<{ revision: number }>;
};
type OrgBody = { tier: string; tiers: Array<{ tier: string; from: string; source: string; review?: string }> };
type TicketBody = { caseId: number; tier: string; deadlines: Array<{ id: string; kind: string; due: string | null }> };

/** Berlin's midnight starting 2027-Q2, in UTC (the tiered preset's zone, CEST). */
const Q2_START = '2027-03-31T22:00:00.000Z';

const tiered = (id: string, tier: string, contacts: string[] = [`contract@${id}.example`]) => ({
  id,
  name: id.toUpperCase(),
  policy: 'tiered',
  tier,
  contacts,
});

async function review(api: Api, quarter: string, turnover: Array<{ org: string; amount: number }>, dryRun = false) {
  return api.call<Review & Problem>('POST', '/tier-reviews', {
    claims: as.admin(),
    body: { policy: 'tiered', quarter, dryRun, turnover },
  });
}

async function openTicket(api: Api, org: string) {
  const response = await api.call<TicketBody>('POST', '/tickets', {
    claims: as.customer(org),
    body: { subject: 'Firmware question', description: 'Which build fits board rev C?', severity: 'normal' },
  });
  expect(response.status).toBe(201);
  return response.body;
}

async function queuedMail(api: Api, id: string) {
  return (await api.mailOutbox.queued(id))?.mail;
}

describe('quarterly tier reviews', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2027-03-25T10:00:00.000Z');
    for (const org of [tiered('globex', 'gold'), tiered('initech', 'basic'), tiered('hooli', 'platinum'), tiered('quiet', 'gold', [])]) {
      expect((await api.call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
    }
  });

  describe('the dry run', () => {
    it('lists who moves from which tier to which, and the orgs without a row, and writes nothing', async () => {
      const dry = await review(
        api,
        '2027-Q2',
        [
          { org: 'globex', amount: 3_100_000 },
          { org: 'initech', amount: 600_000 },
          { org: 'hooli', amount: 10_000 },
        ],
        true,
      );
      expect(dry.status).toBe(200);
      expect(dry.body.dryRun).toBe(true);
      expect(dry.body.moves.map(({ org, from, to, moved }) => ({ org, from, to, moved }))).toEqual([
        { org: 'globex', from: 'gold', to: 'platinum', moved: true },
        { org: 'initech', from: 'basic', to: 'gold', moved: true },
        { org: 'hooli', from: 'platinum', to: 'platinum', moved: false },
      ]);
      expect(dry.body.moves[0]?.start).toBe(Q2_START);
      expect(dry.body.moves[2]?.reason).toMatch(/never lowers a tier, so it stays platinum/);
      expect(dry.body.missing).toEqual([{ org: 'quiet', tier: 'gold' }]);

      expect((await api.call<OrgBody>('GET', '/orgs/globex', { claims: as.admin() })).body.tiers).toHaveLength(1);
      expect(
        (await api.call<{ items: unknown[] }>('GET', '/tier-reviews', { claims: as.admin(), query: { policy: 'tiered' } })).body.items,
      ).toEqual([]);
      expect(await queuedMail(api, 'tier-review:tiered:2027-Q2:globex')).toBeUndefined();
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown org', [{ org: 'nobody', amount: 1 }], 'turnover[0].org'],
      ["another policy's org", [{ org: 'acme-kore', amount: 1 }], 'turnover[0].org'],
      [
        'a duplicate row',
        [
          { org: 'globex', amount: 1 },
          { org: 'globex', amount: 2 },
        ],
        'turnover[1].org',
      ],
      ['a negative amount', [{ org: 'globex', amount: -5 }], 'turnover[0].amount'],
      ['a fraction of a cent', [{ org: 'globex', amount: 1.5 }], 'turnover[0].amount'],
    ])('refuses %s with 400 naming the field', async (_, turnover, path) => {
      const response = await review(api, '2027-Q2', turnover, true);
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((e) => e.path)).toContain(path);
    });

    it('refuses more than 1000 rows', async () => {
      const turnover = Array.from({ length: 1001 }, (_, i) => ({ org: `org-${i}`, amount: 1 }));
      const response = await review(api, '2027-Q2', turnover, true);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'turnover', message: 'at most 1000 rows' }]);
    });

    it('refuses a quarter that is over, and one not yet next', async () => {
      for (const quarter of ['2026-Q4', '2027-Q3']) {
        const applied = await review(api, quarter, [{ org: 'globex', amount: 1 }]);
        expect(applied.status).toBe(422);
        expect(applied.body.errors).toEqual([{ path: 'quarter', message: 'expected 2027-Q1 or 2027-Q2' }]);
      }
      expect((await review(api, '2027-05', [], true)).body.errors).toEqual([
        { path: 'quarter', message: 'expected a quarter like "2027-Q2"' },
      ]);
    });

    it('refuses a policy without a tier review', async () => {
      const response = await api.call<Problem>('POST', '/tier-reviews', {
        claims: as.admin(),
        body: { policy: 'kore', quarter: '2027-Q2', dryRun: true, turnover: [] },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ path: 'policy', message: 'policy kore declares no "tierReview"' }]);
    });

    describe('a CSV upload', () => {
      const upload = (csv: string, dryRun = 'false') =>
        api.call<Review & Problem>('POST', '/tier-reviews', {
          claims: as.admin(),
          rawBody: csv,
          headers: { 'content-type': 'text/csv' },
          query: { policy: 'tiered', quarter: '2027-Q2', dryRun },
        });

      it('names the row and column of every bad cell and applies nothing', async () => {
        const response = await upload('org,turnover\r\nglobex,31000.001\r\nInitech!,5\r\nhooli\r\n');
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([
          { path: 'row 2, column 2', message: 'turnover: EUR has 2 decimals: 31000.001 cannot be billed exactly' },
          { path: 'row 3, column 1', message: 'expected an organisation id (lower-case letters, digits and "-")' },
          { path: 'row 4', message: 'expected 2 columns (org,turnover), got 1' },
        ]);
        expect((await api.call<OrgBody>('GET', '/orgs/globex', { claims: as.admin() })).body.tiers).toHaveLength(1);
      });

      it('names the row of an org the review cannot take', async () => {
        const response = await upload('org,turnover\nglobex,1\nacme-kore,2\n');
        expect(response.status).toBe(400);
        expect(response.body.errors?.map((e) => e.path)).toEqual(['row 3, column 1']);
      });

      it('wants the header row, and a well-formed file', async () => {
        expect((await upload('globex,1\n')).body.errors).toEqual([{ path: 'row 1', message: 'expected the header row "org,turnover"' }]);
        const unclosed = await upload('org,turnover\n"globex,1\n');
        expect(unclosed.status).toBe(400);
        expect(unclosed.body.errors?.[0]?.path).toBe('row 2, column 1');
      });

      it('reads turnover in major units for a dry run', async () => {
        const response = await upload('org,turnover\nglobex,"30,000.00"\n', 'true');
        expect(response.status).toBe(400);
        const fine = await upload('org,turnover\nglobex,30000.00\n', 'true');
        expect(fine.status).toBe(200);
        expect(fine.body.moves).toMatchObject([{ org: 'globex', turnover: 3_000_000, to: 'platinum' }]);
      });

      it('refuses another media type', async () => {
        const response = await api.call('POST', '/tier-reviews', {
          claims: as.admin(),
          rawBody: '<xml/>',
          headers: { 'content-type': 'application/xml' },
        });
        expect(response.status).toBe(415);
      });
    });
  });

  describe('who may', () => {
    it('is for admins: customers and agents can neither run nor read reviews', async () => {
      for (const claims of [as.customer('globex'), as.agent()]) {
        expect(
          (await api.call('POST', '/tier-reviews', { claims, body: { policy: 'tiered', quarter: '2027-Q2', dryRun: true, turnover: [] } }))
            .status,
        ).toBe(403);
        expect((await api.call('GET', '/tier-reviews', { claims, query: { policy: 'tiered' } })).status).toBe(403);
      }
    });
  });

  describe('applying 2027-Q2 (the done-when)', () => {
    let before: TicketBody;
    let applied: Review;
    const rows = [
      { org: 'globex', amount: 3_100_000 },
      { org: 'initech', amount: 600_000 },
      { org: 'hooli', amount: 10_000 },
    ];

    beforeAll(async () => {
      before = await openTicket(api, 'globex');
      const response = await review(api, '2027-Q2', rows);
      expect(response.status).toBe(200);
      applied = response.body;
    });

    it('keeps a record: revision 1, applied, with every move', async () => {
      expect(applied).toMatchObject({ dryRun: false, revision: 1, state: 'applied', replaced: [] });
      const list = await api.call<{ items: Review[] }>('GET', '/tier-reviews', { claims: as.admin(), query: { policy: 'tiered' } });
      expect(list.body.items).toEqual([applied]);
    });

    it("changes each org's tier from the quarter's first day, in its history", async () => {
      const globex = (await api.call<OrgBody>('GET', '/orgs/globex', { claims: as.admin() })).body;
      expect(globex.tier).toBe('gold');
      expect(globex.tiers.at(-1)).toEqual({ tier: 'platinum', from: Q2_START, source: 'review', review: '2027-Q2' });
    });

    it('gives tickets opened before the first day the old tier, and those from it the new one', async () => {
      api.clock.advance(Date.parse(Q2_START) - 1 - api.clock.now());
      expect((await openTicket(api, 'globex')).tier).toBe('gold');
      api.clock.advance(1);
      const after = await openTicket(api, 'globex');
      expect(after.tier).toBe('platinum');
      expect((await openTicket(api, 'initech')).tier).toBe('gold');
      expect((await api.call<OrgBody>('GET', '/orgs/globex', { claims: as.admin() })).body.tier).toBe('platinum');
    });

    it("leaves an open ticket's tier and SLA as they were", async () => {
      const now = await api.call<TicketBody>('GET', `/tickets/${before.caseId}`, { claims: as.admin() });
      expect(now.body.tier).toBe('gold');
      const due = (t: TicketBody) => t.deadlines.find((d) => d.kind === 'response')?.due;
      expect(due(now.body)).toBe(due(before));
      expect(due(before)).not.toBeUndefined();
    });

    it('e-mails every reviewed org its tier for the quarter, free of charge', async () => {
      const globex = await queuedMail(api, 'tier-review:tiered:2027-Q2:globex');
      expect(globex).toMatchObject({
        to: ['contract@globex.example'],
        subject: 'Your support tier for 2027-Q2: Platinum',
        kind: 'tier-review',
      });
      expect(globex?.text).toContain('From 1 April 2027, the support tier of GLOBEX for 2027-Q2 is Platinum.');
      expect(globex?.text).toContain('Your tier changes from Gold to Platinum.');
      expect(globex?.text).toContain('free of charge');
      expect((await queuedMail(api, 'tier-review:tiered:2027-Q2:hooli'))?.text).toContain('Your tier stays Platinum.');
      expect(await queuedMail(api, 'tier-review:tiered:2027-Q2:initech')).toBeDefined();
      expect(await queuedMail(api, 'tier-review:tiered:2027-Q2:quiet')).toBeUndefined();
    });

    it('replays the same rows: the same record, no second mail', async () => {
      const again = await review(api, '2027-Q2', [...rows].reverse());
      expect(again.status).toBe(200);
      expect(again.body).toEqual(applied);
    });

    it('replaces the review with other rows: a new revision, the changed org told again', async () => {
      const replaced = await review(api, '2027-Q2', [
        { org: 'globex', amount: 900_000 },
        { org: 'initech', amount: 600_000 },
      ]);
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ revision: 2, state: 'applied', replaced: [{ revision: 1, rows: 3 }] });
      const globex = (await api.call<OrgBody>('GET', '/orgs/globex', { claims: as.admin() })).body;
      expect(globex.tiers.filter((t) => t.review === '2027-Q2')).toEqual([
        { tier: 'gold', from: Q2_START, source: 'review', review: '2027-Q2' },
      ]);
      expect((await queuedMail(api, 'tier-review:tiered:2027-Q2:globex:r2'))?.text).toContain('This replaces the earlier e-mail');
      expect(await queuedMail(api, 'tier-review:tiered:2027-Q2:initech:r2')).toBeUndefined();
      expect(replaced.body.missing.map((m) => m.org).sort()).toEqual(['hooli', 'quiet']);
    });
  });
});

describe('a tier review cut short', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2027-03-25T10:00:00.000Z');
    for (const id of ['a-corp', 'b-corp', 'c-corp']) {
      expect((await api.call('POST', '/orgs', { claims: as.admin(), body: tiered(id, 'basic') })).status).toBe(201);
    }
  });

  it('is finished by posting the same rows again, each org changed and mailed once', async () => {
    const stored = new DynamoTierReviews({ client: api.documents, table: api.name, clock: api.clock.now });
    let writes = 0;
    const crashing: TierReviewStore = {
      get: (policy, quarter) => stored.get(policy, quarter),
      list: (policy, limit) => stored.list(policy, limit),
      save: (record, previous) => stored.save(record, previous),
      setTiers: async (org, tiers, mail) => {
        if (++writes > 1) throw new Error('the Lambda ran out of time');
        return stored.setTiers(org, tiers, mail);
      },
    };
    const crashingCall = caller(
      createApiHandler(() => ({
        policies: PRESET_CATALOG,
        store: api.store,
        now: api.clock.now,
        mailOutbox: api.mailOutbox,
        tierReviews: crashing,
      })),
    );
    const body = {
      policy: 'tiered',
      quarter: '2027-Q2',
      dryRun: false,
      turnover: [
        { org: 'a-corp', amount: 600_000 },
        { org: 'b-corp', amount: 600_000 },
        { org: 'c-corp', amount: 3_000_000 },
      ],
    };
    expect((await crashingCall('POST', '/tier-reviews', { claims: as.admin(), body })).status).toBe(500);
    expect((await stored.get('tiered', '2027-Q2'))?.state).toBe('applying');
    const aMail = await api.mailOutbox.queued('tier-review:tiered:2027-Q2:a-corp');
    expect(aMail).toBeDefined();
    expect(await api.mailOutbox.queued('tier-review:tiered:2027-Q2:b-corp')).toBeUndefined();

    const finished = await api.call<Review>('POST', '/tier-reviews', { claims: as.admin(), body });
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ revision: 1, state: 'applied' });
    const tiersOf = async (id: string) => (await api.call<OrgBody>('GET', `/orgs/${id}`, { claims: as.admin() })).body.tiers;
    expect((await tiersOf('a-corp')).filter((t) => t.review === '2027-Q2')).toHaveLength(1);
    expect((await tiersOf('c-corp')).at(-1)?.tier).toBe('platinum');
    expect(await api.mailOutbox.queued('tier-review:tiered:2027-Q2:b-corp')).toBeDefined();
    expect(await api.mailOutbox.queued('tier-review:tiered:2027-Q2:a-corp')).toEqual(aMail);
  });
});

describe('tier histories', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2027-02-01T09:00:00.000Z');
  });

  it('reads an org stored before histories as having had its tier since it was created', async () => {
    const createdAt = Date.parse('2026-05-01T08:00:00.000Z');
    const old = { id: 'old-shape', name: 'Old Shape', policy: 'tiered', tier: 'gold', emailDomains: [], createdAt, updatedAt: createdAt };
    await api.documents.send(
      new PutCommand({ TableName: api.name, Item: { ...keys.org(old.id), ...keys.orgListed(old.id), itemType: 'org', ...old } }),
    );
    const org = await api.call<OrgBody>('GET', '/orgs/old-shape', { claims: as.admin() });
    expect(org.body).toMatchObject({ tier: 'gold', tiers: [{ tier: 'gold', from: '2026-05-01T08:00:00.000Z', source: 'admin' }] });
    expect((await openTicket(api, 'old-shape')).tier).toBe('gold');
  });

  it('reads history entries stored without recordedAt as recorded when they began', async () => {
    const createdAt = Date.parse('2027-01-01T08:00:00.000Z');
    const tiers = [
      { tier: 'platinum', from: Date.parse('2026-12-31T23:00:00.000Z'), source: 'review', review: '2027-Q1' },
      { tier: 'gold', from: createdAt, source: 'admin' },
    ];
    const old = { id: 'old-history', name: 'Old History', policy: 'tiered', tiers, emailDomains: [], createdAt, updatedAt: createdAt };
    await api.documents.send(
      new PutCommand({ TableName: api.name, Item: { ...keys.org(old.id), ...keys.orgListed(old.id), itemType: 'org', ...old } }),
    );
    expect((await api.store.getOrg('old-history'))?.tiers.map((entry) => entry.recordedAt)).toEqual(tiers.map((entry) => entry.from));
    expect((await openTicket(api, 'old-history')).tier).toBe('gold');
  });

  it('adds an entry from now when an admin changes the tier, and none when it stays', async () => {
    const body = { name: 'Umbrella', policy: 'tiered', tier: 'gold', contacts: [] };
    await api.call('PUT', '/orgs/umbrella', { claims: as.admin(), body });
    api.clock.advance(60_000);
    await api.call('PUT', '/orgs/umbrella', { claims: as.admin(), body: { ...body, name: 'Umbrella Corp' } });
    const changed = await api.call<OrgBody>('PUT', '/orgs/umbrella', { claims: as.admin(), body: { ...body, tier: 'platinum' } });
    expect(changed.body.tiers).toEqual([
      { tier: 'gold', from: '2027-02-01T09:00:00.000Z', source: 'admin' },
      { tier: 'platinum', from: '2027-02-01T09:01:00.000Z', source: 'admin' },
    ]);
    const stored = await api.documents.send(new GetCommand({ TableName: api.name, Key: keys.org('umbrella') }));
    expect(stored.Item?.tiers).toHaveLength(2);
  });

  it('never overwrites unseen a history written after the org was read (a review meanwhile): 409, read again', async () => {
    const body = { name: 'Wayne', policy: 'tiered', tier: 'gold', contacts: [] };
    expect((await api.call('PUT', '/orgs/wayne', { claims: as.admin(), body })).status).toBe(201);
    const read = await api.store.getOrg('wayne');
    if (read === undefined) throw new Error('no wayne');
    api.clock.advance(1000);
    expect((await api.call('PUT', '/orgs/wayne', { claims: as.admin(), body: { ...body, tier: 'platinum' } })).status).toBe(200);
    await expect(api.store.putOrg({ ...read, name: 'Stale' }, { replaces: read })).rejects.toMatchObject({ code: 'version_conflict' });
    await expect(api.store.putOrg({ ...read, id: 'brand-new' }, { replaces: undefined })).resolves.toBeUndefined();
    await expect(api.store.putOrg({ ...read, id: 'brand-new' }, { replaces: undefined })).rejects.toMatchObject({
      code: 'version_conflict',
    });
    expect((await api.store.getOrg('wayne'))?.tiers.map((t) => t.tier)).toEqual(['gold', 'platinum']);
  });

  it("shows a customer their own org's tier history", async () => {
    const me = await api.call<{ tier: string; tiers: unknown[] }>('GET', '/me', { claims: as.customer('umbrella') });
    expect(me.body).toMatchObject({ tier: 'platinum', tiers: [{ tier: 'gold' }, { tier: 'platinum' }] });
  });
});

describe('a review applied after its quarter began', () => {
  const H = 3_600_000;
  let api: Api;
  let applied: Review;
  let januaryBefore: unknown;
  const usage = async (org: string, period: string) =>
    (
      await api.call<{ status: string; tier: string; total: number; includedMinutes: number }>('GET', `/orgs/${org}/usage`, {
        claims: as.agent(),
        query: { period },
      })
    ).body;
  beforeAll(async () => {
    api = await apiHarness('2026-12-01T08:00:00.000Z');
    expect((await api.call('POST', '/orgs', { claims: as.admin(), body: tiered('early', 'gold') })).status).toBe(201);
    api.clock.moveTo(Date.parse('2027-01-01T08:00:00.000Z'));
    expect((await api.call('POST', '/orgs', { claims: as.admin(), body: tiered('newyear', 'gold') })).status).toBe(201);
    api.clock.moveTo(Date.parse('2027-01-04T08:00:00.000Z'));
    const { caseId } = await openTicket(api, 'early');
    for (let hour = 0; hour < 5; hour++) {
      api.clock.advance(H);
      const logged = await api.call('POST', `/tickets/${caseId}/time`, { claims: as.agent(), body: { minutes: 60 } });
      expect(logged.status).toBe(201);
    }
    api.clock.moveTo(Date.parse('2027-02-10T08:00:00.000Z'));
    januaryBefore = await usage('early', '2027-01');
    const response = await review(api, '2027-Q1', [
      { org: 'early', amount: 4_000_000 },
      { org: 'newyear', amount: 4_000_000 },
    ]);
    expect(response.status).toBe(200);
    applied = response.body;
  });

  it("leaves a closed month's statement as issued, and bills the open month at the new tier", async () => {
    expect(januaryBefore).toMatchObject({ status: 'closed', tier: 'gold', total: 7500 });
    expect(await usage('early', '2027-01')).toMatchObject({ status: 'closed', tier: 'gold', total: 7500 });
    expect(await usage('early', '2027-02')).toMatchObject({ status: 'open', tier: 'platinum', includedMinutes: 600 });
    expect((await openTicket(api, 'early')).tier).toBe('platinum');
  });

  it('supersedes the admin entries of its quarter recorded before it, so the org has the tier its e-mail announces', async () => {
    expect(applied.moves).toContainEqual(expect.objectContaining({ org: 'newyear', from: 'gold', to: 'platinum', moved: true }));
    const org = await api.call<OrgBody>('GET', '/orgs/newyear', { claims: as.admin() });
    expect(org.body.tier).toBe('platinum');
    expect(org.body.tiers.map((entry) => [entry.tier, entry.source])).toEqual([
      ['platinum', 'review'],
      ['gold', 'admin'],
    ]);
    expect(await queuedMail(api, 'tier-review:tiered:2027-Q1:newyear')).toMatchObject({
      subject: 'Your support tier for 2027-Q1: Platinum',
    });
    expect((await openTicket(api, 'newyear')).tier).toBe('platinum');
  });

  it('writes the tier now beside the history, so the previous release still reads the org (a deploy, a rollback)', async () => {
    const storedTier = async (id: string) => {
      const { Item } = await api.documents.send(new GetCommand({ TableName: api.name, Key: keys.org(id) }));
      return previousReleaseOrgItem.parse(Item).tier;
    };
    expect(await storedTier('early')).toBe('platinum');
    const next = await review(api, '2027-Q2', [{ org: 'early', amount: 0 }]);
    expect(next.status).toBe(200);
    expect(await storedTier('early')).toBe('platinum');
    const body = { name: 'EARLY', policy: 'tiered', tier: 'basic', contacts: [] };
    expect((await api.call('PUT', '/orgs/early', { claims: as.admin(), body })).status).toBe(200);
    expect(await storedTier('early')).toBe('basic');
  });

  it('gives way to an admin change recorded after it, from that change on', async () => {
    api.clock.advance(H);
    const changed = await api.call<OrgBody>('PUT', '/orgs/newyear', {
      claims: as.admin(),
      body: { name: 'NEWYEAR', policy: 'tiered', tier: 'gold', contacts: ['contract@newyear.example'] },
    });
    expect(changed.body.tier).toBe('gold');
    expect((await openTicket(api, 'newyear')).tier).toBe('gold');
  });
});
