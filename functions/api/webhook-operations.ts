/**
 * Webhook endpoints: registering, listing, reading, changing, pausing and deleting them, rotating
 * their secret, their delivery log and replaying a delivery. An endpoint's scope comes from the
 * token, never from the body: a customer's belongs to their organisation, an agent's or an
 * admin's is a staff endpoint (every organisation's events). Staff may manage any endpoint; to a
 * customer, another organisation's endpoint or a staff endpoint does not exist (404, not 403).
 */

import { DomainError } from '#shared/domain-error.ts';
import { ORG_MAX_AGE_MS } from '#shared/tickets/ticket-store.ts';
import { replay } from '#shared/webhooks/delivery-policy.ts';
import { type EndpointScope, newEndpoint, rotateSecret } from '#shared/webhooks/endpoint.ts';
import type { StoredDelivery, StoredEndpoint } from '#shared/webhooks/ports.ts';
import { secretOf } from '#shared/webhooks/signature.ts';
import type { Principal } from '../lib/http/auth.ts';
import { type ApiDeps, type ApiRequest, type Operation, remembered, signedIn, validate, type WebhookDeps } from './operation.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';
import { deliveryView, pageView, webhookView } from './views.ts';

/** How many endpoints an organisation may have, and the staff together. */
export const MAX_ENDPOINTS_PER_SCOPE = 10;
/** 32 random bytes (256 bits) per secret; the convention takes 24 to 64. */
const SECRET_BYTES = 32;
/** 16 random bytes: 22 base64url characters after `wh_`. */
const ID_BYTES = 16;
/** How often a read-modify-write of an endpoint is retried when another writer got there first. */
const WRITE_ATTEMPTS = 5;

type WebhookRoute = Extract<RouteKey, `${string} /webhooks${string}`>;

export const WEBHOOK_OPERATIONS: Record<WebhookRoute, Operation> = {
  'POST /webhooks': async (request, deps) => {
    const principal = signedIn(request);
    const webhooks = webhooksOf(deps);
    const { contact, ...registration } = validate(schemas.webhookRegistrationBody(webhooks.urlRules), request.body);
    const own = tokenEmail(principal);
    const tell = contact ?? own;
    if (tell === undefined) {
      throw new DomainError('validation_failed', 'say whom to tell when the service pauses the endpoint', [
        { path: 'contact', message: 'required: the token carries no e-mail address' },
      ]);
    }
    await checkContact(principal, tell, own, deps);
    const id = `wh_${Buffer.from(webhooks.randomBytes(ID_BYTES)).toString('base64url')}`;
    const secret = secretOf(webhooks.randomBytes(SECRET_BYTES));
    const created = newEndpoint(id, scopeOf(principal), registration, secret, principal.sub, deps.now());
    const endpoint: StoredEndpoint = { ...created, contact: tell, health: {} };
    const response = { status: 201, body: { ...webhookView(endpoint), secret } };
    await webhooks.store.createEndpoint(endpoint, {
      maxPerScope: MAX_ENDPOINTS_PER_SCOPE,
      idempotent: request.remember(response.status, response.body),
    });
    return response;
  },

  'GET /webhooks': async (request, deps) => {
    const principal = signedIn(request);
    const { org, ...page } = validate(schemas.webhookListQuery(), request.query, 'query');
    // A customer naming another organisation sees what they may see of it: nothing.
    if (principal.role === 'customer' && org !== undefined && org !== principal.org) return { status: 200, body: { items: [] } };
    const scope: EndpointScope = org === undefined ? scopeOf(principal) : { kind: 'org', org };
    const listed = await webhooksOf(deps).store.listEndpoints(scope, page);
    return {
      status: 200,
      body: pageView(listed, webhookView),
    };
  },

  'GET /webhooks/{id}': async (request, deps) => ({ status: 200, body: webhookView(await visibleEndpoint(request, webhooksOf(deps))) }),

  'PATCH /webhooks/{id}': async (request, deps) => {
    const webhooks = webhooksOf(deps);
    const patch = validate(schemas.webhookPatchBody(webhooks.urlRules), request.body);
    const principal = signedIn(request);
    if (patch.contact !== undefined) await checkContact(principal, patch.contact, tokenEmail(principal), deps);
    const endpoint = await changeEndpoint(request, deps, (read, updatedAt) => {
      const { state, url, ...fields } = patch;
      const changed: StoredEndpoint = { ...read, ...fields, ...(url !== undefined && { url: new URL(url).href }), updatedAt };
      if (state === 'paused' && read.state === 'active') return { ...changed, state, pausedBecause: 'owner' };
      // Resuming starts afresh: no reason to be paused, and no failures counted towards the next pause.
      if (state === 'active' && read.state === 'paused') return { ...changed, state, pausedBecause: undefined, health: {} };
      return changed;
    });
    return { status: 200, body: webhookView(endpoint) };
  },

  'DELETE /webhooks/{id}': async (request, deps) => {
    const webhooks = webhooksOf(deps);
    // Deleted meanwhile by someone else: gone either way.
    await webhooks.store.deleteEndpoint((await visibleEndpoint(request, webhooks)).id);
    return { status: 204, body: undefined };
  },

  'POST /webhooks/{id}/secret': async (request, deps) => {
    const webhooks = webhooksOf(deps);
    const secret = secretOf(webhooks.randomBytes(SECRET_BYTES));
    const endpoint = await changeEndpoint(request, deps, (read, updatedAt) => ({
      ...read,
      ...rotateSecret(read, secret, deps.now()),
      updatedAt,
    }));
    return remembered(request, deps, { status: 201, body: { ...webhookView(endpoint), secret } });
  },

  'GET /webhooks/{id}/deliveries': async (request, deps) => {
    const webhooks = webhooksOf(deps);
    const endpoint = await visibleEndpoint(request, webhooks);
    const query = validate(schemas.deliveryLogQuery(), request.query, 'query');
    const log = await webhooks.store.deliveryLog(endpoint.id, query);
    return { status: 200, body: pageView(log, deliveryView) };
  },

  /** 202: the delivery is queued again at once, with a fresh 24 h of retries; the sender makes the attempts. */
  'POST /webhooks/{id}/deliveries/{eventId}/replay': async (request, deps) => {
    const webhooks = webhooksOf(deps);
    const endpoint = await visibleEndpoint(request, webhooks);
    const eventId = request.params.eventId ?? '';
    const delivery = await webhooks.store.getDelivery(endpoint.id, eventId);
    if (delivery === undefined) throw new DomainError('not_found', `no delivery of ${eventId} to ${endpoint.id}`);
    if (endpoint.state === 'paused') throw new DomainError('conflict', `endpoint ${endpoint.id} is paused: resume it first`);
    // A pending one keeps its attempts and retry schedule; its queue is only woken again (say a
    // replay saved it, then failed to wake it: asking again makes that good).
    if (delivery.state === 'pending') {
      await webhooks.wakeups.wake([{ endpointId: endpoint.id, caseId: delivery.caseId }]);
      return { status: 202, body: deliveryView(delivery) };
    }
    // Sent again from the start: no attempts, and no reason it was skipped.
    const { skipped: _, ...rest } = delivery;
    const again: StoredDelivery = { ...rest, ...replay(rest, deps.now()) };
    if (!(await webhooks.store.saveDelivery(again, delivery.attempts.length)))
      throw new DomainError('version_conflict', `the delivery of ${eventId} changed meanwhile; read the log and try again`);
    await webhooks.wakeups.wake([{ endpointId: endpoint.id, caseId: delivery.caseId }]);
    return remembered(request, deps, { status: 202, body: deliveryView(again) });
  },
};

