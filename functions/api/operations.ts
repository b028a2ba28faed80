/** What each route does: parse → call the domain → persist → respond. */

import { DomainError } from '#shared/domain-error.ts';
import type { HeldMailStore } from '#shared/email/held-mail.ts';
import { loadPreset, PRESET_IDS, type PresetId, policyOf, presetDocument } from '#shared/policies/presets.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { RateLimiter } from '#shared/rate/token-bucket.ts';
import { previewPlan } from '#shared/sla/plan-preview.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import {
  checkNewTicket,
  escalateTicket,
  openTicket,
  postMessage,
  type Ticket,
  type TicketChange,
  updateTicket,
} from '#shared/tickets/ticket.ts';
import { type IdempotentResponse, ORG_MAX_AGE_MS, type TicketStore } from '#shared/tickets/ticket-store.ts';
import { formatInstant, parseInstant } from '#shared/time/instant.ts';
import { actorOf, type Principal } from '../lib/http/auth.ts';
import { HttpProblem } from '../lib/http/problem.ts';
import { validate } from '../lib/http/request.ts';
import { once } from '../lib/once.ts';
import compiledOpenApi from './compiled-openapi.json' with { type: 'json' };
import { entryFor, summaryFor, viewFor } from './customer-view.ts';
import { HELD_MAIL_OPERATIONS } from './held-mail-operations.ts';
import { MEMBERSHIP_OPERATIONS } from './membership-operations.ts';
import { mergedQueue } from './merged-queue.ts';
import { withinLimit } from './rate-limit.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';
import { fitTimeline, orgView, RESPONSE_BOUNDS, ticketSummaryView } from './views.ts';

export interface ApiDeps {
  readonly store: TicketStore;
  readonly now: () => number;
  /** Mail held for want of a DMARC pass (the held-mail routes answer 500 without it). */
  readonly heldMail?: HeldMailStore | undefined;
  /** Per-organisation rate limits on customers' writes; none: unlimited (tests and benches that are not about them). */
  readonly limiter?: RateLimiter;
}

export interface ApiRequest {
  readonly principal: Principal | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The record to store with the write when the request carried an `Idempotency-Key`. */
  remember(status: number, body: unknown): IdempotentResponse | undefined;
}

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

export type Operation = (request: ApiRequest, deps: ApiDeps) => Promise<ApiResult>;

/** The OpenAPI document, compiled from the route table (see openapi.ts), parsed when first asked for. */
const openApiDocument = once((): unknown => JSON.parse(compiledOpenApi));

/** How often a read-modify-write is retried when another writer got there first. */
const WRITE_ATTEMPTS = 5;

