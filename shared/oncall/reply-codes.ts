/**
 * Acknowledging a page by replying to its SMS, GoAlert-style. Each open page to a number carries a
 * short code `n`, the smallest not used by that number's other open pages, so codes stay one or
 * two digits and the same code means different pages for different people: `Reply 4a to ack, 4c to
 * resolve`. A bare `a` acknowledges the latest page sent to the number.
 *
 * Carrier keywords are single words, as AWS End User Messaging SMS reads them (case-insensitive,
 * the whole message): the opt-out words AWS honours (ARRET, CANCEL, END, OPT-OUT, OPTOUT, QUIT,
 * REMOVE, STOP, TD, UNSUBSCRIBE, https://docs.aws.amazon.com/sms-voice/latest/userguide/keywords-required.html,
 * and STOPALL as carriers add), START/UNSTOP to opt back in (the toll-free resubscribe words,
 * same page), and HELP/INFO, which every long and short code must answer
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/keywords.html). "please stop" is not a
 * keyword there, nor here.
 */

import { composeSms } from '#shared/sla/sms-text.ts';

/** Codes run 1–99: two digits at most, as a tired person types them. */
export const MAX_REPLY_CODE = 99;

/** The smallest code from 1 that none of the number's open pages uses, or `undefined` when all 99 are taken. */
export function allocateReplyCode(openCodes: Iterable<number>): number | undefined {
  const used = new Set(openCodes);
  for (let n = 1; n <= MAX_REPLY_CODE; n++) if (!used.has(n)) return n;
  return undefined;
}

/** The line an SMS page ends with. */
export function replyHint(n: number): string {
  return `Reply ${n}a to ack, ${n}c to resolve`;
}

export type Reply =
  | { readonly kind: 'ack' | 'resolve'; readonly n: number }
  | { readonly kind: 'ack-latest' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'start' }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown' };

const STOP_WORDS = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'arret', 'optout', 'remove', 'td']);
const START_WORDS = new Set(['start', 'unstop']);
const HELP_WORDS = new Set(['help', 'info']);
const ACK_WORDS = new Set(['a', 'ack', 'acknowledge']);
const RESOLVE_WORDS = new Set(['c', 'close', 'resolve']);
/** `4a`, `4 a`, `4 ack`, `04c`: a code and an action. */
const CODED = /^(\d{1,3}) ?([a-z]+)$/;

/** What a reply asks for; case, spaces, quotes and punctuation do not matter (`'4A.'`, ` 4 a `, `Opt-Out`). */
export function parseReply(text: string): Reply {
  if (text.length > 160) return { kind: 'unknown' };
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .trim()
    .replace(/\s+/g, ' ');
  if (STOP_WORDS.has(words)) return { kind: 'stop' };
  if (START_WORDS.has(words)) return { kind: 'start' };
  if (HELP_WORDS.has(words)) return { kind: 'help' };
  if (ACK_WORDS.has(words)) return { kind: 'ack-latest' };
  const coded = CODED.exec(words);
  if (coded === null) return { kind: 'unknown' };
  const n = Number(coded[1]);
  const action = coded[2] ?? '';
  if (n < 1 || n > MAX_REPLY_CODE) return { kind: 'unknown' };
  if (ACK_WORDS.has(action)) return { kind: 'ack', n };
  if (RESOLVE_WORDS.has(action)) return { kind: 'resolve', n };
  return { kind: 'unknown' };
}

/** What came of a reply, to answer it. */
export type ReplyOutcome =
  | { readonly kind: 'acknowledged'; readonly caseId: number }
  | { readonly kind: 'already-acknowledged'; readonly caseId: number; readonly by: string }
  | { readonly kind: 'resolved'; readonly caseId: number }
  | { readonly kind: 'already-resolved'; readonly caseId: number }
  /** Resolving by SMS is for agents only. */
  | { readonly kind: 'resolve-not-allowed'; readonly caseId: number }
  /** No open page to this number has that code (or none at all for a bare `a`): says nothing of any ticket. */
  | { readonly kind: 'unknown-code' }
  | { readonly kind: 'not-understood' }
  /** The page is being sent right now (its ticket does not record it yet): the same reply works in a moment. */
  | { readonly kind: 'try-again'; readonly caseId: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'started' };

const HELP = 'SLA pages: reply 4a to ack or 4c to resolve page 4, a to ack the latest, STOP to end SMS pages, START to resume.';

/** The answer SMS: GSM-7 and at most 140 characters. */
export function answerText(outcome: ReplyOutcome): string {
  switch (outcome.kind) {
    case 'acknowledged':
      return `Acknowledged case ${outcome.caseId}; its repeat pages stop.`;
    case 'already-acknowledged':
      // A person's name is typed by an administrator: sanitised and cut by composeSms.
      return composeSms(`Case ${outcome.caseId} was already acknowledged by `, outcome.by);
    case 'resolved':
      return `Resolved case ${outcome.caseId}.`;
    case 'already-resolved':
      return `Case ${outcome.caseId} is already resolved.`;
    case 'resolve-not-allowed':
      return `Sorry, only agents can resolve case ${outcome.caseId} by SMS. Reply with its a code to ack it instead.`;
    case 'unknown-code':
      return 'Sorry, that code matches no open page sent to this number. Reply HELP for the codes.';
    case 'not-understood':
      return 'Sorry, that reply was not understood. Reply HELP for the codes.';
    case 'try-again':
      return `Case ${outcome.caseId}'s page is still going out. Reply again in a minute.`;
    case 'help':
      return HELP;
    case 'stopped':
      return 'You will get no more SMS pages at this number. Reply START to get them again.';
    case 'started':
      return 'SMS pages to this number are on again. Reply STOP to end them.';
  }
}
