/** Ports for mail. Adapters: S3 and SES v2 in `functions/adapters`, local stand-ins in `infra/local/lib`. */

export interface MailStore {
  /** The raw MIME of a received message (SES stored it before invoking us). */
  rawMessage(messageId: string): Promise<Buffer>;
  /** Where that raw message is kept (the S3 key), for a ticket to link to. */
  rawKey(messageId: string): string;
  putAttachment(key: string, content: Buffer, contentType: string): Promise<void>;
}

export interface OutboundMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /**
   * Threading. The mail's own Message-ID is SES's to assign (it overrides ours), so replies find
   * their case through the ids we quote here, which mail clients copy into their References.
   */
  readonly inReplyTo?: string | undefined;
  readonly references: readonly string[];
  readonly caseId?: number | undefined;
  /** Written by us, not by a person (acknowledgements, courtesy replies): marked so that auto-responders stay silent. */
  readonly automatic?: boolean | undefined;
  /** A page to a person on call: who and for which role (headers `X-Sla-Person`, `X-Sla-Role`, for mail filters). */
  readonly paged?: { readonly person: string; readonly role: string } | undefined;
}

export interface Mailer {
  send(mail: OutboundMail): Promise<void>;
}

/**
 * What one queued mail may hold, so that its outbox item (recipients, the recipients already sent,
 * subject and text; at most 4 bytes a character) stays far below DynamoDB's 400 KB item limit.
 * A mail for more people is queued as several (maintenance notices: one per org, at most 20 contacts).
 */
export const QUEUED_MAIL_LIMITS = { recipients: 50, address: 320, subject: 1_000, text: 60_000 } as const;

/** A contract e-mail (usage alert, tier review, maintenance notice) to queue for sending. */
export interface QueuedMail {
  /** Deterministic (`usage:<org>:<period>:80`): a mail whose id was queued before is not queued again. */
  readonly id: string;
  /** At most `QUEUED_MAIL_LIMITS.recipients`. */
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly org?: string | undefined;
  /** What the mail is about (`usage-alert`, `tier-review`, `notice`…), for logs and filters. */
  readonly kind: string;
}

/** Where contract e-mail is queued; outbound-mail sends it (adapter: the table, `mail-outbox.ts`). */
export interface MailOutbox {
  queue(mails: readonly QueuedMail[]): Promise<void>;
}
