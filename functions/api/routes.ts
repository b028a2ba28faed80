/**
 * The route table of the HTTP API: shared by the Lambda router, the local server and the CDK app
 * (which creates one API Gateway route per entry with the JWT authorizer unless it is public).
 * It imports no handler code.
 */

import type * as z from 'zod/mini';
import type { Access } from '../lib/http/auth.ts';
import * as notices from './notice-schemas.ts';
import * as oncall from './oncall-schemas.ts';
import * as policies from './policy-schemas.ts';
import * as reports from './report-schemas.ts';
import * as schemas from './schemas.ts';
import * as tierReviews from './tier-review-schemas.ts';
import * as time from './time-schemas.ts';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway syntax: `/tickets/{caseId}`. */
  readonly path: string;
  readonly access: Access;
  readonly summary: string;
  /** Stable: generated clients name their methods after it. */
  readonly operationId: string;
  /** The component (response-schemas.ts) of the success body; none: an empty body. */
  readonly response?: string;
  /** The schemas, built on first use (by the operation, or for the OpenAPI document). */
  readonly body?: () => z.ZodMiniType;
  readonly query?: () => z.ZodMiniType;
  /** The success status. */
  readonly status: number;
  /** Other success statuses, what they mean, and their body's component if it differs from `response`. */
  readonly also?: Readonly<Record<number, { readonly description: string; readonly response?: string }>>;
  /** Media types the request body may also take besides JSON, each with what it is (the operation gets a `TextBody`). */
  readonly bodyMediaTypes?: Readonly<Record<string, string>>;
  /** Media types the success body may also take, chosen by `Accept`, each with what it is (the body is then text, not JSON). */
  readonly otherMediaTypes?: Readonly<Record<string, string>>;
  /** Error statuses of this route's own logic (those of authentication, parsing and paths follow from the rest). */
  readonly errors?: readonly number[];
  /**
   * The function behind the route when it is not the api function: publishing a policy needs the
   * policy schema (classic zod) and holiday rules, which the api bundle must not carry.
   */
  readonly lambda?: 'policyPublisher';
}

type Method = Route['method'];
type MethodOf<K> = K extends `${infer M} ${string}` ? Extract<M, Method> : never;
type PathOf<K> = K extends `${string} ${infer P}` ? P : never;

/** The routes of the policy publisher function; every other route is the api function's. */
export const PUBLISHER_ROUTE_KEYS = ['POST /policies', 'POST /policies/{id}/versions'] as const;
export type PublisherRouteKey = (typeof PUBLISHER_ROUTE_KEYS)[number];

/** One row of the table: the route's key (`'POST /tickets'`, as in the operations table), who may call it, its success status, and the rest. */
function route<const K extends `${Method} /${string}`>(
  key: K,
  access: Access,
  status: number,
  rest: Omit<Route, 'method' | 'path' | 'access' | 'status' | 'lambda'>,
): Route & { readonly method: MethodOf<K>; readonly path: PathOf<K> } {
  const [method, path] = key.split(' ') as [MethodOf<K>, PathOf<K>];
  const lambda = (PUBLISHER_ROUTE_KEYS as readonly string[]).includes(key) ? ({ lambda: 'policyPublisher' } as const) : {};
  return { method, path, access, ...rest, status, ...lambda };
}