/** The token's e-mail, used only if it is one: an identity provider's claim is not checked otherwise. */
function tokenEmail(principal: Principal): string | undefined {
  const claimed = schemas.contactAddress().safeParse(principal.email);
  return claimed.success ? claimed.data : undefined;
}

/**
 * A customer's contact is their own address or one at their organisation's e-mail domains: the
 * pause notice goes out from our support address, and must not be a way to mail anyone at all
 * (an endpoint that answers 410 is paused at once; resumed, it can be paused again).
 */
async function checkContact(principal: Principal, contact: string, own: string | undefined, deps: ApiDeps): Promise<void> {
  if (principal.role !== 'customer' || contact.toLowerCase() === own?.toLowerCase()) return;
  const org = await deps.store.getOrg(principal.org as string, { maxAgeMs: ORG_MAX_AGE_MS });
  const domain = contact.slice(contact.lastIndexOf('@') + 1).toLowerCase();
  if (org?.emailDomains.includes(domain) === true) return;
  throw new DomainError('validation_failed', 'the contact must be reachable inside your organisation', [
    {
      path: 'contact',
      message: `must be your own address or one at your organisation's e-mail domains (${org?.emailDomains.join(', ') || 'none set'})`,
    },
  ]);
}

/** A customer's endpoints are their organisation's; staff endpoints hear of every organisation. */
function scopeOf(principal: Principal): EndpointScope {
  return principal.role === 'customer' ? { kind: 'org', org: principal.org as string } : { kind: 'staff' };
}

/** The endpoint of the path, if the caller may see it: staff any, a customer their organisation's only. */
async function visibleEndpoint(request: ApiRequest, webhooks: WebhookDeps): Promise<StoredEndpoint> {
  const principal = signedIn(request);
  const id = request.params.id ?? '';
  const endpoint = await webhooks.store.getEndpoint(id);
  const visible =
    endpoint !== undefined && (principal.role !== 'customer' || (endpoint.scope.kind === 'org' && endpoint.scope.org === principal.org));
  if (!visible) throw new DomainError('not_found', `no webhook endpoint ${id}`);
  return endpoint;
}

/**
 * Reads the endpoint, changes it and writes it back if nobody changed it since the read; a lost
 * race reads again and applies the change to what won, a few times, then is a `version_conflict`.
 * `updatedAt` always moves on, so two writes in the same millisecond cannot both hold.
 */
async function changeEndpoint(
  request: ApiRequest,
  deps: ApiDeps,
  change: (read: StoredEndpoint, updatedAt: number) => StoredEndpoint,
): Promise<StoredEndpoint> {
  const webhooks = webhooksOf(deps);
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const read = await visibleEndpoint(request, webhooks);
    const changed = change(read, Math.max(deps.now(), read.updatedAt + 1));
    // Senders write the health; an owner's change clears it only when it resumes the endpoint.
    const resetHealth = Object.keys(changed.health).length === 0 && Object.keys(read.health).length > 0;
    if (await webhooks.store.replaceEndpoint(changed, read.updatedAt, { resetHealth })) return changed;
  }
  throw new DomainError('version_conflict', `webhook endpoint ${request.params.id ?? ''} kept changing; try again`);
}

function webhooksOf(deps: ApiDeps): WebhookDeps {
  if (deps.webhooks === undefined) throw new Error('the API was started without webhook dependencies');
  return deps.webhooks;
}
