/**
 * The policies, read as contracts: staff read every policy (presets and custom ones), a customer
 * only their organisation's; their versions; and a dry run of a new ticket's plan. Publishing is
 * the policy publisher's (functions/policy-publisher).
 */

import { DomainError } from '#shared/domain-error.ts';
import type { PolicyHead, PolicyVersionRecord, ReplanProgress } from '#shared/policies/policy-store.ts';
import { presetDocument } from '#shared/policies/presets.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { ORG_MAX_AGE_MS } from '#shared/tickets/ticket-store.ts';
import { formatInstant, parseInstant } from '#shared/time/instant.ts';
import type { Principal } from '../lib/http/auth.ts';
import { type ApiDeps, type ApiRequest, latestPolicy, type Operation, policyStoreOf, signedIn, validate } from './operation.ts';
import { policyVersionListQuery } from './policy-schemas.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';

export const POLICY_OPERATIONS = {
  'GET /policies': async (request, deps) => {
    const heads = await headsFor(signedIn(request), deps);
    const items = [];
    for (const head of heads) {
      const p = await deps.policies.version(head.id, head.latest);
      if (p === undefined) continue;
      items.push({
        id: p.id,
        version: p.version,
        name: p.spec.name,
        preset: head.preset,
        severities: p.severities,
        tiers: p.tiers,
        regions: p.regions,
      });
    }
    return { status: 200, body: { items } };
  },

  'GET /policies/{id}': async (request, deps) => {
    const policy = await policyFor(request, deps);
    const stored = deps.policyStore && (await deps.policyStore.version(policy.id, policy.version));
    return { status: 200, body: stored?.document ?? presetDocument(policy.id) };
  },

  'GET /policies/{id}/versions': async (request, deps) => {
    const policy = await policyFor(request, deps);
    const query = validate(policyVersionListQuery(), request.query, 'query');
    const below = query.cursor === undefined ? undefined : versionCursor(query.cursor);
    const records = await policyStoreOf(deps).versions(policy.id, { below, limit: query.limit + 1 });
    const items = records.slice(0, query.limit).map(versionSummaryView);
    const next = records.length > query.limit ? items.at(-1)?.version : undefined;
    return { status: 200, body: { items, ...(next !== undefined && { cursor: String(next) }) } };
  },

  'GET /policies/{id}/versions/{version}': async (request, deps) => {
    const policy = await policyFor(request, deps);
    const raw = request.params.version ?? '';
    const version = /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
    const store = policyStoreOf(deps);
    const record = version === undefined ? undefined : await store.version(policy.id, version);
    if (record === undefined) throw new DomainError('not_found', `no version ${raw} of policy "${policy.id}"`);
    return { status: 200, body: policyVersionView(record, await store.replan(record.id, record.version)) };
  },

  'POST /policies/{id}/plan': async (request, deps) => {
    const policy = await policyFor(request, deps);
    const body = validate(schemas.planBody(), request.body);
    return { status: 200, body: previewPlan(policy, { ...body, at: parseInstant(body.at) as number }) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

/** A version as the API shows it (the document as published, who published it and when, and its re-plan). */
export function policyVersionView(record: PolicyVersionRecord, replan: ReplanProgress | undefined) {
  return {
    ...versionSummaryView(record),
    document: record.document as { id: string; version: number },
    ...(replan !== undefined && {
      replan: {
        state: replan.state,
        examined: replan.examined,
        replanned: replan.replanned,
        failed: replan.failed,
        startedAt: formatInstant(replan.startedAt),
        updatedAt: formatInstant(replan.updatedAt),
        ...(replan.finishedAt !== undefined && { finishedAt: formatInstant(replan.finishedAt) }),
      },
    }),
  };
}

function versionSummaryView(record: PolicyVersionRecord) {
  return {
    id: record.id,
    version: record.version,
    name: record.name,
    publishedBy: record.publishedBy,
    publishedAt: formatInstant(record.publishedAt),
    calendarsChanged: record.calendarsChanged,
  };
}

function versionCursor(cursor: string): number {
  if (!/^\d{1,9}$/.test(cursor)) {
    throw new DomainError('bad_request', 'the cursor is not one this API handed out', [
      { path: 'cursor', message: 'not a cursor from this API' },
    ]);
  }
  return Number(cursor);
}

/** The policies a caller may read: staff all of them, a customer only their organisation's (their contract). */
async function headsFor(principal: Principal, deps: ApiDeps): Promise<readonly PolicyHead[]> {
  const heads = await deps.policies.heads();
  if (principal.role !== 'customer') return heads;
  const org = await deps.store.getOrg(principal.org as string, { maxAgeMs: ORG_MAX_AGE_MS });
  return heads.filter((head) => head.id === org?.policy);
}

/** The latest version of `{id}` if this caller may read it; any other is "not found", so a customer learns no other contract. */
async function policyFor(request: ApiRequest, deps: ApiDeps): Promise<Policy> {
  const id = request.params.id ?? '';
  const principal = signedIn(request);
  if (principal.role === 'customer') {
    const org = await deps.store.getOrg(principal.org as string, { maxAgeMs: ORG_MAX_AGE_MS });
    if (org?.policy !== id) throw new DomainError('not_found', `no policy "${id}"`);
  }
  return latestPolicy(deps, id, 'not_found');
}
