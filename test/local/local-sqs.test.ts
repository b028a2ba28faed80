/** The local SQS stand-in and its event source behave as AWS documents them (see local-sqs.ts for the pages). */

import {
  BatchEntryIdsNotDistinct,
  EmptyBatchRequest,
  InvalidAttributeValue,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { SqsWakeups } from '../../functions/adapters/sqs-wakeups.ts';
import { WAKEUP_QUEUE } from '../../infra/aws/wakeup-queue.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalSqs } from '../../infra/local/lib/local-sqs.ts';

const URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/q';
const entries = (n: number, delay = 0) =>
  Array.from({ length: n }, (_, i) => ({ Id: String(i), MessageBody: `m${i}`, DelaySeconds: delay }));

function queue(settings = { batchSize: 2, visibilityTimeoutSeconds: 60, maxReceiveCount: 3 }) {
  const clock = new LocalClock('manual', 0);
  const sqs = new LocalSqs(clock.now, 'arn:aws:sqs:us-east-1:000000000000:q', settings);
  const batches: string[][] = [];
  let fail = new Set<string>();
  sqs.consume(async (event: SQSEvent) => {
    batches.push(event.Records.map((r) => r.body));
    return { batchItemFailures: event.Records.filter((r) => fail.has(r.body)).map((r) => ({ itemIdentifier: r.messageId })) };
  });
  return { clock, sqs, batches, failing: (...bodies: string[]) => (fail = new Set(bodies)) };
}

describe('the local SQS stand-in', () => {
  it('refuses a batch AWS refuses: empty, over 10 entries, repeated ids, a delay outside 0–900 s', async () => {
    const { sqs } = queue();
    const send = (Entries: ReturnType<typeof entries>) => sqs.send(new SendMessageBatchCommand({ QueueUrl: URL, Entries }));
    await expect(send([])).rejects.toBeInstanceOf(EmptyBatchRequest);
    await expect(send(entries(11))).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    await expect(send([...entries(1), ...entries(1)])).rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
    await expect(send(entries(1, 901))).rejects.toBeInstanceOf(InvalidAttributeValue);
    await expect(send(entries(1, 1.5))).rejects.toBeInstanceOf(InvalidAttributeValue);
    expect(sqs.size).toBe(0);
  });

  it('keeps a delayed message invisible until its delay has passed, and hands out batches of at most batchSize', async () => {
    const { sqs, batches } = queue();
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: URL, Entries: entries(3) }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: URL, Entries: [{ Id: 'late', MessageBody: 'late', DelaySeconds: 900 }] }));
    expect(sqs.earliest()).toBe(0);
    await sqs.runNext();
    await sqs.runNext();
    expect(batches).toEqual([['m0', 'm1'], ['m2']]);
    expect(sqs.earliest()).toBe(900_000);
  });

  it('makes a reported failure visible again after the visibility timeout, and dead-letters it after maxReceiveCount receives', async () => {
    const { sqs, clock, batches, failing } = queue();
    failing('m0');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: URL, Entries: entries(2) }));
    await sqs.runNext();
    expect(sqs.size).toBe(1);
    expect(sqs.earliest()).toBe(60_000);
    for (const at of [60_000, 120_000]) {
      clock.moveTo(at);
      await sqs.runNext();
    }
    expect(batches).toEqual([['m0', 'm1'], ['m0'], ['m0']]);
    expect(sqs.size).toBe(0);
    expect(sqs.deadLetters.map((m) => m.body)).toEqual(['m0']);
  });

  it('receives what the production adapter sends: batches of 10, the delay in whole seconds, at most 900', async () => {
    const { sqs } = queue({ ...WAKEUP_QUEUE, batchSize: 100 });
    const wakeups = new SqsWakeups(sqs, URL);
    await wakeups.wake(
      Array.from({ length: 23 }, (_, i) => ({ endpointId: 'wh_x', caseId: 10_000 + i })),
      3_600_000,
    );
    expect(sqs.size).toBe(23);
    expect(sqs.earliest()).toBe(900_000);
  });
});