export const OPERATIONS: Record<RouteKey, Operation> = {
  ...HELD_MAIL_OPERATIONS,
  'GET /health': async (_, deps) => ({ status: 200, body: { status: 'ok', time: new Date(deps.now()).toISOString() } }),

  'GET /openapi.json': async () => ({ status: 200, body: openApiDocument() }),

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

  ...MEMBERSHIP_OPERATIONS,

  'POST /tickets': async (request, deps) => {
    const principal = signedIn(request);
    const { org: orgId, ...input } = validate(schemas.newTicketBody(), request.body);
    let target = orgId;
    if (principal.role === 'customer') {
      if (orgId !== undefined && orgId !== principal.org)
        throw new DomainError('forbidden', 'customers open tickets for their own organisation only');
      target = principal.org;
      await withinLimit(principal, deps, 'tickets');
    } else if (target === undefined) {
      throw new HttpProblem(422, 'agents must say which organisation the ticket is for', [{ path: 'org', message: 'required for agents' }]);
    }
    // Opening a ticket may use an organisation read in the last 30 s: plan changes reach new tickets within that.
    const org = await deps.store.getOrg(target as string, { maxAgeMs: ORG_MAX_AGE_MS });
    if (org === undefined) {
      if (principal.role === 'customer')
        throw new DomainError('forbidden', `your organisation "${target}" is not set up; ask an administrator`);
      throw new HttpProblem(422, `no organisation "${target}"`, [{ path: 'org', message: 'unknown organisation' }]);
    }
    const policy = presetNamed(org.policy);
    checkNewTicket(input, policy);
    const caseId = await deps.store.nextCaseId();
    const change = openTicket(caseId, org, policy, input, actorOf(principal), deps.now());
    const response = { status: 201, body: viewFor(principal, change.ticket, change.entries) };
    await deps.store.createTicket(change, request.remember(response.status, response.body));
    return response;
  },

  'GET /tickets': async (request, deps) => {
    const principal = signedIn(request);
    const query = validate(schemas.ticketListQuery(), request.query, 'query');
    if (principal.role === 'customer' && query.org !== undefined && query.org !== principal.org) {
      return { status: 200, body: { items: [] } };
    }
    const org = principal.role === 'customer' ? principal.org : query.org;
    const page = org === undefined ? await deps.store.listAllTickets(query) : await deps.store.listOrgTickets(org, query);
    return {
      status: 200,
      body: { items: page.items.map((t) => summaryFor(principal, t)), ...(page.cursor !== undefined && { cursor: page.cursor }) },
    };
  },

  'GET /tickets/{caseId}': async (request, deps) => {
    const principal = signedIn(request);
    const caseId = caseIdOf(request);
    const found = await deps.store.timelinePage(caseId, {
      limit: RESPONSE_BOUNDS.ticketTimeline,
      publicOnly: principal.role === 'customer',
    });
    const ticket = visible(principal, caseId, found?.ticket);
    const page = fitTimeline(found?.entries ?? [], found?.before, RESPONSE_BOUNDS.ticketTimelineBytes);
    return { status: 200, body: viewFor(principal, ticket, page.entries, page.cursor) };
  },

  'GET /tickets/{caseId}/timeline': async (request, deps) => {
    const principal = signedIn(request);
    const caseId = caseIdOf(request);
    const query = validate(schemas.timelineQuery(), request.query, 'query');
    const before = query.cursor === undefined ? undefined : Number(query.cursor);
    const found = await deps.store.timelinePage(caseId, { before, limit: query.limit, publicOnly: principal.role === 'customer' });
    visible(principal, caseId, found?.ticket);
    const page = fitTimeline(found?.entries ?? [], found?.before, RESPONSE_BOUNDS.timelineBytes);
    return {
      status: 200,
      body: { items: page.entries.map((entry) => entryFor(principal, entry)), ...(page.cursor !== undefined && { cursor: page.cursor }) },
    };
  },

  'POST /tickets/{caseId}/messages': async (request, deps) => {
    const message = validate(schemas.messageBody(), request.body);
    await withinLimit(signedIn(request), deps, 'messages');
    return changeTicket(request, deps, (ticket, policy, now) => postMessage(ticket, policy, message, actorOf(signedIn(request)), now));
  },

  'PATCH /tickets/{caseId}': async (request, deps) => {
    const patch = validate(schemas.ticketPatchBody(), request.body);
    return changeTicket(request, deps, (ticket, policy, now) => updateTicket(ticket, policy, patch, actorOf(signedIn(request)), now), 200);
  },

  /** 201 with a new escalation; 202 with the escalation a repeat inside the policy's window joined (nothing more is paged). */
  'POST /tickets/{caseId}/escalate': async (request, deps) => {
    const { reason } = validate(schemas.escalateBody(), request.body);
    await withinLimit(signedIn(request), deps, 'escalations');
    return changeTicket(
      request,
      deps,
      (ticket, policy, now) => escalateTicket(ticket, policy, reason, actorOf(signedIn(request)), now),
      (changed, view) =>
        changed.joined === undefined
          ? { status: 201, body: view }
          : {
              status: 202,
              body: {
                ...view,
                joined: {
                  deadline: changed.joined.deadline.id,
                  escalatedAt: formatInstant(changed.joined.deadline.due as number),
                  state: changed.joined.deadline.state,
                  until: formatInstant(changed.joined.until),
                },
              },
            },
    );
  },

  'GET /queue': async (request, deps) => {
    const query = validate(schemas.queueQuery(), request.query, 'query');
    if (query.policy !== undefined) {
      const page = await deps.store.queue(presetNamed(query.policy).id, query);
      return {
        status: 200,
        body: {
          policy: query.policy,
          items: page.items.map(ticketSummaryView),
          ...(page.cursor !== undefined && { cursor: page.cursor }),
        },
      };
    }
    const page = await mergedQueue(deps.store, query);
    return {
      status: 200,
      body: { items: page.items.map(ticketSummaryView), ...(page.cursor !== undefined && { cursor: page.cursor }) },
    };
  },

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
};

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
  if (principal.role !== 'customer') return presetNamed(id, 404);
  if (!(await policiesFor(principal, deps)).includes(id)) throw new DomainError('not_found', `no policy "${id}"`);
  return presetNamed(id, 404);
}

function signedIn(request: ApiRequest): Principal {
  if (request.principal === undefined) throw new HttpProblem(401, 'a valid bearer token is required');
  return request.principal;
}

function presetNamed(id: string, status: 404 | 422 = 422): Policy {
  try {
    return loadPreset(id);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'unknown_policy') {
      if (status === 404) throw new DomainError('not_found', error.message);
      throw new HttpProblem(422, error.message, [{ path: 'policy', message: `expected one of ${PRESET_IDS.join(', ')}` }]);
    }
    throw error;
  }
}

function caseIdOf(request: ApiRequest): number {
  const raw = request.params.caseId ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new DomainError('not_found', `no case ${raw}`);
  return Number(raw);
}

/** The ticket if the caller may see it; another org's ticket is "not found", so case ids do not leak. */
function visible(principal: Principal, caseId: number, ticket: Ticket | undefined): Ticket {
  if (ticket === undefined || (principal.role === 'customer' && ticket.org !== principal.org)) {
    throw new DomainError('not_found', `no case ${caseId}`);
  }
  return ticket;
}

/**
 * Read, change, write with the ticket's version as the condition, retried on a conflict. The
 * response is `status` with the caller's view of the ticket and the new entries, or what `respond` makes of it.
 */
async function changeTicket<C extends TicketChange>(
  request: ApiRequest,
  deps: ApiDeps,
  change: (ticket: Ticket, policy: Policy, now: number) => C,
  respond: number | ((changed: C, view: ReturnType<typeof viewFor>) => ApiResult) = 201,
): Promise<ApiResult> {
  const principal = signedIn(request);
  const caseId = caseIdOf(request);
  for (let attempt = 1; ; attempt++) {
    const ticket = visible(principal, caseId, await deps.store.getTicket(caseId));
    const policy = policyOf(ticket.sla);
    const changed = change(ticket, policy, deps.now());
    const view = viewFor(principal, changed.ticket, changed.entries);
    const response = typeof respond === 'number' ? { status: respond, body: view } : respond(changed, view);
    if (changed.entries.length === 0) return response;
    try {
      await deps.store.saveTicket(changed, ticket.version, request.remember(response.status, response.body));
      return response;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
