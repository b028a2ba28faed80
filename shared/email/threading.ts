/**
 * How mail finds its case, both ways: the subject tag and thread root we put on mail about a case,
 * and the case a received message answers, read back from its headers and its subject.
 */

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
 * `<case-10001@support.example>`: a case's thread root. No mail has it as its Message-ID (SES
 * assigns those); every mail about the case quotes it in References, so a reply to any of them
 * quotes it too, as with GitHub's notification mail.
 */
export function caseThreadId(caseId: number, domain: string): string {
  return `<case-${caseId}@${domain}>`;
}

/** The Message-IDs a header lists (`References`, `In-Reply-To`), with or without spaces between them. */
export function messageIds(header: string | undefined): string[] {
  return header?.match(/<[^<>\s]+>/g) ?? [];
}

/**
 * The case a reply belongs to, from the Message-IDs it quotes (In-Reply-To, References): a case's
 * thread root `<case-10001@support.example>`, or `<case-10001-3@support.example>` from mail sent
 * before SES assigned our Message-IDs. Only ids of our own domain count.
 */
export function caseIdFromMessageIds(ids: readonly (string | undefined)[], domain: string): number | undefined {
  for (const id of ids) {
    const match = id === undefined ? null : /^<case-(\d{1,12})(?:-\d+)?@([^>]+)>$/.exec(id.trim());
    if (match !== null && match[2]?.toLowerCase() === domain.toLowerCase()) return Number(match[1]);
  }
  return undefined;
}

/** The threading parts of a received message. */
interface ThreadedMail {
  readonly subject: string;
  readonly inReplyTo?: string | undefined;
  readonly references: readonly string[];
}

/** The case a received message answers: our own thread ids first (they cannot be stale), else the subject's tag. */
export function caseIdOfMail(mail: ThreadedMail, domain: string): number | undefined {
  return caseIdFromMessageIds([mail.inReplyTo, ...mail.references], domain) ?? caseIdInSubject(mail.subject);
}
