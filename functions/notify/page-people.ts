/**
 * Pages to people: a role resolves, at send time, to the people on call (or, for the page after
 * the last unacknowledged re-page, to the next person in the rotation); each person gets the page
 * on every channel `deliverableMethods` allows (`page`: each verified number and the e-mail;
 * `notice`: the e-mail only), each (ticket, deadline, person, channel) once under a delivery lease.
 * Skipped numbers (opted out, unverified) are named on the timeline and the page falls through to
 * the person's other methods, e-mail always remaining.
 *
 * SMS: the notice's text cut to leave room for the reply code's hint, one GSM-7 part (with
 * `smsAckLinks` also the ack link, then possibly two parts), sent or held by the throttle. E-mail:
 * the notice's text, the signed ack link and the reply codes.
 */

import type { Mailer } from '#shared/email/ports.ts';
import { type AckLink, signAckLink } from '#shared/oncall/ack-link.ts';
import { type ContactChannel, deliverableMethods } from '#shared/oncall/contact-methods.ts';
import type { Directory, ReplyCodes, StoredPerson } from '#shared/oncall/ports.ts';
import { replyHint } from '#shared/oncall/reply-codes.ts';
import { nextInRotation, whoIsOnCall } from '#shared/oncall/rotation.ts';
import type { Deadline } from '#shared/sla/deadline.ts';
import type { Notice } from '#shared/sla/notices.ts';
import { composeSms, SMS_MAX } from '#shared/sla/sms-text.ts';
import type { Delivery, Ticket } from '#shared/tickets/ticket.ts';
import { type DeliveryLease, type DeliveryLog, deliveryRecipient } from '#shared/tickets/ticket-store.ts';
import { readableSchedules } from '../lib/readable-schedules.ts';
import { type SmsPaging, type StillWanted, textPage } from './sms-pages.ts';

export interface PeoplePaging extends SmsPaging {
  readonly directory: Pick<Directory, 'getSchedules' | 'getSchedule' | 'getPeople' | 'personByNumber'>;
  readonly replyCodes: ReplyCodes;
  readonly mailer: Mailer;
  /** Reads the ack-link keys, newest first (the first signs): only when a page with a link is composed. */
  readonly ackLinkKeys: () => Promise<readonly Uint8Array[]>;
  /** The console's origin: ack links are `${consoleUrl}/ack/<token>`. */
  readonly consoleUrl: string;
  /** SMS pages also carry the ack link (then they may take two parts). */
  readonly smsAckLinks: boolean;
  /** Logs what went wrong without stopping the page (an unreadable secret, a schedule that fails its schema). */
  readonly warn?: ((message: string, detail: Record<string, unknown>) => void) | undefined;
}

/** How long a page's ack link and reply codes stand for it. */
export const ACK_LINK_TTL_MS = 24 * 3_600_000;

/** Another run is sending this delivery right now; failing makes Lambda retry the invocation later. */
export class DeliveryHeld extends Error {
  constructor(caseId: number, deadlineId: string, recipient: string) {
    super(`case ${caseId} ${deadlineId} → ${recipient}: another run holds the delivery; retry later`);
    this.name = 'DeliveryHeld';
  }
}

/**
 * The people each role's page goes to now, in the directory's order (roles without anyone: absent),
 * and the roles whose stored schedule fails its schema (`unreadable`: paged as with nobody on call).
 */
