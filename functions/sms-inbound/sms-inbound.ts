/**
 * A text to our two-way number: an acknowledgement (`4a`, `a`), a resolve (`4c`), a keyword
 * (STOP, START, HELP) or something else. A code means a page to the number that sent it, and to
 * the person paged there: a reply from another number, or from the number after it went to someone
 * else, never touches that page. A bare `a` means the page last texted to the number. SNS
 * delivers at least once: each `inboundMessageId` is claimed before it acts, so a redelivery
 * neither acts nor answers again.
 *
 * Errors (not understood, unknown code) are answered at most once per number per
 * `ERROR_ANSWER_GAP_MS`: an auto-responder would otherwise trade texts with us for ever. A reply
 * that beats its own page onto the ticket (notify texts first and records the page after the
 * last delivery) is answered "reply again in a minute", and the message is done. The code is not
 * taken as proof of the page: it proves the SMS went out, not that the ticket records the page,
 * and `acknowledge()` works from the recorded page (the re-page planner plans from it); a minute
 * later the same reply finds it.
 *
 * Keywords: a number's opt-outs are managed by AWS unless it has self-managed opt-outs. Managed by
 * AWS, STOP and HELP are answered by AWS itself, which also keeps the opt-out list
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/opt-out-list.html, and `SelfManagedOptOutsEnabled`
 * in https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_PhoneNumberInformation.html):
 * we only mirror the opt-out in the directory and stay silent. START takes the number off SNS's
 * opt-out list with `OptInPhoneNumber`, which AWS allows once per 30 days per number
 * (https://docs.aws.amazon.com/sns/latest/api/API_OptInPhoneNumber.html); only then can an answer reach it.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { Directory, ReplyCode, ReplyCodes, SmsSender } from '#shared/oncall/ports.ts';
import { answerText, parseReply, type ReplyOutcome } from '#shared/oncall/reply-codes.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { acknowledgePage, resolveTicket } from '../lib/acknowledge-page.ts';

/** One inbound text, as End User Messaging publishes it (see handler.ts). */
export interface InboundSms {
  readonly inboundMessageId: string;
  /** The sender, E.164. */
  readonly from: string;
  readonly text: string;
}

/** Which inbound messages were (or are being) handled. */
export interface InboundSmsLog {
  /** `true` for the first claim of a message id, or when an earlier claim's handler died without finishing. */
  claim(messageId: string): Promise<boolean>;
  /** Handled: the id stays claimed for good (until its TTL). */
  finish(messageId: string): Promise<void>;
  /** Handling failed: the retry may claim it again. */
  release(messageId: string): Promise<void>;
  /** `true` if the number got no error answer within `gapMs` before `now` (and records this one). */
  claimErrorAnswer(number: string, now: number, gapMs: number): Promise<boolean>;
  /** Gives back the claim made at `at` (its answer could not be sent). */
  releaseErrorAnswer(number: string, at: number): Promise<void>;
}

/** An error answer to a number at most this often. */
export const ERROR_ANSWER_GAP_MS = 10 * 60_000;

export interface SmsInboundDeps {
  readonly store: TicketStore;
  readonly directory: Pick<Directory, 'getPerson' | 'personByNumber' | 'recordSmsEvent'>;
  readonly replyCodes: Pick<ReplyCodes, 'byCode' | 'latest'>;
  readonly sms: SmsSender;
  readonly handled: InboundSmsLog;
  /** Takes a number off SNS's opt-out list; `too-soon` when it was opted in within the last 30 days. */
  readonly optIn: (number: string) => Promise<'opted-in' | 'too-soon'>;
  /** The number's opt-outs are self-managed: we answer STOP and HELP, not AWS. */
  readonly selfManagedOptOuts: boolean;
  /** Our two-way number (E.164): texts to any other are not ours to answer. */
  readonly originationNumber: string;
  readonly now: () => number;
  /** How a ticket's policy is read (a preset's is compiled in); none: the compiled presets alone. */
  readonly policies: PolicyCatalog;
}

export type InboundOutcome =
  | { readonly kind: 'duplicate' }
  /** What the reply came to, and the answer sent (none: AWS answers it, or the sender is not in the directory). */
  | { readonly kind: 'handled'; readonly outcome: ReplyOutcome; readonly answer?: string };

