/**
 * The Mailer on SES v2: raw MIME (built by nodemailer's composer) so our Message-ID threads replies
 * back. The composer is loaded on the first mail: most stream batches (and most inbound mail)
 * send none, and nodemailer's tables would cost every cold start.
 */

import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutboundMail } from '#shared/email/ports.ts';
import { config, required } from './config.ts';

async function composeMime(mail: OutboundMail, from: string): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
  const composer = new MailComposer({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.inReplyTo !== undefined && { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] }),
    ...(mail.caseId !== undefined && { headers: { 'X-Case-Id': String(mail.caseId) } }),
  });
  return new Promise((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
}

export class SesMailer implements Mailer {
  constructor(
    private readonly client: Pick<SESv2Client, 'send'>,
    private readonly from: string,
  ) {}

  async send(mail: OutboundMail): Promise<void> {
    const raw = await composeMime(mail, this.from);
    await this.client.send(
      new SendEmailCommand({ FromEmailAddress: this.from, Destination: { ToAddresses: [mail.to] }, Content: { Raw: { Data: raw } } }),
    );
  }
}

/** The production mailer of the support mailbox (`SUPPORT_ADDRESS`), and that mailbox's domain. */
export function supportMailbox(): { mailer: SesMailer; domain: string } {
  const address = required('SUPPORT_ADDRESS');
  return { mailer: new SesMailer(new SESv2Client({ region: config().AWS_REGION }), address), domain: address.split('@')[1] as string };
}
