/**
 * Webhook endpoints: what a registration asks for, what is kept, and which events an endpoint
 * gets. An endpoint's scope is never taken from the request body: a customer's endpoint belongs
 * to the organisation of the token that registered it and only ever gets that organisation's
 * events, in the customer view; a staff endpoint gets every organisation's events, in the staff
 * view.
 */

import * as z from 'zod/mini';
import type { Audience, WebhookEvent } from './events.ts';
import { WEBHOOK_EVENT_TYPES } from './events.ts';
import type { UrlRules } from './url-guard.ts';
import { webhookUrlProblem } from './url-guard.ts';

const ENDPOINT_LIMITS = { description: 200 } as const;

/** How long a rotated-out secret still signs deliveries, so receivers can switch over without losing any. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The body of a registration (`{"url","events":[…],"description"?}`); the URL is checked against the SSRF rules. */
export function registrationSchema(rules: UrlRules) {
  return z.strictObject({
    url: z.string().check(
      z.check((ctx) => {
        const problem = webhookUrlProblem(ctx.value, rules);
        if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
      }),
    ),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).check(
      z.minLength(1, 'subscribe to at least one event'),
      z.refine((events) => new Set(events).size === events.length, 'lists an event twice'),
    ),
    description: z.optional(
      z.string().check(
        z.maxLength(ENDPOINT_LIMITS.description),
        z.refine((text) => !CONTROL.test(text), 'must not contain control characters'),
      ),
    ),
  });
}
export type Registration = z.output<ReturnType<typeof registrationSchema>>;

export type EndpointScope = { readonly kind: 'staff' } | { readonly kind: 'org'; readonly org: string };

export interface SigningSecret {
  readonly secret: string;
  readonly createdAt: number;
  /** Set when a newer secret replaced it: it signs until then. */
  readonly expiresAt?: number | undefined;
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly scope: EndpointScope;
  /** Normalised by the WHATWG parser (`https://Example.COM:443/x` → `https://example.com/x`). */
  readonly url: string;
  readonly events: readonly WebhookEvent['type'][];
  readonly description?: string | undefined;
  /** `paused` by its owner, or by the service after a day of failed deliveries (`pausedBecause`). */
  readonly state: 'active' | 'paused';
  readonly pausedBecause?: 'owner' | 'failing' | 'gone' | undefined;
  /** The newest first. */
  readonly secrets: readonly SigningSecret[];
  /** Who registered it (the token's subject), and is told when it is paused. */
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export function newEndpoint(
  id: string,
  scope: EndpointScope,
  registration: Registration,
  secret: string,
  createdBy: string,
  now: number,
): WebhookEndpoint {
  return {
    id,
    scope,
    url: new URL(registration.url).href,
    events: registration.events,
    ...(registration.description !== undefined && { description: registration.description }),
    state: 'active',
    secrets: [{ secret, createdAt: now }],
    createdBy,
    createdAt: now,
    updatedAt: now,
  };
}

/** Which view an endpoint's deliveries carry. */
export const audienceOf = (endpoint: Pick<WebhookEndpoint, 'scope'>): Audience => (endpoint.scope.kind === 'staff' ? 'staff' : 'customer');

/** Whether an endpoint gets an event: active, subscribed to its type, and allowed to see it (its own org, or staff). */
export function matches(endpoint: WebhookEndpoint, event: WebhookEvent): boolean {
  if (endpoint.state !== 'active' || !endpoint.events.includes(event.type)) return false;
  if (event.data[audienceOf(endpoint)] === undefined) return false;
  return endpoint.scope.kind === 'staff' || endpoint.scope.org === event.org;
}

/** A delivery is signed with at most this many secrets: the newest and the ones a rotation still honours. */
export const MAX_SIGNING_SECRETS = 3;

/**
 * A new secret signs from now on; the ones before it keep signing for `ROTATION_OVERLAP_MS`, then
 * drop out. At most `MAX_SIGNING_SECRETS` sign at once (the oldest drop out first), so rotating
 * again and again cannot grow the signature header or the endpoint without bound.
 */
export function rotateSecret(endpoint: WebhookEndpoint, secret: string, now: number): WebhookEndpoint {
  const until = now + ROTATION_OVERLAP_MS;
  const kept = signingSecrets(endpoint, now)
    .slice(0, MAX_SIGNING_SECRETS - 1)
    .map((s) => ({ ...s, expiresAt: Math.min(s.expiresAt ?? until, until) }));
  return { ...endpoint, secrets: [{ secret, createdAt: now }, ...kept], updatedAt: now };
}

/** The secrets that sign a delivery made now, the newest first. */
export function signingSecrets(endpoint: Pick<WebhookEndpoint, 'secrets'>, now: number): SigningSecret[] {
  return endpoint.secrets.filter((s) => s.expiresAt === undefined || now < s.expiresAt);
}
