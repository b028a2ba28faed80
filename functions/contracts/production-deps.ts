/** The contracts function's production wiring: the table (notices, tier reviews, the mail outbox), the admins' addresses. */

import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoMailOutbox, markedIds, queueOnceForGood } from '../adapters/dynamo/mail-outbox.ts';
import { DynamoNoticeStore } from '../adapters/dynamo/notices.ts';
import { DynamoOutcomes } from '../adapters/dynamo/outcomes.ts';
import { storedPolicyCatalog } from '../adapters/dynamo/policies.ts';
import { DynamoTicketStore } from '../adapters/dynamo/ticket-store.ts';
import { DynamoTierReviews } from '../adapters/dynamo/tier-reviews.ts';
import { parseEnvironment } from '../lib/config.ts';
import { contractsEnvironment } from './environment.ts';
import type { ContractsDeps } from './handler.ts';

export function productionContractsDeps(): ContractsDeps {
  const env = parseEnvironment(contractsEnvironment);
  const documents = documentClient(env.AWS_REGION);
  const at = { client: documents, table: env.TABLE_NAME, clock: Date.now };
  const policies = storedPolicyCatalog(at);
  return {
    notices: { notices: new DynamoNoticeStore(at) },
    tierReviews: {
      reviews: new DynamoTierReviews(at),
      mailOutbox: new DynamoMailOutbox(at),
      admins: env.TIER_REVIEW_ADMINS,
      now: Date.now,
      policies,
    },
    monthlyReports: {
      store: new DynamoTicketStore(documents, env.TABLE_NAME),
      outcomes: new DynamoOutcomes(at),
      queueOnce: (mails) => queueOnceForGood(at, mails),
      queued: (ids) => markedIds(at, ids),
      now: Date.now,
      policies,
    },
  };
}
