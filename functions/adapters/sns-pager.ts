/** The Pager on SNS: one topic per role; protocol-specific messages (short SMS, full e-mail); attributes for filtering. */

import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notice } from '#shared/sla/notices.ts';
import type { Pager } from '#shared/sla/ports.ts';

export class SnsPager implements Pager {
  constructor(
    private readonly client: Pick<SNSClient, 'send'>,
    /** `arn:aws:sns:region:account:sla-escalator-` — the role id completes the topic ARN. */
    private readonly topicArnPrefix: string,
  ) {}

  async publish(
    notice: Notice,
    attributes: { severity: string; kind: string; deadline: string; caseId: number; level?: number },
  ): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: `${this.topicArnPrefix}${notice.role}`,
        Subject: snsSubject(notice.subject),
        MessageStructure: 'json',
        Message: JSON.stringify({ default: notice.sms, sms: notice.sms, email: notice.email }),
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: attributes.severity },
          kind: { DataType: 'String', StringValue: attributes.kind },
          deadline: { DataType: 'String', StringValue: attributes.deadline },
          // SMS subscriptions filter on delivery = page; e-mail subscriptions take both.
          delivery: { DataType: 'String', StringValue: notice.delivery },
          caseId: { DataType: 'Number', StringValue: String(attributes.caseId) },
          ...(attributes.level !== undefined && { level: { DataType: 'Number', StringValue: String(attributes.level) } }),
        },
      }),
    );
  }
}

/**
 * SNS subjects: at most 100 characters, no line breaks or control characters, and starting with
 * a letter, digit or punctuation. Cut on characters, never inside one.
 */
export function snsSubject(text: string): string {
  const clean = text
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return (chars.length <= 100 ? clean : `${chars.slice(0, 99).join('')}…`) || 'sla-escalator';
}
