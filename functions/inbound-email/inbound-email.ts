/**
 * One message received by SES (receipt rule: S3, then this function). It is refused on a bad
 * verdict or size, when it cannot be read, has no sender or several, and when it is an automatic
 * reply (out of office, a bounce). From a customer's domain it acts for the organisation only on
 * a DMARC PASS (a message on the case it answers, or a new ticket); otherwise it is held for an
 * agent. From an unknown domain it gets a polite reply, at most one a day per address, and only
 * when DMARC proves the address sent it. The same Message-ID is handled once.
 */

import { type CourtesyReplies, type HeldMailStore, heldMailId, type MailForOrg } from '#shared/email/held-mail.ts';
import { MAIL_LIMITS, rejectionOf, senderDomain, unverifiedReason, utcDay, type Verdicts } from '#shared/email/inbound-mail.ts';
import { unknownSenderReply } from '#shared/email/outbound-mail.ts';
import type { Mailer, MailStore } from '#shared/email/ports.ts';
import { caseIdOfMail } from '#shared/email/threading.ts';
import type { NoticeStore } from '#shared/notices/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { Org } from '#shared/tickets/org.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { type ActOutcome, actForOrg, MAIL_SCOPE } from './act-on-mail.ts';
import { type ParsedMail, parseMail, UnreadableMail } from './parse-mail.ts';

export interface InboundDeps {
  readonly store: TicketStore;
  readonly mail: MailStore;
  readonly mailer: Mailer;
  readonly held: HeldMailStore & CourtesyReplies;
  readonly now: () => number;
  /** The domain of our support address (its thread ids lead replies to their case). */
  readonly domain: string;
  readonly maxBytes: number;
  readonly log: (message: string, detail: Record<string, unknown>) => void;
  /** Change-management notices: a ticket opened during maintenance links to it. */
  readonly notices?: Pick<NoticeStore, 'listNoticesFor'> | undefined;
  /** How policies are read (an org's latest, a ticket's own); none: the compiled presets alone. */
  readonly policies: PolicyCatalog;
}

export interface SesReceipt {
  /** SES's id: the S3 object key's last part. */
  readonly sesMessageId: string;
  /** When SES received it (the event's `mail.timestamp`), so a retried event holds the same item. */
  readonly receivedAt?: number | undefined;
  readonly verdicts: Verdicts;
}

export type InboundOutcome =
  | ActOutcome
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'held'; readonly id: string; readonly reason: string }
  | { readonly kind: 'unknown-sender'; readonly domain: string };

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
  const address = mail.from.address;
  if (!address.includes('@') || address.length > MAIL_LIMITS.address) return rejected('no-sender', receipt, deps);
  // Several From mailboxes: DMARC checks one domain, and the message would speak for all of them.
  if (mail.fromMailboxes > 1) return rejected('several-senders', receipt, deps);
  if (mail.automatic === 'reply') return rejected('auto-reply', receipt, deps);
  const scopeKey = mail.messageId || receipt.sesMessageId;
  if ((await deps.store.getIdempotentResponse({ ...MAIL_SCOPE, key: scopeKey })) !== undefined) return { kind: 'duplicate' };
  const domain = senderDomain(address);
  const org = await deps.store.orgForEmailDomain(domain);
  const unverified = unverifiedReason(receipt.verdicts);
  if (org === undefined) return answerUnknownSender(mail, scopeKey, unverified === undefined, deps);

  const forOrg: MailForOrg = {
    scopeKey,
    from: address,
    subject: mail.subject,
    text: mail.text,
    cut: mail.cut,
    skipped: mail.skipped,
    rawKey: deps.mail.rawKey(receipt.sesMessageId),
    rawBytes: raw.length,
    caseId: caseIdOfMail(mail, deps.domain),
  };
  if (unverified === undefined) return actForOrg(forOrg, org, deps, (caseId) => storeAttachments(mail, `attachments/${caseId}/`, deps));
  return hold(forOrg, mail, org, unverified, receipt, deps);
}

/** Kept for an agent: with its attachments stored already, so accepting it needs the table only. */
async function hold(
  forOrg: MailForOrg,
  mail: ParsedMail,
  org: Org,
  reason: string,
  receipt: SesReceipt,
  deps: InboundDeps,
): Promise<InboundOutcome> {
  const receivedAt = receipt.receivedAt ?? deps.now();
  const id = heldMailId(receivedAt, receipt.sesMessageId);
  const ticket = forOrg.caseId === undefined ? undefined : await deps.store.getTicket(forOrg.caseId);
  const caseId = ticket !== undefined && ticket.org === org.id && ticket.status !== 'closed' ? ticket.caseId : undefined;
  const attachments = await storeAttachments(mail, `attachments/held/${receipt.sesMessageId}/`, deps);
  const stored = await deps.held.hold({
    ...forOrg,
    caseId,
    attachments,
    id,
    receivedAt,
    sesMessageId: receipt.sesMessageId,
    org: org.id,
    reason,
    status: 'held',
  });
  if (!stored) return { kind: 'duplicate' };
  deps.log('mail held for an agent', { id, org: org.id, reason, sesMessageId: receipt.sesMessageId });
  return { kind: 'held', id, reason };
}

/**
 * A courtesy reply goes out at most once per message (recorded before it is sent), at most once a
 * day per address, never to a program, and only when DMARC passed: otherwise anyone could make us
 * write to any address by naming it as the sender.
 */
async function answerUnknownSender(mail: ParsedMail, scopeKey: string, verified: boolean, deps: InboundDeps): Promise<InboundOutcome> {
  const domain = senderDomain(mail.from.address);
  const outcome: InboundOutcome = { kind: 'unknown-sender', domain };
  const remembered = await deps.store.rememberResponse({
    scope: { ...MAIL_SCOPE, key: scopeKey },
    requestHash: '',
    status: 200,
    body: outcome,
  });
  if (!remembered) return { kind: 'duplicate' };
  const answer = verified && mail.automatic === undefined && (await deps.held.claimCourtesyReply(mail.from.address, utcDay(deps.now())));
  if (answer) await deps.mailer.send(unknownSenderReply(mail.from.address, mail.messageId || undefined));
  deps.log('mail from an unknown domain', { domain, messageId: mail.messageId, answered: answer });
  return outcome;
}

async function storeAttachments(mail: ParsedMail, prefix: string, deps: InboundDeps): Promise<Ticket['attachments']> {
  const stored = [];
  for (const [i, file] of mail.attachmentContents.entries()) {
    const key = `${prefix}${i + 1}-${file.filename.replace(/[^\w.-]+/g, '_')}`;
    await deps.mail.putAttachment(key, file.content, file.contentType);
    stored.push({ filename: file.filename, contentType: file.contentType, size: file.content.length, key });
  }
  return stored;
}

function rejected(reason: string, receipt: SesReceipt, deps: InboundDeps): InboundOutcome {
  deps.log('mail refused', { reason, sesMessageId: receipt.sesMessageId });
  return { kind: 'rejected', reason };
}
