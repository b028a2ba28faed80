/** The inbound-email Lambda: an SES receipt rule invokes it after storing the raw message in S3. */

import '../lib/zod-english.ts';
import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import * as z from 'zod/mini';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoHeldMailStore } from '../adapters/dynamo/held-mail.ts';
import { DynamoNoticeStore } from '../adapters/dynamo/notices.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { S3MailStore } from '../adapters/s3-mail-store.ts';
import { supportMailbox } from '../adapters/ses-mailer.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { inboundEmailEnvironment } from './environment.ts';
import { type InboundDeps, type InboundOutcome, receiveMail } from './inbound-email.ts';

/**
 * The SES receipt event (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html):
 * `mail.timestamp` is when SES received the message; `dmarcPolicy` comes only with a DMARC FAIL.
 */
const verdict = z.object({ status: z.enum(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']) });
const sesEvent = z.object({
  Records: z.array(
    z.object({
      ses: z.object({
        mail: z.object({ messageId: z.string().check(z.minLength(1)), timestamp: z.optional(z.string()) }),
        receipt: z.object({
          spamVerdict: verdict,
          virusVerdict: verdict,
          spfVerdict: verdict,
          dkimVerdict: verdict,
          dmarcVerdict: verdict,
          dmarcPolicy: z.optional(z.enum(['none', 'quarantine', 'reject', 'NONE', 'QUARANTINE', 'REJECT'])),
        }),
      }),
    }),
  ),
});

/** SES's `mail.timestamp` (ISO 8601), if it is one. */
function receivedAt(timestamp: string | undefined): number | undefined {
  const at = timestamp === undefined ? Number.NaN : Date.parse(timestamp);
  return Number.isNaN(at) ? undefined : at;
}

const logger = new Logger({ serviceName: 'sla-escalator-inbound-email' });

export function createInboundEmailHandler(deps: () => InboundDeps) {
  return middy(async (event: unknown): Promise<InboundOutcome[]> => {
    const outcomes: InboundOutcome[] = [];
    for (const { ses } of sesEvent.parse(event).Records) {
      const r = ses.receipt;
      const outcome = await receiveMail(
        {
          sesMessageId: ses.mail.messageId,
          receivedAt: receivedAt(ses.mail.timestamp),
          verdicts: {
            spam: r.spamVerdict.status,
            virus: r.virusVerdict.status,
            spf: r.spfVerdict.status,
            dkim: r.dkimVerdict.status,
            dmarc: r.dmarcVerdict.status,
            dmarcPolicy: r.dmarcPolicy?.toLowerCase() as 'none' | 'quarantine' | 'reject' | undefined,
          },
        },
        deps(),
      );
      logger.info('mail', { sesMessageId: ses.mail.messageId, ...outcome });
      outcomes.push(outcome);
    }
    return outcomes;
  });
}

function productionDeps(): InboundDeps {
  const env = parseEnvironment(inboundEmailEnvironment);
  const documents = documentClient(env.AWS_REGION);
  return {
    store: new DynamoTicketStore(documents, env.TABLE_NAME),
    policies: storedPolicyCatalog({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
    held: new DynamoHeldMailStore(documents, env.TABLE_NAME),
    mail: new S3MailStore(new S3Client({ region: env.AWS_REGION }), env.MAIL_BUCKET, env.MAIL_PREFIX),
    ...supportMailbox(env.AWS_REGION, env.SUPPORT_ADDRESS),
    now: Date.now,
    maxBytes: env.MAX_MAIL_BYTES,
    log: (message, detail) => logger.info(message, detail),
    notices: new DynamoNoticeStore({ client: documents, table: env.TABLE_NAME, clock: Date.now }),
  };
}

export const handler = entryPoint(productionDeps, createInboundEmailHandler);
