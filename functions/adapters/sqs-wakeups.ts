/**
 * Delivery wake-ups on SQS: one small message per delivery queue (`{"endpointId","caseId","wake"?,"busy"?}`),
 * sent in batches of at most 10 (SendMessageBatch's limit), each with its own delay of 0 to 900 s
 * (a message timer; a longer wait is made of several hops by the sender).
 * A batch can partly fail while the call succeeds, so `Failed` is checked and a failure throws:
 * the caller's event is then retried and the wake-ups sent again (they are idempotent).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html
 */

import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryWakeups, WakeUp } from '#shared/webhooks/ports.ts';

/** SendMessageBatch takes at most 10 entries. */
const BATCH = 10;
/** A message timer is at most 15 minutes. */
export const MAX_DELAY_S = 900;

export class SqsWakeups implements DeliveryWakeups {
  constructor(
    private readonly client: Pick<SQSClient, 'send'>,
    private readonly queueUrl: string,
  ) {}

  async wake(wakeUps: readonly WakeUp[], delayMs = 0): Promise<void> {
    const delay = Math.min(MAX_DELAY_S, Math.max(0, Math.ceil(delayMs / 1000)));
    const unique = [...new Map(wakeUps.map((w) => [`${w.endpointId}#${w.caseId}#${w.wake ?? ''}#${w.busy ?? ''}`, w])).values()];
    for (let start = 0; start < unique.length; start += BATCH) {
      const entries = unique.slice(start, start + BATCH).map((w, i) => ({
        Id: String(i),
        MessageBody: JSON.stringify({
          endpointId: w.endpointId,
          caseId: w.caseId,
          ...(w.wake !== undefined && { wake: w.wake }),
          ...(w.busy !== undefined && { busy: w.busy }),
        }),
        DelaySeconds: delay,
      }));
      const { Failed = [] } = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
      if (Failed.length > 0) {
        throw new Error(`SQS refused ${Failed.length} wake-up(s): ${Failed.map((f) => `${f.Code}: ${f.Message ?? ''}`).join('; ')}`);
      }
    }
  }
}
