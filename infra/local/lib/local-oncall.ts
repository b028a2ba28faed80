/**
 * On-call on the local stack: the keys that sign ack links and keep verification codes, and the
 * two-way number's inbound side. The keys are random per data directory and kept in it, so links
 * in the outbox keep working across restarts; without a data directory they live in memory.
 * `POST /_local/sms` hands a text to sms-inbound as End User Messaging's SNS topic would.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { OncallKeys } from '#shared/oncall/ports.ts';
import { parseReply } from '#shared/oncall/reply-codes.ts';
import { DynamoDirectory } from '../../../functions/adapters/dynamo/directory.ts';
import { DynamoInboundSmsLog } from '../../../functions/adapters/dynamo/inbound-sms.ts';
import { storedPolicyCatalog } from '../../../functions/adapters/dynamo/policies.ts';
import { DynamoReplyCodes } from '../../../functions/adapters/dynamo/reply-codes.ts';
import type { TableContext } from '../../../functions/adapters/dynamo/table.ts';
import { DynamoTicketStore } from '../../../functions/adapters/dynamo/ticket-store.ts';
import { optInPhoneNumber } from '../../../functions/adapters/sns-opt-outs.ts';
import { SnsSmsSender } from '../../../functions/adapters/sns-sms.ts';
import { createSmsInboundHandler } from '../../../functions/sms-inbound/handler.ts';
import type { SmsInboundDeps } from '../../../functions/sms-inbound/sms-inbound.ts';
import { readOrCreateSecret } from './local-auth.ts';

/** The local two-way number (a US number reserved for fiction). */
export const LOCAL_ORIGINATION_NUMBER = '+12025550100';

export function localOncallKeys(dataDir: string | undefined): OncallKeys {
  const key = (name: string) => (dataDir === undefined ? new Uint8Array(randomBytes(32)) : readOrCreateSecret(dataDir, name));
  return { ackLinkKeys: [key('oncall-ack-link.key')], verificationKey: key('oncall-verification.key') };
}

export interface LocalOncall {
  readonly keys: OncallKeys;
  readonly directory: DynamoDirectory;
  /** A text from `from` to the two-way number, at `at`: what sms-inbound did and answered. */
  readonly receiveSms: ReturnType<typeof localSmsInbound>;
}

/** The local stack's on-call wiring over its table and SNS stand-in; AWS manages the number's opt-outs, as by default. */
export function localOncall(options: {
  /** The API's table (its directory); `inboundTable`: sms-inbound's. */
  readonly table: TableContext;
  readonly inboundTable: TableContext;
  readonly sns: Pick<SNSClient, 'send'>;
  /** What AWS does on a STOP to a number whose opt-outs it manages: the sender goes on the account's opt-out list. */
  readonly optOut: (number: string) => void;
  readonly dataDir: string | undefined;
  readonly print?: ((line: string) => void) | undefined;
}): LocalOncall {
  const { table, inboundTable, sns } = options;
  const deps: SmsInboundDeps = {
    store: new DynamoTicketStore(inboundTable.client, inboundTable.table, inboundTable.clock),
    policies: storedPolicyCatalog(inboundTable),
    directory: new DynamoDirectory(inboundTable),
    replyCodes: new DynamoReplyCodes(inboundTable),
    sms: new SnsSmsSender(sns, LOCAL_ORIGINATION_NUMBER),
    handled: new DynamoInboundSmsLog(inboundTable),
    optIn: (number) => optInPhoneNumber(sns, number),
    selfManagedOptOuts: false,
    originationNumber: LOCAL_ORIGINATION_NUMBER,
    now: inboundTable.clock,
  };
  const receive = localSmsInbound(() => deps, options.print);
  const receiveSms: LocalOncall['receiveSms'] = (from, text, at) => {
    if (parseReply(text).kind === 'stop') options.optOut(from);
    return receive(from, text, at);
  };
  return { keys: localOncallKeys(options.dataDir), directory: new DynamoDirectory(table), receiveSms };
}

/** What `POST /_local/sms` delivers: the SNS event End User Messaging's topic makes of a text, through the production handler. */
export function localSmsInbound(deps: () => SmsInboundDeps, log: (line: string) => void = () => {}) {
  const line = (message: string, detail: Record<string, unknown>) => log(`sms-inbound: ${message} ${JSON.stringify(detail)}`);
  const handler = createSmsInboundHandler(deps, { info: line, warn: line });
  return async (from: string, text: string, at: number) => {
    const message = {
      originationNumber: from,
      destinationNumber: LOCAL_ORIGINATION_NUMBER,
      messageKeyword: 'KEYWORD_LOCAL',
      messageBody: text,
      inboundMessageId: randomUUID(),
    };
    const event = {
      Records: [
        {
          EventSource: 'aws:sns',
          Sns: { Type: 'Notification', MessageId: randomUUID(), Timestamp: new Date(at).toISOString(), Message: JSON.stringify(message) },
        },
      ],
    };
    const [outcome] = await handler(event, { awsRequestId: 'local' } as never);
    return outcome;
  };
}
