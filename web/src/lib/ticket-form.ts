/**
 * The portal's new-ticket form, generated from the organisation's policy document (`GET
 * /policies/{id}`): its severities with their descriptions, the fields it requires, its
 * categories. Validation mirrors the API's: the same paths as its `errors[].path` (`subject`,
 * `fields.softwareVersion`), the same limits (`LIMITS`), and the policy check is the server's own
 * `checkNewTicket`, so the two cannot drift.
 */

import { DomainError, type FieldError } from '#shared/domain-error.ts';
import { LIMITS } from '#shared/tickets/limits.ts';
import { checkNewTicket, type NewTicket, type TicketRules } from '#shared/tickets/new-ticket.ts';

export interface SeverityChoice {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
}

export interface RequiredField {
  readonly name: string;
  readonly label: string;
}

/** What the portal reads of a policy document. */
export interface PortalPolicy {
  readonly id: string;
  readonly name: string;
  /** Most severe first, as the policy lists them. */
  readonly severities: readonly SeverityChoice[];
  readonly requiredFields: readonly RequiredField[];
  /** The categories a ticket may name; none: the form asks for none. */
  readonly categories?: readonly string[];
  /** The policy lets customers escalate a case on demand (`onDemandEscalation.by` names `customer`). */
  readonly customerEscalation: boolean;
  /** What `checkNewTicket` needs of the policy. */
  readonly rules: TicketRules;
}

const record = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The policy as the portal uses it, read from its document (fields it does not know are ignored). */
export function portalPolicyOf(document: { readonly id: string; readonly name: string } & Readonly<Record<string, unknown>>): PortalPolicy {
  const severities = Object.entries(record(document.severities)).map(([id, spec]): SeverityChoice => {
    const description = text(record(spec).description);
    return { id, name: text(record(spec).name) ?? id, ...(description !== undefined && { description }) };
  });
  const tickets = record(document.tickets);
  const requiredFields = strings(tickets.requiredFields) ?? [];
  const categories = strings(tickets.categories);
  return {
    id: document.id,
    name: document.name,
    severities,
    requiredFields: requiredFields.map((name) => ({ name, label: fieldLabel(name) })),
    ...(categories !== undefined && { categories }),
    customerEscalation: (strings(record(document.onDemandEscalation).by) ?? []).includes('customer'),
    rules: {
      id: document.id,
      severities: severities.map((s) => s.id),
      spec: { tickets: { requiredFields, ...(categories !== undefined && { categories }) } },
    },
  };
}

/** `softwareVersion` → `Software version`, `system_details` → `System details`. */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the customer has typed, kept as typed (nothing is lost on an error). */
export interface TicketDraft {
  readonly subject: string;
  readonly description: string;
  /** `''` until one is chosen. */
  readonly severity: string;
  /** `''`: none. */
  readonly category: string;
  readonly fields: Readonly<Record<string, string>>;
}

export function emptyDraft(policy: PortalPolicy): TicketDraft {
  return {
    subject: '',
    description: '',
    severity: '',
    category: '',
    fields: Object.fromEntries(policy.requiredFields.map((f) => [f.name, ''])),
  };
}

/** The body of `POST /tickets` for a draft (the API trims subject and description itself). */
export function ticketBody(draft: TicketDraft): NewTicket {
  const fields = Object.entries(draft.fields).filter(([, value]) => value !== '');
  return {
    subject: draft.subject,
    description: draft.description,
    severity: draft.severity,
    ...(draft.category !== '' && { category: draft.category }),
    ...(fields.length > 0 && { fields: Object.fromEntries(fields) }),
  };
}

/** A text the API trims and then requires to be non-empty and at most `max` characters long (schemas.ts `text`). */
export function textProblem(path: string, value: string, max: number): FieldError | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return { path, message: 'must not be empty' };
  if (trimmed.length > max) return { path, message: `at most ${max} characters` };
  return undefined;
}

/** The form's fields in the order it shows them, as API paths (focus goes to the first invalid one). */
export function formPaths(policy: PortalPolicy): string[] {
  return [
    'subject',
    'severity',
    ...(policy.categories === undefined ? [] : ['category']),
    ...policy.requiredFields.map((f) => `fields.${f.name}`),
    'description',
  ];
}

/**
 * Every problem the API would report for this draft, one per path, in the form's order (paths the
 * form has no field for, such as `fields` as a whole, last). Empty: the draft may be sent.
 */
export function validateDraft(draft: TicketDraft, policy: PortalPolicy): FieldError[] {
  const body = ticketBody(draft);
  const problems: (FieldError | undefined)[] = [
    textProblem('subject', draft.subject, LIMITS.subject),
    textProblem('description', draft.description, LIMITS.description),
    draft.severity === '' ? { path: 'severity', message: 'choose one' } : undefined,
    body.category === undefined ? undefined : textProblem('category', body.category, LIMITS.category),
    // Severity, category, required fields and the custom fields' limits: the server's own check.
    ...policyProblems(body, policy.rules),
  ];
  const byPath = new Map<string, FieldError>();
  for (const problem of problems) if (problem !== undefined && !byPath.has(problem.path)) byPath.set(problem.path, problem);
  const order = formPaths(policy);
  const rank = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length);
  return [...byPath.values()].sort((a, b) => rank(a.path) - rank(b.path));
}

/** The server's own policy check of a new ticket, its errors as a list. */
function policyProblems(body: NewTicket, rules: TicketRules): FieldError[] {
  try {
    checkNewTicket(body, rules);
    return [];
  } catch (error) {
    if (error instanceof DomainError) return [...error.errors];
    throw error;
  }
}

/** One attempt at sending a ticket: its `Idempotency-Key` and the body it carried. */
export interface Attempt {
  readonly key: string;
  readonly body: string;
}

/**
 * The attempt that sends `body`: the previous one again if it carried the same body (a resend
 * after a network failure that the API did carry out replays its answer instead of opening a
 * second ticket), else a new key (the API refuses a key replayed with another body).
 */
export function attemptFor(previous: Attempt | undefined, body: string, newKey: () => string): Attempt {
  return previous !== undefined && previous.body === body ? previous : { key: newKey(), body };
}

/** The id of the input for an API path (`fields.softwareVersion` → `ticket-fields-softwareVersion`). */
export function inputIdOf(path: string): string {
  return `ticket-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
