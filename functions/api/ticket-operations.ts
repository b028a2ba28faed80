/** Tickets: opening, listing, reading, changing and escalating them, and the agents' work queue. */

import { DomainError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { checkNewTicket } from '#shared/tickets/new-ticket.ts';
import { escalateTicket, openTicket, postMessage, type Ticket, type TicketChange, updateTicket } from '#shared/tickets/ticket.ts';
import { ORG_MAX_AGE_MS } from '#shared/tickets/ticket-store.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { actorOf } from '../lib/http/auth.ts';
import { maintenanceInProgress } from '../lib/notice-audience.ts';
import { entryFor, summaryFor, viewFor } from './customer-view.ts';
import { mergedQueue } from './merged-queue.ts';
import {
  type ApiDeps,
  type ApiRequest,
  type ApiResult,
  caseIdOf,
  latestPolicy,
  type Operation,
  signedIn,
  validate,
  visible,
  withPolicies,
} from './operation.ts';
import { withinLimit } from './rate-limit.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';
import { recategorise } from './time-operations.ts';
import { fitTimeline, pageView, RESPONSE_BOUNDS, ticketSummaryView } from './views.ts';

/** How often a read-modify-write is retried when another writer got there first. */
const WRITE_ATTEMPTS = 5;

export const TICKET_OPERATIONS = {
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
      throw new DomainError('validation_failed', 'agents must say which organisation the ticket is for', [
        { path: 'org', message: 'required for agents' },
      ]);
    }
    // Opening a ticket may use an organisation read in the last 30 s: plan changes reach new tickets within that.
    const org = await deps.store.getOrg(target as string, { maxAgeMs: ORG_MAX_AGE_MS });
    if (org === undefined) {
      if (principal.role === 'customer')
        throw new DomainError('forbidden', `your organisation "${target}" is not set up; ask an administrator`);
      throw new DomainError('validation_failed', `no organisation "${target}"`, [{ path: 'org', message: 'unknown organisation' }]);
    }
    const policy = await latestPolicy(deps, org.policy);
    checkNewTicket(input, policy);
    const caseId = await deps.store.nextCaseId();
    const now = deps.now();
    const maintenance = await maintenanceInProgress(deps.notices, org, policy, now);
    const change = openTicket(caseId, org, policy, input, actorOf(principal), now, { channel: 'api', maintenance });
    const response = { status: 201, body: viewFor(principal, change.ticket, now, change.entries) };
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
    const asOf = deps.now();
    await withPolicies(deps, page.items);
    return {
      status: 200,
      body: pageView(page, (t) => summaryFor(principal, t, asOf)),
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
    await withPolicies(deps, [ticket]);
    return { status: 200, body: viewFor(principal, ticket, deps.now(), page.entries, page.cursor) };
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

  /** With `dryRun=true`: the ticket as the patch would leave it (a severity change's re-planned deadlines), nothing written. */
  'PATCH /tickets/{caseId}': async (request, deps) => {
    const patch = validate(schemas.ticketPatchBody(), request.body);
    const { dryRun } = validate(schemas.ticketPatchQuery(), request.query, 'query');
    const update = (ticket: Ticket, policy: Policy, now: number) => updateTicket(ticket, policy, patch, actorOf(signedIn(request)), now);
    // A category that turns free turns the ticket's billable time entries non-billable, on the same write.
    if (patch.category !== undefined && dryRun !== 'true') return recategorise(request, deps, update);
    return changeTicket(request, deps, update, 200, { write: dryRun !== 'true' });
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
    const page =
      query.policy === undefined
        ? await mergedQueue(deps.store, query)
        : await deps.store.queue((await latestPolicy(deps, query.policy)).id, query);
    const asOf = deps.now();
    await withPolicies(deps, page.items);
    const items = pageView(page, (ticket) => ticketSummaryView(ticket, asOf));
    return { status: 200, body: query.policy === undefined ? items : { policy: query.policy, ...items } };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

/**
 * Read, change, write with the ticket's version as the condition, retried on a conflict. The
 * response is `status` with the caller's view of the ticket and the new entries, or what `respond` makes of it.
 * Without `write`, a preview: the same answer, nothing stored (no ticket, timeline or idempotency item).
 */
async function changeTicket<C extends TicketChange>(
  request: ApiRequest,
  deps: ApiDeps,
  change: (ticket: Ticket, policy: Policy, now: number) => C,
  respond: number | ((changed: C, view: ReturnType<typeof viewFor>) => ApiResult) = 201,
  { write = true } = {},
): Promise<ApiResult> {
  const principal = signedIn(request);
  const caseId = caseIdOf(request);
  for (let attempt = 1; ; attempt++) {
    const ticket = visible(principal, caseId, await deps.store.getTicket(caseId));
    const policy = await deps.policies.forTicket(ticket.sla);
    const now = deps.now();
    const changed = change(ticket, policy, now);
    const view = viewFor(principal, changed.ticket, now, changed.entries);
    const response = typeof respond === 'number' ? { status: respond, body: view } : respond(changed, view);
    if (changed.entries.length === 0 || !write) return response;
    try {
      await deps.store.saveTicket(changed, ticket.version, request.remember(response.status, response.body));
      return response;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'version_conflict') || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