export async function receiveSms(message: InboundSms, deps: SmsInboundDeps): Promise<InboundOutcome> {
  if (!(await deps.handled.claim(message.inboundMessageId))) return { kind: 'duplicate' };
  let errorAnswerAt: number | undefined;
  try {
    const { outcome, answer } = await act(message, deps);
    let text = answer ? answerText(outcome) : undefined;
    if (text !== undefined && (outcome.kind === 'not-understood' || outcome.kind === 'unknown-code')) {
      const at = deps.now();
      if (await deps.handled.claimErrorAnswer(message.from, at, ERROR_ANSWER_GAP_MS)) errorAnswerAt = at;
      else text = undefined;
    }
    if (text !== undefined) await deps.sms.send(message.from, text);
    await deps.handled.finish(message.inboundMessageId);
    return { kind: 'handled', outcome, ...(text !== undefined && { answer: text }) };
  } catch (error) {
    // The retry answers instead (if the answer was not sent, the number got none).
    if (errorAnswerAt !== undefined) await deps.handled.releaseErrorAnswer(message.from, errorAnswerAt);
    await deps.handled.release(message.inboundMessageId);
    throw error;
  }
}

async function act(message: InboundSms, deps: SmsInboundDeps): Promise<{ outcome: ReplyOutcome; answer: boolean }> {
  const reply = parseReply(message.text);
  const now = deps.now();
  switch (reply.kind) {
    case 'stop':
      await deps.directory.recordSmsEvent(message.from, 'opted-out', now);
      return { outcome: { kind: 'stopped' }, answer: deps.selfManagedOptOuts };
    case 'help':
      return { outcome: { kind: 'help' }, answer: deps.selfManagedOptOuts };
    case 'start': {
      // Opted out on SNS, the number can be sent nothing, not even this answer, until it is opted in;
      // opted in within the last 30 days, it stays opted out (and unanswerable) for now.
      if (!deps.selfManagedOptOuts && (await deps.optIn(message.from)) === 'too-soon')
        return { outcome: { kind: 'stopped' }, answer: false };
      const contact = await deps.directory.recordSmsEvent(message.from, 'opted-in', now);
      return { outcome: { kind: 'started' }, answer: contact !== undefined || deps.selfManagedOptOuts };
    }
    default:
      break;
  }
  // Anything else is for people in the directory only: a stranger's texts get no answers to run up.
  const holder = await deps.directory.personByNumber(message.from);
  if (holder === undefined) return { outcome: { kind: 'unknown-code' }, answer: false };
  if (reply.kind === 'unknown') return { outcome: { kind: 'not-understood' }, answer: true };
  const code =
    reply.kind === 'ack-latest'
      ? await deps.replyCodes.latest(message.from, now)
      : await deps.replyCodes.byCode(message.from, reply.n, now);
  // A page to the number's previous holder is not the new holder's to answer.
  if (code === undefined || code.person !== holder.id) return { outcome: { kind: 'unknown-code' }, answer: true };
  return { outcome: await (reply.kind === 'resolve' ? resolveByCode(code, deps) : ackByCode(code, deps)), answer: true };
}

async function ackByCode(code: ReplyCode, deps: SmsInboundDeps): Promise<ReplyOutcome> {
  const { caseId } = code;
  let result: Awaited<ReturnType<typeof acknowledgePage>>;
  try {
    result = await acknowledgePage(deps.store, { caseId, deadline: code.deadline, by: code.person }, 'sms', deps.now, deps.policies);
  } catch (error) {
    // The page's deadline is no longer on the ticket (re-planned): the code stands for nothing now.
    if (error instanceof DomainError && error.code === 'not_found') return { kind: 'unknown-code' };
    // Open, not acknowledged, yet no page recorded (acknowledgePage reads closed tickets before
    // acknowledge() can say so): notify has texted the page and not yet recorded it.
    if (error instanceof DomainError && error.code === 'conflict') return { kind: 'try-again', caseId };
    throw error;
  }
  switch (result.kind) {
    case 'acknowledged':
      return { kind: 'acknowledged', caseId };
    case 'already-acknowledged':
      return { kind: 'already-acknowledged', caseId, by: (await deps.directory.getPerson(result.first.by))?.name ?? result.first.by };
    case 'closed':
      return { kind: 'already-resolved', caseId };
    case 'no-ticket':
      return { kind: 'unknown-code' };
  }
}

async function resolveByCode(code: ReplyCode, deps: SmsInboundDeps): Promise<ReplyOutcome> {
  const { caseId } = code;
  const person = await deps.directory.getPerson(code.person);
  if (person?.agent !== true) return { kind: 'resolve-not-allowed', caseId };
  const result = await resolveTicket(deps.store, caseId, person.id, deps.now, deps.policies);
  if (result.kind === 'no-ticket') return { kind: 'unknown-code' };
  return { kind: result.kind === 'resolved' ? 'resolved' : 'already-resolved', caseId };
}
