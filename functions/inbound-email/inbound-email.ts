/**
 * One message received by SES (receipt rule: S3, then this function). It is refused on a bad
 * verdict or size, when it cannot be read or has no sender, and when it is an automatic reply
 * (out of office, a bounce); otherwise it becomes a customer message on the case it answers, or a new
 * ticket for the sender's organisation, or — from an unknown domain — a polite reply. The same
 * Message-ID is handled once: its idempotency record is written with the ticket change.
 */

import { caseIdInSubject, newTextOfReply, rejectionOf, senderDomain, severityOfMail, type Verdicts } from '#shared/email/inbound-mail.ts';
import { caseIdFromMessageIds, unknownSenderReply } from '#shared/email/outbound-mail.ts';
import type { Mailer, MailStore } from '#shared/email/ports.ts';
import { loadPreset, policyOf } from '#shared/policies/presets.ts';
import { openTicket, postMessage } from '#shared/tickets/ticket.ts';
import { IdempotencyRace, type TicketStore } from '#shared/tickets/ticket-store.ts';
import { parseMail, UnreadableMail } from './parse-mail.ts';

export interface InboundDeps {
  readonly store: TicketStore;
  readonly mail: MailStore;
  readonly mailer: Mailer;
  readonly now: () => number;
  /** The domain of our support address (its thread ids lead replies to their case). */
  readonly domain: string;
  readonly maxBytes: number;
  readonly log: (message: string, detail: Record<string, unknown>) => void;
}

export interface SesReceipt {
  /** SES's id: the S3 object key's last part. */
  readonly sesMessageId: string;
  readonly verdicts: Verdicts;
}

export type InboundOutcome =
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'ticket'; readonly caseId: number }
  | { readonly kind: 'message'; readonly caseId: number }
  | { readonly kind: 'unknown-sender'; readonly domain: string };

const SCOPE = { principal: 'email', route: 'inbound' } as const;

export async function receiveMail(receipt: SesReceipt, deps: InboundDeps): Promise<InboundOutcome> {
  // The verdicts come with the event, so a refused message is not even read; its size is known once it is.
  const early = rejectionOf(receipt.verdicts, 0, deps.maxBytes);
  if (early !== undefined) return rejected(early, receipt, deps);
  const raw = await deps.mail.rawMessage(receipt.sesMessageId);
  const sizeRejection = rejectionOf(receipt.verdicts, raw.length, deps.maxBytes);
  if (sizeRejection !== undefined) return rejected(sizeRejection, receipt, deps);
  const mail = await parseMail(raw).catch((error: unknown) => {
    if (error instanceof UnreadableMail) return undefined;
    throw error;
  });
  // None of these changes on a retry; the raw message stays in S3 under its SES id.
  if (mail === undefined) return rejected('unreadable', receipt, deps);
  if (!mail.from.address.includes('@')) return rejected('no-sender', receipt, deps);
  if (mail.automatic === 'reply') return rejected('auto-reply', receipt, deps);
  const scope = { ...SCOPE, key: mail.messageId || receipt.sesMessageId };
  if ((await deps.store.getIdempotentResponse(scope)) !== undefined) return { kind: 'duplicate' };
  const remember = (outcome: InboundOutcome) => ({ scope, requestHash: '', status: 200, body: outcome });
  const sender = { kind: 'customer' as const, id: mail.from.address };
  const domain = senderDomain(mail.from.address);

  try {
    // A reply: the case our own Message-IDs name (they cannot be stale), else the subject's tag;
    // from someone of the case's organisation, on a case that is not closed.
    const caseId = caseIdFromMessageIds([mail.inReplyTo, ...mail.references], deps.domain) ?? caseIdInSubject(mail.subject);
    const ticket = caseId === undefined ? undefined : await deps.store.getTicket(caseId);
    const org = await deps.store.orgForEmailDomain(domain);
    if (ticket !== undefined && org !== undefined && ticket.org === org.id && ticket.status !== 'closed') {
      const outcome: InboundOutcome = { kind: 'message', caseId: ticket.caseId };
      const text = newTextOfReply(mail.text) || '(empty reply)';
      const change = postMessage(ticket, policyOf(ticket.sla), { body: text, public: true }, sender, deps.now());
      await deps.store.saveTicket(change, ticket.version, remember(outcome));
      return outcome;
    }
    if (org === undefined) {
      // A courtesy reply goes out at most once (it is recorded before it is sent), and never to a program.
      const outcome: InboundOutcome = { kind: 'unknown-sender', domain };
      if (!(await deps.store.rememberResponse(remember(outcome)))) return { kind: 'duplicate' };
      if (mail.automatic === undefined)
        await deps.mailer.send(unknownSenderReply(mail.from.address, mail.subject, mail.messageId || undefined));
      deps.log('mail from an unknown domain', { domain, messageId: mail.messageId });
      return outcome;
    }
    // A new ticket for the sender's organisation.
    const policy = loadPreset(org.policy);
    const { severity, subject } = severityOfMail(mail.subject, policy);
    const newCaseId = await deps.store.nextCaseId();
    const attachments = [];
    for (const [i, file] of mail.attachmentContents.entries()) {
      const key = `attachments/${newCaseId}/${i + 1}-${file.filename.replace(/[^\w.-]+/g, '_')}`;
      await deps.mail.putAttachment(key, file.content, file.contentType);
      attachments.push({ filename: file.filename, contentType: file.contentType, size: file.content.length, key });
    }
    const change = openTicket(
      newCaseId,
      org,
      policy,
      { subject: subject || '(no subject)', description: mail.text || '(empty message)', severity },
      sender,
      deps.now(),
      { channel: 'email', requesterEmail: mail.from.address, attachments },
    );
    const outcome: InboundOutcome = { kind: 'ticket', caseId: newCaseId };
    await deps.store.createTicket(change, remember(outcome));
    return outcome;
  } catch (error) {
    // The same message, delivered twice at once: the other delivery stored it.
    if (error instanceof IdempotencyRace) return { kind: 'duplicate' };
    throw error;
  }
}

function rejected(reason: string, receipt: SesReceipt, deps: InboundDeps): InboundOutcome {
  deps.log('mail refused', { reason, sesMessageId: receipt.sesMessageId });
  return { kind: 'rejected', reason };
}
