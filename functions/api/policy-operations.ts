/** The policies, read as contracts: staff read every preset, a customer only their organisation's; and a dry run of one. */

import { DomainError } from '#shared/domain-error.ts';
import { loadPreset, PRESET_IDS, type PresetId, presetDocument } from '#shared/policies/presets.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { ORG_MAX_AGE_MS } from '#shared/tickets/ticket-store.ts';
import { parseInstant } from '#shared/time/instant.ts';
import type { Principal } from '../lib/http/auth.ts';
import { type ApiDeps, type ApiRequest, type Operation, presetNamed, signedIn, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';

export const POLICY_OPERATIONS = {
  'GET /policies': async (request, deps) => {
    const ids = await policiesFor(signedIn(request), deps);
    const items = ids
      .map((id) => loadPreset(id))
      .map((p) => ({
        id: p.id,
        version: p.version,
        name: p.spec.name,
        severities: p.severities,
        tiers: p.tiers,
        regions: p.regions,
      }));
    return { status: 200, body: { items } };
  },

  'GET /policies/{id}': async (request, deps) => {
    const policy = await policyFor(request, deps);
    return { status: 200, body: presetDocument(policy.id as PresetId) };
  },

  'POST /policies/{id}/plan': async (request, deps) => {
    const policy = await policyFor(request, deps);
    const body = validate(schemas.planBody(), request.body);
    return { status: 200, body: previewPlan(policy, { ...body, at: parseInstant(body.at) as number }) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

/** The policies a caller may read: staff all presets, a customer only their organisation's (their contract). */
async function policiesFor(principal: Principal, deps: ApiDeps): Promise<readonly string[]> {
  if (principal.role !== 'customer') return PRESET_IDS;
  const org = await deps.store.getOrg(principal.org as string, { maxAgeMs: ORG_MAX_AGE_MS });
  return org === undefined ? [] : [org.policy];
}

/** The policy of `{id}` if this caller may read it; any other is "not found", so a customer learns no other contract. */
async function policyFor(request: ApiRequest, deps: ApiDeps): Promise<Policy> {
  const id = request.params.id ?? '';
  const principal = signedIn(request);
  if (principal.role !== 'customer') return presetNamed(id, 'not_found');
  if (!(await policiesFor(principal, deps)).includes(id)) throw new DomainError('not_found', `no policy "${id}"`);
  return presetNamed(id, 'not_found');
}
