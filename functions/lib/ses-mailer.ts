/** The Mailer on SES v2: raw MIME (built by nodemailer's composer) so our Message-ID threads replies back. */

import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Mailer, OutboundMail } from '#shared/email/ports.ts';

export function composeMime(mail: OutboundMail, from: string): Promise<Buffer> {
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