export async function peopleOnCall(
  paging: Pick<PeoplePaging, 'directory' | 'warn'>,
  roles: readonly string[],
  deadline: Pick<Deadline, 'escalateTo'>,
  now: number,
): Promise<{ onCall: Map<string, StoredPerson[]>; unreadable: ReadonlyMap<string, string> }> {
  const { directory } = paging;
  const wanted = [...new Set(roles)];
  const { schedules, unreadable } = await readableSchedules(directory, wanted, async () => (await directory.getSchedules(wanted)).values());
  for (const [role, problem] of unreadable)
    paging.warn?.('stored schedule fails its schema: the role is paged on its topic', { role, problem });
  const ids = new Map<string, string[]>();
  for (const [role, stored] of schedules) {
    const next = deadline.escalateTo === 'next-in-rotation' ? nextInRotation(stored.schedule, now) : undefined;
    ids.set(role, next === undefined ? whoIsOnCall(stored.schedule, now) : [next]);
  }
  const people = await directory.getPeople([...new Set([...ids.values()].flat())]);
  const byId = new Map(people.map((person) => [person.id, person]));
  const onCall = new Map<string, StoredPerson[]>();
  for (const [role, list] of ids) {
    const found = list.flatMap((id) => byId.get(id) ?? []);
    if (found.length > 0) onCall.set(role, found);
  }
  return { onCall, unreadable };
}

export interface PersonPage {
  readonly ticket: Ticket;
  readonly deadline: Pick<Deadline, 'id'>;
  readonly notice: Notice;
  readonly person: StoredPerson;
  /** The recipients this deadline was delivered to already. */
  readonly sent: ReadonlySet<string>;
  readonly lease: DeliveryLease;
  readonly now: number;
}

/** Sends one notice to one person on each channel it may use; returns the timeline's deliveries. */
export async function pagePerson(
  deps: PeoplePaging & { readonly store: DeliveryLog },
  page: PersonPage,
  stillWanted: StillWanted,
): Promise<Delivery[]> {
  const { ticket, deadline, notice, person, now } = page;
  const { channels, skipped } = deliverableMethods(person);
  const paging = notice.delivery === 'page';
  const out: Delivery[] = [];
  const base = { role: notice.role, person: person.id };
  if (paging) for (const { channel, reason } of skipped) out.push({ ...base, ...where(channel), skipped: reason });
  const used = channels.filter((channel) => paging || channel.kind === 'email');
  const failures = new Failures();
  const link = lazyLink(deps, { caseId: ticket.caseId, deadlineId: deadline.id, personId: person.id, expiresAt: now + ACK_LINK_TTL_MS });
  // Codes first (the e-mail names them); `allocate` gives the same code again on a retry.
  const codes = new Map<string, number>();
  // A number whose code could not be allocated is not texted this run: the retry texts it, with its code.
  const uncoded = new Set<string>();
  for (const channel of used) {
    if (channel.kind !== 'sms') continue;
    const allocation = deps.replyCodes.allocate(
      {
        number: channel.number,
        caseId: ticket.caseId,
        deadline: deadline.id,
        person: person.id,
        sentAt: now,
        expiresAt: now + ACK_LINK_TTL_MS,
      },
      now,
    );
    const code = await failures.attempt(async () => ({ allocated: await allocation }));
    if (code === undefined) uncoded.add(channel.number);
    else if (code.allocated !== undefined) codes.set(channel.number, code.allocated.code);
  }
  // Each channel is tried even when another failed (the e-mail always goes out); the first failure is thrown at the end.
  for (const channel of used) {
    if (channel.kind === 'sms' && uncoded.has(channel.number)) continue;
    const recipient = deliveryRecipient(person.id, channel);
    const held = await failures.attempt(async () => {
      const sent = await deliverOnce(deps.store, { caseId: ticket.caseId, deadlineId: deadline.id, recipient, ...page }, async () => {
        if (channel.kind === 'sms') {
          const text = smsText(notice.sms, codes.get(channel.number), deps.smsAckLinks ? await link() : undefined);
          const sms = { caseId: ticket.caseId, deadline: deadline.id, person: person.id, code: codes.get(channel.number), text };
          return (await textPage(deps, channel.number, sms, now, stillWanted)) === 'held';
        }
        await deps.mailer.send({
          to: channel.address,
          subject: notice.subject,
          text: emailText(notice.email, await link(), [...codes.values()]),
          references: [],
          caseId: ticket.caseId,
          automatic: true,
          paged: { person: person.id, role: notice.role },
        });
        return false;
      });
      return sent ?? false;
    });
    if (held !== undefined) out.push({ ...base, ...where(channel), ...(held && { held: true }) });
  }
  failures.rethrow();
  return out;
}

