/** The outbound-mail Lambda, a second consumer of the table's stream (ReportBatchItemFailures). */

import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoMailOutbox } from '../adapters/dynamo/mail-outbox.ts';
import { DynamoNoticeStore } from '../adapters/dynamo/notices.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
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
  const client = documentClient(env.AWS_REGION);
  return {
    store: new DynamoTicketStore(client, env.TABLE_NAME),
    policies: storedPolicyCatalog({ client, table: env.TABLE_NAME, clock: Date.now }),
    outbox: new DynamoMailOutbox({ client, table: env.TABLE_NAME, clock: Date.now }),
    notices: new DynamoNoticeStore({ client, table: env.TABLE_NAME, clock: Date.now }),
    ...supportMailbox(env.AWS_REGION, env.SUPPORT_ADDRESS),
  };
}

export const handler = entryPoint(productionDeps, createOutboundMailHandler);
