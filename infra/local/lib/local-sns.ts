/**
 * A stand-in for SNS at its API boundary: it receives the production PublishCommand, checks it as
 * SNS would (topic, JSON message structure with a `default`), and delivers to each role topic's
 * subscribers: one e-mail address, and one phone whose subscription filter takes only pages.
 *
 * It also texts a phone number directly (`PhoneNumber`, see `SnsSmsSender`) and keeps the
 * account's SMS opt-out list, as SNS does:
 * - the number must be E.164 and the message at most 1,600 characters, SNS's quota for one
 *   publish (https://docs.aws.amazon.com/sns/latest/dg/sms_publish-to-phone.html); `AWS.SNS.SMS.SMSType`
 *   is `Promotional` or `Transactional`, and `AWS.MM.SMS.OriginationNumber` an E.164 number;
 * - a number on the opt-out list gets nothing, yet the Publish succeeds: Publish has no opt-out
 *   error (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html#API_Publish_Errors), and
 *   "you cannot send SMS messages to a number that is opted out"
 *   (https://docs.aws.amazon.com/sns/latest/api/API_CheckIfPhoneNumberIsOptedOut.html); such
 *   publishes are kept in `suppressed` instead of the outbox;
 * - `CheckIfPhoneNumberIsOptedOut`, `ListPhoneNumbersOptedOut` (pages of up to 100 with
 *   `nextToken`) and `OptInPhoneNumber`, which SNS allows once per number every 30 days
 *   (https://docs.aws.amazon.com/sns/latest/api/API_OptInPhoneNumber.html); `optOut` is what a
 *   STOP reply does to the list on AWS.
 */

import {
  CheckIfPhoneNumberIsOptedOutCommand,
  InvalidParameterException,
  ListPhoneNumbersOptedOutCommand,
  NotFoundException,
  OptInPhoneNumberCommand,
  PublishCommand,
} from '@aws-sdk/client-sns';
import type { Outbox } from './outbox.ts';

const E164 = /^\+[1-9][0-9]{6,14}$/;
const MAX_SMS_PUBLISH = 1_600;
const OPT_IN_EVERY_MS = 30 * 24 * 3_600_000;
const OPTED_OUT_PAGE = 100;

export const LOCAL_TOPIC_PREFIX = 'arn:aws:sns:us-east-1:000000000000:sla-escalator-';

export class LocalSns {
  /** Numbers that opted out, with when. */
  private readonly optedOut = new Map<string, number>();
  private readonly optedIn = new Map<string, number>();
  /** Publishes to opted-out numbers: accepted, never delivered. */
  readonly suppressed: { number: string; text: string; at: string }[] = [];

  constructor(
    private readonly outbox: Outbox,
    private readonly now: () => number,
    /** Who holds a number, for the outbox (the directory on the local stack); SNS itself knows no people. */
    private readonly holderOf: (number: string) => Promise<string | undefined> = async () => undefined,
  ) {}

  /** A STOP reply: SNS puts the number on the account's opt-out list. */
  optOut(number: string): void {
    if (!this.optedOut.has(number)) this.optedOut.set(number, this.now());
  }

