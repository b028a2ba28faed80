/**
 * What a message does for an organisation once it may speak for it (a DMARC PASS, or an agent
 * accepted it): a customer message on the open case it answers, else a new ticket. Its Message-ID
 * is handled once: the idempotency record is written with the ticket change.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { MailForOrg } from '#shared/email/held-mail.ts';
import { keptText, MAIL_LIMITS, newTextOfReply, severityOfMail } from '#shared/email/inbound-mail.ts';
import type { NoticeStore } from '#shared/notices/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Org } from '#shared/tickets/org.ts';
import { openTicket, postMessage, type Ticket, type TicketChange } from '#shared/tickets/ticket.ts';
import { IdempotencyRace, type TicketStore } from '#shared/tickets/ticket-store.ts';
import type { Actor } from '#shared/tickets/timeline.ts';
import { maintenanceInProgress } from '../lib/notice-audience.ts';

export type ActOutcome =
  | { readonly kind: 'ticket'; readonly caseId: number }
  | { readonly kind: 'message'; readonly caseId: number }
  | { readonly kind: 'duplicate' };

/** The idempotency scope of received mail (keyed by Message-ID, else SES's id). */
export const MAIL_SCOPE = { principal: 'email', route: 'inbound' } as const;

/** `attachments` stores the message's attachments for a new case (a reply lists none) and says where they are. */
export async function actForOrg(
  mail: MailForOrg,
  org: Org,
  deps: {
    readonly store: TicketStore;
    readonly now: () => number;
    readonly notices?: Pick<NoticeStore, 'listNoticesFor'> | undefined;
    /** How policies are resolved; none: the compiled presets alone. */
    readonly policies: PolicyCatalog;
  },
  attachments: (caseId: number) => Promise<Ticket['attachments']>,
): Promise<ActOutcome> {
  const scope = { ...MAIL_SCOPE, key: mail.scopeKey };
  const remember = (outcome: ActOutcome) => ({ scope, requestHash: '', status: 200, body: outcome });
  const sender = { kind: 'customer' as const, id: mail.from };
  const left = { cut: mail.cut, skipped: mail.skipped, rawKey: mail.rawKey };
  try {
    // A reply: from someone of the case's organisation, on a case that takes it (not closed, within its limits).
    const ticket = mail.caseId === undefined ? undefined : await deps.store.getTicket(mail.caseId);
    const text = keptText(newTextOfReply(mail.text) || '(empty reply)', MAIL_LIMITS.text, left);
    const policies = deps.policies;
    const reply =
      ticket === undefined || ticket.org !== org.id
        ? undefined
        : replyOn(ticket, await policies.forTicket(ticket.sla), text, sender, deps.now());
    if (ticket !== undefined && reply !== undefined) {
      const outcome: ActOutcome = { kind: 'message', caseId: ticket.caseId };
      await deps.store.saveTicket(reply, ticket.version, remember(outcome));
      return outcome;
    }
    const policy = await policies.latest(org.policy);
    if (policy === undefined) throw new DomainError('unknown_policy', `organisation ${org.id} names no stored policy "${org.policy}"`);
    const { severity, subject } = severityOfMail(mail.subject, policy);
    const caseId = await deps.store.nextCaseId();
    const now = deps.now();
    const maintenance = await maintenanceInProgress(deps.notices, org, policy, now);
    // A shortened message links its original, as the last attachment.
    const original: Ticket['attachments'] =
      mail.cut || mail.skipped.length > 0
        ? [{ filename: 'original-message.eml', contentType: 'message/rfc822', size: mail.rawBytes, key: mail.rawKey }]
        : [];
    const change = openTicket(
      caseId,
      org,
      policy,
      { subject: subject || '(no subject)', description: keptText(mail.text || '(empty message)', MAIL_LIMITS.text, left), severity },
      sender,
      now,
      { channel: 'email', requesterEmail: mail.from, attachments: [...(await attachments(caseId)), ...original], maintenance },
    );
    const outcome: ActOutcome = { kind: 'ticket', caseId };
    await deps.store.createTicket(change, remember(outcome));
    return outcome;
  } catch (error) {
    // The same message, delivered twice at once: the other delivery stored it.
    if (error instanceof IdempotencyRace) return { kind: 'duplicate' };
    throw error;
  }
}

/** The reply as a message on its case, or `undefined` if the case refuses it (closed, or full): the mail then opens a new case. */
function replyOn(ticket: Ticket, policy: Policy, text: string, sender: Actor, now: number): TicketChange | undefined {
  try {
    return postMessage(ticket, policy, { body: text, public: true }, sender, now);
  } catch (error) {
    if (error instanceof DomainError && error.code !== 'version_conflict') return undefined;
    throw error;
  }
}
