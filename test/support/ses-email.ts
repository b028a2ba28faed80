/** SES v2 SendEmail requests as SesMailer makes them and the local SES stand-in takes them: simple UTF-8 content. */

import type { MessageHeader, SendEmailCommandInput } from '@aws-sdk/client-sesv2';

/** A subject or body text as SES takes it. */
export const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });

export interface SimpleEmail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly headers?: MessageHeader[];
}

/** The request for one plain-text mail; `Headers` only when there are some, as SesMailer leaves them out. */
export function simpleEmail({ from, to, subject, text, headers }: SimpleEmail): SendEmailCommandInput {
  const content = { Subject: utf8(subject), Body: { Text: utf8(text) }, ...(headers !== undefined && { Headers: headers }) };
  return { FromEmailAddress: from, Destination: { ToAddresses: [to] }, Content: { Simple: content } };
}
