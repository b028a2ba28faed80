/**
 * On-call on the local stack: the keys that sign ack links and keep verification codes, and the
 * two-way number's inbound side. The keys are random per data directory and kept in it, so links
 * in the outbox keep working across restarts; without a data directory they live in memory.
 * `POST /_local/sms` hands a text to sms-inbound as End User Messaging's SNS topic would.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { createSmsInboundHandler } from '../../../functions/sms-inbound/handler.ts';
import type { SmsInboundDeps } from '../../../functions/sms-inbound/sms-inbound.ts';
import { readOrCreateSecret } from './local-auth.ts';

/** The local two-way number (a US number reserved for fiction). */
export const LOCAL_ORIGINATION_NUMBER = '+12025550100';

export interface OncallKeys {
  /** Newest first; the local stack has one. */
  readonly ackLinkKeys: readonly Uint8Array[];
  readonly verificationKey: Uint8Array;
}

export function localOncallKeys(dataDir: string | undefined): OncallKeys {
  const key = (name: string) => (dataDir === undefined ? new Uint8Array(randomBytes(32)) : readOrCreateSecret(dataDir, name));
  return { ackLinkKeys: [key('oncall-ack-link.key')], verificationKey: key('oncall-verification.key') };
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
