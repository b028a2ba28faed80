/**
 * Mail that names a customer's domain but did not prove it comes from there (no DMARC PASS). It
 * acts for nobody until an agent accepts it; then it becomes the ticket or message it would have
 * made. Nothing is lost: the raw message stays in S3 and the held item keeps what was read.
 */

import type { Ticket } from '#shared/tickets/ticket.ts';
import type { Page } from '#shared/tickets/ticket-store.ts';

/** What a received message says, as far as a ticket or a message needs it (already within `MAIL_LIMITS`). */
export interface MailForOrg {
  /** The idempotency key of the message: its Message-ID, else SES's id. */
  readonly scopeKey: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  /** Subject, text or HTML were shortened to fit. */
  readonly cut: boolean;
  /** Attachments over the limits, as `name (size)`. */
  readonly skipped: readonly string[];
  /** Where the raw message is (the S3 key SES wrote). */
  readonly rawKey: string;
  readonly rawBytes: number;
  /** The case it answers, from our thread ids or a `[#id]` tag. */
  readonly caseId?: number | undefined;
}

export type HeldMailStatus = 'held' | 'accepted' | 'rejected';
export const HELD_MAIL_STATUSES = ['held', 'accepted', 'rejected'] as const satisfies readonly HeldMailStatus[];

/** What accepting a held message made of it. */
export interface HeldMailOutcome {
  readonly kind: 'ticket' | 'message';
  readonly caseId: number;
}

export interface HeldMail extends MailForOrg {
  readonly id: string;
  /** Stored already, ready to list on a ticket. */
  readonly attachments: Ticket['attachments'];
  readonly receivedAt: number;
  readonly sesMessageId: string;
  /** The organisation whose domain the From names. */
  readonly org: string;
  /** Why it was held: the verdicts (`DMARC GRAY; SPF PASS, DKIM FAIL`). */
  readonly reason: string;
  readonly status: HeldMailStatus;
  readonly decidedBy?: string | undefined;
  readonly decidedAt?: number | undefined;
  readonly outcome?: HeldMailOutcome | undefined;
}

export interface HeldMailStore {
  /** Stores a held message; `false` if it was held before (SES or Lambda delivered the event again). */
  hold(mail: HeldMail): Promise<boolean>;
  getHeld(id: string): Promise<HeldMail | undefined>;
  /** Newest first. */
  listHeld(options: { status: HeldMailStatus; cursor?: string | undefined; limit: number }): Promise<Page<HeldMail>>;
  /** Records an agent's decision if the message is still held; `false` if someone decided first. */
  decide(id: string, decision: { status: 'accepted' | 'rejected'; by: string; at: number }): Promise<boolean>;
  /** What an accepted message became (written after the decision, so a retried accept finishes the work). */
  recordOutcome(id: string, outcome: HeldMailOutcome): Promise<void>;
}

export interface CourtesyReplies {
  /** `true` the first time it is asked for an address on a UTC day (`2026-03-02`), `false` after. */
  claimCourtesyReply(address: string, day: string): Promise<boolean>;
}

/** A held message's id: when SES received it and SES's id, `20260302T140000000Z-<ses id>`; it sorts by time. */
export function heldMailId(receivedAt: number, sesMessageId: string): string {
  return `${new Date(receivedAt).toISOString().replace(/[-:.]/g, '')}-${sesMessageId}`;
}

/** The parts of a held message's id, or `undefined` for anything that is not one. */
export function parseHeldMailId(id: string): { receivedAt: number; sesMessageId: string } | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([A-Za-z0-9-]{1,128})$/.exec(id);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, ms, sesMessageId] = match;
  const receivedAt = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  // A date that does not exist (month 13, 30 February) does not come back as written.
  return !Number.isNaN(receivedAt) && heldMailId(receivedAt, sesMessageId as string) === id
    ? { receivedAt, sesMessageId: sesMessageId as string }
    : undefined;
}
