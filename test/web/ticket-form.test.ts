import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#shared/tickets/limits.ts';
import {
  attemptFor,
  emptyDraft,
  fieldLabel,
  formPaths,
  inputIdOf,
  type PortalPolicy,
  portalPolicyOf,
  type TicketDraft,
  ticketBody,
  validateDraft,
} from '../../web/src/lib/ticket-form.ts';
import { apiHarness, ORGS } from '../api/api-harness.ts';
import { as } from '../support/api-events.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Problem = { status: number; errors?: { path: string; message: string }[] };

let api: Api;
let netcor: PortalPolicy;
let kidzonet: PortalPolicy;

/** The policy document as the API answers it to the organisation's customer, read by the portal. */
async function policyOf(org: { id: string; policy: string }): Promise<PortalPolicy> {
  const answer = await api.call<{ id: string; name: string }>('GET', `/policies/${org.policy}`, { claims: as.customer(org.id) });
  expect(answer.status).toBe(200);
  return portalPolicyOf(answer.body);
}

/** What the API answers to the same ticket, sent by a customer of `org`: its status and error paths. */
async function serverAnswer(org: { id: string }, draft: TicketDraft) {
  const answer = await api.call<Problem>('POST', '/tickets', { claims: as.customer(org.id), body: ticketBody(draft) });
  return { status: answer.status, paths: (answer.body.errors ?? []).map((e) => e.path).sort() };
}

const paths = (draft: TicketDraft, policy: PortalPolicy) => validateDraft(draft, policy).map((e) => e.path);

const netcorDraft = (change: Partial<TicketDraft> = {}): TicketDraft => ({
  subject: 'Export hangs',
  description: 'The nightly export stops at 80 %.',
  severity: 'high',
  category: '',
  fields: { softwareVersion: '4.2.1', systemDetails: 'Debian 13, 16 GB' },
  ...change,
});

beforeAll(async () => {
  api = await apiHarness('2026-03-02T08:00:00Z');
  netcor = await policyOf(ORGS.netcor);
  kidzonet = await policyOf(ORGS.kidzonet);
});