/**
 * Sends to one recipient of a deadline at most once: under a lease on its delivery record
 * (`DeliveryLog`), given back when the send fails, marked sent after it. `undefined`: it was sent
 * already (by an earlier run, or `sent` says so); else what `send` answered.
 */
export async function deliverOnce<T>(
  store: DeliveryLog,
  delivery: { caseId: number; deadlineId: string; recipient: string; sent: ReadonlySet<string>; lease: DeliveryLease },
  send: () => Promise<T>,
): Promise<T | undefined> {
  const { caseId, deadlineId, recipient, lease } = delivery;
  if (delivery.sent.has(recipient)) return undefined;
  const claim = await store.claimDelivery(caseId, deadlineId, recipient, lease);
  if (claim === 'held') throw new DeliveryHeld(caseId, deadlineId, recipient);
  if (claim === 'sent') return undefined;
  let result: T;
  try {
    result = await send();
  } catch (error) {
    await store.releaseDelivery(caseId, deadlineId, recipient, lease.owner);
    throw error;
  }
  // `false`: our lease ran out and another run took it over; it sends (or sent) the same page.
  await store.markDelivered(caseId, deadlineId, recipient, lease.owner);
  return result;
}

/**
 * Runs each step even after one failed, keeping the first failure to throw once all were tried;
 * except `DeliveryHeld`, thrown at once: another run is carrying out this deadline right now.
 */
export class Failures {
  private first: { error: unknown } | undefined;

  /** The step's result, or `undefined` when it threw (remembered). */
  async attempt<T>(step: () => Promise<T>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof DeliveryHeld) throw error;
      this.first ??= { error };
      return undefined;
    }
  }

  /** Throws the first failure, if any: Lambda retries the run, and the delivery records keep what went out from going twice. */
  rethrow(): void {
    if (this.first !== undefined) throw this.first.error;
  }
}

/**
 * The page's signed ack link, reading the keys on first use only (a page that carries no link
 * never needs the secret); `undefined` when they cannot be read: the page goes out without it.
 */
function lazyLink(deps: PeoplePaging, ack: AckLink): () => Promise<string | undefined> {
  let link: Promise<string | undefined> | undefined;
  return () => {
    link ??= deps.ackLinkKeys().then(
      (keys) => `${deps.consoleUrl}/ack/${signAckLink(ack, keys[0] as Uint8Array)}`,
      (error: unknown) => {
        deps.warn?.('ack-link keys unreadable: the page goes out without its link', { caseId: ack.caseId, error: String(error) });
        return undefined;
      },
    );
    return link;
  };
}

function where(channel: ContactChannel): { channel: 'sms' | 'email'; to: string } {
  return channel.kind === 'sms' ? { channel: 'sms', to: channel.number } : { channel: 'email', to: channel.address };
}

/** The notice's SMS cut to leave room for the reply hint, so the page stays one part; the ack link, if asked for, after it. */
export function smsText(noticeSms: string, code: number | undefined, link: string | undefined): string {
  const hint = code === undefined ? undefined : replyHint(code);
  const body = hint === undefined ? noticeSms : `${composeSms(noticeSms, '', SMS_MAX - hint.length - 1)} ${hint}`;
  return link === undefined ? body : `${body} ${link}`;
}

function emailText(noticeEmail: string, link: string | undefined, codes: readonly number[]): string {
  const reply = codes.length === 0 ? [] : [`Or reply ${codes.map((n) => `${n}a`).join(' / ')} to the SMS page to acknowledge it.`];
  if (link === undefined) return [noticeEmail, '', 'Acknowledge by SMS reply or in the console.', ...reply].join('\n');
  return [noticeEmail, '', `Acknowledge this page (one click): ${link}`, ...reply].join('\n');
}
