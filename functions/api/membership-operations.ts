/**
 * Who belongs to which organisation (admins only). Cognito's pre-token-generation trigger reads
 * these memberships to set a customer's org claim, so the claim is what an administrator set here,
 * never an attribute the user can write; a change reaches the user's tokens at their next sign-in
 * or token refresh.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { Membership } from '#shared/tickets/ticket-store.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { type ApiRequest, type Operation, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';

type MembershipRoute = Extract<RouteKey, `${string} /orgs/{id}/members/{sub}`>;

export const MEMBERSHIP_OPERATIONS: Record<MembershipRoute, Operation> = {
  'PUT /orgs/{id}/members/{sub}': async (request, deps) => {
    const { org, sub } = membershipOf(request);
    if ((await deps.store.getOrg(org)) === undefined) throw new DomainError('not_found', `no organisation "${org}"`);
    const member = { sub, org, updatedAt: deps.now() };
    const replaced = await deps.store.putMember(member);
    return {
      status: replaced === undefined ? 201 : 200,
      body: { ...memberView(member), ...(replaced !== undefined && replaced.org !== org && { movedFrom: replaced.org }) },
    };
  },

  'GET /orgs/{id}/members/{sub}': async (request, deps) => {
    const { org, sub } = membershipOf(request);
    const member = await deps.store.getMember(sub);
    if (member?.org !== org) throw new DomainError('not_found', `${sub} is not a member of "${org}"`);
    return { status: 200, body: memberView(member) };
  },

  'DELETE /orgs/{id}/members/{sub}': async (request, deps) => {
    const { org, sub } = membershipOf(request);
    if (!(await deps.store.removeMember(sub, org))) throw new DomainError('not_found', `${sub} is not a member of "${org}"`);
    return { status: 204, body: undefined };
  },
};

function membershipOf(request: ApiRequest): { org: string; sub: string } {
  return {
    org: validate(schemas.orgId(), request.params.id, 'organisation id'),
    sub: validate(schemas.userId(), request.params.sub, 'user id'),
  };
}

function memberView(member: Membership) {
  return { sub: member.sub, org: member.org, updatedAt: formatInstant(member.updatedAt) };
}
