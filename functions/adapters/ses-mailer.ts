/**
 * The Mailer on SES v2 with simple content: SES builds the MIME (encoding the UTF-8 subject and
 * body) and assigns the Message-ID. We add only the threading headers and the case id, which SES
 * passes through.
 */

import { type MessageHeader, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutboundMail } from '#shared/email/ports.ts';

/** SES's limit on a header value (`MessageHeader.Value`). */
const MAX_HEADER_VALUE = 870;

/**
 * The Message-IDs one header can carry, in order. Ids come from customers' mail, and SES refuses
 * the whole send for a header value that is not printable ASCII or is too long, so an id with
 * anything but printable non-space ASCII (CR and LF included), or one that would not fit, is left out.
 */
function sendableIds(ids: readonly string[]): string[] {
  const kept: string[] = [];
  for (const id of ids) {
    if (/^[!-~]+$/.test(id) && [...kept, id].join(' ').length <= MAX_HEADER_VALUE) kept.push(id);
  }
  return kept;
}

function headers(mail: OutboundMail): MessageHeader[] {
  const idHeader = (Name: string, ids: readonly string[]) => {
    const kept = sendableIds(ids);
    return kept.length === 0 ? [] : [{ Name, Value: kept.join(' ') }];
  };
  return [
    ...idHeader('In-Reply-To', mail.inReplyTo === undefined ? [] : [mail.inReplyTo]),
    ...idHeader('References', mail.references),
    ...(mail.caseId === undefined ? [] : [{ Name: 'X-Case-Id', Value: String(mail.caseId) }]),
    // RFC 3834: auto-responders do not answer this, so two robots cannot write to each other forever.
    ...(mail.automatic === true ? [{ Name: 'Auto-Submitted', Value: 'auto-replied' }] : []),
    ...(mail.paged === undefined
      ? []
      : [
          { Name: 'X-Sla-Person', Value: mail.paged.person },
          { Name: 'X-Sla-Role', Value: mail.paged.role },
        ]),
  ];
}

export class SesMailer implements Mailer {
  constructor(
    private readonly client: Pick<SESv2Client, 'send'>,
    private readonly from: string,
  ) {}

  async send(mail: OutboundMail): Promise<void> {
    const Headers = headers(mail);
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            // On one line: a subject from a customer's mail or a ticket may carry line breaks.
            Subject: { Data: mail.subject.replace(/\s+/g, ' ').trim(), Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
            ...(Headers.length > 0 && { Headers }),
          },
        },
      }),
    );
  }
}

/** The production mailer of the support mailbox (`SUPPORT_ADDRESS`), and that mailbox's domain. */
export function supportMailbox(region: string, address: string): { mailer: SesMailer; domain: string } {
  return { mailer: new SesMailer(new SESv2Client({ region }), address), domain: address.split('@')[1] as string };
}
