/**
 * The ports through which on-call data is kept and SMS go out. The DynamoDB adapters live in
 * `functions/adapters/dynamo/`, the SNS one in `functions/adapters/`.
 */

import type { Page } from '#shared/tickets/ticket-store.ts';
import type { SmsContact } from './contact-methods.ts';
import type { Person } from './people.ts';
import type { RoleSchedule } from './schedule-schema.ts';
import type { PendingVerification } from './verification-codes.ts';

/** A person as read from the store: `version` counts their writes (optimistic concurrency). */
export interface StoredPerson extends Person {
  readonly version: number;
  readonly updatedAt: number;
}

export interface StoredSchedule {
  readonly schedule: RoleSchedule;
  readonly version: number;
  readonly updatedAt: number;
}

/** A write that creates (and fails with `conflict` if it exists) or replaces the version the caller read (else `version_conflict`). */
export type WriteCondition = { readonly mustBeNew: true } | { readonly expectedVersion: number };

/**
 * The staff directory and the roles' schedules. An SMS number belongs to one person at most (an
 * inbound reply is matched to its sender by number): a write that gives a person a number another
 * person holds fails with `conflict`, naming the number.
 */
export interface Directory {
  getPerson(id: string): Promise<StoredPerson | undefined>;
  /** The people of `ids` that exist, in the order of `ids` (one batched read). */
  getPeople(ids: readonly string[]): Promise<StoredPerson[]>;
  /** Everyone, by id, a page at a time. */
  listPeople(options: { readonly cursor?: string | undefined; readonly limit: number }): Promise<Page<StoredPerson>>;
  putPerson(person: Person, condition: WriteCondition, now: number): Promise<StoredPerson>;
  /** `false` if the person does not exist; `version_conflict` if they changed since `expectedVersion`. Their numbers are released. */
  deletePerson(id: string, expectedVersion: number): Promise<boolean>;
  /** Who holds this number (E.164). */
  personByNumber(number: string): Promise<StoredPerson | undefined>;
  /**
   * Records what happened to a number (its code was entered, it replied STOP or START, SNS lists it
   * as opted out) on the person who holds it; returns the contact as it now is, or `undefined` when
   * nobody holds the number. Retries its own version conflicts.
   */
  recordSmsEvent(number: string, event: 'verified' | 'opted-out' | 'opted-in', at: number): Promise<SmsContact | undefined>;
  /** The code last texted to a person's number and not yet entered, with the day's count of codes (kept a day past its expiry). */
  getVerification(personId: string, number: string): Promise<PendingVerification | undefined>;
  /**
   * Keeps a new code for the number in place of `replacing` (the one read before, or none);
   * `false`, with nothing written, when another code was kept since (of two requests at once, one
   * texts a code).
   */
  replaceVerification(personId: string, pending: PendingVerification, replacing: PendingVerification | undefined): Promise<boolean>;
  /**
   * Takes one try of the pending code in one atomic step, if it has tries left and has not expired
   * at `now`, and returns the code as it was just before: `checkVerification` of that decides
   * (`locked` or `expired` when no try was left to take), so parallel guesses never share a try.
   * `undefined` when no code is waiting.
   */
  takeVerificationTry(personId: string, number: string, now: number): Promise<PendingVerification | undefined>;
  /** Removes the pending code if it is still the one with this hash (a newer code stays). */
  deleteVerification(personId: string, number: string, hash: string): Promise<void>;
  getSchedule(role: string): Promise<StoredSchedule | undefined>;
  /** The schedules of `roles` that exist (one batched read). */
  getSchedules(roles: readonly string[]): Promise<Map<string, StoredSchedule>>;
  /** Every role's schedule (a role has one item; there are tens of roles, not thousands). */
  listSchedules(): Promise<StoredSchedule[]>;
  putSchedule(schedule: RoleSchedule, condition: WriteCondition, now: number): Promise<StoredSchedule>;
}

/** An SMS page's reply code: `n` in `Reply 4a to ack` means this page to this number. */
export interface ReplyCode {
  /** E.164. */
  readonly number: string;
  readonly code: number;
  readonly caseId: number;
  /** The deadline whose page it was (a step's, a re-page's or a bundle's member). */
  readonly deadline: string;
  /** Who was paged at the number. */
  readonly person: string;
  readonly sentAt: number;
  /** The code means nothing from this instant on, and may be handed out again. */
  readonly expiresAt: number;
}

export interface ReplyCodes {
  /**
   * The reply code for a page to a number: the one already given to the same (case, deadline,
   * number) if still live, else the smallest free one (see `allocateReplyCode`); `undefined` when
   * all are taken (the SMS then goes without one, and the e-mail's link still acknowledges).
   */
  allocate(page: Omit<ReplyCode, 'code'>, now: number): Promise<ReplyCode | undefined>;
  /** The live page a number's code stands for. */
  byCode(number: string, code: number, now: number): Promise<ReplyCode | undefined>;
  /** The live page sent to a number last (a bare `a` acknowledges it). */
  latest(number: string, now: number): Promise<ReplyCode | undefined>;
}

/** The keys of on-call's signatures: ack links (newest first: the first signs, all verify) and verification codes. */
export interface OncallKeys {
  readonly ackLinkKeys: readonly Uint8Array[];
  readonly verificationKey: Uint8Array;
}

/** Texts a number from our origination identity (transactional). */
export interface SmsSender {
  send(number: string, text: string): Promise<void>;
}
