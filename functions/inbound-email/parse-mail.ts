/**
 * Raw MIME → InboundMail, with postal-mime: RFC 2047 headers, quoted-printable, base64, every
 * charset of the WHATWG Encoding Standard (through `TextDecoder`), attachments. It is small
 * enough for the function's cold start, where mailparser's charset tables doubled it.
 */

import PostalMime, { type Address } from 'postal-mime';
import { automaticMail, type InboundMail, messageIds } from '#shared/email/inbound-mail.ts';
// postal-mime converts HTML to text only when a message also has a plain part; for HTML-only
// mail we call its converter ourselves. It is not among the package's exports, so the module
// is imported by path (the version is pinned, and a test covers the conversion).
import { htmlToText } from '../../node_modules/postal-mime/dist/esm/text-format.js';
import { once } from '../lib/once.ts';

export interface ParsedMail extends InboundMail {
  readonly attachmentContents: ReadonlyArray<{ readonly filename: string; readonly contentType: string; readonly content: Buffer }>;
}

/** A message over postal-mime's limits: MIME nested deeper than 256 parts, or more than 2 MiB of headers. */
export class UnreadableMail extends Error {}

const OVER_LIMITS = /^Maximum (MIME nesting depth|header size) of \d+ .* exceeded$/;

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  repairWindows1252();
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' }).catch((error: unknown) => {
    throw error instanceof Error && OVER_LIMITS.test(error.message) ? new UnreadableMail(error.message) : error;
  });
  // Calendar parts come back re-encoded as UTF-8 (a Uint8Array), every other part as its bytes.
  const attachments = parsed.attachments.map((a, i) => ({
    filename: a.filename ?? `attachment-${i + 1}`,
    contentType: a.mimeType,
    content: a.content instanceof Uint8Array ? Buffer.from(a.content) : Buffer.from(a.content as ArrayBuffer),
  }));
  const from = firstMailbox(parsed.from);
  const header = (name: string) => parsed.headers.find((h) => h.key === name)?.value;
  return {
    messageId: parsed.messageId ?? '',
    from,
    subject: parsed.subject ?? '',
    // An HTML mail's plain alternative may be empty; the HTML then says what was written.
    text: parsed.text?.trim() || (parsed.html === undefined ? '' : textOfHtml(parsed.html).trim()),
    inReplyTo: messageIds(parsed.inReplyTo)[0],
    references: messageIds(parsed.references),
    attachments: attachments.map(({ filename, contentType, content }) => ({ filename, contentType, size: content.length })),
    attachmentContents: attachments,
    automatic: automaticMail(header, from.address),
  };
}

/**
 * postal-mime's converter breaks lines at paragraphs, divs and table cells; here list items and
 * headings get their own lines too, and style sheets in the body (which it would keep) go.
 */
function textOfHtml(html: string): string {
  const prepared = html.replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/<(?=(?:li|\/?h[1-6])\b)/gi, '<br><');
  return htmlToText(prepared).replace(/[ \t]+$/gm, '');
}

function firstMailbox(from: Address | undefined): { address: string; name?: string } {
  const mailbox = from !== undefined && 'group' in from ? from.group?.[0] : from;
  return { address: (mailbox?.address ?? '').toLowerCase(), ...(mailbox?.name ? { name: mailbox.name } : {}) };
}

/**
 * Node 20.18.3 and later decode windows-1252 (the charset that mail labelled iso-8859-1 or
 * us-ascii also resolves to) as Latin-1 unless streaming, so € and curly quotes (0x80–0x9F)
 * come out as control characters (nodejs/node#60888; Node 24.21 decodes them right).
 * postal-mime decodes through the global `TextDecoder`; where the bug shows, that becomes a
 * subclass which decodes windows-1252 in streaming mode, which takes the correct path. Checked
 * once per process, on the first mail.
 */
const repairWindows1252 = once((): void => {
  if (new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '€') return;
  class Windows1252Decoder extends TextDecoder {
    override decode(...[input, options]: Parameters<InstanceType<typeof TextDecoder>['decode']>): string {
      if (this.encoding !== 'windows-1252' || options?.stream === true) return super.decode(input, options);
      return super.decode(input, { stream: true }) + super.decode();
    }
  }
  globalThis.TextDecoder = Windows1252Decoder;
});
