/**
 * What an operation is: a function from the request (already routed, authenticated and parsed)
 * and its dependencies to a status and a body. Operations fail with domain errors only; the
 * HTTP layer (functions/lib/http/problem.ts) turns them into problem responses.
 */

import type { MailOutbox } from '#shared/email/ports.ts';
import '../lib/zod-english.ts';
import type * as z from 'zod/mini';
import { DomainError } from '#shared/domain-error.ts';
import type { HeldMailStore } from '#shared/email/held-mail.ts';
import type { NoticeReminders, NoticeStore } from '#shared/notices/ports.ts';
import type { Directory, OncallKeys, SmsSender } from '#shared/oncall/ports.ts';
import type { PolicyCatalog, PolicyStore, ReplanStarter } from '#shared/policies/policy-store.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { formatPath } from '#shared/policy/policy-error.ts';
import type { RateLimiter } from '#shared/rate/token-bucket.ts';
import type { OutcomeLog } from '#shared/reports/ports.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import { IdempotencyRace, type IdempotentResponse, type TicketStore } from '#shared/tickets/ticket-store.ts';
import type { TimeLedger } from '#shared/tickets/time-log.ts';
import type { RecurringSchedules } from '#shared/tier-review/reminder-schedule.ts';
import type { TierReviewStore } from '#shared/tier-review/tier-review.ts';
import type { DeliveryWakeups, WebhookStore } from '#shared/webhooks/ports.ts';
import type { UrlRules } from '#shared/webhooks/url-guard.ts';
import type { Principal } from '../lib/http/auth.ts';
import { policyIdPattern } from './policy-schemas.ts';

export interface ApiDeps {
  readonly store: TicketStore;
  readonly now: () => number;
  /** Mail held for want of a DMARC pass (the held-mail routes answer 500 without it). */
  readonly heldMail?: HeldMailStore | undefined;
  /** Per-organisation rate limits on customers' writes; none: unlimited (tests and benches that are not about them). */
  readonly limiter?: RateLimiter;
  /** Webhook endpoints and their deliveries (the webhook routes answer 500 without them). */
  readonly webhooks?: WebhookDeps | undefined;
  /** The staff directory and the roles' schedules (the people and roles routes answer 500 without it). */
  readonly directory?: Directory | undefined;
  /** Texts verification codes from our origination number. */
  readonly sms?: SmsSender | undefined;
  /**
   * The ack-link keys (the ack routes answer 500 without them) and the key verification codes are
   * kept under; read when a route needs them (on AWS from the on-call secret, cached).
   */
  readonly oncallKeys?: (() => Promise<OncallKeys>) | undefined;
  /** Time entries on tickets (the time-entry and usage routes answer 500 without it). */
  readonly timeLedger?: TimeLedger | undefined;
  /** Contract e-mail (usage alerts, tier reviews, maintenance notices), sent by outbound-mail (the routes that mail answer 500 without it). */
  readonly mailOutbox?: MailOutbox | undefined;
  /** Quarterly tier reviews (the tier review routes answer 500 without them). */
  readonly tierReviews?: TierReviewStore | undefined;
  /** Change-management notices and their reminder schedules (the notice routes answer 500 without them). */
  readonly notices?: NoticeStore | undefined;
  readonly noticeReminders?: NoticeReminders | undefined;
  /** How policies are resolved (tests that store no policy pass `PRESET_CATALOG`). */
  readonly policies: PolicyCatalog;
  /** Stored policy versions (the version routes and publishing answer 500 without it). */
  readonly policyStore?: PolicyStore | undefined;
  /** Re-plans open tickets after a calendar change (the policy publisher's; none: nothing is re-planned). */
  readonly replans?: ReplanStarter | undefined;
  /** The tier review reminders of published policies (the policy publisher's; none: no reminder is kept). */
  readonly tierReviewReminders?: RecurringSchedules | undefined;
  /** Clock outcomes (the report routes answer 500 without them). */
  readonly outcomes?: OutcomeLog | undefined;
}

export interface WebhookDeps {
  readonly store: WebhookStore;
  /** Wakes a replayed delivery's queue. */
  readonly wakeups: DeliveryWakeups;
  /** What a registered URL may be (the local stack also takes `http://127.0.0.1`). */
  readonly urlRules: UrlRules;
  /** Secrets and endpoint ids are made of these (`crypto.randomBytes` in production). */
  readonly randomBytes: (n: number) => Uint8Array;
}

export interface ApiRequest {
  readonly principal: Principal | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The `Accept` header, for the routes that answer in more than one media type. */
  readonly accept?: string | undefined;
  /** The record to store with the write when the request carried an `Idempotency-Key`. */
  remember(status: number, body: unknown): IdempotentResponse | undefined;
}

