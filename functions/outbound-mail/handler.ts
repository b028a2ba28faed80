/** The outbound-mail Lambda, a second consumer of the table's stream (ReportBatchItemFailures). */

import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { config } from '../lib/config.ts';
import { documentClient } from '../lib/dynamo-client.ts';
import { DynamoTicketStore } from '../lib/dynamo-ticket-store.ts';
import { once } from '../lib/once.ts';
import { supportMailbox } from '../lib/ses-mailer.ts';
import { inOrder } from '../lib/stream-batch.ts';
import { mailForRecord, type OutboundDeps } from './outbound-mail.ts';

/** Only failures are logged, so the logger is built on the first one. */
const logger = once(() => new Logger({ serviceName: 'sla-escalator-outbound-mail' }));

export function createOutboundMailHandler(deps: () => OutboundDeps) {
  return middy(async (event: DynamoDBStreamEvent) =>
    inOrder(
      event,
      (record) => mailForRecord(record, deps()),
      (error, record) => logger().error('mail failed; retrying from it', { error, sequenceNumber: record.dynamodb?.SequenceNumber }),
    ),
  );
}

export const handler = createOutboundMailHandler(
  once((): OutboundDeps => ({ store: new DynamoTicketStore(documentClient(), config().TABLE_NAME), ...supportMailbox() })),
);
