import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import { MAX_POLICIES } from '#shared/policies/policy-store.ts';
import { presetFile } from '#shared/policies/presets.ts';
import { MAX_POLICY_DOCUMENT_BYTES } from '../../functions/api/policy-schemas.ts';
import { createPublishRoutesHandler } from '../../functions/policy-publisher/handler.ts';
import { as, caller } from '../support/api-events.ts';
import { apiHarness } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Problem = { status: number; detail: string; errors?: Array<{ path: string; message: string }> };
type Version = {
  id: string;
  version: number;
  name: string;
  publishedBy: string;
  calendarsChanged: boolean;
  document: Record<string, unknown>;
  replan?: { state: string; examined: number; replanned: number; failed: number };
};
type DryRun = {
  dryRun: true;
  version: number;
  previous?: number;
  changes: Array<{ severity: string; tier: string; sample: string; before: Array<{ due: string }>; after: Array<{ due: string }> }>;
  unchanged: number;
  severities: { added: string[]; removed: string[] };
  calendarsChanged: string[];
  openTickets: {
    examined: number;
    moved: number;
    complete: boolean;
    examples: Array<{ caseId: number; before: string; after: string | null }>;
  };
};
type Ticket = {
  caseId: number;
  policy: { id: string; version: number };
  deadlines: Array<{ id: string; kind: string; due: string | null; state: string }>;
  timeline?: Array<{ type: string; body?: string }>;
};

const NETCOR = readFileSync(presetFile('netcor'), 'utf8');
const FIELDS = { softwareVersion: '5.2', systemDetails: 'cluster' };

/** The netcor preset as a custom policy `id`, with `edit` applied to its YAML. */
function netcorCopy(id: string, edit: (yaml: string) => string = (yaml) => yaml): string {
  return edit(NETCOR.replace(/^id: netcor$/m, `id: ${id}`));
}

/** A next version's document: no `version` line (the publish makes it the latest + 1). */
const unversioned = (text: string) => text.replace(/^version: \d+\n/m, '');

const yaml = (text: string) => ({ rawBody: text, headers: { 'content-type': 'application/yaml' } });

async function createPolicy(api: Api, text: string) {
  return api.call<Version>('POST', '/policies', { claims: as.admin(), ...yaml(text) });
}

async function openTicket(api: Api, org: string, severity: string) {
  const response = await api.call<Ticket>('POST', '/tickets', {
    claims: as.customer(org),
    body: { subject: `${severity} issue`, description: 'd', severity, fields: FIELDS },
  });
  expect(response.status).toBe(201);
  return response.body;
}

const responseDue = (ticket: Ticket) => ticket.deadlines.find((d) => d.kind === 'response')?.due;