export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
  /** A body that is not JSON (`text/calendar`): sent as this text with this content type. */
  readonly text?: { readonly contentType: string; readonly body: string };
}

export type Operation = (request: ApiRequest, deps: ApiDeps) => Promise<ApiResult>;

/** Stores the response of a POST that carried an `Idempotency-Key` (after its write: these writes are safe to repeat). */
export async function remembered(request: ApiRequest, deps: ApiDeps, response: ApiResult): Promise<ApiResult> {
  const record = request.remember(response.status, response.body);
  if (record !== undefined && !(await deps.store.rememberResponse(record))) throw new IdempotencyRace();
  return response;
}

/** The caller of a route that is not public (authentication has made sure there is one). */
export function signedIn(request: ApiRequest): Principal {
  if (request.principal === undefined) throw new DomainError('unauthenticated', 'a valid bearer token is required');
  return request.principal;
}

/** The `{caseId}` of a ticket route; one that cannot be a case id is not found. */
export function caseIdOf(request: ApiRequest): number {
  const raw = request.params.caseId ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new DomainError('not_found', `no case ${raw}`);
  return Number(raw);
}

/** The ticket if the caller may see it; another org's ticket is "not found", so case ids do not leak. */
export function visible(principal: Principal, caseId: number, ticket: Ticket | undefined): Ticket {
  if (ticket === undefined || (principal.role === 'customer' && ticket.org !== principal.org)) {
    throw new DomainError('not_found', `no case ${caseId}`);
  }
  return ticket;
}

/** The policy store, which the version routes need. */
export function policyStoreOf(deps: Pick<ApiDeps, 'policyStore'>): PolicyStore {
  if (deps.policyStore === undefined) throw new Error('no policy store configured');
  return deps.policyStore;
}

/**
 * The latest version of policy `id` (what a new ticket or an org is set up under); an unknown one
 * is a bad `policy` field, or with `'not_found'` a resource that is not there.
 */
export async function latestPolicy(
  deps: Pick<ApiDeps, 'policies'>,
  id: string,
  unknownAs: 'unknown_policy' | 'not_found' = 'unknown_policy',
): Promise<Policy> {
  // An id no policy can have is not looked up (a key over DynamoDB's 2,048 bytes is a ValidationException).
  const policy = policyIdPattern.test(id) ? await deps.policies.latest(id) : undefined;
  if (policy !== undefined) return policy;
  if (unknownAs === 'not_found') throw new DomainError('not_found', `no policy "${id}"`);
  const known = (await deps.policies.heads()).map((h) => h.id);
  throw new DomainError('unknown_policy', `no policy "${id}"`, [{ path: 'policy', message: `expected one of ${known.join(', ')}` }]);
}

/**
 * Reads the policy versions of these tickets' SLA snapshots that this process has not read yet (a
 * preset's, or one read before, costs nothing), so their views can plan synchronously.
 */
export async function withPolicies<T extends { readonly sla: Ticket['sla'] }>(
  deps: Pick<ApiDeps, 'policies'>,
  tickets: readonly T[],
): Promise<void> {
  const catalog = deps.policies;
  const distinct = new Map(tickets.map((t) => [`${t.sla.policyId}@${t.sla.policyVersion}+${t.sla.calendarsVersion ?? ''}`, t.sla]));
  await Promise.all([...distinct.values()].map((sla) => catalog.forTicket(sla)));
}

/** An operation's input (body, query, path parameter) checked by a zod schema; every problem is reported with its path. */
export function validate<S extends z.ZodMiniType>(schema: S, input: unknown, what = 'body'): z.output<S> {
  // With the input in each issue, a missing field (input undefined) can be told from a wrong type.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) =>
    // A field the schema does not know is named by its own path, one error each.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
      : [
          {
            path: formatPath(issue.path),
            message: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message,
          },
        ],
  );
  throw new DomainError('bad_request', `the ${what} is not valid`, errors);
}

/** Whether `Accept` ranks `type` above JSON (a tie, or `*\/*` alone, is JSON). */
export function prefersOverJson(accept: string | undefined, type: string): boolean {
  const quality = (media: string) =>
    Math.max(
      0,
      ...(accept ?? '')
        .split(',')
        .map((part) => part.trim().split(';'))
        .filter(([range]) => {
          const r = range?.trim().toLowerCase();
          return r === media || r === '*/*' || r === `${media.split('/')[0]}/*`;
        })
        .map(([, ...params]) => {
          const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
          return q === undefined ? 1 : Number(q) || 0;
        }),
    );
  return quality(type) > quality('application/json');
}