export const ROUTES = [
  route('GET /health', 'public', 200, { operationId: 'getHealth', summary: 'Liveness check', response: 'Health' }),
  route('GET /openapi.json', 'public', 200, { operationId: 'getOpenApi', summary: 'This API as OpenAPI 3.1', response: 'OpenApi' }),
  route('GET /me', 'signed-in', 200, {
    operationId: 'getMe',
    summary: "Who the caller is: their role and subject, and a customer's organisation with its policy, tier and region",
    response: 'Me',
  }),
  route('GET /orgs', 'admin', 200, {
    operationId: 'listOrgs',
    summary: 'List the organisations, by id',
    query: schemas.orgListQuery,
    response: 'OrgList',
  }),
  route('POST /orgs', 'admin', 201, {
    operationId: 'createOrg',
    summary: 'Create an organisation',
    body: schemas.newOrgBody,
    response: 'Org',
    errors: [409, 422],
  }),
  route('PUT /orgs/{id}', 'admin', 200, {
    operationId: 'putOrg',
    summary: 'Create or replace an organisation',
    body: schemas.orgSettingsBody,
    response: 'Org',
    also: { 201: { description: 'the organisation was created' } },
    errors: [409, 422],
  }),
  route('GET /orgs/{id}', 'admin', 200, { operationId: 'getOrg', summary: 'Read an organisation', response: 'Org' }),
  route('PUT /orgs/{id}/members/{sub}', 'admin', 200, {
    operationId: 'putMember',
    summary: "Make a user (Cognito sub) a member of the organisation: their tokens' org claim from the next sign-in or refresh",
    response: 'Membership',
    also: { 201: { description: 'the user became a member (of no organisation before)' } },
  }),
  route('GET /orgs/{id}/members/{sub}', 'admin', 200, {
    operationId: 'getMember',
    summary: "Read a user's membership",
    response: 'Membership',
  }),
  route('DELETE /orgs/{id}/members/{sub}', 'admin', 204, { operationId: 'deleteMember', summary: 'End a membership' }),
  // On-call: the staff directory and the roles' schedules (admins write, staff read).
  route('GET /people', 'agent', 200, {
    operationId: 'listPeople',
    summary: 'List the staff directory, by id',
    query: oncall.peopleListQuery,
    response: 'PersonList',
  }),
  route('POST /people', 'admin', 201, {
    operationId: 'createPerson',
    summary: 'Add a person to the staff directory (their numbers start unverified)',
    body: oncall.newPersonBody,
    response: 'Person',
    errors: [409, 422],
  }),
  route('GET /people/{id}', 'agent', 200, { operationId: 'getPerson', summary: 'Read a person', response: 'Person' }),
  route('PUT /people/{id}', 'admin', 200, {
    operationId: 'putPerson',
    summary: 'Replace a person, with the version read (numbers already on file keep their state; new ones start unverified)',
    body: oncall.personBody,
    response: 'Person',
    errors: [409, 422],
  }),
  route('DELETE /people/{id}', 'admin', 204, {
    operationId: 'deletePerson',
    summary: 'Remove a person (refused while a rotation or a coming override names them)',
    errors: [409],
  }),
  route('POST /people/{id}/sms/{number}/verification', 'agent', 202, {
    operationId: 'sendVerificationCode',
    summary:
      "Text a 6-digit code to one of the person's numbers (`{number}` E.164, URL-encoded); only the person (by the token's e-mail) or an admin; at most one per number per minute and five a day",
    response: 'SmsVerification',
    errors: [409, 429],
  }),
  route('POST /people/{id}/sms/{number}/verify', 'agent', 200, {
    operationId: 'verifyNumber',
    summary: 'Enter the code texted to the number (the person or an admin): right, the number is verified and gets pages',
    body: oncall.verifyBody,
    response: 'Person',
    errors: [409, 422],
  }),
  route('GET /people/{id}/shifts', 'agent', 200, {
    operationId: 'listShifts',
    summary:
      "A person's on-call shifts from `from` (default now, with the shift under way from its start) to `to` (default 30 days later, at most 366), or an iCalendar file with `Accept: text/calendar`",
    query: oncall.shiftsQuery,
    response: 'ShiftList',
    otherMediaTypes: { 'text/calendar': 'The shifts as an iCalendar (RFC 5545) file, one event per shift' },
    errors: [422],
  }),
  route('GET /roles', 'agent', 200, {
    operationId: 'listRoles',
    summary: 'Every role the policies name or a schedule is stored for, with who is on call now',
    response: 'RoleList',
  }),
  route('GET /roles/{role}/rotation', 'agent', 200, {
    operationId: 'getRotation',
    summary: "A role's rotation and overrides (version 0: none stored yet)",
    response: 'RoleSchedule',
  }),
  route('PUT /roles/{role}/rotation', 'admin', 200, {
    operationId: 'putRotation',
    summary:
      "Set a role's rotation and, if given, the layers above it (left out, the stored layers stay), with the version read; every participant must be in the directory",
    body: oncall.rotationBody,
    response: 'RoleSchedule',
    errors: [409, 422],
  }),
  route('POST /roles/{role}/overrides', 'admin', 201, {
    operationId: 'addOverride',
    summary: 'Add an override: replace one person with another, or add someone, for a time range',
    body: oncall.overrideBody,
    response: 'RoleSchedule',
    errors: [409, 422],
  }),
  route('DELETE /roles/{role}/overrides/{id}', 'admin', 204, { operationId: 'deleteOverride', summary: 'Delete an override' }),
  route('GET /roles/{role}/oncall', 'agent', 200, {
    operationId: 'getOnCall',
    summary: 'Who is on call for a role at `at` (default now)',
    query: oncall.onCallQuery,
    response: 'OnCall',
  }),
  route('POST /tickets', 'signed-in', 201, {
    operationId: 'createTicket',
    summary: 'Open a ticket',
    body: schemas.newTicketBody,
    response: 'Ticket',
    errors: [422, 429],
  }),
  route('GET /tickets', 'signed-in', 200, {
    operationId: 'listTickets',
    summary: "List tickets (customers: their organisation's)",
    query: schemas.ticketListQuery,
    response: 'TicketList',
  }),
  route('GET /tickets/{caseId}', 'signed-in', 200, {
    operationId: 'getTicket',
    summary: 'Read a ticket with the latest page of its timeline',
    response: 'Ticket',
  }),
  route('GET /tickets/{caseId}/timeline', 'signed-in', 200, {
    operationId: 'getTimeline',
    summary: 'A page of the timeline, older than the cursor (customers: public entries only)',
    query: schemas.timelineQuery,
    response: 'TimelinePage',
  }),
  route('POST /tickets/{caseId}/messages', 'signed-in', 201, {
    operationId: 'addMessage',
    summary: 'Add a message or internal note',
    body: schemas.messageBody,
    response: 'Ticket',
    errors: [409, 422, 429],
  }),
  route('PATCH /tickets/{caseId}', 'signed-in', 200, {
    operationId: 'updateTicket',
    summary:
      'Change status, severity or assignee; with `dryRun=true`, the ticket as the change would leave it (deadlines re-planned), nothing written',
    body: schemas.ticketPatchBody,
    query: schemas.ticketPatchQuery,
    response: 'Ticket',
    errors: [409, 422],
  }),
  route('POST /tickets/{caseId}/escalate', 'signed-in', 201, {
    operationId: 'escalateTicket',
    summary: 'Escalate a case on demand',
    body: schemas.escalateBody,
    response: 'Ticket',
    also: {
      202: {
        description: "a repeat within the policy's coalescing window: it joined the pending escalation (`joined`), nothing more is paged",
        response: 'JoinedEscalation',
      },
    },
    errors: [409, 422, 429],
  }),
  route('GET /queue', 'agent', 200, {
    operationId: 'getQueue',
    summary: "Open tickets in the policy's work order",
    query: schemas.queueQuery,
    response: 'Queue',
    errors: [422],
  }),
  route('GET /policies', 'signed-in', 200, {
    operationId: 'listPolicies',
    summary: "List the policies (presets and custom ones) with their latest version; a customer sees only their organisation's",
    response: 'PolicyList',
  }),
  route('GET /policies/{id}', 'signed-in', 200, {
    operationId: 'getPolicy',
    summary: 'Read the latest version of a policy, as written',
    response: 'Policy',
  }),
  route('POST /policies', 'admin', 201, {
    operationId: 'createPolicy',
    summary:
      'Publish a new policy as version 1 (the document is validated as `sla validate` does; its `version` must be 1 or absent). `?dryRun=true` stores nothing and answers what it would do',
    body: policies.policyDocumentBody,
    bodyMediaTypes: { 'application/yaml': 'the policy as YAML, as `sla validate` reads it' },
    query: policies.policyPublishQuery,
    response: 'PolicyVersion',
    also: { 200: { description: 'a dry run: nothing was stored', response: 'PolicyDryRun' } },
    errors: [409, 422],
  }),
  route('POST /policies/{id}/versions', 'admin', 201, {
    operationId: 'publishPolicyVersion',
    summary:
      "Publish the next version of a policy (the document's `id` must be `{id}` or absent, its `version` the latest + 1 or absent); a calendar change starts a re-plan of the policy's open tickets. `?dryRun=true` stores nothing and answers what would change",
    body: policies.policyDocumentBody,
    bodyMediaTypes: { 'application/yaml': 'the policy as YAML, as `sla validate` reads it' },
    query: policies.policyPublishQuery,
    response: 'PolicyVersion',
    also: { 200: { description: 'a dry run: nothing was stored', response: 'PolicyDryRun' } },
    errors: [409, 422],
  }),
  route('GET /policies/{id}/versions', 'signed-in', 200, {
    operationId: 'listPolicyVersions',
    summary: "A policy's versions, newest first",
    query: policies.policyVersionListQuery,
    response: 'PolicyVersionList',
  }),
  route('GET /policies/{id}/versions/{version}', 'signed-in', 200, {
    operationId: 'getPolicyVersion',
    summary: 'One version of a policy: the document, who published it when, and the re-plan of open tickets it started',
    response: 'PolicyVersion',
  }),
  route('POST /policies/{id}/plan', 'signed-in', 200, {
    operationId: 'planTicket',
    summary: 'Dry-run a policy: the deadlines a new ticket would get',
    body: schemas.planBody,
    response: 'PlanPreview',
    errors: [422],
  }),
  route('GET /held-mail', 'agent', 200, {
    operationId: 'listHeldMail',
    summary: 'Mail from customer domains without a DMARC pass (unverified), newest first',
    query: schemas.heldMailQuery,
    response: 'HeldMailList',
  }),
  route('GET /held-mail/{id}', 'agent', 200, { operationId: 'getHeldMail', summary: 'Read a held message', response: 'HeldMail' }),
  route('POST /held-mail/{id}/accept', 'agent', 200, {
    operationId: 'acceptHeldMail',
    summary: 'Accept a held message: it becomes the ticket or message it would have made',
    response: 'HeldMail',
    errors: [409],
  }),
  route('POST /held-mail/{id}/reject', 'agent', 200, {
    operationId: 'rejectHeldMail',
    summary: 'Reject a held message',
    response: 'HeldMail',
    errors: [409],
  }),
  route('POST /webhooks', 'signed-in', 201, {
    operationId: 'createWebhook',
    summary:
      "Register a webhook endpoint (customers: for their organisation's events; staff: for every organisation's); the only answer besides rotation that shows its secret",
    body: () => schemas.webhookRegistrationBody(schemas.AWS_URL_RULES),
    response: 'WebhookEndpointWithSecret',
    errors: [409, 422],
  }),
  route('GET /webhooks', 'signed-in', 200, {
    operationId: 'listWebhooks',
    summary:
      "List webhook endpoints, newest first: the caller's organisation's, or for staff the staff endpoints (or an organisation's with `org`)",
    query: schemas.webhookListQuery,
    response: 'WebhookEndpointList',
  }),
  route('GET /webhooks/{id}', 'signed-in', 200, {
    operationId: 'getWebhook',
    summary: 'Read a webhook endpoint',
    response: 'WebhookEndpoint',
  }),
  route('PATCH /webhooks/{id}', 'signed-in', 200, {
    operationId: 'updateWebhook',
    summary: 'Change what an endpoint hears of, where it is or whom it tells, pause it, or resume it (resuming starts its health afresh)',
    body: () => schemas.webhookPatchBody(schemas.AWS_URL_RULES),
    response: 'WebhookEndpoint',
    errors: [409, 422],
  }),
  route('DELETE /webhooks/{id}', 'signed-in', 204, { operationId: 'deleteWebhook', summary: 'Delete a webhook endpoint' }),
  route('POST /webhooks/{id}/secret', 'signed-in', 201, {
    operationId: 'rotateWebhookSecret',
    summary: 'Make a new signing secret; the ones before it keep signing for 24 hours',
    response: 'WebhookEndpointWithSecret',
  }),
  route('GET /webhooks/{id}/deliveries', 'signed-in', 200, {
    operationId: 'listWebhookDeliveries',
    summary: "An endpoint's delivery log, newest first (attempts, not bodies)",
    query: schemas.deliveryLogQuery,
    response: 'WebhookDeliveryList',
  }),
  route('POST /webhooks/{id}/deliveries/{eventId}/replay', 'signed-in', 202, {
    operationId: 'replayWebhookDelivery',
    summary: 'Send a delivered or failed delivery again (same event id, a fresh 24 hours of retries)',
    response: 'WebhookDelivery',
  }),
  // Acknowledging pages: the signed link's token is the capability, so its routes are public.
  route('GET /acks/{token}', 'public', 200, {
    operationId: 'getAck',
    summary: 'What a signed ack link asks (the case, the page, the person) and whether it was acknowledged; never acknowledges',
    response: 'Ack',
    errors: [410],
  }),
  route('POST /acks/{token}', 'public', 200, {
    operationId: 'acknowledgeByLink',
    summary: "Acknowledge the link's page as its person; again, the first acknowledgement",
    response: 'Ack',
    errors: [409, 410],
  }),
  route('POST /tickets/{caseId}/acknowledgements', 'agent', 200, {
    operationId: 'acknowledgePage',
    summary: "Acknowledge a deadline's page as the person whose e-mail is the caller's",
    body: schemas.acknowledgementBody,
    response: 'Ticket',
    errors: [409, 422],
  }),

  // Quarterly tier reviews (tier-review-operations.ts).
  route('POST /tier-reviews', 'admin', 200, {
    operationId: 'runTierReview',
    summary:
      "Review a policy's tiers for a quarter from each organisation's turnover: a dry run lists the moves; applying sets each tier from the quarter's first day and e-mails every reviewed organisation",
    body: tierReviews.tierReviewBody,
    bodyMediaTypes: {
      'text/csv':
        'rows `org,turnover` after a header row, turnover in major units (`30000.00`); policy, quarter and dryRun in the query string',
    },
    query: tierReviews.tierReviewQuery,
    response: 'TierReview',
    errors: [409, 422],
  }),
  route('GET /tier-reviews', 'admin', 200, {
    operationId: 'listTierReviews',
    summary: "A policy's tier reviews, the latest quarter first",
    query: tierReviews.tierReviewListQuery,
    response: 'TierReviewList',
  }),

  // Change-management notices (notice-operations.ts); the calendar feed is public: its signature is the capability.
  route('POST /notices', 'agent', 201, {
    operationId: 'createNotice',
    summary:
      'Publish a maintenance notice and e-mail the affected organisations; a planned one starting sooner than the lead time of their policies is refused (422, naming the earliest allowed start)',
    body: notices.newNoticeBody,
    response: 'Notice',
    errors: [409, 422],
  }),
  route('GET /notices', 'signed-in', 200, {
    operationId: 'listNotices',
    summary: "Notices whose window overlaps `from`–`to`, by start (a customer's: those affecting their organisation)",
    query: notices.noticeListQuery,
    response: 'NoticeList',
  }),
  route('GET /notices/{id}', 'signed-in', 200, { operationId: 'getNotice', summary: 'Read a notice', response: 'Notice' }),
  route('PATCH /notices/{id}', 'agent', 200, {
    operationId: 'updateNotice',
    summary:
      'Move a notice (a planned one honours the lead time again), change its text, or cancel it (`{"state": "cancelled"}`); each change e-mails the affected organisations and is kept',
    body: notices.noticePatchBody,
    response: 'Notice',
    errors: [409, 422],
  }),
  route('GET /notice-calendar', 'signed-in', 200, {
    operationId: 'getNoticeCalendar',
    summary: "The signed path of an organisation's maintenance calendar (staff name `org`; a customer gets their own)",
    query: notices.noticeCalendarQuery,
    response: 'NoticeCalendar',
    errors: [404],
  }),
  route('GET /notice-calendars/{org}', 'public', 200, {
    operationId: 'getNoticeFeed',
    summary: "An organisation's maintenance calendar as iCalendar (RFC 5545), one event per notice; a wrong signature is 404",
    query: notices.noticeFeedQuery,
    otherMediaTypes: { 'text/calendar': 'The notices as an iCalendar file, cancelled ones STATUS:CANCELLED' },
  }),

  // Time entries and usage statements (time-operations.ts, usage-operations.ts).
  route('POST /tickets/{caseId}/time', 'agent', 201, {
    operationId: 'logTime',
    summary:
      'Log time on a ticket: minutes (1…1440), billable (default true; never for a category the policy bills free, and the answer says why), a note, when the work was done (`at`, default now, not ahead, not before the ticket)',
    body: time.timeEntryBody,
    response: 'TimeEntry',
    errors: [409, 422],
  }),
  route('GET /tickets/{caseId}/time', 'signed-in', 200, {
    operationId: 'listTime',
    summary: "A ticket's time entries as they stand, with their total (customers: what was done when, not by whom)",
    response: 'TimeEntryList',
  }),
  route('PATCH /tickets/{caseId}/time/{entry}', 'agent', 200, {
    operationId: 'correctTime',
    summary: 'Correct a time entry: a new revision (the earlier ones stay); the timeline says what changed from what',
    body: time.timeCorrectionBody,
    response: 'TimeEntry',
    errors: [409, 422],
  }),
  route('DELETE /tickets/{caseId}/time/{entry}', 'agent', 204, {
    operationId: 'deleteTime',
    summary: 'Delete a time entry: a last revision marked deleted (the earlier ones stay, and the timeline says so)',
    errors: [409],
  }),
  route('GET /orgs/{id}/usage', 'signed-in', 200, {
    operationId: 'getUsage',
    summary:
      "An organisation's usage statement for a period (`2027-01`, `2027-Q1` or `2027`, as its tier's entitlement counts; default the current one): included, carried-in, used and overage minutes and the invoice lines; CSV with `Accept: text/csv`. Customers: their own organisation only",
    query: time.usageQuery,
    response: 'UsageStatement',
    otherMediaTypes: { 'text/csv': 'The invoice lines and a totals row (RFC 4180; amounts in major units, like 75.00)' },
  }),
  // SLA compliance reports (report-operations.ts).
  route('GET /reports/sla', 'signed-in', 200, {
    operationId: 'getSlaReport',
    summary:
      "An organisation's SLA compliance over dates or months (`from`, `to`: `2026-03` or `2026-03-15`, both included, at most 24 months), counted in its zone from the clock outcomes stored when each clock stopped: per metric count, met, breached, % met, median and p90 business time, the worst overruns and where breached clocks' time went, and a per-month breakdown; CSV with `Accept: text/csv`. Staff name the `org`; customers get their own (their requests draw on their organisation's `reports` rate limit)",
    query: reports.slaReportQuery,
    response: 'SlaReport',
    otherMediaTypes: { 'text/csv': 'One row per metric for the range, then one per month and metric (RFC 4180; times in minutes)' },
    errors: [404, 429],
  }),
] as const satisfies readonly Route[];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
export type RouteKey = KeyOf<(typeof ROUTES)[number]>;
/** The routes of the api function. */
export type ApiRouteKey = Exclude<RouteKey, PublisherRouteKey>;

export const routeKey = (route: Route): RouteKey => `${route.method} ${route.path}` as RouteKey;

/** The `{name}` parameters of a route path, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
}

const COMPILED = (ROUTES as readonly Route[]).map((route) => ({
  route,
  names: pathParameterNames(route.path),
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** Finds the route for a method and concrete path, with its path parameters (what API Gateway does before invoking). */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; pathParameters: Record<string, string> } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const { route, names, pattern } of COMPILED) {
    const match = pattern.exec(path);
    if (match === null) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const pathParameters = Object.fromEntries(names.map((name, i) => [name, decodeSegment(match[i + 1] as string)]));
    return { route, pathParameters };
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

/** Percent-decodes a path segment; a malformed escape (`%`, `%zz`) is kept as written. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
