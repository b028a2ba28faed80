/** Raw MIME → InboundMail, with mailparser (RFC 2047 headers, quoted-printable, base64, HTML-only bodies). */

import { type AddressObject, simpleParser } from 'mailparser';
import type { InboundMail } from '#shared/email/inbound-mail.ts';

export interface ParsedMail extends InboundMail {
  readonly attachmentContents: ReadonlyArray<{ readonly filename: string; readonly contentType: string; readonly content: Buffer }>;
}

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = firstAddress(parsed.from);
  const attachments = parsed.attachments.map((a, i) => ({
    filename: a.filename ?? `attachment-${i + 1}`,
    contentType: a.contentType,
    content: a.content,
  }));
  return {
    messageId: parsed.messageId ?? '',
    from,
    subject: parsed.subject ?? '',
    text: (parsed.text ?? '').trim(),
    inReplyTo: parsed.inReplyTo,
    references: typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []),
    attachments: attachments.map(({ filename, contentType, content }) => ({ filename, contentType, size: content.length })),
    attachmentContents: attachments,
  };
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string; name?: string } {
  const first = (Array.isArray(value) ? value[0] : value)?.value[0];
  return { address: (first?.address ?? '').toLowerCase(), ...(first?.name ? { name: first.name } : {}) };
}
