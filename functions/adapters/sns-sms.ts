/**
 * The SmsSender on SNS: `Publish` straight to a phone number (no topic), as a transactional
 * message from our two-way origination number, so a reply comes back to the number that paged.
 *
 * AWS, "Publishing SMS messages to a mobile phone" (https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html):
 * the number is E.164; `AWS.SNS.SMS.SMSType` `Transactional` is for critical, time-sensitive
 * messages (SNS optimises them for reliability, not cost); `AWS.MM.SMS.OriginationNumber` names
 * the sending number (E.164) per message (https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html#sms_publish_sdk).
 * One part is 140 bytes (160 GSM-7 characters); a longer text goes as several parts, each billed.
 *
 * A number that replied STOP is on the account's opt-out list: SNS accepts the Publish (it has no
 * opted-out error) and delivers nothing ("You cannot send SMS messages to a number that is opted
 * out", https://docs.aws.amazon.com/sns/latest/api/API_CheckIfPhoneNumberIsOptedOut.html). So a
 * page never relies on this call to notice an opt-out: the directory mirrors the list and notify
 * skips such numbers (and says so on the timeline).
 */

import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '#shared/oncall/ports.ts';

const E164 = /^\+[1-9][0-9]{6,14}$/;

export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly client: Pick<SNSClient, 'send'>,
    /** The two-way number (E.164) pages come from and replies go to. */
    private readonly originationNumber: string,
  ) {
    if (!E164.test(originationNumber))
      throw new Error(`SMS_ORIGINATION_NUMBER must be E.164 (+ and up to 15 digits), not ${originationNumber}`);
  }

  async send(number: string, text: string): Promise<void> {
    if (!E164.test(number)) throw new Error(`an SMS goes to an E.164 number, not ${number}`);
    await this.client.send(
      new PublishCommand({
        PhoneNumber: number,
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: this.originationNumber },
        },
      }),
    );
  }
}