describe('the new-ticket form, generated from the policy document', () => {
  it('offers NETCOR’s severities, most severe first, each with its description, and asks for its required fields', () => {
    expect(netcor.severities.map((s) => s.id)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(netcor.severities[0]).toEqual({
      id: 'critical',
      name: 'Eskalationsstufe 1 (Kritisch)',
      description: 'System problem or bug without a fix or workaround; the product cannot be used.',
    });
    expect(netcor.requiredFields).toEqual([
      { name: 'softwareVersion', label: 'Software version' },
      { name: 'systemDetails', label: 'System details' },
    ]);
    expect(netcor.categories).toBeUndefined();
    expect(netcor.customerEscalation).toBe(false);
    expect(formPaths(netcor)).toEqual(['subject', 'severity', 'fields.softwareVersion', 'fields.systemDetails', 'description']);
  });

  it('asks Kidzonet customers for no extra field, and knows they may escalate on demand', () => {
    expect(kidzonet.severities.map((s) => s.id)).toEqual(['critical', 'major', 'minor', 'question']);
    expect(kidzonet.requiredFields).toEqual([]);
    expect(kidzonet.customerEscalation).toBe(true);
    expect(emptyDraft(kidzonet)).toEqual({ subject: '', description: '', severity: '', category: '', fields: {} });
  });

  it('offers a select of categories when a policy lists them, and checks the choice as the server does', () => {
    const listed = portalPolicyOf({ id: 'x', name: 'X', severities: { normal: {} }, tickets: { categories: ['billing', 'bug'] } });
    expect(listed.categories).toEqual(['billing', 'bug']);
    expect(formPaths(listed)).toContain('category');
    const draft = { subject: 's', description: 'd', severity: 'normal', category: 'refund', fields: {} };
    expect(validateDraft(draft, listed)).toEqual([{ path: 'category', message: 'expected one of billing, bug' }]);
    expect(validateDraft({ ...draft, category: 'bug' }, listed)).toEqual([]);
  });

  it('names fields for people and inputs for the DOM', () => {
    expect(fieldLabel('softwareVersion')).toBe('Software version');
    expect(fieldLabel('system_details')).toBe('System details');
    expect(inputIdOf('fields.softwareVersion')).toBe('ticket-fields-softwareVersion');
  });

  it('sends what was typed, leaving out an empty category and empty fields', () => {
    const draft = netcorDraft({ fields: { softwareVersion: '4.2', systemDetails: '' } });
    expect(ticketBody(draft)).toEqual({
      subject: 'Export hangs',
      description: 'The nightly export stops at 80 %.',
      severity: 'high',
      fields: { softwareVersion: '4.2' },
    });
  });
});

describe('client-side validation mirrors the API (same paths, same limits)', () => {
  it('enforces NETCOR’s required fields with the paths of the API’s 422', async () => {
    const draft = netcorDraft({ fields: { softwareVersion: '  ', systemDetails: '' } });
    expect(paths(draft, netcor)).toEqual(['fields.softwareVersion', 'fields.systemDetails']);
    expect(validateDraft(draft, netcor)[0]?.message).toBe('required by the netcor policy');
    expect(await serverAnswer(ORGS.netcor, draft)).toEqual({ status: 422, paths: ['fields.softwareVersion', 'fields.systemDetails'] });
  });

  it('refuses a blank subject and description and a missing severity with the paths the API uses', async () => {
    const draft = netcorDraft({ subject: '   ', description: '\n\t', severity: '' });
    expect(paths(draft, netcor)).toEqual(['subject', 'severity', 'description']);
    expect(await serverAnswer(ORGS.netcor, draft)).toEqual({ status: 400, paths: ['description', 'subject'] });
    // The API checks the severity against the policy once the body is well formed: the same path.
    expect(await serverAnswer(ORGS.netcor, { ...draft, subject: 's', description: 'd' })).toEqual({ status: 422, paths: ['severity'] });
  });

  it('holds the limits of shared/tickets/limits.ts, counted after trimming as the API counts', async () => {
    const long = netcorDraft({
      subject: 'x'.repeat(LIMITS.subject + 1),
      fields: { softwareVersion: 'v'.repeat(LIMITS.fieldValue + 1), systemDetails: 'ok' },
    });
    expect(validateDraft(long, netcor)).toEqual([
      { path: 'subject', message: `at most ${LIMITS.subject} characters` },
      { path: 'fields.softwareVersion', message: `at most ${LIMITS.fieldValue} characters` },
    ]);
    expect(await serverAnswer(ORGS.netcor, long)).toEqual({ status: 400, paths: ['fields.softwareVersion', 'subject'] });

    const padded = netcorDraft({ subject: `  ${'x'.repeat(LIMITS.subject)}  ` });
    expect(validateDraft(padded, netcor)).toEqual([]);
    expect((await serverAnswer(ORGS.netcor, padded)).status).toBe(201);
  });

  it('refuses a severity the policy does not know with the API’s path (a tampered form)', async () => {
    const draft = netcorDraft({ severity: 'urgent' });
    expect(validateDraft(draft, netcor)).toEqual([{ path: 'severity', message: 'expected one of critical, high, medium, low' }]);
    expect(await serverAnswer(ORGS.netcor, draft)).toEqual({ status: 422, paths: ['severity'] });
  });

  it('reports both stages at once where the API stops at its first, each path one the API uses', async () => {
    const draft = netcorDraft({ subject: '', fields: { softwareVersion: '', systemDetails: 'x' } });
    expect(paths(draft, netcor)).toEqual(['subject', 'fields.softwareVersion']);
    expect(await serverAnswer(ORGS.netcor, draft)).toEqual({ status: 400, paths: ['subject'] });
    expect(await serverAnswer(ORGS.netcor, { ...draft, subject: 'Now with a subject' })).toEqual({
      status: 422,
      paths: ['fields.softwareVersion'],
    });
  });

  it('lets a complete NETCOR ticket and a Kidzonet ticket through, and the API opens both', async () => {
    expect(validateDraft(netcorDraft(), netcor)).toEqual([]);
    expect((await serverAnswer(ORGS.netcor, netcorDraft())).status).toBe(201);
    const kz = { ...emptyDraft(kidzonet), subject: 'Filter', description: 'Blocks school site', severity: 'major' };
    expect(validateDraft(kz, kidzonet)).toEqual([]);
    expect((await serverAnswer(ORGS.kidzonet, kz)).status).toBe(201);
  });
});

describe('sending a new ticket again after a network failure', () => {
  it('reuses the attempt for the same body and starts a new one when the body changed', () => {
    let n = 0;
    const newKey = () => `key-${++n}`;
    const first = attemptFor(undefined, '{"subject":"a"}', newKey);
    expect(first).toEqual({ key: 'key-1', body: '{"subject":"a"}' });
    expect(attemptFor(first, '{"subject":"a"}', newKey)).toBe(first);
    expect(attemptFor(first, '{"subject":"b"}', newKey)).toEqual({ key: 'key-2', body: '{"subject":"b"}' });
  });

  it('opens one ticket when the same attempt reaches the API twice', async () => {
    const body = ticketBody(netcorDraft({ subject: 'Sent twice' }));
    const attempt = attemptFor(undefined, JSON.stringify(body), () => 'portal-resend-1');
    const send = () =>
      api.call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer(ORGS.netcor.id),
        body,
        headers: { 'idempotency-key': attempt.key },
      });
    const [first, again] = [await send(), await send()];
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.caseId).toBe(first.body.caseId);
  });
});

describe('the form logic in the browser bundle', () => {
  it('bundles the server’s limits and policy check without zod or the policy engine, in under 3 KB gzip', async () => {
    const bundled = await build({
      entryPoints: [join(import.meta.dirname, '../../web/src/lib/ticket-form.ts')],
      bundle: true,
      format: 'esm',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundled.metafile.inputs).sort();
    expect(inputs).toEqual([
      'shared/domain-error.ts',
      'shared/tickets/limits.ts',
      'shared/tickets/new-ticket.ts',
      'web/src/lib/ticket-form.ts',
    ]);
    expect(gzipSync(bundled.outputFiles[0]?.contents ?? new Uint8Array()).length).toBeLessThan(3 * 1024);
  });
});
