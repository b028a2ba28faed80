/**
 * Operator commands that act on a running deployment:
 *
 *   sla redrive --queue-url URL --function NAME|ARN [--region R] [--max N]   (AWS)
 *   sla redrive --local [--url http://127.0.0.1:3000] [--token ADMIN_TOKEN]   (npm start)
 *   sla backfill-due --table NAME [--region R] [--endpoint URL] [--cursor C]
 *   sla backfill-outcomes --table NAME [--region R] [--endpoint URL] [--cursor C]
 *
 * `redrive` re-invokes notify (asynchronously) for each deadline parked on its on-failure
 * destination; notify re-checks the ticket, so redriving is always safe. On AWS the destination is
 * an SQS queue whose messages are Lambda's invocation records, the deadline in `requestPayload`
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html); a message is
 * deleted only after Lambda accepted the new invocation.
 */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod/mini';
import { documentsOf } from '../functions/adapters/dynamo/client.ts';
import { LambdaHandoff } from '../functions/adapters/lambda-handoff.ts';
import { backfillDueIndex } from '../functions/sweeper/backfill.ts';
import { backfillOutcomes } from '../functions/sweeper/outcome-backfill.ts';

const int = z.number().check(z.int());
const parkedDeadline = z.object({
  requestPayload: z.object({ caseId: int, deadlineId: z.string().check(z.minLength(1)), due: z.number(), version: int }),
});

export interface RedriveClients {
  readonly sqs: Pick<SQSClient, 'send'>;
  readonly lambda: Pick<LambdaClient, 'send'>;
}

export interface RedriveOutcome {
  readonly redriven: number;
  /** Messages that are not a parked deadline: left in the queue, reported. */
  readonly unreadable: string[];
}

export async function redriveQueue(
  clients: RedriveClients,
  options: { readonly queueUrl: string; readonly functionName: string; readonly max: number },
): Promise<RedriveOutcome> {
  const notify = new LambdaHandoff(clients.lambda, options.functionName);
  let redriven = 0;
  const unreadable: string[] = [];
  while (redriven + unreadable.length < options.max) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.max - redriven - unreadable.length),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      let record: z.infer<typeof parkedDeadline>;
      try {
        record = parkedDeadline.parse(JSON.parse(message.Body ?? ''));
      } catch {
        unreadable.push(message.MessageId ?? '?');
        continue;
      }
      await notify.handOff(record.requestPayload);
      await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }));
      redriven++;
    }
  }
  return { redriven, unreadable };
}

/** The local stack's on-failure list, through its admin endpoint. */
export async function redriveLocal(url: string, token: string): Promise<number> {
  const response = await fetch(`${url.replace(/\/$/, '')}/_local/redrive`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`${url}/_local/redrive answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { redriven: number }).redriven;
}

export function awsRedriveClients(region: string | undefined): RedriveClients {
  return { sqs: new SQSClient({ ...(region && { region }) }), lambda: new LambdaClient({ ...(region && { region }) }) };
}

/** The document client of a one-off command's table (`--region`, or `--endpoint` for DynamoDB Local). */
function tableClient(options: { region?: string | undefined; endpoint?: string | undefined }) {
  return documentsOf(
    new DynamoDBClient({ ...(options.region && { region: options.region }), ...(options.endpoint && { endpoint: options.endpoint }) }),
  );
}

export async function backfillDue(
  options: { table: string; region?: string | undefined; endpoint?: string | undefined; cursor?: string | undefined },
  print: (line: string) => void,
): Promise<void> {
  const total = await backfillDueIndex(tableClient(options), options.table, {
    cursor: options.cursor,
    onPage: (page) =>
      print(`scanned ${page.scanned}, updated ${page.updated}${page.cursor ? `; resume with --cursor ${page.cursor}` : '; done'}`),
  });
  print(`backfill-due: ${total.updated} open tickets given due keys (${total.scanned} items scanned)`);
}

/** Writes the clock outcomes of tickets stored before outcomes were kept (idempotent; resumable with `--cursor`). */
export async function backfillOutcomeItems(
  options: { table: string; region?: string | undefined; endpoint?: string | undefined; cursor?: string | undefined },
  print: (line: string) => void,
): Promise<void> {
  const total = await backfillOutcomes(tableClient(options), options.table, {
    cursor: options.cursor,
    onPage: (page) =>
      print(`tickets ${page.tickets}, outcomes added ${page.added}${page.cursor ? `; resume with --cursor ${page.cursor}` : '; done'}`),
  });
  print(`backfill-outcomes: ${total.added} outcomes added for ${total.tickets} tickets`);
}
