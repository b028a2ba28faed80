/** Ports for mail. Adapters: S3 and SES v2 in `functions/lib`, local stand-ins in `infra/local`. */

export interface MailStore {
  /** The raw MIME of a received message (SES stored it before invoking us). */
  rawMessage(messageId: string): Promise<Buffer>;
  putAttachment(key: string, content: Buffer, contentType: string): Promise<void>;
}

export interface OutboundMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Our Message-ID, so a reply's In-Reply-To leads back to the case. */
  readonly messageId: string;
  readonly inReplyTo?: string | undefined;
  readonly caseId?: number | undefined;
}

export interface Mailer {
  send(mail: OutboundMail): Promise<void>;
}
