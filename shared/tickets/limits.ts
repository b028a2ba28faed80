/**
 * How big a ticket may grow. The ticket item must stay far below DynamoDB's 400 KB item limit and
 * every response far below Lambda's 6 MB payload limit, so what people add is capped here, with a
 * clear 409/422 long before either; what the system adds (pages, reminders) is never refused.
 * `test/tickets/ticket-size.test.ts` computes the worst-case item from these numbers.
 */

import { DomainError, type FieldError } from '#shared/domain-error.ts';
import type { TicketEvent } from './ticket-event.ts';

export const LIMITS = {
  subject: 200,
  description: 20_000,
  /** Custom fields per ticket, one value's length, and all names and values together. */
  fields: 50,
  fieldName: 64,
  fieldValue: 2_000,
  fieldsTotal: 20_000,
  category: 100,
  /** A message or note (inbound mail is cut to this at ingestion; the whole mail stays in S3). */
  body: 20_000,
  /** An escalation's reason. */
  reason: 2_000,
  /** Attachments listed on a ticket (the files stay in S3). */
  attachments: 20,
  /** Timeline entries people may add to one case (messages, changes): beyond it, the case goes on in a new one. */
  entries: 10_000,
  /** Status changes of one case: each stays on the ticket item (the clocks need every stopped period). */
  statusChanges: 500,
} as const;

const STATUS_EVENTS: ReadonlySet<TicketEvent['type']> = new Set(['paused', 'resumed', 'resolved', 'closed', 'reopened']);

/** Field errors of a ticket's custom fields against the limits (names and values as given). */
export function fieldErrors(fields: Readonly<Record<string, string>> | undefined): FieldError[] {
  const entries = Object.entries(fields ?? {});
  const errors: FieldError[] = [];
  if (entries.length > LIMITS.fields) errors.push({ path: 'fields', message: `at most ${LIMITS.fields} fields` });
  let total = 0;
  for (const [name, value] of entries) {
    total += name.length + value.length;
    if (name.length > LIMITS.fieldName)
      errors.push({ path: `fields.${name.slice(0, 64)}`, message: `name of at most ${LIMITS.fieldName} characters` });
    if (value.length > LIMITS.fieldValue)
      errors.push({ path: `fields.${name.slice(0, 64)}`, message: `at most ${LIMITS.fieldValue} characters` });
  }
  if (total > LIMITS.fieldsTotal)
    errors.push({ path: 'fields', message: `at most ${LIMITS.fieldsTotal} characters in all names and values` });
  return errors;
}

/** Refuses a person's change once the case has taken `LIMITS.entries` entries or `LIMITS.statusChanges` status changes. */
export function checkRoomFor(
  ticket: { readonly caseId: number; readonly seq: number; readonly events: readonly TicketEvent[] },
  added: { readonly entries: number; readonly events: readonly TicketEvent[] },
): void {
  const statusChanges = (events: readonly TicketEvent[]) => events.filter((e) => STATUS_EVENTS.has(e.type)).length;
  const more = statusChanges(added.events);
  if (ticket.seq + added.entries > LIMITS.entries || (more > 0 && statusChanges(ticket.events) + more > LIMITS.statusChanges)) {
    const what =
      ticket.seq + added.entries > LIMITS.entries ? `${LIMITS.entries} timeline entries` : `${LIMITS.statusChanges} status changes`;
    throw new DomainError('conflict', `case ${ticket.caseId} has reached ${what}; please open a new case and refer to this one`);
  }
}
