/**
 * Organisations (admins only): which policy, tier and region their tickets get. Their members:
 * membership-operations.ts. And `GET /me`: who the caller is, with a customer's own organisation.
 */

import { DomainError } from '#shared/domain-error.ts';
import { defineOrg, tierAt } from '#shared/tickets/org.ts';
import { ORG_MAX_AGE_MS } from '#shared/tickets/ticket-store.ts';
import { latestPolicy, type Operation, signedIn, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';
import { orgView, pageView, tierHistoryView } from './views.ts';

export const ORG_OPERATIONS = {
  /** What the console shows follows from this; the API still checks every call. */
  'GET /me': async (request, deps) => {
    const { role, sub, org: orgId } = signedIn(request);
    const org = orgId === undefined ? undefined : await deps.store.getOrg(orgId, { maxAgeMs: ORG_MAX_AGE_MS });
    return {
      status: 200,
      body: {
        role,
        sub,
        ...(orgId !== undefined && { org: orgId }),
        ...(org !== undefined && {
          orgName: org.name,
          policy: org.policy,
          tier: tierAt(org, deps.now()),
          tiers: tierHistoryView(org),
          ...(org.region !== undefined && { region: org.region }),
          emailDomains: org.emailDomains,
        }),
      },
    };
  },

  'POST /orgs': async (request, deps) => {
    const { id, ...settings } = validate(schemas.newOrgBody(), request.body);
    const org = defineOrg(id, settings, await latestPolicy(deps, settings.policy), deps.now());
    const response = { status: 201, body: orgView(org, deps.now()) };
    await deps.store.putOrg(org, { mustBeNew: true }, request.remember(response.status, response.body));
    return response;
  },

  'PUT /orgs/{id}': async (request, deps) => {
    const id = validate(schemas.orgId(), request.params.id, 'organisation id');
    const settings = validate(schemas.orgSettingsBody(), request.body);
    const existing = await deps.store.getOrg(id);
    const org = defineOrg(id, settings, await latestPolicy(deps, settings.policy), deps.now(), existing);
    await deps.store.putOrg(org, { replaces: existing });
    return { status: existing === undefined ? 201 : 200, body: orgView(org, deps.now()) };
  },

  'GET /orgs': async (request, deps) => {
    const query = validate(schemas.orgListQuery(), request.query, 'query');
    return { status: 200, body: pageView(await deps.store.listOrgs(query), (org) => orgView(org, deps.now())) };
  },

  'GET /orgs/{id}': async (request, deps) => {
    const valid = schemas.orgId().safeParse(request.params.id);
    const org = valid.success ? await deps.store.getOrg(valid.data) : undefined;
    if (org === undefined) throw new DomainError('not_found', `no organisation "${request.params.id}"`);
    return { status: 200, body: orgView(org, deps.now()) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;
