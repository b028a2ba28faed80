/**
 * The decisions about an incoming e-mail that need no I/O: is it refused, which case does it
 * answer, which severity does a new ticket get, and what part of a reply is new text.
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

/** The Message-IDs a header lists (`References`, `In-Reply-To`), with or without spaces between them. */
export function messageIds(header: string | undefined): string[] {
  return header?.match(/<[^<>\s]+>/g) ?? [];
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

export type Rejection = 'virus' | 'spam' | 'dmarc' | 'spf-and-dkim' | 'too-large';

/** Why a message must not become a ticket or a message, or `undefined` when it may. */
export function rejectionOf(verdicts: Verdicts, sizeBytes: number, maxBytes: number): Rejection | undefined {
  if (verdicts.virus === 'FAIL') return 'virus';
  if (verdicts.spam === 'FAIL') return 'spam';
  if (verdicts.dmarc === 'FAIL' && (verdicts.dmarcPolicy === 'reject' || verdicts.dmarcPolicy === 'quarantine')) return 'dmarc';
  if (verdicts.spf === 'FAIL' && verdicts.dkim === 'FAIL') return 'spf-and-dkim';
  if (sizeBytes > maxBytes) return 'too-large';
  return undefined;
}

const CASE_TAG = /\[#(\d{1,12})\]/;

/** The case a subject quotes as `[#10001]`. */
export function caseIdInSubject(subject: string): number | undefined {
  const match = CASE_TAG.exec(subject);
  return match === null ? undefined : Number(match[1]);
}

/** The subject line we put on mail about a case, so replies thread back; another case's tag is replaced. */
export function caseSubject(caseId: number, subject: string): string {
  const tag = `[#${caseId}]`;
  if (subject.includes(tag)) return subject;
  const untagged = subject.replace(new RegExp(CASE_TAG.source, 'g'), '').replace(/\s+/g, ' ').trim();
  return `${tag} ${untagged}`;
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
