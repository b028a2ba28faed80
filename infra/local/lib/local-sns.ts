/**
 * A stand-in for SNS at its API boundary: it receives the production PublishCommand, checks it as
 * SNS would (topic, JSON message structure with a `default`), and delivers to each role topic's
 * subscribers: one e-mail address, and one phone whose subscription filter takes only pages.
 */

import { InvalidParameterException, NotFoundException, PublishCommand } from '@aws-sdk/client-sns';
import type { Outbox } from './outbox.ts';

export const LOCAL_TOPIC_PREFIX = 'arn:aws:sns:us-east-1:000000000000:sla-escalator-';

export class LocalSns {
  constructor(
    private readonly outbox: Outbox,
    private readonly now: () => number,
  ) {}

  async send(command: unknown): Promise<{ MessageId: string }> {
    if (!(command instanceof PublishCommand)) throw new Error(`the local SNS only publishes, not ${(command as object).constructor.name}`);
    const input = command.input;
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
}
