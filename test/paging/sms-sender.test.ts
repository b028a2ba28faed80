import {
  CheckIfPhoneNumberIsOptedOutCommand,
  InvalidParameterException,
  ListPhoneNumbersOptedOutCommand,
  OptInPhoneNumberCommand,
  PublishCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { SnsSmsSender } from '../../functions/adapters/sns-sms.ts';
import { LocalSns } from '../../infra/local/lib/local-sns.ts';
import { Outbox } from '../../infra/local/lib/outbox.ts';

const ANA = '+4915112345678';
const FROM = '+12025550100';
const DAY = 24 * 3_600_000;

function recording() {
  const commands: PublishCommand[] = [];
  return { commands, client: { send: async (command: PublishCommand) => commands.push(command) } as unknown as SNSClient };
}

describe('the SNS SMS sender', () => {
  it('publishes straight to the number, transactional, from the origination number', async () => {
    const { commands, client } = recording();
    await new SnsSmsSender(client, FROM).send(ANA, '#10001 URGENT acme: response overdue. Reply 1a to ack, 1c to resolve');
    expect(commands[0]?.input).toEqual({
      PhoneNumber: ANA,
      Message: '#10001 URGENT acme: response overdue. Reply 1a to ack, 1c to resolve',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: FROM },
      },
    });
    expect(commands[0]?.input.TopicArn).toBeUndefined();
  });

  it('refuses a number or an origination number that is not E.164', async () => {
    const { client } = recording();
    expect(() => new SnsSmsSender(client, '0151 123')).toThrow('SMS_ORIGINATION_NUMBER must be E.164');
    await expect(new SnsSmsSender(client, FROM).send('015112345678', 'x')).rejects.toThrow('E.164');
  });
});

describe('the local SNS stand-in, texting phones', () => {
  const setup = () => {
    let now = Date.parse('2026-03-02T14:00:00Z');
    const outbox = new Outbox(undefined);
    const sns = new LocalSns(
      outbox,
      () => now,
      async (number) => (number === ANA ? 'ana' : undefined),
    );
    return { outbox, sns, advance: (ms: number) => (now += ms), sender: new SnsSmsSender(sns as unknown as SNSClient, FROM) };
  };

  it('delivers an SMS to the outbox with the number and the person who holds it', async () => {
    const { outbox, sender } = setup();
    await sender.send(ANA, '#10001 URGENT acme: response overdue. Reply 1a to ack, 1c to resolve');
    expect(outbox.items).toEqual([
      {
        at: '2026-03-02T14:00:00.000Z',
        role: 'person',
        channel: 'sms',
        caseId: 10001,
        kind: 'sms',
        to: ANA,
        person: 'ana',
        text: '#10001 URGENT acme: response overdue. Reply 1a to ack, 1c to resolve',
      },
    ]);
  });

  it('refuses what SNS refuses: a number not E.164, an unknown SMS type, more than 1,600 characters', async () => {
    const { sns } = setup();
    const publish = (input: PublishCommand['input']) => sns.send(new PublishCommand(input));
    await expect(publish({ PhoneNumber: '4915112345678', Message: 'x' })).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      publish({
        PhoneNumber: ANA,
        Message: 'x',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Urgent' } },
      }),
    ).rejects.toThrow('Promotional or Transactional');
    await expect(publish({ PhoneNumber: ANA, Message: 'x'.repeat(1_601) })).rejects.toThrow('too long');
  });

  it('accepts a publish to an opted-out number and delivers nothing, until the number is opted in', async () => {
    const { outbox, sns, sender, advance } = setup();
    sns.optOut(ANA);
    expect(await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: ANA }))).toEqual({ isOptedOut: true });
    expect(await sns.send(new ListPhoneNumbersOptedOutCommand({}))).toEqual({ phoneNumbers: [ANA] });
    await sender.send(ANA, 'page');
    expect(outbox.items).toEqual([]);
    expect(sns.suppressed).toEqual([{ number: ANA, text: 'page', at: '2026-03-02T14:00:00.000Z' }]);
    await sns.send(new OptInPhoneNumberCommand({ phoneNumber: ANA }));
    expect(await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: ANA }))).toEqual({ isOptedOut: false });
    await sender.send(ANA, 'page again');
    expect(outbox.items.map((i) => i.text)).toEqual(['page again']);
    // Once opted in, a number may be opted in again only 30 days later.
    sns.optOut(ANA);
    await expect(sns.send(new OptInPhoneNumberCommand({ phoneNumber: ANA }))).rejects.toThrow('once every 30 days');
    advance(30 * DAY);
    await sns.send(new OptInPhoneNumberCommand({ phoneNumber: ANA }));
  });

  it('lists opted-out numbers a hundred at a time', async () => {
    const { sns } = setup();
    for (let i = 0; i < 150; i++) sns.optOut(`+491511234${String(i).padStart(4, '0')}`);
    const first = (await sns.send(new ListPhoneNumbersOptedOutCommand({}))) as { phoneNumbers: string[]; nextToken?: string };
    expect(first.phoneNumbers).toHaveLength(100);
    const second = (await sns.send(new ListPhoneNumbersOptedOutCommand({ nextToken: first.nextToken }))) as {
      phoneNumbers: string[];
      nextToken?: string;
    };
    expect(second.phoneNumbers).toHaveLength(50);
    expect(second.nextToken).toBeUndefined();
  });
});