  async send(command: unknown): Promise<Record<string, unknown>> {
    if (command instanceof CheckIfPhoneNumberIsOptedOutCommand) {
      return { isOptedOut: this.optedOut.has(checkNumber(command.input.phoneNumber, 'phoneNumber')) };
    }
    if (command instanceof ListPhoneNumbersOptedOutCommand) {
      const numbers = [...this.optedOut.keys()].sort();
      const from = command.input.nextToken === undefined ? 0 : Number(command.input.nextToken);
      if (!Number.isSafeInteger(from) || from < 0 || from > numbers.length) throw invalid('Invalid parameter: nextToken');
      const page = numbers.slice(from, from + OPTED_OUT_PAGE);
      const next = from + page.length;
      return { phoneNumbers: page, ...(next < numbers.length && { nextToken: String(next) }) };
    }
    if (command instanceof OptInPhoneNumberCommand) {
      const number = checkNumber(command.input.phoneNumber, 'phoneNumber');
      const last = this.optedIn.get(number);
      if (last !== undefined && this.now() - last < OPT_IN_EVERY_MS) {
        throw invalid('Invalid parameter: phoneNumber Reason: a phone number can be opted in only once every 30 days');
      }
      if (this.optedOut.delete(number)) this.optedIn.set(number, this.now());
      return {};
    }
    if (!(command instanceof PublishCommand)) throw new Error(`the local SNS does not handle ${(command as object).constructor.name}`);
    const input = command.input;
    if (input.PhoneNumber !== undefined) return this.text(input);
    const arn = input.TopicArn ?? '';
    if (!arn.startsWith(LOCAL_TOPIC_PREFIX)) throw new NotFoundException({ message: `Topic does not exist: ${arn}`, $metadata: {} });
    const role = arn.slice(LOCAL_TOPIC_PREFIX.length);
    let message: Record<string, string>;
    try {
      message = JSON.parse(input.Message ?? '') as Record<string, string>;
    } catch {
      throw new InvalidParameterException({ message: 'Message Structure - JSON message body failed to parse', $metadata: {} });
    }
    if (input.MessageStructure !== 'json' || typeof message.default !== 'string') {
      throw new InvalidParameterException({ message: 'Message Structure - No default entry in JSON message body', $metadata: {} });
    }
    if (
      input.Subject !== undefined &&
      ([...input.Subject].length > 100 || /[\p{Cc}]/u.test(input.Subject) || input.Subject.trim() === '')
    ) {
      throw new InvalidParameterException({ message: 'Invalid parameter: Subject', $metadata: {} });
    }
    const attributes = input.MessageAttributes ?? {};
    const attribute = (name: string) => attributes[name]?.StringValue;
    const base = {
      at: new Date(this.now()).toISOString(),
      role,
      caseId: Number(attribute('caseId')),
      kind: attribute('kind') ?? 'unknown',
      ...(attribute('deadline') !== undefined && { deadline: attribute('deadline') }),
      ...(attribute('level') !== undefined && { level: Number(attribute('level')) }),
    };
    if (attribute('delivery') === 'page') this.outbox.add({ ...base, channel: 'sms', text: message.sms ?? message.default });
    this.outbox.add({
      ...base,
      channel: 'email',
      ...(input.Subject !== undefined && { subject: input.Subject }),
      text: message.email ?? message.default,
    });
    return { MessageId: `local-${this.outbox.items.length}` };
  }

  private async text(input: PublishCommand['input']): Promise<{ MessageId: string }> {
    if (input.TopicArn !== undefined || input.TargetArn !== undefined) {
      throw invalid('Invalid parameter: Only one of PhoneNumber, TopicArn or TargetArn may be given');
    }
    const number = checkNumber(input.PhoneNumber, 'PhoneNumber');
    const text = input.Message ?? '';
    if (text.length === 0) throw invalid('Invalid parameter: Empty message');
    if (text.length > MAX_SMS_PUBLISH) throw invalid(`Invalid parameter: Message too long for SMS (at most ${MAX_SMS_PUBLISH} characters)`);
    const attributes = input.MessageAttributes ?? {};
    const type = attributes['AWS.SNS.SMS.SMSType']?.StringValue;
    if (type !== undefined && type !== 'Promotional' && type !== 'Transactional') {
      throw invalid(`Invalid parameter: AWS.SNS.SMS.SMSType must be Promotional or Transactional, not ${type}`);
    }
    const origination = attributes['AWS.MM.SMS.OriginationNumber']?.StringValue;
    if (origination !== undefined) checkNumber(origination, 'AWS.MM.SMS.OriginationNumber');
    const at = new Date(this.now()).toISOString();
    if (this.optedOut.has(number)) {
      this.suppressed.push({ number, text, at });
      return { MessageId: `local-suppressed-${this.suppressed.length}` };
    }
    const person = await this.holderOf(number);
    // A page's SMS starts with its case (`#10001 …`); a bundle or an answer names none.
    const caseId = Number(/^#(\d+) /.exec(text)?.[1] ?? 0);
    this.outbox.add({ at, role: 'person', channel: 'sms', caseId, kind: 'sms', to: number, ...(person !== undefined && { person }), text });
    return { MessageId: `local-${this.outbox.items.length}` };
  }
}

function invalid(message: string): InvalidParameterException {
  return new InvalidParameterException({ message, $metadata: {} });
}

function checkNumber(number: string | undefined, field: string): string {
  if (number === undefined || !E164.test(number)) {
    throw invalid(`Invalid parameter: ${field} Reason: ${JSON.stringify(number)} is not an E.164 phone number (+ and up to 15 digits)`);
  }
  return number;
}
