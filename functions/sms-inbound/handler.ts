/**
 * The sms-inbound Lambda: subscribed to the SNS topic that End User Messaging SMS publishes each
 * text to our two-way number to. SNS invokes it with one record per message
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html); the record's `Sns.Message` is the
 * inbound-SMS JSON (https://docs.aws.amazon.com/sms-voice/latest/userguide/two-way-sms-payload.html):
 * `originationNumber` (the sender), `destinationNumber` (our number), `messageKeyword`,
 * `messageBody`, `inboundMessageId`, `previousPublishedMessageId`.
 *
 * A record that is not such a message is logged and dropped: failing would only make SNS and
 * Lambda retry something that can never succeed. A failure while acting (the table, SNS) is thrown,
 * so Lambda retries the event; the message's claim is given back first.
 */

import '../lib/zod-english.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { entryPoint } from '../lib/config.ts';
import { productionSmsInboundDeps } from './production-deps.ts';
import { type InboundOutcome, receiveSms, type SmsInboundDeps } from './sms-inbound.ts';

const E164 = /^\+[1-9]\d{1,14}$/;

const snsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ MessageId: z.optional(z.string()), Message: z.string() }) })),
});

const inboundSms = z.object({
  originationNumber: z.string().check(z.regex(E164)),
  destinationNumber: z.string().check(z.minLength(1), z.maxLength(32)),
  messageKeyword: z.optional(z.nullable(z.string())),
  // Long texts arrive joined; nothing we understand is longer than 160 characters (parseReply).
  messageBody: z.string().check(z.maxLength(1600)),
  inboundMessageId: z.string().check(z.minLength(1), z.maxLength(128)),
  previousPublishedMessageId: z.optional(z.nullable(z.string())),
});

const logger = new Logger({ serviceName: 'sla-escalator-sms-inbound' });

export type DroppedRecord = { readonly kind: 'dropped'; readonly reason: string };

/** Where records are logged (powertools' Logger on Lambda). */
export interface SmsInboundLog {
  info(message: string, detail: Record<string, unknown>): void;
  warn(message: string, detail: Record<string, unknown>): void;
}

export function createSmsInboundHandler(deps: () => SmsInboundDeps, log: SmsInboundLog = logger) {
  return middy(async (event: unknown): Promise<Array<InboundOutcome | DroppedRecord>> => {
    const parsed = snsEvent.safeParse(event);
    if (!parsed.success) {
      log.warn('not an SNS event: dropped', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return [{ kind: 'dropped', reason: 'not an SNS event' }];
    }
    const outcomes: Array<InboundOutcome | DroppedRecord> = [];
    for (const record of parsed.data.Records) {
      const message = inboundSms.safeParse(parseJson(record.Sns.Message));
      if (!message.success) {
        const reason = message.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
        log.warn('not an inbound SMS: dropped', { snsMessageId: record.Sns.MessageId, reason });
        outcomes.push({ kind: 'dropped', reason });
        continue;
      }
      const { inboundMessageId, originationNumber: from, messageBody: text, destinationNumber } = message.data;
      const current = deps();
      if (destinationNumber !== current.originationNumber) {
        // Not a text to our number (a topic subscribed to another number's, or forged): not ours to act on.
        log.warn('not to our number: dropped', { inboundMessageId, destinationNumber });
        outcomes.push({ kind: 'dropped', reason: 'destinationNumber: not our origination number' });
        continue;
      }
      const outcome = await receiveSms({ inboundMessageId, from, text }, current);
      // The sender's number is personal data: only its last digits are logged.
      log.info('sms', { inboundMessageId, from: `…${from.slice(-3)}`, ...outcome });
      outcomes.push(outcome);
    }
    return outcomes;
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const handler = entryPoint(productionSmsInboundDeps, createSmsInboundHandler);
