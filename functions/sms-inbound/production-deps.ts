/** sms-inbound's production dependencies, from its environment. */

import { SNSClient } from '@aws-sdk/client-sns';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoDirectory } from '../adapters/dynamo/directory.ts';
import { DynamoInboundSmsLog } from '../adapters/dynamo/inbound-sms.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
import { DynamoReplyCodes } from '../adapters/dynamo/reply-codes.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { optInPhoneNumber } from '../adapters/sns-opt-outs.ts';
import { SnsSmsSender } from '../adapters/sns-sms.ts';
import { parseEnvironment } from '../lib/config.ts';
import { smsInboundEnvironment } from './environment.ts';
import type { SmsInboundDeps } from './sms-inbound.ts';

export function productionSmsInboundDeps(): SmsInboundDeps {
  const env = parseEnvironment(smsInboundEnvironment);
  const table = { client: documentClient(env.AWS_REGION), table: env.TABLE_NAME, clock: Date.now };
  const sns = new SNSClient({ region: env.AWS_REGION });
  return {
    store: new DynamoTicketStore(table.client, table.table),
    policies: storedPolicyCatalog(table),
    directory: new DynamoDirectory(table),
    replyCodes: new DynamoReplyCodes(table),
    sms: new SnsSmsSender(sns, env.SMS_ORIGINATION_NUMBER),
    handled: new DynamoInboundSmsLog(table),
    optIn: (number) => optInPhoneNumber(sns, number),
    selfManagedOptOuts: env.SMS_SELF_MANAGED_OPT_OUTS === 'true',
    originationNumber: env.SMS_ORIGINATION_NUMBER,
    now: Date.now,
  };
}
