/**
 * What a new ticket must carry under its policy: a severity the policy knows, a category it lists,
 * the fields it requires, and custom fields within the limits.
 */

import { DomainError, type FieldError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { fieldErrors } from './limits.ts';

export interface NewTicket {
  readonly subject: string;
  readonly description: string;
  readonly severity: string;
  readonly category?: string | undefined;
  readonly fields?: Readonly<Record<string, string>> | undefined;
}

/** What of a policy a new ticket is checked against (a `Policy` is one; the console builds one from the policy document). */
export interface TicketRules {
  readonly id: string;
  readonly severities: readonly string[];
  readonly spec: {
    readonly tickets?: { readonly requiredFields: readonly string[]; readonly categories?: readonly string[] | undefined } | undefined;
  };
}

/**
 * Checks a new ticket against its policy (severity, category, required fields); run it before
 * allocating a case id. The console's new-ticket form runs it too, so both report the same paths.
 */
export function checkNewTicket(input: NewTicket, policy: TicketRules): void {
  const errors: FieldError[] = [...severityErrors(input.severity, policy), ...fieldErrors(input.fields)];
  if (input.category !== undefined) errors.push(...categoryErrors(input.category, policy));
  for (const field of policy.spec.tickets?.requiredFields ?? []) {
    if ((input.fields?.[field] ?? '').trim() === '')
      errors.push({ path: `fields.${field}`, message: `required by the ${policy.id} policy` });
  }
  if (errors.length > 0) throw new DomainError('validation_failed', `the ticket does not meet the ${policy.id} policy`, errors);
}

/** The fields a policy requires that a ticket lacks. */
export function missingFields(ticket: { readonly fields: Readonly<Record<string, string>> }, policy: Policy): string[] {
  return (policy.spec.tickets?.requiredFields ?? []).filter((field) => (ticket.fields[field] ?? '').trim() === '');
}

/** Refuses a severity the policy does not know (a new ticket by e-mail, or a severity change). */
export function checkSeverity(severity: string, policy: Policy): void {
  const errors = severityErrors(severity, policy);
  if (errors.length > 0) throw new DomainError('validation_failed', `the ticket does not meet the ${policy.id} policy`, errors);
}

/** Refuses a category the policy does not list (a category change). */
export function checkCategory(category: string, policy: Policy): void {
  const errors = categoryErrors(category, policy);
  if (errors.length > 0) throw new DomainError('validation_failed', `the ticket does not meet the ${policy.id} policy`, errors);
}

function categoryErrors(category: string, policy: TicketRules): FieldError[] {
  const categories = policy.spec.tickets?.categories;
  return categories === undefined || categories.includes(category)
    ? []
    : [{ path: 'category', message: `expected one of ${categories.join(', ')}` }];
}

function severityErrors(severity: string, policy: TicketRules): FieldError[] {
  return policy.severities.includes(severity) ? [] : [{ path: 'severity', message: `expected one of ${policy.severities.join(', ')}` }];
}
