/**
 * The decisions about an incoming e-mail that need no I/O: is it refused, may it act for an
 * organisation, which severity does a new ticket get, and what part of a reply is new text. Which
 * case it answers is `threading.ts`'s.
 */

import type { Policy } from '#shared/policy/policy.ts';

/** A received message after MIME parsing (see `functions/inbound-email/parse-mail.ts`). */
export interface InboundMail {
  readonly messageId: string;
  readonly from: { readonly address: string; readonly name?: string | undefined };
  readonly subject: string;
  /** Plain text; for HTML-only mail, the HTML converted to text. */
  readonly text: string;
  readonly inReplyTo?: string | undefined;
  readonly references: readonly string[];
  readonly attachments: ReadonlyArray<{ readonly filename: string; readonly contentType: string; readonly size: number }>;
  /** Sent by a program rather than a person (see `automaticMail`). */
  readonly automatic?: Automatic | undefined;
}

/**
 * `reply`: an automatic answer (out of office, a bounce), never a customer's message, and never to
 * be answered, or two robots write to each other forever. `generated`: mail a program sent on its
 * own (monitoring, lists); it may open a ticket, but gets no automatic answer from us either.
 */
export type Automatic = 'reply' | 'generated';

/** What RFC 3834 and the common vacation programs say about a message, from its headers (names in lower case). */
export function automaticMail(header: (name: string) => string | undefined, fromAddress: string): Automatic | undefined {
  const submitted = header('auto-submitted')?.split(';')[0]?.trim().toLowerCase();
  const precedence = header('precedence')?.trim().toLowerCase();
  const bounce = /^(mailer-daemon|postmaster)@/i.test(fromAddress) || header('return-path')?.trim() === '<>';
  const vacation = ['x-autoreply', 'x-autorespond', 'x-autoresponder'].some((name) => header(name) !== undefined);
  if (submitted === 'auto-replied' || precedence === 'auto_reply' || bounce || vacation) return 'reply';
  if ((submitted !== undefined && submitted !== 'no') || precedence === 'bulk' || precedence === 'junk' || precedence === 'list')
    return 'generated';
  return undefined;
}

export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/** SES's receipt verdicts, and the sender domain's DMARC policy. */
export interface Verdicts {
  readonly spam: Verdict;
  readonly virus: Verdict;
  readonly spf: Verdict;
  readonly dkim: Verdict;
  readonly dmarc: Verdict;
  readonly dmarcPolicy?: 'none' | 'quarantine' | 'reject' | undefined;
}

export type Rejection = 'virus' | 'spam' | 'dmarc' | 'too-large';

/**
 * Why a message must not be read at all, or `undefined` when it may: a virus or spam verdict, a
 * DMARC failure whose domain asks for rejection or quarantine, or its size. SES sets `dmarcPolicy`
 * only when DMARC fails, to the sending domain's policy: none, quarantine or reject
 * (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html).
 */
export function rejectionOf(verdicts: Verdicts, sizeBytes: number, maxBytes: number): Rejection | undefined {
  if (verdicts.virus === 'FAIL') return 'virus';
  if (verdicts.spam === 'FAIL') return 'spam';
  if (verdicts.dmarc === 'FAIL' && (verdicts.dmarcPolicy === 'reject' || verdicts.dmarcPolicy === 'quarantine')) return 'dmarc';
  if (sizeBytes > maxBytes) return 'too-large';
  return undefined;
}

/**
 * Why a message may not act for the organisation its From names, or `undefined` when it may: only
 * a DMARC PASS (SPF or DKIM aligned with the From domain) proves where it comes from. Anything
 * else (GRAY: the domain has no DMARC record; FAIL under `p=none`; PROCESSING_FAILED) is held
 * for an agent, not lost.
 */
export function unverifiedReason(verdicts: Verdicts): string | undefined {
  if (verdicts.dmarc === 'PASS') return undefined;
  const policy = verdicts.dmarc === 'FAIL' && verdicts.dmarcPolicy !== undefined ? ` (p=${verdicts.dmarcPolicy})` : '';
  return `DMARC ${verdicts.dmarc}${policy}; SPF ${verdicts.spf}, DKIM ${verdicts.dkim}`;
}

/** How much of a received message goes into the table: the whole message stays in S3, linked from the ticket. */
export const MAIL_LIMITS = {
  /** The API's limits for a subject, and for a description or message. */
  subject: 200,
  text: 20_000,
  /** Characters of HTML converted to text (the text keeps far fewer). */
  html: 1_000_000,
  attachments: 20,
  attachmentBytes: 10 * 1024 * 1024,
  filename: 200,
  /** RFC 5321's longest path, less its angle brackets. */
  address: 254,
} as const;

/** `text` cut to at most `max` UTF-16 code units, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Text for a ticket or message, within `max`: what was left out is named at the end, with where the full e-mail is. */
export function keptText(text: string, max: number, left: { cut: boolean; skipped: readonly string[]; rawKey: string }): string {
  const notes = [
    ...(left.cut ? [`[Shortened; the full e-mail is kept as ${left.rawKey}.]`] : []),
    ...(left.skipped.length > 0 ? [`[Attachments not kept (the full e-mail has them): ${clip(left.skipped.join(', '), 1_000)}.]`] : []),
  ];
  if (notes.length === 0) return clip(text, max);
  const note = `\n\n${notes.join('\n')}`;
  return `${clip(text, max - note.length).trimEnd()}${note}`;
}

/** The UTC day of an instant, `2026-03-02`. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * The severity of a ticket opened by e-mail: a subject tag the policy maps (`[urgent]`), else
 * the policy's e-mail severity, else its least severe one. The tag is taken out of the subject.
 */
export function severityOfMail(subject: string, policy: Policy): { severity: string; subject: string } {
  for (const [tag, severity] of Object.entries(policy.spec.tickets?.subjectTags ?? {})) {
    const at = subject.toLowerCase().indexOf(tag.toLowerCase());
    if (at >= 0) return { severity, subject: `${subject.slice(0, at)}${subject.slice(at + tag.length)}`.replace(/\s+/g, ' ').trim() };
  }
  return { severity: policy.spec.tickets?.emailSeverity ?? (policy.severities.at(-1) as string), subject: subject.trim() };
}

const QUOTE_HEADERS = [
  /^(On|Am|Le|El) .+(wrote|schrieb|a écrit|escribió):\s*$/i,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** The new part of a reply: quoted history (`>` lines, "On … wrote:", Outlook headers) and the signature are cut. */
export function newTextOfReply(text: string): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line === '-- ' || line === '--' || QUOTE_HEADERS.some((header) => header.test(line.trim()))) break;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

/** `Anna@Example.COM` → `example.com`. */
export function senderDomain(address: string): string {
  return (address.split('@').at(-1) ?? '').trim().toLowerCase();
}
