/**
 * A stand-in for one SQS standard queue and the Lambda event source that consumes it, at the SDK
 * boundary: it receives the production `SendMessageBatchCommand` and runs the consumer on the
 * local clock. As AWS documents them:
 * - a batch has 1 to 10 entries with distinct ids, each `DelaySeconds` 0 to 900; a bad batch is
 *   refused whole with the SDK's own exception
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html);
 * - a delayed message is invisible until its delay has passed
 *   (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html);
 * - the event source hands the function up to `batchSize` visible messages; the ones it reports in
 *   `batchItemFailures` (all of them if it throws) become visible again after the visibility
 *   timeout, and a message received `maxReceiveCount` times goes to the dead-letter queue
 *   (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 * The queue and the dead letters are kept in files, so a restart loses neither.
 */

import { randomUUID } from 'node:crypto';
import {
  BatchEntryIdsNotDistinct,
  EmptyBatchRequest,
  InvalidAttributeValue,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readJson, writeJson } from './json-files.ts';

export interface LocalQueueSettings {
  readonly batchSize: number;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
}

interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  visibleAt: number;
  receiveCount: number;
  readonly seq: number;
}

const MAX_DELAY_SECONDS = 900;
const MAX_ENTRIES = 10;

export class LocalSqs {
  private messages: QueuedMessage[];
  readonly deadLetters: QueuedMessage[];
  private seq: number;
  private consumer: ((event: SQSEvent) => Promise<SQSBatchResponse | undefined>) | undefined;

  constructor(
    private readonly now: () => number,
    private readonly queueArn: string,
    private readonly settings: LocalQueueSettings,
    private readonly files: { readonly queue?: string | undefined; readonly deadLetters?: string | undefined } = {},
  ) {
    this.messages = readJson<QueuedMessage[]>(files.queue) ?? [];
    this.deadLetters = readJson<QueuedMessage[]>(files.deadLetters) ?? [];
    this.seq = Math.max(0, ...this.messages.map((m) => m.seq + 1));
  }

  /** The function the event source invokes. */
  consume(consumer: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>): void {
    this.consumer = consumer;
  }

  async send(command: unknown) {
    if (!(command instanceof SendMessageBatchCommand))
      throw new Error(`the local SQS does not handle ${(command as object).constructor.name}`);
    const entries = command.input.Entries ?? [];
    const metadata = { $metadata: {} };
    if (entries.length === 0)
      throw new EmptyBatchRequest({ message: 'There should be at least one SendMessageBatchRequestEntry in the request.', ...metadata });
    if (entries.length > MAX_ENTRIES)
      throw new TooManyEntriesInBatchRequest({ message: `Maximum number of entries per request are ${MAX_ENTRIES}.`, ...metadata });
    if (new Set(entries.map((e) => e.Id)).size !== entries.length)
      throw new BatchEntryIdsNotDistinct({ message: 'Id is repeated.', ...metadata });
    for (const entry of entries) {
      const delay = entry.DelaySeconds ?? 0;
      if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS) {
        throw new InvalidAttributeValue({
          message: `Value ${delay} for parameter DelaySeconds is invalid. Reason: must be between 0 and ${MAX_DELAY_SECONDS}.`,
          ...metadata,
        });
      }
    }
    const now = this.now();
    const successful = entries.map((entry) => {
      const message = {
        messageId: randomUUID(),
        body: entry.MessageBody ?? '',
        sentAt: now,
        visibleAt: now + (entry.DelaySeconds ?? 0) * 1000,
        receiveCount: 0,
        seq: this.seq++,
      };
      this.messages.push(message);
      return { Id: entry.Id, MessageId: message.messageId };
    });
    this.save();
    return { Successful: successful, Failed: [], $metadata: { httpStatusCode: 200 } };
  }

  /** When the next message becomes visible, if any. */
  earliest(): number | undefined {
    return this.messages.reduce<number | undefined>((min, m) => (min === undefined || m.visibleAt < min ? m.visibleAt : min), undefined);
  }

  get size(): number {
    return this.messages.length;
  }

  /** Hands the consumer a batch of the messages visible by then, and deals with its answer. */
  async runNext(): Promise<void> {
    const first = this.earliest();
    if (first === undefined || this.consumer === undefined) return;
    const until = Math.max(first, this.now());
    const batch = this.messages
      .filter((m) => m.visibleAt <= until)
      .sort((a, b) => a.visibleAt - b.visibleAt || a.seq - b.seq)
      .slice(0, this.settings.batchSize);
    for (const message of batch) message.receiveCount += 1;
    let failed: Set<string>;
    try {
      const answer = await this.consumer({ Records: batch.map((m) => this.record(m)) });
      failed = new Set((answer?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      failed = new Set(batch.map((m) => m.messageId));
    }
    const retryAt = this.now() + this.settings.visibilityTimeoutSeconds * 1000;
    for (const message of batch) {
      if (!failed.has(message.messageId)) this.messages = this.messages.filter((m) => m !== message);
      else if (message.receiveCount >= this.settings.maxReceiveCount) {
        this.messages = this.messages.filter((m) => m !== message);
        this.deadLetters.push(message);
      } else message.visibleAt = retryAt;
    }
    this.save();
  }

  private record(message: QueuedMessage): SQSEvent['Records'][number] {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(this.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.queueArn,
      awsRegion: 'us-east-1',
    };
  }

  private save(): void {
    writeJson(this.files.queue, this.messages);
    writeJson(this.files.deadLetters, this.deadLetters);
  }
}
