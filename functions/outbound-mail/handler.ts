/** The outbound-mail Lambda, a second consumer of the table's stream (ReportBatchItemFailures). */

import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { supportMailbox } from '../adapters/ses-mailer.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { streamConsumer } from '../lib/stream-batch.ts';
import { outboundMailEnvironment } from './environment.ts';
import { mailForRecord, type OutboundDeps } from './outbound-mail.ts';

export function createOutboundMailHandler(deps: () => OutboundDeps) {
  return streamConsumer('sla-escalator-outbound-mail', 'mail failed; retrying from it', (record) => mailForRecord(record, deps()));
}

function productionDeps(): OutboundDeps {
  const env = parseEnvironment(outboundMailEnvironment);
  return {
    store: new DynamoTicketStore(documentClient(env.AWS_REGION), env.TABLE_NAME),
    ...supportMailbox(env.AWS_REGION, env.SUPPORT_ADDRESS),
  };
}

export const handler = entryPoint(productionDeps, createOutboundMailHandler);