describe('policies as stored versions (API)', () => {
  // Monday 21 Dec 2026, 10:00 in Berlin (CET): the week of Christmas.
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2026-12-21T09:00:00.000Z');
  });

  describe('listing and reading', () => {
    it('lists the seeded presets by id as presets, each with its latest version', async () => {
      const list = await api.call<{ items: Array<{ id: string; version: number; preset: boolean }> }>('GET', '/policies', {
        claims: as.agent(),
      });
      expect(list.status).toBe(200);
      const presets = list.body.items.filter((p) => p.preset);
      expect(presets.map((p) => `${p.id}@${p.version}`)).toEqual(['kidzonet@1', 'kolmisoft@1', 'kore@2', 'netcor@1', 'tiered@1']);
    });

    it("keeps every preset version: kore's v1 and v2 are both stored", async () => {
      const versions = await api.call<{ items: Array<{ version: number; publishedBy: string }> }>('GET', '/policies/kore/versions', {
        claims: as.agent(),
      });
      expect(versions.body.items.map((v) => v.version)).toEqual([2, 1]);
      const v1 = await api.call<Version>('GET', '/policies/kore/versions/1', { claims: as.agent() });
      expect(v1.status).toBe(200);
      expect(v1.body.document.version).toBe(1);
    });

    it('answers 404 for an unknown policy or version', async () => {
      expect((await api.call('GET', '/policies/nope', { claims: as.agent() })).status).toBe(404);
      expect((await api.call('GET', '/policies/nope/versions', { claims: as.agent() })).status).toBe(404);
      expect((await api.call('GET', '/policies/kore/versions/9', { claims: as.agent() })).status).toBe(404);
      expect((await api.call('GET', '/policies/kore/versions/x', { claims: as.agent() })).status).toBe(404);
    });

    it('answers 404 for a policy id too long to be one (it was a 500: a DynamoDB key over 2,048 bytes)', async () => {
      const long = 'a'.repeat(3000);
      for (const path of [`/policies/${long}`, `/policies/${long}/versions`, `/policies/${long}/versions/1`]) {
        expect((await api.call('GET', path, { claims: as.agent() })).status).toBe(404);
      }
      expect((await api.call('POST', `/policies/${long}/versions`, { claims: as.admin(), ...yaml('name: x\n') })).status).toBe(404);
      expect((await api.call('GET', `/tickets?policy=${long}`, { claims: as.agent() })).status).toBeLessThan(500);
    });

    it("shows a customer only their organisation's policy; any other is not found", async () => {
      const list = await api.call<{ items: Array<{ id: string }> }>('GET', '/policies', { claims: as.customer('acme-netcor') });
      expect(list.body.items.map((p) => p.id)).toEqual(['netcor']);
      expect((await api.call('GET', '/policies/netcor/versions/1', { claims: as.customer('acme-netcor') })).status).toBe(200);
      for (const path of ['/policies/kore', '/policies/kore/versions', '/policies/kore/versions/1']) {
        expect((await api.call('GET', path, { claims: as.customer('acme-netcor') })).status).toBe(404);
      }
    });
  });

  describe('publishing', () => {
    it('creates a policy from YAML as version 1, published by the admin, readable at once', async () => {
      const created = await createPolicy(api, netcorCopy('netcor-copy'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: 'netcor-copy', version: 1, publishedBy: 'admin-1', calendarsChanged: false });
      const read = await api.call<{ id: string; version: number }>('GET', '/policies/netcor-copy', { claims: as.agent() });
      expect(read.body).toMatchObject({ id: 'netcor-copy', version: 1 });
      const list = await api.call<{ items: Array<{ id: string; preset: boolean }> }>('GET', '/policies', { claims: as.agent() });
      expect(list.body.items.find((p) => p.id === 'netcor-copy')?.preset).toBe(false);
    });

    it('takes a JSON document too', async () => {
      const created = await api.call<Version>('POST', '/policies', {
        claims: as.admin(),
        body: {
          id: 'json-policy',
          name: 'JSON',
          roles: { tier1: { name: 'Support' } },
          tiers: { standard: {} },
          severities: { high: { calendar: '24x7', tiers: { standard: { response: '4h' } } } },
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.version).toBe(1);
    });

    it('refuses an id that exists, a preset id, and anyone but an admin', async () => {
      expect((await createPolicy(api, netcorCopy('netcor-copy'))).status).toBe(409);
      expect((await createPolicy(api, NETCOR)).status).toBe(409);
      const agent = await api.call('POST', '/policies', { claims: as.agent(), ...yaml(netcorCopy('by-agent')) });
      expect(agent.status).toBe(403);
      const presetVersion = await api.call<Problem>('POST', '/policies/netcor/versions', { claims: as.admin(), ...yaml(NETCOR) });
      expect(presetVersion.status).toBe(409);
    });

    it("names each bad field's path, as `sla validate` does (422), and stores nothing", async () => {
      const bad = netcorCopy('bad-one', (text) => text.replace('standard: { response: 4h }', 'standard: { response: -4h }'));
      const response = await createPolicy(api, bad);
      expect(response.status).toBe(422);
      expect((response.body as unknown as Problem).errors).toEqual([
        expect.objectContaining({ path: 'severities.critical.tiers.standard.response' }),
      ]);
      expect((await api.call('GET', '/policies/bad-one', { claims: as.agent() })).status).toBe(404);
    });

    it('says where YAML that does not parse breaks, and refuses a document that is not a mapping', async () => {
      const broken = await createPolicy(api, 'id: x\nname: [unclosed\n');
      expect(broken.status).toBe(422);
      expect((broken.body as unknown as Problem).errors?.[0]?.message).toMatch(/^line \d+, column \d+/);
      expect((await createPolicy(api, '- a list')).status).toBe(422);
      const badId = await createPolicy(api, netcorCopy('Not An Id'));
      expect((badId.body as unknown as Problem).errors).toEqual([expect.objectContaining({ path: 'id' })]);
    });

    it('caps the document size (422 over 64 KiB; the gateway refuses 413 over 256 KiB)', async () => {
      const padded = `${netcorCopy('too-big')}\n# ${'x'.repeat(MAX_POLICY_DOCUMENT_BYTES)}\n`;
      expect((await createPolicy(api, padded)).status).toBe(422);
      const huge = `${netcorCopy('too-big')}\n# ${'x'.repeat(300 * 1024)}\n`;
      expect((await createPolicy(api, huge)).status).toBe(413);
    });

    it('refuses a YAML alias bomb and a deeply nested document with 422 naming the body, not a 500', async () => {
      const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++)
        bomb.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      const aliased = await createPolicy(api, `${netcorCopy('bomb')}\n${bomb.join('\n')}\n`);
      expect(aliased.status).toBe(422);
      expect((aliased.body as unknown as Problem).errors?.[0]?.message).toMatch(/aliases/);
      const nested = `{"id":"deep","x":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
      const deep = await api.call('POST', '/policies', {
        claims: as.admin(),
        rawBody: nested,
        headers: { 'content-type': 'application/json' },
      });
      expect(deep.status).toBe(422);
      expect((deep.body as unknown as Problem).errors?.[0]?.message).toMatch(/nested deeper/);
      const deepYaml = await createPolicy(api, `${netcorCopy('deep-yaml')}\nx: ${'[ '.repeat(40)}1${' ]'.repeat(40)}\n`);
      expect((deepYaml.body as unknown as Problem).errors?.[0]?.message).toMatch(/nested deeper/);
      expect((await api.call('GET', '/policies/bomb', { claims: as.admin() })).status).toBe(404);
    });

    it('publishes the next version; its document may leave out id and version, but not contradict them', async () => {
      await createPolicy(api, netcorCopy('versioned'));
      const noId = netcorCopy('versioned', (text) => text.replace(/^id: .*\n/m, '').replace(/^version: 1\n/m, ''));
      const v2 = await api.call<Version>('POST', '/policies/versioned/versions', { claims: as.admin(), ...yaml(noId) });
      expect(v2.status).toBe(201);
      expect(v2.body.version).toBe(2);
      const stale = await api.call<Problem>('POST', '/policies/versioned/versions', {
        claims: as.admin(),
        ...yaml(netcorCopy('versioned')),
      });
      expect(stale.status).toBe(409);
      expect(stale.body.errors).toEqual([{ path: 'version', message: 'expected 3' }]);
      const otherId = await api.call<Problem>('POST', '/policies/versioned/versions', { claims: as.admin(), ...yaml(netcorCopy('other')) });
      expect(otherId.status).toBe(422);
      expect(otherId.body.errors?.[0]?.path).toBe('id');
      expect((await api.call('POST', '/policies/unknown/versions', { claims: as.admin(), ...yaml(netcorCopy('unknown')) })).status).toBe(
        404,
      );
    });

    it('lets one of two concurrent publishes of the same version win; the other gets 409', async () => {
      await createPolicy(api, netcorCopy('raced'));
      const next = netcorCopy('raced', (text) => text.replace('version: 1', 'version: 2'));
      const answers = await Promise.all(
        [1, 2, 3].map(() => api.call('POST', '/policies/raced/versions', { claims: as.admin(), ...yaml(next) })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const versions = await api.call<{ items: unknown[] }>('GET', '/policies/raced/versions', { claims: as.agent() });
      expect(versions.body.items).toHaveLength(2);
    });

    it('refuses a version that drops the tier an organisation is on, naming it (422)', async () => {
      await createPolicy(api, netcorCopy('tiered-copy'));
      await api.call('POST', '/orgs', {
        claims: as.admin(),
        body: { id: 'on-copy', name: 'On copy', policy: 'tiered-copy', tier: 'standard' },
      });
      const dropped = netcorCopy('tiered-copy', (text) =>
        unversioned(text)
          .replace('  standard: { name: Standard }', '  gold: { name: Gold }')
          .replaceAll('      standard: {', '      gold: {'),
      );
      const response = await api.call<Problem>('POST', '/policies/tiered-copy/versions', { claims: as.admin(), ...yaml(dropped) });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([{ path: 'tiers', message: 'organisation "on-copy" is on tier "standard"' }]);
    });
  });

  describe('an organisation on a custom policy (a copy of netcor with a 2 h critical target)', () => {
    it('opens tickets on it; after a new version, new tickets follow it and older ones keep theirs', async () => {
      const twoHours = (text: string) => text.replace('standard: { response: 4h }', 'standard: { response: 2h }');
      expect((await createPolicy(api, netcorCopy('netcor-2h', twoHours))).status).toBe(201);
      const org = await api.call('POST', '/orgs', {
        claims: as.admin(),
        body: { id: 'acme-2h', name: 'ACME 2h', policy: 'netcor-2h', tier: 'standard' },
      });
      expect(org.status).toBe(201);
      const first = await openTicket(api, 'acme-2h', 'critical');
      expect(first.policy).toEqual({ id: 'netcor-2h', version: 1 });
      // Monday 10:00 Berlin + 2 h of business time.
      expect(responseDue(first)).toBe('2026-12-21T11:00:00.000Z');

      const threeHours = netcorCopy('netcor-2h', (text) =>
        unversioned(text).replace('standard: { response: 4h }', 'standard: { response: 3h }'),
      );
      const v2 = await api.call<Version>('POST', '/policies/netcor-2h/versions', { claims: as.admin(), ...yaml(threeHours) });
      expect(v2.status).toBe(201);
      // New tickets follow within the catalog's cache of the latest version (30 s).
      api.clock.advance(31_000);
      const second = await openTicket(api, 'acme-2h', 'critical');
      expect(second.policy).toEqual({ id: 'netcor-2h', version: 2 });
      expect(responseDue(second)).toBe('2026-12-21T12:00:31.000Z');
      const again = await api.call<Ticket>('GET', `/tickets/${first.caseId}`, { claims: as.agent() });
      expect(again.body.policy).toEqual({ id: 'netcor-2h', version: 1 });
      expect(responseDue(again.body)).toBe('2026-12-21T11:00:00.000Z');
    });

    it('refuses an organisation on a policy that does not exist, naming the field', async () => {
      const response = await api.call<Problem>('POST', '/orgs', {
        claims: as.admin(),
        body: { id: 'nowhere', name: 'Nowhere', policy: 'no-such-policy', tier: 'standard' },
      });
      expect(response.status).toBe(422);
      expect(response.body.errors?.[0]?.path).toBe('policy');
    });
  });

  describe('a closure day added to a netcor copy (2026-12-24)', () => {
    // A table of its own: Monday 21 Dec 2026, 10:00 in Berlin, whatever the tests above did with the clock.
    let api: Api;
    beforeAll(async () => {
      api = await apiHarness('2026-12-21T09:00:00.000Z');
    });
    const closed = (text: string) =>
      text.replace('holidays: { country: DE, region: NI }', 'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }');

    it('previews which open tickets move, then moves them through the normal write', async () => {
      await createPolicy(api, netcorCopy('netcor-xmas'));
      await api.call('POST', '/orgs', {
        claims: as.admin(),
        body: { id: 'acme-xmas', name: 'ACME Xmas', policy: 'netcor-xmas', tier: 'standard' },
      });
      // Low: 34 h of business time from Monday 10:00 reaches over Thursday 24 Dec into Monday 28 Dec.
      const low = await openTicket(api, 'acme-xmas', 'low');
      expect(responseDue(low)).toBe('2026-12-28T09:00:00.000Z');
      // Critical: due Monday 14:00, its update Tuesday: the 24th is not in its way.
      const critical = await openTicket(api, 'acme-xmas', 'critical');

      const v2 = netcorCopy('netcor-xmas', (text) => closed(unversioned(text)));
      const preview = await api.call<DryRun>('POST', '/policies/netcor-xmas/versions', {
        claims: as.admin(),
        query: { dryRun: 'true' },
        ...yaml(v2),
      });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ dryRun: true, version: 2, previous: 1, calendarsChanged: ['business'] });
      expect(preview.body.openTickets).toMatchObject({ examined: 2, moved: 1, complete: true });
      expect(preview.body.openTickets.examples).toEqual([
        expect.objectContaining({ caseId: low.caseId, before: '2026-12-28T09:00:00.000Z', after: '2026-12-29T09:00:00.000Z' }),
      ]);
      // Nothing stored by the dry run.
      const versions = await api.call<{ items: unknown[] }>('GET', '/policies/netcor-xmas/versions', { claims: as.agent() });
      expect(versions.body.items).toHaveLength(1);

      const published = await api.call<Version>('POST', '/policies/netcor-xmas/versions', { claims: as.admin(), ...yaml(v2) });
      expect(published.status).toBe(201);
      expect(published.body).toMatchObject({ version: 2, calendarsChanged: true });
      const progress = await api.call<Version>('GET', '/policies/netcor-xmas/versions/2', { claims: as.agent() });
      expect(progress.body.replan).toMatchObject({ state: 'done', examined: 2, replanned: 2, failed: 0 });

      const moved = await api.call<Ticket>('GET', `/tickets/${low.caseId}`, { claims: as.agent() });
      expect(moved.body.policy).toEqual({ id: 'netcor-xmas', version: 1 });
      expect(responseDue(moved.body)).toBe('2026-12-29T09:00:00.000Z');
      expect(moved.body.timeline?.some((e) => e.type === 'calendar_changed')).toBe(true);
      const unmoved = await api.call<Ticket>('GET', `/tickets/${critical.caseId}`, { claims: as.agent() });
      expect(responseDue(unmoved.body)).toBe(responseDue(critical));
    });

    it('previews a target change for new tickets: only the rows that differ, and the rest counted', async () => {
      await createPolicy(api, netcorCopy('netcor-targets'));
      const faster = netcorCopy('netcor-targets', (text) =>
        unversioned(text).replace('standard: { response: 8h }', 'standard: { response: 6h }'),
      );
      const preview = await api.call<DryRun>('POST', '/policies/netcor-targets/versions', {
        claims: as.admin(),
        query: { dryRun: 'true' },
        ...yaml(faster),
      });
      expect(preview.status).toBe(200);
      expect(preview.body.calendarsChanged).toEqual([]);
      expect(new Set(preview.body.changes.map((c) => c.severity))).toEqual(new Set(['high']));
      expect(preview.body.changes).toHaveLength(3);
      expect(preview.body.unchanged).toBe(9);
      expect(preview.body.openTickets).toEqual({ examined: 0, moved: 0, complete: true, examples: [] });
    });
  });

  describe('how many policies', () => {
    it('refuses a new policy beyond MAX_POLICIES (the list reads no more), naming the id; a version of one still publishes', async () => {
      const full = await apiHarness('2026-12-21T09:00:00.000Z');
      const heads = (await full.policyStore.heads()).length;
      for (let i = heads; i < MAX_POLICIES - 1; i++) {
        const id = `filler-${i}`;
        const filler = { id, version: 1, name: id, document: {}, spec: '{}', publishedBy: 't', publishedAt: 0, calendarsChanged: false };
        await full.policyStore.publish(filler, { id, name: id, latest: 1, preset: false, updatedAt: 0 });
      }
      expect((await createPolicy(full, netcorCopy('the-last'))).status).toBe(201);
      const refused = await createPolicy(full, netcorCopy('one-too-many'));
      expect(refused.status).toBe(409);
      expect((refused.body as unknown as Problem).errors).toEqual([expect.objectContaining({ path: 'id' })]);
      expect((await full.call('GET', '/policies/one-too-many', { claims: as.admin() })).status).toBe(404);
      const next = await full.call<Version>('POST', '/policies/the-last/versions', {
        claims: as.admin(),
        ...yaml(unversioned(netcorCopy('the-last'))),
      });
      expect(next.status).toBe(201);
    }, 60_000);
  });

  describe('a re-plan that cannot start', () => {
    it('still answers 201 for the stored version, with its re-plan running to resume (it was a 500, and a retry a 409)', async () => {
      const stored = await apiHarness('2026-12-21T09:00:00.000Z');
      const catalog = new CachingPolicyCatalog(stored.policyStore, stored.clock.now);
      const failing = { start: async () => Promise.reject(new Error('Rate exceeded')) };
      const publish = caller(
        createPublishRoutesHandler(() => ({
          store: stored.store,
          now: stored.clock.now,
          policies: catalog,
          policyStore: stored.policyStore,
          replans: failing,
        })),
      );
      const admin = { claims: as.admin() };
      expect((await publish<Version>('POST', '/policies', { ...admin, ...yaml(netcorCopy('stuck')) })).status).toBe(201);
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const closedXmas = unversioned(netcorCopy('stuck')).replace(
        'holidays: { country: DE, region: NI }',
        'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }',
      );
      const next = await publish<Version>('POST', '/policies/stuck/versions', { ...admin, ...yaml(closedXmas) });
      expect(next.status).toBe(201);
      expect(next.body).toMatchObject({ version: 2, calendarsChanged: true, replan: { state: 'running', examined: 0 } });
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('re-plan not started'));
      errors.mockRestore();
    });
  });
});
