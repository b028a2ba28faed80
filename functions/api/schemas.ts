/** Request bodies and query strings of the API. The OpenAPI document is generated from these. */

import * as z from 'zod';
import { TICKET_STATUSES } from '#shared/tickets/ticket-event.ts';
import { INSTANT_HINT, parseInstant } from '#shared/time/instant.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'expected lower-case letters, digits and "-" (at most 63)' });
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `at most ${max} characters` });
const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, { error: 'expected a domain like "example.com"' });
const isoInstant = z.string().refine((value) => parseInstant(value) !== undefined, { error: INSTANT_HINT });

export const orgSettingsBody = z.strictObject({
  name: text(200),
  policy: z.string(),
  tier: z.string(),
  region: z.string().optional(),
  emailDomains: z.array(domain).max(50).optional(),
});

export const newOrgBody = orgSettingsBody.extend({ id });

export const newTicketBody = z.strictObject({
  subject: text(200),
  description: text(20_000),
  severity: z.string(),
  category: text(100).optional(),
  fields: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'expected a field name like "softwareVersion"' }),
      z.string().max(2_000),
    )
    .optional(),
  /** Agents open tickets for a customer organisation; customers may leave it out. */
  org: id.optional(),
});

export const messageBody = z.strictObject({ body: text(20_000), public: z.boolean() });

export const ticketPatchBody = z
  .strictObject({
    status: z.enum(TICKET_STATUSES).optional(),
    severity: z.string().optional(),
    assignee: text(100).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'give at least one of status, severity, assignee' });

export const escalateBody = z.strictObject({ reason: text(2_000) });

export const planBody = z.strictObject({ severity: z.string(), tier: z.string(), region: z.string().optional(), at: isoInstant });

export const ticketListQuery = z.strictObject({
  status: z.enum(TICKET_STATUSES).optional(),
  cursor: z.string().max(2_000).optional(),
  org: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const queueQuery = z.strictObject({
  policy: z.string().optional(),
  cursor: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
