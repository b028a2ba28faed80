/**
 * Request bodies and query strings of the API, each built on first use, so a request builds only
 * the schemas of its own route. The OpenAPI document is generated from these.
 */

import '../lib/zod-english.ts';
import * as z from 'zod/mini';
import { HELD_MAIL_STATUSES } from '#shared/email/held-mail.ts';
import { LIMITS } from '#shared/tickets/limits.ts';
import { MAX_ORG_CONTACTS } from '#shared/tickets/org.ts';
import { TICKET_STATUSES } from '#shared/tickets/ticket-event.ts';
import { INSTANT_HINT, parseInstant } from '#shared/time/instant.ts';
import { registrationSchema } from '#shared/webhooks/endpoint.ts';
import type { UrlRules } from '#shared/webhooks/url-guard.ts';
import { once } from '../lib/once.ts';

/** An organisation id (in bodies, queries and the `{id}` of `/orgs/{id}`). */
export const orgId = once(() =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'expected lower-case letters, digits and "-" (at most 63)' })),
);
/** A user id as Cognito issues it (`sub`, a UUID) or a local token's subject. */
export const userId = once(() =>
  z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._@+=:-]{0,127}$/, { error: 'expected a user id (the sub of their token)' })),
);
const text = (max: number) =>
  z.string().check(z.trim(), z.minLength(1, { error: 'must not be empty' }), z.maxLength(max, { error: `at most ${max} characters` }));
const domain = () =>
  z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, { error: 'expected a domain like "example.com"' }));
const isoInstant = () => z.string().check(z.refine((value) => parseInstant(value) !== undefined, { error: INSTANT_HINT }));
export const limit = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), fallback);
export const cursor = () => z.optional(z.string().check(z.maxLength(2_000)));

const orgSettingsShape = () => ({
  name: text(200),
  policy: z.string(),
  tier: z.string(),
  region: z.optional(z.string()),
  emailDomains: z.optional(z.array(domain()).check(z.maxLength(50))),
  contacts: z.optional(z.array(contactAddress()).check(z.maxLength(MAX_ORG_CONTACTS, { error: `at most ${MAX_ORG_CONTACTS} contacts` }))),
  /** E-mail the contacts last month's SLA report on the 1st; default off. */
  monthlyReport: z.optional(z.boolean()),
});

export const orgSettingsBody = once(() => z.strictObject(orgSettingsShape()));

export const newOrgBody = once(() => z.strictObject({ ...orgSettingsShape(), id: orgId() }));

export const newTicketBody = once(() =>
  z.strictObject({
    subject: text(LIMITS.subject),
    description: text(LIMITS.description),
    severity: z.string(),
    category: z.optional(text(LIMITS.category)),
    fields: z.optional(
      z.record(
        z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'expected a field name like "softwareVersion"' })),
        z.string().check(z.maxLength(LIMITS.fieldValue)),
      ),
    ),
    /** Agents open tickets for a customer organisation; customers may leave it out. */
    org: z.optional(orgId()),
  }),
);

export const messageBody = once(() => z.strictObject({ body: text(LIMITS.body), public: z.boolean() }));

export const ticketPatchBody = once(() =>
  z
    .strictObject({
      status: z.optional(z.enum(TICKET_STATUSES)),
      severity: z.optional(z.string()),
      assignee: z.optional(text(100)),
      /** Staff only: one of the policy's categories. */
      category: z.optional(text(LIMITS.category)),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'give at least one of status, severity, assignee, category' })),
);

export const escalateBody = once(() => z.strictObject({ reason: text(LIMITS.reason) }));

export const planBody = once(() =>
  z.strictObject({ severity: z.string(), tier: z.string(), region: z.optional(z.string()), at: isoInstant() }),
);

export const ticketListQuery = once(() =>
  z.strictObject({
    status: z.optional(z.enum(TICKET_STATUSES)),
    cursor: cursor(),
    org: z.optional(orgId()),
    limit: limit(25),
  }),
);

export const orgListQuery = once(() => z.strictObject({ cursor: cursor(), limit: limit(50) }));

/** `PATCH /tickets/{caseId}?dryRun=true`: the ticket as the change would leave it, nothing written. */
export const ticketPatchQuery = once(() =>
  z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'], { error: 'expected "true" or "false"' })) }),
);

export const queueQuery = once(() => z.strictObject({ policy: z.optional(z.string()), cursor: cursor(), limit: limit(50) }));

/** `GET /held-mail`: held messages (the default), or those accepted or rejected. */
export const heldMailQuery = once(() =>
  z.strictObject({ status: z._default(z.enum(HELD_MAIL_STATUSES), 'held'), cursor: cursor(), limit: limit(25) }),
);

/** A timeline cursor is the seq of the oldest entry already shown. */
export const timelineQuery = once(() =>
  z.strictObject({
    cursor: z.optional(z.string().check(z.regex(/^[1-9][0-9]{0,6}$/, { error: 'not a cursor from this API' }))),
    limit: limit(50),
  }),
);

/** The SSRF rules the OpenAPI document is generated with (AWS's); operations check with the deployment's own. */
export const AWS_URL_RULES: UrlRules = { allowLoopbackHttp: false };

/** Where the notice goes when the service pauses an endpoint (the body's `contact`, or the token's `email`). */
export const contactAddress = once(() =>
  z.email({ error: 'expected an e-mail address' }).check(z.maxLength(254, { error: 'at most 254 characters' })),
);

/** `POST /webhooks`: the registration (url, events, description) and whom to tell when it is paused. */
export const webhookRegistrationBody = (rules: UrlRules) => z.extend(registrationSchema(rules), { contact: z.optional(contactAddress()) });

export const WEBHOOK_STATES = ['active', 'paused'] as const;

/** `PATCH /webhooks/{id}`: any of the registration's fields, and pausing or resuming. */
export const webhookPatchBody = (rules: UrlRules) =>
  z
    .extend(z.partial(registrationSchema(rules)), { state: z.optional(z.enum(WEBHOOK_STATES)), contact: z.optional(contactAddress()) })
    .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'give at least one of url, events, description, contact, state' }));

/** `GET /webhooks`: the caller's endpoints; staff name an organisation to list its own. */
export const webhookListQuery = once(() => z.strictObject({ org: z.optional(orgId()), cursor: cursor(), limit: limit(10) }));

export const deliveryLogQuery = once(() => z.strictObject({ cursor: cursor(), limit: limit(25) }));

/** `POST /tickets/{caseId}/acknowledgements`: the deadline whose page is acknowledged. */
export const acknowledgementBody = once(() =>
  z.strictObject({ deadline: z.string().check(z.minLength(1, { error: 'must not be empty' }), z.maxLength(120)) }),
);
