/**
 * Raw MIME → InboundMail, with postal-mime: RFC 2047 headers, quoted-printable, base64, every
 * charset of the WHATWG Encoding Standard (through `TextDecoder`), attachments. It is small
 * enough for the function's cold start, where mailparser's charset tables doubled it.
 */

import PostalMime, { type Address, addressParser } from 'postal-mime';
import { automaticMail, clip, type InboundMail, MAIL_LIMITS } from '#shared/email/inbound-mail.ts';
import { messageIds } from '#shared/email/threading.ts';
// postal-mime converts HTML to text only when a message also has a plain part; for HTML-only
// mail we call its converter ourselves. It is not among the package's exports, so the module
// is imported by path (the version is pinned, and a test covers the conversion).
import { htmlToText } from '../../node_modules/postal-mime/dist/esm/text-format.js';

/**
 * A message within `MAIL_LIMITS`: subject and text shortened (`cut`), at most so many attachments
 * of at most so many bytes kept (the others named in `skipped`). The raw message has it all.
 */
export interface ParsedMail extends InboundMail {
  readonly attachmentContents: ReadonlyArray<{ readonly filename: string; readonly contentType: string; readonly content: Buffer }>;
  /** How many mailboxes the From header(s) name: a message from several people speaks for none of them. */
  readonly fromMailboxes: number;
  readonly cut: boolean;
  readonly skipped: readonly string[];
}

/** A message over postal-mime's limits: MIME nested deeper than 256 parts, or more than 2 MiB of headers. */
export class UnreadableMail extends Error {}

const OVER_LIMITS = /^Maximum (MIME nesting depth|header size) of \d+ .* exceeded$/;

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' }).catch((error: unknown) => {
    throw error instanceof Error && OVER_LIMITS.test(error.message) ? new UnreadableMail(error.message) : error;
  });
  // Calendar parts come back re-encoded as UTF-8 (a Uint8Array), every other part as its bytes.
  const files = parsed.attachments.map((a, i) => ({
    filename: clip(a.filename ?? `attachment-${i + 1}`, MAIL_LIMITS.filename),
    contentType: clip(a.mimeType, 100),
    content: a.content instanceof Uint8Array ? Buffer.from(a.content) : Buffer.from(a.content as ArrayBuffer),
  }));
  const kept = files.filter((file) => file.content.length <= MAIL_LIMITS.attachmentBytes).slice(0, MAIL_LIMITS.attachments);
  const left = files.filter((file) => !kept.includes(file)).map((file) => `${file.filename} (${file.content.length} bytes)`);
  const skipped =
    left.length > MAIL_LIMITS.attachments
      ? [...left.slice(0, MAIL_LIMITS.attachments), `${left.length - MAIL_LIMITS.attachments} more`]
      : left;
  const from = firstMailbox(parsed.from);
  const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
  const subject = parsed.subject ?? '';
  const html = parsed.html ?? '';
  // An HTML mail's plain alternative may be empty; the HTML then says what was written.
  const text = parsed.text?.trim() || (html === '' ? '' : textOfHtml(clip(html, MAIL_LIMITS.html)).trim());
  return {
    // A Message-ID longer than a mail line may be (RFC 5322: 998) is no id; SES's id stands in for it.
    messageId: (parsed.messageId ?? '').length > 998 ? '' : (parsed.messageId ?? ''),
    from,
    fromMailboxes: parsed.headers.filter((h) => h.key === 'from').reduce((n, h) => n + mailboxesIn(h.value), 0),
    subject: clip(subject, MAIL_LIMITS.subject),
    text: clip(text, MAIL_LIMITS.text),
    cut: subject.length > MAIL_LIMITS.subject || text.length > MAIL_LIMITS.text || (!parsed.text?.trim() && html.length > MAIL_LIMITS.html),
    skipped,
    inReplyTo: messageIds(parsed.inReplyTo)[0],
    references: messageIds(parsed.references).slice(0, 100),
    attachments: kept.map(({ filename, contentType, content }) => ({ filename, contentType, size: content.length })),
    attachmentContents: kept,
    automatic: automaticMail(header, from.address),
  };
}

function mailboxesIn(header: string): number {
  return addressParser(header).reduce((n, address) => n + ('group' in address ? (address.group?.length ?? 0) : 1), 0);
}

/**
 * postal-mime's converter breaks lines at paragraphs, divs and table cells; here list items and
 * headings get their own lines too, and style sheets in the body (which it would keep) go.
 */
function textOfHtml(html: string): string {
  const prepared = withoutStyleSheets(html).replace(/<(?=(?:li|\/?h[1-6])\b)/gi, '<br><');
  return withoutTrailingBlanks(htmlToText(prepared));
}

/**
 * `html` without `<style …>…</style>` blocks, in one forward pass: each `<` is looked at once
 * (`onTag` counts them, for a test). A regular expression with a lazy `[\s\S]*?` rescans the rest
 * of the text from every `<style` that has no closing tag, which took over 30 s for 1 MB of them.
 * As with that expression, a `<style` without a closing tag after it is left in place.
 */
export function withoutStyleSheets(html: string, onTag: () => void = () => {}): string {
  const parts: string[] = [];
  let copied = 0;
  let opened = -1;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    onTag();
    if (opened < 0) {
      if (startsTag(html, at, '<style')) opened = at;
      continue;
    }
    if (!startsTag(html, at, '</style')) continue;
    let end = at + '</style'.length;
    while (end < html.length && /\s/.test(html.charAt(end))) end++;
    if (html.charAt(end) !== '>') continue;
    parts.push(html.slice(copied, opened));
    copied = end + 1;
    opened = -1;
  }
  parts.push(html.slice(copied));
  return parts.join('');
}

/** `<style` (any case) at `at`, not followed by a word character (`<styles` is another tag). */
function startsTag(html: string, at: number, name: string): boolean {
  return html.slice(at, at + name.length).toLowerCase() === name && !/\w/.test(html.charAt(at + name.length));
}

/** Spaces and tabs at line ends removed, in linear time (`/[ \t]+$/gm` rescans a long run of spaces from each of them). */
function withoutTrailingBlanks(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let end = line.length;
      while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
      return line.slice(0, end);
    })
    .join('\n');
}

function firstMailbox(from: Address | undefined): { address: string; name?: string } {
  const mailbox = from !== undefined && 'group' in from ? from.group?.[0] : from;
  return { address: (mailbox?.address ?? '').toLowerCase(), ...(mailbox?.name ? { name: mailbox.name } : {}) };
}
