/** Organisations (admins only): which policy, tier and region their tickets get. Their members: membership-operations.ts. */

import { DomainError } from '#shared/domain-error.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { type Operation, presetNamed, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';
import { orgView } from './views.ts';

export const ORG_OPERATIONS = {
  'POST /orgs': async (request, deps) => {
    const { id, ...settings } = validate(schemas.newOrgBody(), request.body);
    const org = defineOrg(id, settings, presetNamed(settings.policy), deps.now());
    const response = { status: 201, body: orgView(org) };
    await deps.store.putOrg(org, { mustBeNew: true }, request.remember(response.status, response.body));
    return response;
  },

  'PUT /orgs/{id}': async (request, deps) => {
    const id = validate(schemas.orgId(), request.params.id, 'organisation id');
    const settings = validate(schemas.orgSettingsBody(), request.body);
    const existing = await deps.store.getOrg(id);
    const org = defineOrg(id, settings, presetNamed(settings.policy), deps.now(), existing?.createdAt);
    await deps.store.putOrg(org, { replaces: existing });
    return { status: existing === undefined ? 201 : 200, body: orgView(org) };
  },

  'GET /orgs/{id}': async (request, deps) => {
    const valid = schemas.orgId().safeParse(request.params.id);
    const org = valid.success ? await deps.store.getOrg(valid.data) : undefined;
    if (org === undefined) throw new DomainError('not_found', `no organisation "${request.params.id}"`);
    return { status: 200, body: orgView(org) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;
